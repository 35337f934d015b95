from django import template

from tradeloom.catalog.templatetags.catalog_tags import format_money

register = template.Library()


@register.filter
def tier_money(quote, tier) -> str:
    return format_money(quote.money(tier.unit_price_minor))
