"""Currency conversion from stored FX rates; every conversion says which rate it used."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from tradeloom.core.currencies import CURRENCIES
from tradeloom.core.errors import DomainError, NotFound
from tradeloom.core.models import FxRate
from tradeloom.core.money import Money

PIVOT = "USD"


@dataclass(frozen=True)
class Conversion:
    """The result of a conversion and the evidence for it, to be snapshotted."""

    original: Money
    result: Money
    rate: Decimal  # units of result currency per unit of original currency
    rate_ids: tuple[int, ...]  # the FxRate rows used (two when crossed through the pivot)
    as_of: datetime | None
    source: str

    def snapshot(self) -> dict:
        return {
            "from": self.original.currency,
            "to": self.result.currency,
            "rate": str(self.rate),
            "rate_ids": list(self.rate_ids),
            "source": self.source,
            "as_of": self.as_of.isoformat() if self.as_of else None,
        }


def _latest(base: str, quote: str, at: datetime | None) -> FxRate | None:
    qs = FxRate.objects.filter(base_id=base, quote_id=quote)
    if at is not None:
        qs = qs.filter(as_of__lte=at)
    return qs.order_by("-as_of", "-id").first()


def _direct(base: str, quote: str, at: datetime | None) -> tuple[Decimal, list[FxRate]] | None:
    if row := _latest(base, quote, at):
        return row.rate, [row]
    if row := _latest(quote, base, at):
        return Decimal(1) / row.rate, [row]
    return None


def rate_between(base: str, quote: str, at: datetime | None = None) -> tuple[Decimal, list[FxRate]]:
    if base == quote:
        return Decimal(1), []
    if found := _direct(base, quote, at):
        return found
    if PIVOT not in (base, quote):
        left, right = _direct(base, PIVOT, at), _direct(PIVOT, quote, at)
        if left and right:
            return left[0] * right[0], left[1] + right[1]
    raise NotFound(
        _("No exchange rate from %(base)s to %(quote)s.") % {"base": base, "quote": quote},
        code="fx_rate_missing",
        details={"from": base, "to": quote},
    )


def convert(money: Money, to_currency: str, at: datetime | None = None) -> Conversion:
    """Convert ``money`` at the latest rate known at ``at`` (default: now)."""
    # A rate published for a later moment must not price a conversion now.
    rate, rows = rate_between(money.currency, to_currency, at or timezone.now())
    return Conversion(
        original=money,
        result=Money(money.amount * rate, to_currency),
        rate=rate,
        rate_ids=tuple(r.id for r in rows),
        as_of=min((r.as_of for r in rows), default=None),
        source="+".join(dict.fromkeys(r.source for r in rows)) or "identity",
    )


class FxImportError(DomainError):
    code = "fx_import_invalid"


# FxRate.rate is DECIMAL(24, 10).
RATE_PLACES = 10
RATE_MAX = Decimal(10) ** (24 - RATE_PLACES)


def _parse_rate(raw: str) -> Decimal | None:
    try:
        rate = Decimal(raw)
    except InvalidOperation:
        return None
    if not rate.is_finite() or rate <= 0 or rate >= RATE_MAX:
        return None
    # Round here, not in the column, so both databases keep the same value; a rate
    # that rounds to zero is refused rather than breaking the positive-rate check.
    rate = rate.quantize(Decimal(1).scaleb(-RATE_PLACES), rounding=ROUND_HALF_UP)
    return rate if rate > 0 else None


def _parse_as_of(raw: str) -> datetime | None:
    try:
        as_of = parse_datetime(raw)
        if as_of is None and (day := parse_date(raw)):
            as_of = datetime(day.year, day.month, day.day)
    except ValueError:  # well-formed but impossible, such as 2024-02-30
        return None
    if as_of is not None and timezone.is_naive(as_of):
        as_of = as_of.replace(tzinfo=UTC)
    return as_of


def load_rates_csv(text: str, default_source: str = "csv") -> int:
    """Load rates from CSV with header ``base,quote,rate,as_of[,source]``.

    All rows or none: a bad row raises with its line number and nothing is saved.
    Loading the same file twice adds nothing.
    """
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if reader.fieldnames:
        reader.fieldnames = [(name or "").strip().lower() for name in reader.fieldnames]
    missing = {"base", "quote", "rate", "as_of"} - set(reader.fieldnames or [])
    if missing:
        raise FxImportError(_("Missing columns: %(cols)s") % {"cols": ", ".join(sorted(missing))})
    rows = []
    for rec in reader:
        line = reader.line_num  # the physical line, so blank lines do not shift it
        base, quote = (
            (rec.get("base") or "").strip().upper(),
            (rec.get("quote") or "").strip().upper(),
        )
        for code in (base, quote):
            if code not in CURRENCIES:
                raise FxImportError(
                    _("Line %(line)d: unknown currency %(code)r.") % {"line": line, "code": code}
                )
        if base == quote:
            raise FxImportError(_("Line %(line)d: base and quote are the same.") % {"line": line})
        rate = _parse_rate((rec.get("rate") or "").strip())
        if rate is None:
            raise FxImportError(
                _("Line %(line)d: rate must be a positive number below %(max)s.")
                % {"line": line, "max": f"{RATE_MAX:,}"}
            )
        as_of = _parse_as_of((rec.get("as_of") or "").strip())
        if as_of is None:
            raise FxImportError(
                _("Line %(line)d: as_of must be a date or date-time.") % {"line": line}
            )
        source = (rec.get("source") or "").strip() or default_source
        rows.append(
            FxRate(base_id=base, quote_id=quote, rate=rate, as_of=as_of, source=source[:64])
        )
    with transaction.atomic():
        before = FxRate.objects.count()
        FxRate.objects.bulk_create(rows, ignore_conflicts=True)
        return FxRate.objects.count() - before
