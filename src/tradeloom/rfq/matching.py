"""Which suppliers an RFQ is for: live products in its category (or below it), or whose
titles and keywords share a word with the RFQ's product name."""

from __future__ import annotations

import re

from django.db.models import Q

from tradeloom.accounts.models import Company
from tradeloom.catalog.models import Product, ProductTranslation
from tradeloom.rfq.models import Rfq

MIN_WORD = 3
STOP_WORDS = frozenset({"and", "for", "the", "with", "from", "pcs", "piece", "pieces"})


def keywords(text: str) -> list[str]:
    """Latin words of three letters or more; CJK runs as they are (at least two chars)."""
    words = []
    for token in re.findall(r"[^\W\d_]+", text.lower()):
        if re.fullmatch(r"[a-z\u00c0-\u024f]+", token):
            if len(token) >= MIN_WORD and token not in STOP_WORDS:
                words.append(token)
        elif len(token) >= 2:
            words.append(token)
    return list(dict.fromkeys(words))[:8]


def matching_suppliers(rfq: Rfq) -> dict[int, str]:
    """Supplier company id -> why it matched ("category" or "keywords")."""
    live = Product.objects.filter(status=Product.Status.LIVE).exclude(supplier_id=rfq.buyer_id)
    by_category = set(
        live.filter(category__path__startswith=rfq.category.path).values_list(
            "supplier_id", flat=True
        )
    )
    found = {sid: "category" for sid in by_category}
    words = keywords(rfq.product_name)
    if words:
        cond = Q()
        for word in words:
            cond |= Q(title__icontains=word) | Q(keywords__icontains=word)
        product_ids = ProductTranslation.objects.filter(cond).values_list("product_id", flat=True)
        for sid in live.filter(pk__in=product_ids).values_list("supplier_id", flat=True):
            found.setdefault(sid, "keywords")
    kinds = set(
        Company.objects.filter(pk__in=found, kind=Company.Kind.SUPPLIER).values_list(
            "pk", flat=True
        )
    )
    return {sid: why for sid, why in found.items() if sid in kinds}
