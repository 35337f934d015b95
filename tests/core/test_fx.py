from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradeloom.core.errors import NotFound
from tradeloom.core.fx import FxImportError, convert, load_rates_csv
from tradeloom.core.models import FxRate
from tradeloom.core.money import Money

pytestmark = pytest.mark.django_db

HEADER = "base,quote,rate,as_of,source\n"
JAN_1 = datetime(2025, 1, 1, tzinfo=UTC)


def rate(base, quote, value, as_of=JAN_1, source="ecb"):
    return FxRate.objects.create(
        base_id=base, quote_id=quote, rate=Decimal(value), as_of=as_of, source=source
    )


# --- loading ------------------------------------------------------------------------


def test_loads_every_row_of_a_valid_file():
    text = HEADER + "USD,JPY,151.25,2025-01-01,ecb\nEUR,USD,1.0850,2025-01-01T12:00:00Z,ecb\n"

    assert load_rates_csv(text) == 2

    stored = {(r.base_id, r.quote_id): (r.rate, r.as_of, r.source) for r in FxRate.objects.all()}
    assert stored == {
        ("USD", "JPY"): (Decimal("151.25"), JAN_1, "ecb"),
        ("EUR", "USD"): (Decimal("1.085"), datetime(2025, 1, 1, 12, tzinfo=UTC), "ecb"),
    }


def test_a_date_without_time_is_midnight_utc():
    load_rates_csv(HEADER + "USD,JPY,151.25,2025-03-04,ecb\n")
    assert FxRate.objects.get().as_of == datetime(2025, 3, 4, tzinfo=UTC)


def test_a_date_time_with_an_offset_keeps_its_instant():
    load_rates_csv(HEADER + "USD,JPY,151.25,2025-03-04T09:00:00+09:00,ecb\n")
    assert FxRate.objects.get().as_of == datetime(2025, 3, 4, 0, tzinfo=UTC)


def test_a_row_without_source_takes_the_default_source():
    load_rates_csv("base,quote,rate,as_of\nusd,jpy,150,2025-01-01\n", default_source="manual")
    assert FxRate.objects.get().source == "manual"


def test_lower_case_codes_and_spaced_headers_are_accepted():
    load_rates_csv("base, quote, rate, as_of\nusd, jpy, 150, 2025-01-01\n")
    assert FxRate.objects.get().base_id == "USD"


def test_a_byte_order_mark_is_ignored():
    assert load_rates_csv("\ufeff" + HEADER + "USD,JPY,150,2025-01-01,ecb\n") == 1


def test_loading_the_same_file_twice_adds_nothing():
    text = HEADER + "USD,JPY,150,2025-01-01,ecb\nUSD,EUR,0.92,2025-01-01,ecb\n"
    load_rates_csv(text)

    assert load_rates_csv(text) == 0
    assert FxRate.objects.count() == 2


def test_a_rate_is_rounded_to_ten_places():
    load_rates_csv(HEADER + "USD,JPY,0.123456789012345,2025-01-01,ecb\n")
    assert FxRate.objects.get().rate == Decimal("0.1234567890")


@pytest.mark.parametrize(
    ("bad_row", "words"),
    [
        ("USD,XYZ,150,2025-01-01,ecb", "unknown currency 'XYZ'"),
        ("USD,,150,2025-01-01,ecb", "unknown currency ''"),
        ("USD,USD,1,2025-01-01,ecb", "base and quote are the same"),
        ("USD,JPY,0,2025-01-01,ecb", "rate must be a positive number"),
        ("USD,JPY,-3,2025-01-01,ecb", "rate must be a positive number"),
        ("USD,JPY,abc,2025-01-01,ecb", "rate must be a positive number"),
        ("USD,JPY,NaN,2025-01-01,ecb", "rate must be a positive number"),
        ("USD,JPY,Infinity,2025-01-01,ecb", "rate must be a positive number"),
        ("USD,JPY,0.00000000001,2025-01-01,ecb", "rate must be a positive number"),
        ("USD,JPY,1e20,2025-01-01,ecb", "rate must be a positive number"),
        ("USD,JPY,150,2025-02-30,ecb", "as_of must be a date"),
        ("USD,JPY,150,yesterday,ecb", "as_of must be a date"),
        ("USD,JPY,150,,ecb", "as_of must be a date"),
    ],
)
def test_a_bad_row_names_its_line_and_saves_nothing(bad_row, words):
    text = HEADER + "USD,EUR,0.92,2025-01-01,ecb\n" + bad_row + "\n"

    with pytest.raises(FxImportError) as info:
        load_rates_csv(text)

    assert info.value.message.startswith("Line 3: ")
    assert words in info.value.message
    assert info.value.code == "fx_import_invalid"
    assert FxRate.objects.count() == 0


def test_line_numbers_count_blank_lines():
    text = HEADER + "USD,EUR,0.92,2025-01-01,ecb\n\n\nUSD,JPY,-1,2025-01-01,ecb\n"
    with pytest.raises(FxImportError) as info:
        load_rates_csv(text)
    assert info.value.message.startswith("Line 5: ")


def test_missing_columns_are_named():
    with pytest.raises(FxImportError) as info:
        load_rates_csv("base,quote\nUSD,JPY\n")
    assert info.value.message == "Missing columns: as_of, rate"


def test_an_empty_file_is_refused():
    with pytest.raises(FxImportError):
        load_rates_csv("")


# --- the management command ---------------------------------------------------------------


def test_command_loads_a_csv_file(tmp_path, capsys):
    path = tmp_path / "rates.csv"
    path.write_text(
        "\ufeff" + HEADER + "USD,JPY,150,2025-01-01,ecb\nUSD,CNY,7.2,2025-01-01,ecb\n",
        encoding="utf-8",
    )

    call_command("load_fx_rates", str(path))

    assert capsys.readouterr().out.strip() == f"Loaded 2 rates from {path}"
    assert sorted(FxRate.objects.values_list("quote_id", flat=True)) == ["CNY", "JPY"]


def test_command_uses_the_source_option(tmp_path):
    path = tmp_path / "rates.csv"
    path.write_text("base,quote,rate,as_of\nUSD,JPY,150,2025-01-01\n", encoding="utf-8")

    call_command("load_fx_rates", str(path), "--source", "boj")

    assert FxRate.objects.get().source == "boj"


def test_command_refuses_a_bad_file_and_saves_nothing(tmp_path):
    path = tmp_path / "rates.csv"
    path.write_text(
        HEADER + "USD,JPY,150,2025-01-01,ecb\nUSD,JPY,0,2025-01-02,ecb\n", encoding="utf-8"
    )

    with pytest.raises(CommandError, match=r"^Line 3: rate must be a positive number"):
        call_command("load_fx_rates", str(path))
    assert FxRate.objects.count() == 0


def test_command_reports_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("load_fx_rates", str(tmp_path / "absent.csv"))


# --- conversion ------------------------------------------------------------------------------


def test_converts_with_the_latest_rate_at_or_before_the_moment():
    rate("USD", "JPY", "140", as_of=JAN_1)
    used = rate("USD", "JPY", "150", as_of=JAN_1 + timedelta(days=10))
    rate("USD", "JPY", "160", as_of=JAN_1 + timedelta(days=20))

    conversion = convert(Money("10", "USD"), "JPY", at=JAN_1 + timedelta(days=15))

    assert conversion.result == Money("1500", "JPY")
    assert conversion.rate_ids == (used.id,)


def test_a_rate_published_exactly_at_the_moment_is_used():
    used = rate("USD", "JPY", "150", as_of=JAN_1)
    assert convert(Money("1", "USD"), "JPY", at=JAN_1).rate_ids == (used.id,)


def test_without_a_moment_a_future_rate_is_not_used():
    now = timezone.now()
    current = rate("USD", "JPY", "150", as_of=now - timedelta(hours=1))
    rate("USD", "JPY", "999", as_of=now + timedelta(days=1))

    conversion = convert(Money("2", "USD"), "JPY")

    assert (conversion.result, conversion.rate_ids) == (Money("300", "JPY"), (current.id,))


def test_a_rate_after_the_moment_only_is_missing():
    rate("USD", "JPY", "150", as_of=JAN_1)
    with pytest.raises(NotFound) as info:
        convert(Money("1", "USD"), "JPY", at=JAN_1 - timedelta(seconds=1))
    assert info.value.code == "fx_rate_missing"


def test_falls_back_to_the_inverse_rate():
    used = rate("USD", "JPY", "160")

    conversion = convert(Money("8000", "JPY"), "USD", at=JAN_1)

    assert conversion.result == Money("50.00", "USD")
    assert conversion.rate == Decimal(1) / Decimal(160)
    assert conversion.rate_ids == (used.id,)


def test_crosses_through_usd_when_no_pair_exists():
    eur_usd = rate("EUR", "USD", "1.10", as_of=JAN_1)
    usd_jpy = rate("USD", "JPY", "150", as_of=JAN_1 + timedelta(hours=1), source="boj")

    conversion = convert(Money("100", "EUR"), "JPY", at=JAN_1 + timedelta(days=1))

    snapshot = conversion.snapshot()
    assert conversion.result == Money("16500", "JPY")
    assert Decimal(snapshot.pop("rate")) == Decimal("165")
    assert snapshot == {
        "from": "EUR",
        "to": "JPY",
        "rate_ids": [eur_usd.id, usd_jpy.id],
        "source": "ecb+boj",
        "as_of": JAN_1.isoformat(),
    }


def test_crosses_through_usd_with_inverse_legs():
    rate("USD", "EUR", "0.5")
    rate("JPY", "USD", "0.01")

    conversion = convert(Money("10", "EUR"), "JPY", at=JAN_1)

    assert conversion.result == Money("2000", "JPY")


def test_snapshot_of_a_direct_conversion_names_the_rate_row():
    used = rate("USD", "CNY", "7.2")

    snapshot = convert(Money("3", "USD"), "CNY", at=JAN_1).snapshot()

    assert snapshot == {
        "from": "USD",
        "to": "CNY",
        "rate": "7.2000000000",
        "rate_ids": [used.id],
        "source": "ecb",
        "as_of": JAN_1.isoformat(),
    }


def test_converting_to_the_same_currency_uses_no_rate():
    conversion = convert(Money("3.50", "USD"), "USD")
    assert (conversion.result, conversion.rate_ids, conversion.source) == (
        Money("3.50", "USD"),
        (),
        "identity",
    )


def test_a_missing_rate_is_not_found_with_a_code():
    rate("EUR", "USD", "1.1")

    with pytest.raises(NotFound) as info:
        convert(Money("1", "EUR"), "JPY", at=JAN_1)

    assert info.value.code == "fx_rate_missing"
    assert info.value.status == 404
    assert info.value.details == {"from": "EUR", "to": "JPY"}


rates = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("9999"), places=4)
amounts = st.decimals(min_value=Decimal("-1000000"), max_value=Decimal("1000000"), places=2)
pairs = st.sampled_from([("USD", "JPY"), ("EUR", "KWD"), ("JPY", "USD"), ("CNY", "EUR")])


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60, deadline=None
)
@given(value=rates, amount=amounts, pair=pairs)
def test_direct_conversion_is_amount_times_rate_rounded_to_the_target(value, amount, pair):
    FxRate.objects.all().delete()
    base, quote = pair
    rate(base, quote, value)
    money = Money(amount, base)

    assert convert(money, quote, at=JAN_1).result == Money(money.amount * value, quote)
