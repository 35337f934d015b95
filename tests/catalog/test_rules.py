"""Every bad input of the catalog's rulebook: refused with its code and field, by the rule
itself and through save_product, which then saves nothing."""

from __future__ import annotations

import pytest

from tradeloom.catalog import rules
from tradeloom.catalog.models import Product
from tradeloom.catalog.rules import LeadTimeInput, TierInput
from tradeloom.catalog.services import save_product
from tradeloom.core.errors import DomainError

T = TierInput
L = LeadTimeInput
GOOD_TIERS = [T(500, 999, 720), T(1000, 4999, 680), T(5000, None, 650)]


def refused(fn, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        fn(*args, **kwargs)
    return caught.value


# --- tiers ------------------------------------------------------------------------------------

BAD_TIERS = [
    pytest.param([T(500, 999, 720), T(900, None, 680)], "tiers_overlap", id="overlapping"),
    pytest.param([T(500, None, 720), T(1000, None, 680)], "tiers_overlap", id="open-then-more"),
    pytest.param([T(500, 999, 720), T(500, None, 680)], "tiers_overlap", id="same-start"),
    pytest.param([T(500, 450, 720), T(1000, None, 680)], "tiers_overlap", id="ends-before-start"),
    pytest.param([T(500, 999, 680), T(1000, None, 720)], "tiers_not_decreasing", id="price-rises"),
    pytest.param([T(400, 999, 720), T(1000, None, 680)], "tier_below_moq", id="below-moq"),
    pytest.param([T(600, 999, 720), T(1000, None, 680)], "tier_gap", id="starts-above-moq"),
    pytest.param([T(500, 999, 720), T(1200, None, 680)], "tier_gap", id="gap"),
    pytest.param([T(500, 999, 720), T(1000, 4999, 680)], "tier_gap", id="last-not-open"),
    pytest.param([T(500, 999, 0), T(1000, None, 0)], "price_not_positive", id="zero-price"),
    pytest.param([T(500, None, -720)], "price_not_positive", id="negative-price"),
    pytest.param([], "tiers_required", id="none"),
    pytest.param(
        [T(500 + i, 500 + i, 720) for i in range(10)] + [T(510, None, 700)],
        "too_many_tiers",
        id="eleven",
    ),
]


@pytest.mark.parametrize(("tiers", "code"), BAD_TIERS)
def test_bad_tiers_are_refused_with_their_code(tiers, code):
    error = refused(rules.tiers, tiers, 500)

    assert (error.code, error.details["field"], error.status) == (code, "tiers", 400)


def test_a_gap_names_both_quantities():
    error = refused(rules.tiers, [T(500, 999, 720), T(1200, None, 680)], 500)

    assert error.message == "Price tiers leave a gap between 999 and 1200."
    assert error.details == {"field": "tiers", "tier": 0}


def test_ten_tiers_are_allowed():
    tiers = [T(500 + i, 500 + i, 720 - i) for i in range(9)] + [T(509, None, 700)]

    assert len(rules.tiers(tiers, 500)) == rules.MAX_TIERS == 10


def test_tiers_are_returned_in_quantity_order():
    shuffled = [GOOD_TIERS[2], GOOD_TIERS[0], GOOD_TIERS[1]]

    assert rules.tiers(shuffled, 500) == GOOD_TIERS


def test_equal_prices_for_larger_quantities_are_allowed():
    assert rules.tiers([T(1, 9, 100), T(10, None, 100)], 1) == [T(1, 9, 100), T(10, None, 100)]


# --- lead times ---------------------------------------------------------------------------------

BAD_LEAD_TIMES = [
    pytest.param([L(5000, 30), L(1000, 45)], "lead_times_out_of_order", id="quantities-down"),
    pytest.param([L(1000, 30), L(1000, 45)], "lead_times_out_of_order", id="same-quantity"),
    pytest.param([L(None, 30), L(1000, 45)], "lead_times_out_of_order", id="open-not-last"),
    pytest.param([L(1000, 45), L(5000, 30)], "lead_times_out_of_order", id="more-ships-sooner"),
    pytest.param([L(1000, 0)], "out_of_range", id="zero-days"),
    pytest.param([L(1000, 366)], "out_of_range", id="over-a-year"),
    pytest.param([L(100 * (i + 1), 10 + i) for i in range(11)], "too_many_lead_times", id="eleven"),
]


@pytest.mark.parametrize(("rows", "code"), BAD_LEAD_TIMES)
def test_bad_lead_times_are_refused_with_their_code(rows, code):
    error = refused(rules.lead_times, rows)

    assert (error.code, error.details["field"]) == (code, "lead_times")


def test_a_lead_time_table_may_end_with_a_limit():
    rows = [L(1000, 30), L(5000, 45)]

    assert rules.lead_times(rows) == rows


def test_out_of_order_names_the_row():
    error = refused(rules.lead_times, [L(1000, 30), L(5000, 45), L(3000, 60)])

    assert error.details == {"field": "lead_times", "row": 2}


# --- quantities, prices, currency ----------------------------------------------------------------


@pytest.mark.parametrize(("moq", "increment"), [(500, 30), (10, 4), (1, 2)])
def test_moq_must_be_a_multiple_of_the_increment(moq, increment):
    error = refused(rules.moq_and_increment, moq, increment)

    assert (error.code, error.details["field"]) == ("moq_not_multiple", "moq")


@pytest.mark.parametrize(
    ("moq", "increment", "expected"),
    [
        (500, 50, (500, 50)),
        ("1,000", "100", (1000, 100)),
        (7, None, (7, 1)),
        (12, "", (12, 1)),
    ],
)
def test_good_moq_and_increment(moq, increment, expected):
    assert rules.moq_and_increment(moq, increment) == expected


@pytest.mark.parametrize(
    ("moq", "increment", "field", "code"),
    [
        (0, 1, "moq", "out_of_range"),
        (-5, 1, "moq", "out_of_range"),
        ("many", 1, "moq", "invalid_number"),
        (500, 0.5, "order_increment", "invalid_number"),
        (rules.MAX_QUANTITY + 1, 1, "moq", "out_of_range"),
    ],
)
def test_bad_quantities(moq, increment, field, code):
    error = refused(rules.moq_and_increment, moq, increment)

    assert (error.code, error.details["field"]) == (code, field)


@pytest.mark.parametrize(
    ("raw", "currency", "code"),
    [
        ("0", "USD", "price_not_positive"),
        ("0.00", "USD", "price_not_positive"),
        ("-7.20", "USD", "price_not_positive"),
        ("seven", "USD", "invalid_price"),
        ("NaN", "USD", "invalid_price"),
        ("Infinity", "USD", "invalid_price"),
        ("7.205", "USD", "too_many_decimals"),
        ("1000.5", "JPY", "too_many_decimals"),
        ("7,20", "USD", "invalid_price"),  # a decimal comma is not read as 720
        ("1,25,000", "USD", "invalid_price"),
        (",5", "USD", "invalid_price"),
    ],
)
def test_bad_prices(raw, currency, code):
    error = refused(rules.price_minor, raw, currency, "unit_price")

    assert (error.code, error.details["field"]) == (code, "unit_price")


@pytest.mark.parametrize(
    ("raw", "currency", "minor"),
    [
        ("7.20", "USD", 720),
        ("7.2", "USD", 720),
        ("1,080", "JPY", 1080),
        ("12,500.50", "USD", 1250050),
        (" 48.5 ", "CNY", 4850),
    ],
)
def test_good_prices_become_minor_units(raw, currency, minor):
    assert rules.price_minor(raw, currency, "unit_price") == minor


def test_zero_is_allowed_where_asked_for():
    assert rules.price_minor("0", "USD", "sample_price", allow_zero=True) == 0


@pytest.mark.parametrize("code", ["XYZ", "", None, "usdollar", "US"])
def test_unknown_currencies_are_refused(code):
    error = refused(rules.currency, code)

    assert (error.code, error.details["field"]) == ("invalid_currency", "currency")


def test_currency_codes_are_normalised():
    assert rules.currency(" jpy ") == "JPY"


def test_rich_text_keeps_formatting_and_drops_the_rest():
    html = '<p onclick="x()">Soft <b>12gg</b><script>alert(1)</script> <a href="//x">link</a></p>'

    assert rules.rich_text(html) == "<p>Soft <b>12gg</b> link</p>"


# --- the same inputs through save_product: refused, nothing saved ---------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"tiers": [T(500, 999, 720), T(900, None, 680)]}, "tiers", "tiers_overlap"),
        ({"tiers": [T(500, 999, 680), T(1000, None, 720)]}, "tiers", "tiers_not_decreasing"),
        ({"tiers": [T(100, 999, 720), T(1000, None, 680)]}, "tiers", "tier_below_moq"),
        ({"tiers": [T(500, None, 0)]}, "tiers", "price_not_positive"),
        ({"tiers": [T(500, None, -1)]}, "tiers", "price_not_positive"),
        ({"tiers": [T(500 + i, 500 + i, 700) for i in range(11)]}, "tiers", "too_many_tiers"),
        ({"moq": 500, "order_increment": 30}, "moq", "moq_not_multiple"),
        ({"currency": "XYZ"}, "currency", "invalid_currency"),
        ({"lead_times": [L(5000, 30), L(1000, 45)]}, "lead_times", "lead_times_out_of_order"),
        ({"unit": "bushel"}, "unit", "invalid_unit"),
        ({"price_mode": "auction"}, "price_mode", "invalid_price_mode"),
        (
            {"price_mode": "on_request", "fob_min_minor": 900, "fob_max_minor": 600},
            "fob_min",
            "fob_range",
        ),
        (
            {"sample_price_minor": -1, "samples_available": True},
            "sample_price",
            "price_not_positive",
        ),
        ({"category_id": 0}, "category", "invalid_category"),
        ({"group_id": 999_999}, "group", "invalid_group"),
    ],
)
def test_save_product_refuses_and_saves_nothing(supplier, sweater_input, overrides, field, code):
    error = refused(save_product, supplier, sweater_input(**overrides))

    assert (error.code, error.details["field"]) == (code, field)
    assert not Product.objects.exists()


@pytest.mark.django_db
def test_a_category_with_children_is_refused(supplier, sweater_input, sweater_category):
    error = refused(save_product, supplier, sweater_input(category_id=sweater_category.parent_id))

    assert (error.code, error.details["field"]) == ("category_not_leaf", "category")
