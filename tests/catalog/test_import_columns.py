"""The header row: required, unknown, duplicate and unpaired columns refuse the whole file."""

import pytest

from tests.catalog.import_helpers import HEADER, ROWS, csv_text
from tradeloom.catalog.imports.columns import TEMPLATE_COLUMNS, FileRejected
from tradeloom.catalog.imports.runner import parse

pytestmark = pytest.mark.django_db


def refused(header: list[str], rows: list[list[str]] | None = None) -> FileRejected:
    data = csv_text(header, rows if rows is not None else [["x"] * len(header)]).encode()
    with pytest.raises(FileRejected) as caught:
        parse(data, "products.csv")
    return caught.value


def test_the_template_header_is_accepted():
    table, header = parse(csv_text(HEADER, ROWS).encode(), "products.csv")

    assert header == HEADER
    assert len(table.rows) == 2


def test_names_are_matched_ignoring_case_and_spaces():
    header = ["Product_Ref", " SKU ", "Category", "TITLE", "attr:Gauge", "Port of loading"]

    _table, names = parse(csv_text(header, [["a"] * 6]).encode(), "p.csv")

    assert names == ["product_ref", "sku", "category", "title", "attr:gauge", "port_of_loading"]


def test_missing_required_columns_are_named():
    error = refused(["product_ref", "title", "moq"])

    assert (error.code, error.message) == (
        "missing_columns",
        "Required columns are missing: sku, category",
    )
    assert error.details == {"field": "file", "columns": ["sku", "category"]}


def test_unknown_columns_are_named():
    error = refused([*HEADER, "colour", "attr:no_such_attribute", "tier11_min"])

    assert error.code == "unknown_columns"
    assert error.message.startswith("Unknown columns: colour, attr:no_such_attribute, tier11_min.")
    assert error.details["columns"] == ["colour", "attr:no_such_attribute", "tier11_min"]


def test_a_column_twice_is_refused():
    error = refused([*HEADER, "SKU"])

    assert (error.code, error.message) == (
        "duplicate_columns",
        "These columns appear more than once: sku",
    )


def test_a_tier_needs_both_its_columns():
    error = refused([*HEADER, "tier4_min"])

    assert error.message == "The column tier4_min needs its partner column tier4_price."


def test_a_header_gap_is_refused():
    error = refused(["product_ref", "sku", "", "category", "title"])

    assert error.message == "Column 3 has no name in the header row."


def test_values_beyond_the_last_named_column_are_refused():
    rows = [ROWS[0], [*ROWS[1], "stray"]]

    error = refused(HEADER, rows)

    assert error.message == "Row 3 has values to the right of the last named column."


def test_a_header_without_rows_is_refused():
    error = refused(HEADER, [])

    assert (error.code, error.message) == (
        "empty_file",
        "The file has a header row but no products.",
    )


def test_every_template_column_is_known():
    header = [
        *TEMPLATE_COLUMNS,
        *("attr:gauge", "title_en", "keywords_ja", "tier10_min", "tier10_price"),
        *("lead10_max_qty", "lead10_days", "option5_name", "option5_value"),
    ]

    _table, names = parse(csv_text(header, [["x"] * len(header)]).encode(), "p.csv")

    assert names == header
