from decimal import Decimal

import pytest

from tradeloom.core.money import CurrencyMismatch, Money


@pytest.mark.parametrize(("currency", "raw", "expected_minor"), [
    ("JPY", "1000.5", 1001), ("USD", "7.205", 721), ("KWD", "1.2345", 1235),
])
def test_rounds_half_up_to_minor_units(currency, raw, expected_minor):
    assert Money(raw, currency).minor == expected_minor


def test_refuses_floats():
    with pytest.raises(TypeError):
        Money(7.2, "USD")


def test_mixing_currencies_is_an_error():
    with pytest.raises(CurrencyMismatch):
        Money("1", "USD") + Money("1", "EUR")


def test_round_trip_through_minor_units():
    assert Money.from_minor(Money(Decimal("6.80"), "USD").minor, "USD") == Money("6.8", "USD")
