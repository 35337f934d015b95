"""Price resolution: the tier holding the quantity, exact totals, conversions with their
rate, variant overrides, customization surcharges and every problem it reports."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradeloom.catalog.models import Product
from tradeloom.catalog.pricing import require_ok, resolve_price, tier_for
from tradeloom.catalog.rules import MAX_TIERS, TierInput
from tradeloom.catalog.services import CustomizationInput, VariantInput, save_product
from tradeloom.core.errors import DomainError
from tradeloom.core.models import FxRate
from tradeloom.core.money import Money

pytestmark = pytest.mark.django_db

AT = datetime(2026, 11, 21, tzinfo=UTC)
DB_EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@st.composite
def tier_tables(draw):
    """A valid table: MOQ a multiple of the increment, tiers from the MOQ without gaps,
    the last open, prices never rising."""
    increment = draw(st.integers(1, 50))
    moq = increment * draw(st.integers(1, 40))
    count = draw(st.integers(1, MAX_TIERS))
    starts = [moq]
    for _i in range(count - 1):
        starts.append(starts[-1] + draw(st.integers(1, 5000)))
    price = draw(st.integers(1, 5_000_000))
    tiers = []
    for i, start in enumerate(starts):
        end = starts[i + 1] - 1 if i + 1 < len(starts) else None
        tiers.append(TierInput(start, end, price))
        price = draw(st.integers(1, price))
    return moq, increment, tiers


@st.composite
def table_and_quantity(draw):
    moq, increment, tiers = draw(tier_tables())
    span = tiers[-1].min_quantity - moq + 10 * increment
    steps = draw(st.integers(0, span // increment + 1))
    return moq, increment, tiers, moq + steps * increment


def holding(tiers: list[TierInput], quantity: int) -> TierInput:
    [tier] = [
        t
        for t in tiers
        if t.min_quantity <= quantity and (t.max_quantity is None or quantity <= t.max_quantity)
    ]
    return tier


# --- the tier and the total ------------------------------------------------------------------


@DB_EXAMPLES
@given(case=table_and_quantity())
def test_the_tier_chosen_is_the_one_holding_the_quantity(supplier, sweater_input, case):
    moq, increment, tiers, quantity = case
    product = save_product(
        supplier, sweater_input(moq=moq, order_increment=increment, tiers=tiers, variants=[])
    )

    quote = resolve_price(product, quantity)

    expected = holding(tiers, quantity)
    assert quote.problems == []
    assert (quote.tier.min_quantity, quote.tier.max_quantity) == (
        expected.min_quantity,
        expected.max_quantity,
    )
    assert quote.unit_price.minor == expected.unit_price_minor


@DB_EXAMPLES
@given(case=table_and_quantity(), currency=st.sampled_from(["USD", "JPY", "CNY", "EUR"]))
def test_totals_are_exact_in_minor_units(supplier, sweater_input, case, currency):
    moq, increment, tiers, quantity = case
    product = save_product(
        supplier,
        sweater_input(
            moq=moq, order_increment=increment, tiers=tiers, variants=[], currency=currency
        ),
    )

    quote = resolve_price(product, quantity)

    assert quote.line_total.currency == currency
    assert quote.line_total.minor == quote.unit_price.minor * quantity


@given(case=table_and_quantity())
def test_tier_for_agrees_with_the_table_without_a_database(case):
    _moq, _increment, tiers, quantity = case

    assert tier_for(tiers, quantity) == holding(tiers, quantity)


def test_below_the_first_tier_no_tier_holds_the_quantity():
    tiers = [TierInput(500, 999, 720), TierInput(1000, None, 680)]

    assert tier_for(tiers, 499) is None


# --- conversions --------------------------------------------------------------------------------


@DB_EXAMPLES
@given(
    case=table_and_quantity(),
    rate=st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("500"), places=4),
    target=st.sampled_from(["JPY", "EUR", "CNY"]),
)
def test_a_conversion_records_the_rate_it_used(supplier, sweater_input, case, rate, target):
    moq, increment, tiers, quantity = case
    FxRate.objects.all().delete()
    row = FxRate.objects.create(base_id="USD", quote_id=target, rate=rate, as_of=AT, source="test")
    product = save_product(
        supplier, sweater_input(moq=moq, order_increment=increment, tiers=tiers, variants=[])
    )

    quote = resolve_price(product, quantity, currency=target, at=AT)

    assert quote.approximate
    assert quote.shown_total.rate_ids == (row.pk,)
    assert quote.shown_unit.rate_ids == (row.pk,)
    assert Decimal(quote.shown_total.snapshot()["rate"]) == rate
    assert quote.shown_total.snapshot()["source"] == "test"
    assert quote.shown_total.original == quote.line_total
    assert quote.shown_total.result == Money(quote.line_total.amount * rate, target)


def test_the_rate_used_is_the_latest_before_the_quote(supplier, sweater_input):
    old = FxRate.objects.create(
        base_id="USD",
        quote_id="JPY",
        rate=Decimal("140"),
        as_of=datetime(2026, 1, 1, tzinfo=UTC),
        source="test",
    )
    FxRate.objects.create(
        base_id="USD",
        quote_id="JPY",
        rate=Decimal("160"),
        as_of=datetime(2026, 12, 1, tzinfo=UTC),
        source="test",
    )
    product = save_product(supplier, sweater_input())

    quote = resolve_price(product, 1000, currency="JPY", at=AT)

    assert quote.shown_total.rate_ids == (old.pk,)
    assert quote.shown_total.result == Money("952000", "JPY")


def test_the_product_currency_is_not_converted(supplier, sweater_input):
    product = save_product(supplier, sweater_input())

    quote = resolve_price(product, 1000, currency="USD")

    assert (quote.shown_unit, quote.shown_total, quote.approximate) == (None, None, False)


def test_without_a_rate_the_supplier_currency_alone_is_shown(supplier, sweater_input):
    product = save_product(supplier, sweater_input())

    quote = resolve_price(product, 1000, currency="GBP")

    assert quote.line_total == Money("6800.00", "USD")
    assert (quote.shown_total, quote.approximate) == (None, False)


# --- variants and customizations -----------------------------------------------------------------


@DB_EXAMPLES
@given(case=table_and_quantity(), override=st.integers(1, 10_000_000))
def test_a_variant_override_replaces_the_tier_price(supplier, sweater_input, case, override):
    moq, increment, tiers, quantity = case
    product = save_product(
        supplier,
        sweater_input(
            moq=moq,
            order_increment=increment,
            tiers=tiers,
            variants=[VariantInput(f"OV-{Product.objects.count()}", {}, override)],
        ),
    )
    variant = product.variants.get()

    quote = resolve_price(product, quantity, variant=variant)

    assert quote.unit_price.minor == override
    assert quote.line_total.minor == override * quantity
    assert quote.variant_id == variant.pk


def test_a_variant_without_override_pays_the_tier_price(supplier, sweater_input):
    product = save_product(supplier, sweater_input())

    quote = resolve_price(product, 1000, variant=product.variants.get())

    assert quote.unit_price == Money("6.80", "USD")


@DB_EXAMPLES
@given(
    case=table_and_quantity(),
    surcharges=st.lists(st.integers(0, 100_000), min_size=1, max_size=5),
)
def test_customization_surcharges_add_to_the_unit_price(supplier, sweater_input, case, surcharges):
    moq, increment, tiers, quantity = case
    kinds = ["logo", "label", "packaging", "colour", "design"]
    product = save_product(
        supplier,
        sweater_input(
            moq=moq,
            order_increment=increment,
            tiers=tiers,
            variants=[],
            customizations=[CustomizationInput(kinds[i], moq, s) for i, s in enumerate(surcharges)],
        ),
    )

    quote = resolve_price(product, quantity, customizations=list(product.customizations.all()))

    base = holding(tiers, quantity).unit_price_minor
    assert quote.surcharge.minor == sum(surcharges)
    assert quote.unit_price.minor == base + sum(surcharges)
    assert quote.line_total.minor == (base + sum(surcharges)) * quantity
    assert quote.problems == []


def test_override_and_surcharge_together(supplier, sweater_input):
    product = save_product(
        supplier,
        sweater_input(
            variants=[VariantInput("CS-CAMEL-L", {"colour": "camel"}, 740)],
            customizations=[CustomizationInput("logo", 500, 30)],
        ),
    )

    quote = resolve_price(
        product,
        1000,
        variant=product.variants.get(),
        customizations=list(product.customizations.all()),
    )

    assert (quote.unit_price, quote.line_total) == (Money("7.70", "USD"), Money("7700.00", "USD"))


def test_another_products_variant_is_refused(supplier, sweater_input):
    product = save_product(supplier, sweater_input())
    other = save_product(supplier, sweater_input(variants=[VariantInput("OTHER-1")]))

    with pytest.raises(DomainError) as refused:
        resolve_price(product, 1000, variant=other.variants.get())

    assert refused.value.code == "variant_mismatch"


def test_another_products_customization_is_refused(supplier, sweater_input):
    product = save_product(supplier, sweater_input())
    other = save_product(
        supplier,
        sweater_input(variants=[], customizations=[CustomizationInput("logo", 500, 30)]),
    )

    with pytest.raises(DomainError) as refused:
        resolve_price(product, 1000, customizations=list(other.customizations.all()))

    assert refused.value.code == "customization_mismatch"


# --- problems -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quantity", "codes"),
    [
        (499, ["below_moq"]),
        (1, ["below_moq"]),
        (0, ["invalid_quantity", "below_moq"]),
        (525, ["not_increment"]),
        (550, []),
    ],
)
def test_quantity_problems(supplier, sweater_input, quantity, codes):
    product = save_product(supplier, sweater_input())

    quote = resolve_price(product, quantity)

    assert [p.code for p in quote.problems] == codes
    assert quote.ok is (codes == [])


def test_below_the_moq_there_is_no_price(supplier, sweater_input):
    product = save_product(supplier, sweater_input())

    quote = resolve_price(product, 499)

    assert (quote.tier, quote.unit_price, quote.line_total) == (None, None, None)


def test_a_customization_has_its_own_minimum(supplier, sweater_input):
    product = save_product(
        supplier, sweater_input(customizations=[CustomizationInput("logo", 1000, 30)])
    )

    quote = resolve_price(product, 500, customizations=list(product.customizations.all()))

    assert [p.code for p in quote.problems] == ["below_customization_moq"]
    assert quote.line_total == Money("3750.00", "USD")  # shown, though not orderable
    assert not quote.ok


def test_price_on_request_has_no_price(supplier, sweater_input):
    product = save_product(
        supplier,
        sweater_input(price_mode="on_request", tiers=[], fob_min_minor=600, fob_max_minor=900),
    )

    quote = resolve_price(product, 1000)

    assert [p.code for p in quote.problems] == ["price_on_request"]
    assert (quote.unit_price, quote.line_total, quote.tier) == (None, None, None)


def test_require_ok_raises_the_first_problem_with_all_of_them(supplier, sweater_input):
    product = save_product(supplier, sweater_input())

    with pytest.raises(DomainError) as refused:
        require_ok(resolve_price(product, 0))

    assert refused.value.code == "invalid_quantity"
    assert [p["code"] for p in refused.value.details["problems"]] == [
        "invalid_quantity",
        "below_moq",
    ]


def test_require_ok_returns_a_good_quote(supplier, sweater_input):
    product = save_product(supplier, sweater_input())
    quote = resolve_price(product, 5000)

    assert require_ok(quote) is quote
