"""The outbox handler that keeps the search index current.

Idempotent: indexing reads the product's current state, so a repeated or late delivery
writes the same rows; a product no longer live is removed whatever the event says.

Not atomic with the delivery mark: the documents are built outside any transaction and
written in short ones of their own. On SQLite a write transaction holds the one write
lock, and a worker catching up on a backlog (the demo's 350 events) would otherwise
keep it nearly all the time and starve the web requests that need to write.
"""

from __future__ import annotations

from tradeloom.core.events import handler
from tradeloom.core.models import OutboxEvent

PRODUCT_EVENTS = ("product.saved", "product.status_changed", "product.deleted")
COMPANY_EVENTS = ("company.created", "company.updated", "company.verification_changed")


@handler("search.index", *PRODUCT_EVENTS, *COMPANY_EVENTS, atomic=False)
def search_index_handler(event: OutboxEvent) -> None:
    from tradeloom.catalog.models import Product
    from tradeloom.search import indexer

    payload = event.payload or {}
    if event.name in PRODUCT_EVENTS:
        product_id = payload.get("product_id")
        if product_id is None:
            return
        if event.name == "product.deleted":
            indexer.remove_products([product_id])
        else:
            indexer.index_products([product_id])
        supplier_id = Product.objects.filter(pk=product_id).values_list("supplier_id", flat=True)
        indexer.index_suppliers(
            list(supplier_id) or ([event.company_id] if event.company_id else [])
        )
        return
    company_id = payload.get("company_id") or event.company_id
    if company_id is None:
        return
    # Supplier facts (name, country, verification) are copied into every product row.
    live = Product.objects.filter(supplier_id=company_id, status=Product.Status.LIVE)
    indexer.index_products(live.values_list("pk", flat=True))
    indexer.index_suppliers([company_id])
