"""The ``money`` template filter: decimals of the currency, symbols of the reader's language."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from tradeloom.catalog.templatetags.catalog_tags import format_money
from tradeloom.core.money import Money


@pytest.mark.parametrize(
    ("language", "money", "text"),
    [
        ("en", Money("1234567.5", "USD"), "US$1,234,567.50"),
        ("en", Money("185000", "JPY"), "¥185,000"),
        ("en", Money("51.12", "CNY"), "CN¥51.12"),
        ("ja", Money("185000", "JPY"), "¥185,000"),
        ("ja", Money("7.2", "USD"), "US$7.20"),
        ("zh-hans", Money("51.12", "CNY"), "¥51.12"),
        ("zh-hans", Money("185000", "JPY"), "JP¥185,000"),
        ("zh-hans", Money("1234567.5", "CNY"), "¥1,234,567.50"),
        ("en", Money("12", "CHF"), "CHF\u00a012.00"),
        ("en", Money("1.5", "KWD"), "KWD\u00a01.500"),
        ("en", Money("-7.2", "EUR"), "-€7.20"),
    ],
)
def test_money_is_written_for_the_reader(language, money, text):
    with translation.override(language):
        assert format_money(money) == text


def test_no_amount_is_a_dash():
    assert format_money(None) == "—"


def test_the_filter_takes_money_and_minor_units():
    template = Template("{% load catalog_tags %}{{ price|money }} {{ minor|minor_money:'JPY' }}")
    with translation.override("en"):
        html = template.render(Context({"price": Money(Decimal("6.8"), "USD"), "minor": 1020}))
    assert html == "US$6.80 ¥1,020"
