"""A rebuild writes exactly the index that indexing product by product writes, whether
its builder processes read the catalog themselves (outside a transaction), get each
batch from the first process (inside one), or it runs in one process (a single batch)."""

import pytest
from django.db import connection, transaction

from tests.search.conftest import live_product
from tradeloom.search.backends import backend
from tradeloom.search.indexer import index_products, reindex
from tradeloom.search.models import ProductDoc

TITLES = [
    {"en": "Cashmere crew-neck sweater", "zh-hans": "女士羊绒毛衣", "ja": "カシミヤセーター"},
    {"en": "Merino wool socks", "ja": "メリノウール靴下"},
    {"zh-hans": "羊绒围巾"},
    {"en": "Children's cotton T-shirts"},
]


# When a row was written, and the surrogate keys of child rows, which follow the order
# of writing.
UNCOMPARED = {"indexed_at", "id"}


def index_state() -> dict[str, list[tuple]]:
    """Every row of the index, without the time each was written."""
    tables = {
        "search_productdoc": "product_id",
        "search_tierdoc": "doc_id, min_quantity",
        "search_titleprefix": "doc_id, key, language",
        "search_supplierdoc": "company_id",
    }
    if connection.vendor == "sqlite":
        tables["search_product_fts"] = "rowid"
    state = {}
    with connection.cursor() as cursor:
        for table, order in tables.items():
            columns = "rowid, *" if table.endswith("_fts") else "*"
            cursor.execute(f"SELECT {columns} FROM {table} ORDER BY {order}")  # noqa: S608
            names = [c[0] for c in cursor.description]
            state[table] = sorted(
                tuple(str(v) for n, v in zip(names, row, strict=True) if n not in UNCOMPARED)
                for row in cursor.fetchall()
            )
    return state


def catalog(supplier, operator) -> list[int]:
    return [
        live_product(supplier, operator, titles=titles, language=next(iter(titles))).pk
        for titles in TITLES
    ]


def one_by_one(ids: list[int]) -> dict[str, list[tuple]]:
    """The index as the outbox handler writes it, one product at a time."""
    with transaction.atomic():
        backend().clear()
    for pk in ids:
        index_products([pk])
    return index_state()


@pytest.fixture
def empty_index_after():
    """Transactional tests keep what they write; the FTS5 tables are no model's, so the
    database flush after them would leave their rows behind."""
    yield
    with transaction.atomic():
        backend().clear()


def rebuilt(batch: int) -> dict[str, list[tuple]]:
    with transaction.atomic():
        backend().clear()
    reindex(batch=batch)
    return index_state()


@pytest.mark.django_db(transaction=True)
def test_builders_reading_with_their_own_connections_write_the_same_index(
    taxonomy, supplier, operator, empty_index_after
):
    ids = catalog(supplier, operator)
    suppliers = rebuilt(batch=len(ids))["search_supplierdoc"]

    expected = one_by_one(ids)
    expected["search_supplierdoc"] = suppliers

    assert rebuilt(batch=1) == expected
    assert set(ProductDoc.objects.values_list("pk", flat=True)) == set(ids)


@pytest.mark.django_db(transaction=True)
def test_the_first_connection_still_works_after_builders_read(
    taxonomy, supplier, operator, empty_index_after
):
    ids = catalog(supplier, operator)

    reindex(batch=1)

    with transaction.atomic():
        index_products(ids[:1])
    assert ProductDoc.objects.count() == len(ids)


@pytest.mark.django_db
def test_inside_a_transaction_the_builders_get_the_facts_from_the_first_process(
    taxonomy, supplier, operator
):
    ids = catalog(supplier, operator)
    suppliers = rebuilt(batch=len(ids))["search_supplierdoc"]

    expected = one_by_one(ids)
    expected["search_supplierdoc"] = suppliers

    assert rebuilt(batch=1) == expected
    assert rebuilt(batch=2) == expected


@pytest.mark.django_db
def test_a_rebuild_in_one_batch_writes_what_the_outbox_writes(taxonomy, supplier, operator):
    ids = catalog(supplier, operator)
    suppliers = rebuilt(batch=len(ids))["search_supplierdoc"]

    expected = one_by_one(ids)
    expected["search_supplierdoc"] = suppliers

    assert rebuilt(batch=len(ids)) == expected


def physical_order() -> list[str]:
    """The category path of each index row, in the order the rows lie in the table."""
    place = "rowid" if connection.vendor == "sqlite" else "ctid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT category_path FROM search_productdoc ORDER BY {place}")  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db
def test_a_rebuild_writes_the_products_of_a_category_together(taxonomy, supplier, operator):
    slugs = ["crew-socks", "cashmere-sweaters-fine-gauge", "cotton-sweaters-fine-gauge"] * 3
    for slug in slugs:  # created in turn: by id, no two neighbours share a category
        live_product(supplier, operator, slug)
    assert physical_order() != sorted(physical_order())  # as the outbox wrote them

    for batch in (2, len(slugs)):  # within a batch too
        reindex(batch=batch)

        order = physical_order()
        assert order == sorted(order)
        assert len(order) == len(slugs)
