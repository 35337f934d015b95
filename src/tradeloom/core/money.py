"""Money: a Decimal amount with an ISO 4217 currency, never a float.

Amounts are rounded half-up to the currency's minor unit and stored as integer
minor units next to the currency code.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from tradeloom.core.currencies import CURRENCIES
from tradeloom.core.errors import DomainError


class CurrencyError(DomainError):
    code = "invalid_currency"


class CurrencyMismatch(DomainError):
    code = "currency_mismatch"


def exponent(currency: str) -> int:
    try:
        return CURRENCIES[currency][0]
    except KeyError:
        raise CurrencyError(
            _("Unknown currency: %(code)s") % {"code": currency}, details={"currency": currency}
        )


def quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-exponent(currency))


# Amounts are stored as a signed 64-bit count of minor units.
MAX_MINOR = 2**63 - 1


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if isinstance(self.amount, float):
            raise TypeError("Money refuses floats; pass a Decimal, int or str")
        try:
            amount = Decimal(self.amount)
        except (InvalidOperation, TypeError, ValueError):
            raise DomainError(_("Not a valid amount."), code="invalid_amount")
        if not amount.is_finite():
            raise DomainError(_("Not a valid amount."), code="invalid_amount")
        step = quantum(self.currency)
        try:
            amount = amount.quantize(step, rounding=ROUND_HALF_UP)
        except InvalidOperation:  # more digits than the decimal context holds
            amount = None
        if amount is None or abs(amount.scaleb(-step.as_tuple().exponent)) > MAX_MINOR:
            raise DomainError(_("The amount is too large."), code="invalid_amount")
        object.__setattr__(self, "amount", amount)

    # --- storage ---------------------------------------------------------------
    @classmethod
    def from_minor(cls, minor: int, currency: str) -> Money:
        if type(minor) is not int:  # a float or Decimal here would hide a unit mix-up
            raise TypeError("minor units are an int")
        return cls(Decimal(minor).scaleb(-exponent(currency)), currency)

    @property
    def minor(self) -> int:
        return int(self.amount.scaleb(exponent(self.currency)))

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal(0), currency)

    # --- arithmetic ----------------------------------------------------------------
    def _same(self, other: Money) -> None:
        if not isinstance(other, Money):
            raise TypeError("Money can only be combined with Money")
        if other.currency != self.currency:
            raise CurrencyMismatch(
                _("Cannot combine %(a)s with %(b)s.") % {"a": self.currency, "b": other.currency}
            )

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: int | Decimal) -> Money:
        if isinstance(factor, float | Money):
            raise TypeError("Multiply Money by an int or Decimal")
        return Money(self.amount * Decimal(factor), self.currency)

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.amount <= other.amount

    def __gt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount > other.amount

    def __ge__(self, other: Money) -> bool:
        self._same(other)
        return self.amount >= other.amount

    def __bool__(self) -> bool:
        return bool(self.amount)

    def allocate(self, ratios: list[int]) -> list[Money]:
        """Split into parts by integer ratios without losing or inventing a minor unit.

        Each part is its exact share rounded down; the minor units left over go one
        each to the parts with the largest remainders, never to a part whose ratio is 0.
        """
        if not ratios or any(type(r) is not int or r < 0 for r in ratios) or sum(ratios) == 0:
            raise ValueError("ratios must be non-negative integers, not all zero")
        total, whole = self.minor, sum(ratios)
        parts = [total * r // whole for r in ratios]
        # Floor division leaves 0 <= left over < number of non-zero ratios.
        left_over = total - sum(parts)
        by_remainder = sorted(
            (i for i, r in enumerate(ratios) if r), key=lambda i: (-(total * ratios[i] % whole), i)
        )
        for i in by_remainder[:left_over]:
            parts[i] += 1
        return [Money.from_minor(p, self.currency) for p in parts]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"
