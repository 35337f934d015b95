"""Price resolution: the one place that says what a quantity of a product costs.

Cart, RFQ and order code call ``resolve_price`` and nothing else. Prices are in
the product's currency; ``shown`` is the same figure in the viewer's currency from
stored FX rates, marked approximate, with the rate used recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from tradeloom.catalog.models import CustomizationOption, PriceTier, Product, Variant
from tradeloom.core.errors import DomainError
from tradeloom.core.fx import Conversion, convert
from tradeloom.core.money import Money


@dataclass(frozen=True)
class PriceProblem:
    code: str
    message: str


@dataclass(frozen=True)
class PriceQuote:
    product_id: int
    variant_id: int | None
    quantity: int
    unit_price: Money | None  # base (tier or variant override) + customization surcharges
    tier: PriceTier | None
    surcharge: Money | None
    line_total: Money | None
    problems: list[PriceProblem] = field(default_factory=list)
    shown_unit: Conversion | None = None  # unit price in the viewer's currency
    shown_total: Conversion | None = None

    @property
    def ok(self) -> bool:
        return not self.problems and self.line_total is not None

    @property
    def approximate(self) -> bool:
        return self.shown_total is not None and self.shown_total.rate_ids != ()


def tier_for(tiers: list[PriceTier], quantity: int) -> PriceTier | None:
    """The tier whose range holds ``quantity`` (tiers sorted by min_quantity)."""
    chosen = None
    for tier in tiers:
        if quantity < tier.min_quantity:
            break
        if tier.max_quantity is None or quantity <= tier.max_quantity:
            chosen = tier
    return chosen


def resolve_price(
    product: Product,
    quantity: int,
    *,
    variant: Variant | None = None,
    customizations: list[CustomizationOption] | tuple = (),
    buyer=None,
    currency: str | None = None,
    at: datetime | None = None,
) -> PriceQuote:
    """Resolve unit price, tier and line total for ``quantity`` of ``product``.

    Rules: quantity must reach the MOQ and follow the order increment; each chosen
    customization has its own minimum. A variant's price override replaces the
    tier price. Problems are returned, not raised, so a calculator can show them;
    ``require_ok`` turns them into an error for code that must have a price.
    ``buyer`` is accepted for buyer-specific price lists (none yet).
    """
    problems: list[PriceProblem] = []
    if quantity < 1:
        problems.append(PriceProblem("invalid_quantity", _("Enter a quantity of at least 1.")))
    if quantity < product.moq:
        problems.append(
            PriceProblem(
                "below_moq", _("The minimum order is %(moq)s.") % {"moq": f"{product.moq:,}"}
            )
        )
    elif (quantity - product.moq) % product.order_increment:
        problems.append(
            PriceProblem(
                "not_increment",
                _("Order in steps of %(step)s above the minimum of %(moq)s.")
                % {"step": f"{product.order_increment:,}", "moq": f"{product.moq:,}"},
            )
        )
    if variant is not None and variant.product_id != product.pk:
        raise DomainError(_("This variant belongs to another product."), code="variant_mismatch")

    surcharge = Money.zero(product.currency)
    for option in customizations:
        if option.product_id != product.pk:
            raise DomainError(
                _("This customization belongs to another product."), code="customization_mismatch"
            )
        surcharge += Money.from_minor(option.surcharge_minor, product.currency)
        if quantity < option.moq:
            problems.append(
                PriceProblem(
                    "below_customization_moq",
                    _("%(option)s needs at least %(moq)s.")
                    % {"option": option.get_kind_display(), "moq": f"{option.moq:,}"},
                )
            )

    tier = None
    base: Money | None = None
    if product.price_mode == Product.PriceMode.ON_REQUEST:
        problems.append(
            PriceProblem("price_on_request", _("The supplier quotes this product on request."))
        )
    else:
        tier = tier_for(list(product.tiers.all()), max(quantity, 0))
        if variant is not None and variant.price_override_minor is not None:
            base = Money.from_minor(variant.price_override_minor, product.currency)
        elif tier is not None:
            base = Money.from_minor(tier.unit_price_minor, product.currency)
        elif quantity >= product.moq:
            problems.append(PriceProblem("no_tier", _("No price is set for this quantity.")))

    unit = base + surcharge if base is not None else None
    total = unit * quantity if unit is not None and quantity > 0 else None
    shown_unit = shown_total = None
    if currency and unit is not None and currency != product.currency:
        try:
            shown_unit = convert(unit, currency, at)
            shown_total = convert(total, currency, at) if total is not None else None
        except DomainError:
            shown_unit = shown_total = None  # no rate: show the supplier's currency only
    return PriceQuote(
        product_id=product.pk,
        variant_id=variant.pk if variant else None,
        quantity=quantity,
        unit_price=unit,
        tier=tier,
        surcharge=surcharge,
        line_total=total,
        problems=problems,
        shown_unit=shown_unit,
        shown_total=shown_total,
    )


def require_ok(quote: PriceQuote) -> PriceQuote:
    if not quote.ok:
        first = quote.problems[0] if quote.problems else PriceProblem("no_price", _("No price."))
        raise DomainError(
            first.message,
            code=first.code,
            details={"problems": [p.__dict__ for p in quote.problems]},
        )
    return quote


@dataclass(frozen=True)
class TierPrice:
    tier: PriceTier
    unit_price: Money
    shown_unit: Conversion | None  # the unit price in the viewer's currency


def tier_prices(
    product: Product, *, currency: str | None = None, at: datetime | None = None
) -> list[TierPrice]:
    """Every tier's unit price, converted to ``currency`` at one rate looked up once,
    so a page listing the tiers costs the same queries for one tier or ten."""
    tiers = list(product.tiers.all())
    prices = [Money.from_minor(t.unit_price_minor, product.currency) for t in tiers]
    shown: list[Conversion | None] = [None] * len(tiers)
    if currency and prices and currency != product.currency:
        try:
            first = convert(prices[0], currency, at)
        except DomainError:
            first = None  # no rate: the supplier's currency only
        if first is not None:
            shown = [
                Conversion(
                    original=price,
                    result=Money(price.amount * first.rate, currency),
                    rate=first.rate,
                    rate_ids=first.rate_ids,
                    as_of=first.as_of,
                    source=first.source,
                )
                for price in prices
            ]
    return [TierPrice(t, p, s) for t, p, s in zip(tiers, prices, shown, strict=True)]
