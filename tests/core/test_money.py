from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeloom.core.currencies import CURRENCIES
from tradeloom.core.errors import DomainError
from tradeloom.core.money import MAX_MINOR, CurrencyError, CurrencyMismatch, Money


@pytest.mark.parametrize(
    ("currency", "raw", "expected_minor"),
    [("JPY", "1000.5", 1001), ("USD", "7.205", 721), ("KWD", "1.2345", 1235)],
)
def test_rounds_half_up_to_minor_units(currency, raw, expected_minor):
    assert Money(raw, currency).minor == expected_minor


@pytest.mark.parametrize(
    ("currency", "raw", "expected"),
    [
        ("JPY", "1000.4", Decimal("1000")),
        ("USD", "7.204", Decimal("7.20")),
        ("KWD", "1.2344", Decimal("1.234")),
        ("USD", "-7.205", Decimal("-7.21")),
    ],
)
def test_rounds_below_half_down_and_negative_half_away_from_zero(currency, raw, expected):
    assert Money(raw, currency).amount == expected


@pytest.mark.parametrize(("currency", "places"), [("JPY", 0), ("USD", 2), ("KWD", 3)])
def test_amount_carries_exactly_the_currency_minor_digits(currency, places):
    assert Money("12", currency).amount.as_tuple().exponent == -places


@pytest.mark.parametrize(
    ("currency", "minor", "amount"),
    [
        ("JPY", 1500, Decimal("1500")),
        ("USD", 1500, Decimal("15.00")),
        ("KWD", 1500, Decimal("1.500")),
    ],
)
def test_from_minor_scales_by_the_currency_exponent(currency, minor, amount):
    assert Money.from_minor(minor, currency).amount == amount


def test_refuses_floats():
    with pytest.raises(TypeError):
        Money(7.2, "USD")


def test_from_minor_refuses_floats():
    with pytest.raises(TypeError):
        Money.from_minor(720.0, "USD")


@pytest.mark.parametrize("raw", ["NaN", "sNaN", "Infinity", "-Infinity", "seven", ""])
def test_refuses_non_finite_and_non_numbers(raw):
    with pytest.raises(DomainError) as info:
        Money(raw, "USD")
    assert info.value.code == "invalid_amount"


def test_refuses_an_amount_beyond_64_bit_minor_units():
    with pytest.raises(DomainError) as info:
        Money(Decimal(MAX_MINOR + 1).scaleb(-2), "USD")
    assert info.value.code == "invalid_amount"


def test_refuses_an_amount_too_long_for_the_decimal_context():
    with pytest.raises(DomainError) as info:
        Money("1e30", "USD")
    assert info.value.code == "invalid_amount"


def test_largest_storable_amount_is_accepted():
    assert Money.from_minor(MAX_MINOR, "USD").minor == MAX_MINOR


def test_unknown_currency_is_refused():
    with pytest.raises(CurrencyError) as info:
        Money("1", "XXX")
    assert info.value.code == "invalid_currency"


def test_mixing_currencies_is_an_error():
    with pytest.raises(CurrencyMismatch):
        Money("1", "USD") + Money("1", "EUR")


def test_subtracting_across_currencies_is_an_error():
    with pytest.raises(CurrencyMismatch):
        Money("1", "USD") - Money("1", "EUR")


@pytest.mark.parametrize(
    "compare",
    [
        lambda a, b: a < b,
        lambda a, b: a <= b,
        lambda a, b: a > b,
        lambda a, b: a >= b,
    ],
)
def test_comparing_across_currencies_is_an_error(compare):
    with pytest.raises(CurrencyMismatch):
        compare(Money("1", "USD"), Money("2", "EUR"))


def test_same_amount_in_other_currency_is_not_equal():
    assert Money("1", "USD") != Money("1", "EUR")


def test_adds_and_subtracts_within_one_currency():
    assert Money("1.10", "USD") + Money("2.25", "USD") - Money("0.35", "USD") == Money("3", "USD")


def test_compares_within_one_currency():
    assert Money("1.10", "USD") < Money("1.11", "USD") <= Money("1.11", "USD")


def test_multiplies_by_decimal_and_rounds_half_up():
    assert Money("0.10", "USD") * Decimal("0.05") == Money("0.01", "USD")


def test_multiplies_by_int_from_either_side():
    assert 3 * Money("0.10", "USD") == Money("0.30", "USD")


@pytest.mark.parametrize("factor", [1.5, Money("2", "USD")])
def test_refuses_to_multiply_by_float_or_money(factor):
    with pytest.raises(TypeError):
        Money("1", "USD") * factor


def test_adding_a_number_is_a_type_error():
    with pytest.raises(TypeError):
        Money("1", "USD") + Decimal("1")


def test_round_trip_through_minor_units():
    assert Money.from_minor(Money(Decimal("6.80"), "USD").minor, "USD") == Money("6.8", "USD")


def test_allocate_gives_left_over_units_to_the_largest_remainders():
    parts = Money("1.00", "USD").allocate([1, 1, 1])
    assert [p.minor for p in parts] == [34, 33, 33]


def test_allocate_never_gives_a_unit_to_a_zero_ratio():
    parts = Money("0.01", "USD").allocate([0, 1, 1])
    assert [p.minor for p in parts] == [0, 1, 0]


def test_allocate_follows_uneven_ratios():
    parts = Money("100", "JPY").allocate([70, 20, 10])
    assert [p.minor for p in parts] == [70, 20, 10]


def test_allocate_splits_negative_amounts_without_losing_units():
    parts = Money("-1.00", "USD").allocate([1, 1, 1])
    assert [p.minor for p in parts] == [-33, -33, -34]


@pytest.mark.parametrize("ratios", [[], [0, 0], [1, -1], [1.5, 1], [Decimal(1)]])
def test_allocate_refuses_bad_ratios(ratios):
    with pytest.raises(ValueError):
        Money("1", "USD").allocate(ratios)


currencies = st.sampled_from(sorted(CURRENCIES))
minor_units = st.integers(min_value=-(10**15), max_value=10**15)
ratio_lists = st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=12).filter(
    lambda r: sum(r) > 0
)


@given(minor=minor_units, currency=currencies, ratios=ratio_lists)
def test_allocate_parts_add_up_to_the_original(minor, currency, ratios):
    money = Money.from_minor(minor, currency)
    parts = money.allocate(ratios)
    assert sum(p.minor for p in parts) == money.minor
    assert all(p.currency == currency for p in parts)


@given(minor=minor_units, currency=currencies, ratios=ratio_lists)
def test_allocate_parts_are_within_one_unit_of_the_exact_share(minor, currency, ratios):
    parts = Money.from_minor(minor, currency).allocate(ratios)
    for part, ratio in zip(parts, ratios, strict=True):
        exact = Decimal(minor) * ratio / sum(ratios)
        assert abs(part.minor - exact) < 1
        if ratio == 0:
            assert part.minor == 0


@given(minor=minor_units, currency=currencies)
def test_from_minor_round_trips(minor, currency):
    assert Money.from_minor(minor, currency).minor == minor


@given(
    amount=st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, places=6),
    currency=currencies,
)
def test_rounding_moves_an_amount_by_at_most_half_a_minor_unit(amount, currency):
    money = Money(amount, currency)
    half_unit = Decimal(1).scaleb(-CURRENCIES[currency][0]) / 2
    assert abs(money.amount - amount) <= half_unit
