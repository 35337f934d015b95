"""Whatever a spreadsheet holds, the import ends with a report, never a crash."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.catalog.import_helpers import csv_text, run_import
from tradeloom.catalog.imports import exporter

pytestmark = pytest.mark.django_db

COLUMNS = exporter.template_columns()
TEMPLATE = exporter.template_rows()[0]
# Any text a CSV can hold (a NUL makes it a binary file, refused as a whole).
TEXT = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
NASTY = st.sampled_from(
    ["", "0", "-1", "1e400", "NaN", "Infinity", "7.123", "99999999999999999999", "yes", "maybe",
     "=1+1", "<script>x</script>", "a|b|", "zh", "xx", "  ", "١٢٣", "５００", "null", "x" * 300]
)  # fmt: skip


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    changes=st.dictionaries(
        st.sampled_from(COLUMNS), st.one_of(NASTY, st.text(TEXT, max_size=30)), max_size=6
    )
)
def test_any_cells_end_in_a_saved_product_or_a_reported_error(supplier, changes):
    row = {**TEMPLATE, **changes, "product_ref": "FUZZ", "sku": changes.get("sku") or "FUZZ-1"}

    job = run_import(supplier, csv_text(COLUMNS, [[row.get(c, "") for c in COLUMNS]]).encode())

    assert job.status == "done", job.failure
    outcomes = job.created_count + job.updated_count + job.unchanged_count + job.rejected_count
    assert outcomes == 1 or job.error_count >= 1
    if job.rejected_count:
        assert job.error_count >= 1
