"""The index follows the catalog through the outbox; only live listings are ever found."""

import io

import pytest
from django.core.management import call_command

from tests.search.conftest import live_product, product_input
from tradeloom.accounts.services import set_verification
from tradeloom.catalog import services
from tradeloom.core.events import deliver_due
from tradeloom.search.models import ProductDoc
from tradeloom.search.params import parse_products
from tradeloom.search.query import search_products

pytestmark = pytest.mark.django_db


def found(q: str, **params) -> list[int]:
    pq, warnings = parse_products({"q": q, **params})
    return search_products(pq, warnings).ids


def test_a_product_is_searchable_once_the_worker_has_run(taxonomy, supplier, operator):
    product = live_product(supplier, operator, deliver=False)
    assert found("cashmere") == []

    deliver_due()

    assert found("cashmere") == [product.pk]


def test_an_edit_of_a_live_listing_is_searchable_after_the_worker_runs(
    taxonomy, supplier, operator
):
    product = live_product(supplier, operator, moq=100)
    services.save_product(supplier, product_input(moq=300), product_id=product.pk)
    deliver_due()

    assert ProductDoc.objects.get(pk=product.pk).moq == 300
    assert found("cashmere", moq_max="200") == []
    assert found("cashmere", moq_max="300") == [product.pk]


def test_a_content_edit_sends_the_listing_back_to_review_and_out_of_search(
    taxonomy, supplier, operator
):
    product = live_product(supplier, operator)
    services.save_product(
        supplier, product_input(titles={"en": "Cashmere V-neck"}), product_id=product.pk
    )
    deliver_due()

    assert found("cashmere") == []


def test_a_hidden_listing_disappears(taxonomy, supplier, operator):
    product = live_product(supplier, operator)
    services.hide(supplier, product.pk)
    deliver_due()

    assert found("cashmere") == []
    assert not ProductDoc.objects.filter(pk=product.pk).exists()


def test_a_rejected_listing_disappears(taxonomy, supplier, operator):
    product = live_product(supplier, operator)
    services.moderate(operator, product.pk, "reject", "counterfeit")
    deliver_due()

    assert found("cashmere") == []


def test_drafts_and_pending_listings_of_any_supplier_never_appear(
    taxonomy, supplier, other_supplier, operator
):
    services.save_product(supplier, product_input())
    pending = services.save_product(other_supplier, product_input())
    services.submit_for_review(other_supplier, pending.pk)
    deliver_due()

    assert found("cashmere") == []
    assert found("") == []


def test_a_deleted_draft_leaves_nothing_behind(taxonomy, supplier):
    draft = services.save_product(supplier, product_input())
    services.delete_draft(supplier, draft.pk)
    deliver_due()

    assert ProductDoc.objects.count() == 0


def test_verifying_a_supplier_updates_its_listings(taxonomy, other_supplier, operator):
    product = live_product(other_supplier, operator)
    assert found("cashmere", verified="1") == []

    set_verification(operator, other_supplier.company, "verified")
    deliver_due()

    assert found("cashmere", verified="1") == [product.pk]


def test_reindex_rebuilds_everything_with_a_progress_bar(taxonomy, supplier, operator):
    product = live_product(supplier, operator)
    ProductDoc.objects.all().delete()
    assert found("cashmere") == []
    out = io.StringIO()

    call_command("reindex", "--batch", "1", stdout=out)

    assert found("cashmere") == [product.pk]
    assert "1/1 products" in out.getvalue()
    assert "Indexed 1 live products" in out.getvalue()


def test_a_storefront_edit_reaches_supplier_search(taxonomy, supplier, operator):
    from tradeloom.catalog.profile import save_profile
    from tradeloom.search.params import parse_suppliers
    from tradeloom.search.query import search_suppliers

    live_product(supplier, operator)
    deliver_due()

    def traders() -> list[int]:
        sq, warnings = parse_suppliers({"business_type": "trading"})
        return search_suppliers(sq, warnings).ids

    assert traders() == []
    save_profile(supplier, {"business_type": "trading", "about": "Knitwear sourcing office."})
    deliver_due()

    assert traders() == [supplier.company_id]
