"""Writes the search index: what a live product or a supplier looks like to search.

``index_products`` is the one way in: it (re)indexes the given products that are live
and removes every other one (draft, pending, rejected, hidden, deleted), so calling it
after any change is always right. The outbox handler and ``tradeloom reindex`` use it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Count, Min
from django.utils import timezone
from django.utils.html import strip_tags

from tradeloom.accounts.models import Company
from tradeloom.catalog.models import (
    Attribute,
    AttributeValue,
    Category,
    CustomizationOption,
    LeadTime,
    PriceTier,
    Product,
    ProductImage,
    ProductTranslation,
    SupplierProfile,
)
from tradeloom.search import ranking
from tradeloom.search.analyzer import (
    CJK,
    CONCEPT_CATEGORY,
    CONCEPT_VALUE,
    GENERIC_VALUES,
    Vocabulary,
    chunks,
    concept_token,
    tokens,
    tokens_of,
    unigrams_of,
)
from tradeloom.search.backends import TextRow, backend
from tradeloom.search.models import SupplierDoc
from tradeloom.search.vocabulary import vocabulary

CERT_ATTRIBUTE = "certification"
_SPACES = re.compile(r"\s+")


@dataclass
class Context:
    """What indexing a batch needs to know about the taxonomy, loaded once."""

    vocab: Vocabulary
    categories: dict[int, Category] = field(default_factory=dict)
    by_slug: dict[str, Category] = field(default_factory=dict)
    values: dict[tuple[str, str], dict] = field(default_factory=dict)
    declared: dict[int, int] = field(default_factory=dict)  # category id -> attribute count
    suppliers: dict[int, tuple[str, str, bool]] = field(default_factory=dict)  # name, country

    @classmethod
    def load(cls) -> Context:
        ctx = cls(vocab=vocabulary())
        for c in Category.objects.all():
            ctx.categories[c.pk] = c
            ctx.by_slug[c.slug] = c
        for attr_code, code, names in AttributeValue.objects.values_list(
            "attribute__code", "code", "names"
        ):
            ctx.values[(attr_code, code)] = names or {}
        per_category = Counter(Attribute.objects.values_list("category_id", flat=True))
        for c in ctx.categories.values():
            chain = [ctx.by_slug[s] for s in c.path.strip("/").split("/") if s in ctx.by_slug]
            ctx.declared[c.pk] = sum(per_category.get(a.pk, 0) for a in chain)
        return ctx

    def chain(self, category: Category) -> list[Category]:
        slugs = category.path.strip("/").split("/")
        return [self.by_slug[s] for s in slugs if s in self.by_slug]


def _text(html: str) -> str:
    return _SPACES.sub(" ", strip_tags(html or "")).strip()


@dataclass
class Facts:
    """What indexing needs of one live product, read with a few set-wise queries."""

    id: int
    supplier_id: int
    category_id: int
    attributes: dict
    moq: int
    currency: str
    price_mode: str
    ready_to_ship: bool
    samples: bool
    language: str
    live_at: object
    translations: list = field(default_factory=list)  # (language, title, description, keywords)
    tiers: list = field(default_factory=list)  # (min, max, unit price minor), by min
    lead_days: int | None = None
    customizable: bool = False
    images: int = 0


def _facts(ids: list[int], ctx: Context) -> list[Facts]:
    rows = Product.objects.filter(pk__in=ids, status=Product.Status.LIVE).values_list(
        "pk",
        "supplier_id",
        "category_id",
        "attributes",
        "moq",
        "currency",
        "price_mode",
        "ready_to_ship",
        "samples_available",
        "default_language",
        "live_at",
        "updated_at",
    )
    facts = {r[0]: Facts(*r[:10], live_at=r[10] or r[11]) for r in rows}
    live = list(facts)
    if not live:
        return []
    for pid, lang, title, description, keywords in ProductTranslation.objects.filter(
        product_id__in=live
    ).values_list("product_id", "language", "title", "description", "keywords"):
        facts[pid].translations.append((lang, title, description, keywords))
    for pid, low, high, price in (
        PriceTier.objects.filter(product_id__in=live)
        .order_by("product_id", "min_quantity")
        .values_list("product_id", "min_quantity", "max_quantity", "unit_price_minor")
    ):
        facts[pid].tiers.append((low, high, price))
    for pid, days in (
        LeadTime.objects.filter(product_id__in=live)
        .values("product_id")
        .annotate(m=Min("days"))
        .values_list("product_id", "m")
    ):
        facts[pid].lead_days = days
    for pid in CustomizationOption.objects.filter(product_id__in=live).values_list(
        "product_id", flat=True
    ):
        facts[pid].customizable = True
    for pid, n in (
        ProductImage.objects.filter(product_id__in=live)
        .values("product_id")
        .annotate(n=Count("id"))
        .values_list("product_id", "n")
    ):
        facts[pid].images = n
    missing = {f.supplier_id for f in facts.values()} - set(ctx.suppliers)
    for pk, name, country, status in Company.objects.filter(pk__in=missing).values_list(
        "pk", "display_name", "country", "verification_status"
    ):
        ctx.suppliers[pk] = (name, str(country or ""), status == "verified")
    return list(facts.values())


DOC_COLUMNS = (
    "product_id",
    "supplier_id",
    "category_id",
    "category_path",
    "country",
    "verified",
    "currency",
    "price_min_minor",
    "price_moq_minor",
    "moq",
    "lead_days",
    "ready_to_ship",
    "samples",
    "customizable",
    "certs",
    "quality",
    "language",
    "live_at",
    "indexed_at",
)


def build_product(f: Facts, ctx: Context) -> tuple[tuple, list[tuple], TextRow]:
    """The index row, tier rows and text of one product (see ``ranking`` for quality)."""
    category = ctx.categories[f.category_id]
    chain = ctx.chain(category)
    supplier_name, country, verified = ctx.suppliers[f.supplier_id]

    titles = " ".join(t[1] for t in f.translations)
    descriptions = [_text(t[2]) for t in f.translations]
    texts = " ".join(descriptions + [t[3] for t in f.translations])
    attr_text: list[str] = []
    concepts = {concept_token(CONCEPT_CATEGORY, c.slug) for c in chain}
    certs: list[str] = []
    filled = 0
    for code, value in (f.attributes or {}).items():
        if value in (None, "", []):
            continue
        filled += 1
        for v in value if isinstance(value, list) else [value]:
            names = ctx.values.get((code, str(v)))
            if names is None:
                if isinstance(v, str):
                    attr_text.append(v)
                continue
            attr_text.extend(names.values())
            if str(v).lower() not in GENERIC_VALUES:
                concepts.add(concept_token(CONCEPT_VALUE, str(v)))
            if code == CERT_ATTRIBUTE:
                certs.append(str(v))
    category_text = [n for c in chain[-2:] for n in (c.names or {}).values()]
    title_pieces = list(chunks(titles))
    text_pieces = list(chunks(texts))
    extra_pieces = list(chunks(" ".join([*attr_text, *category_text, supplier_name])))
    # The category and attribute values are facts about the product: their concepts go
    # with the title (weighted most); concepts only mentioned in its text go apart.
    facts = sorted(concepts)
    mentioned = ctx.vocab.concepts_of([*title_pieces, (CJK, ""), *text_pieces]) - concepts

    on_request = f.price_mode == Product.PriceMode.ON_REQUEST
    prices = [t[2] for t in f.tiers]
    quality = ranking.listing_quality(
        images=f.images,
        tiers=len(f.tiers),
        description_chars=max((len(d) for d in descriptions), default=0),
        attributes_filled=filled,
        attributes_declared=ctx.declared.get(category.pk, 0),
        languages=len(f.translations),
        supplier_verified=verified,
    )
    doc = (
        f.id,
        f.supplier_id,
        category.pk,
        category.path,
        country,
        verified,
        f.currency,
        None if on_request or not prices else min(prices),
        None if on_request or not prices else prices[0],
        f.moq,
        f.lead_days,
        f.ready_to_ship,
        f.samples,
        f.customizable,
        ("|" + "|".join(sorted(set(certs))) + "|") if certs else "",
        quality,
        f.language,
        f.live_at,
    )
    tier_rows = [] if on_request else [(f.id, *t) for t in f.tiers]
    row = TextRow(
        f.id,
        tokens_of(title_pieces) + facts,
        tokens_of(text_pieces + extra_pieces),
        sorted(mentioned),
        unigrams_of(title_pieces + text_pieces),
    )
    return doc, tier_rows, row


def _delete_docs(cursor, ids: list[int]) -> None:
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join(["%s"] * len(chunk))
        cursor.execute(f"DELETE FROM search_tierdoc WHERE doc_id IN ({marks})", chunk)  # noqa: S608
        cursor.execute(f"DELETE FROM search_productdoc WHERE product_id IN ({marks})", chunk)  # noqa: S608


def index_products(ids: Iterable[int], ctx: Context | None = None, *, fresh: bool = False) -> int:
    """Index the live products among ``ids`` and remove the rest; returns how many are live.
    ``fresh``: the index holds none of them (a rebuild), so nothing is deleted first."""
    ids = list(dict.fromkeys(int(i) for i in ids))
    if not ids:
        return 0
    ctx = ctx or Context.load()
    built = [build_product(f, ctx) for f in _facts(ids, ctx)]
    engine = backend()
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    docs = [(*d[:-1], ops.adapt_datetimefield_value(d[-1]), now) for d, _t, _r in built]
    marks = ", ".join(["%s"] * len(DOC_COLUMNS))
    with transaction.atomic(), connection.cursor() as cursor:
        if not fresh:
            _delete_docs(cursor, ids)
            engine.delete_products(ids)
        cursor.executemany(
            f"INSERT INTO search_productdoc ({', '.join(DOC_COLUMNS)}) VALUES ({marks})",  # noqa: S608
            docs,
        )
        cursor.executemany(
            "INSERT INTO search_tierdoc (doc_id, min_quantity, max_quantity, unit_price_minor) "
            "VALUES (%s, %s, %s, %s)",
            [t for _d, tiers, _r in built for t in tiers],
        )
        engine.write_products([r for _d, _t, r in built])
    return len(built)


def remove_products(ids: Iterable[int]) -> None:
    ids = [int(i) for i in ids]
    with transaction.atomic(), connection.cursor() as cursor:
        _delete_docs(cursor, ids)
        backend().delete_products(ids)


# --- suppliers ---------------------------------------------------------------------------------


def index_suppliers(ids: Iterable[int], ctx: Context | None = None) -> int:
    """Index the supplier companies among ``ids`` (name, profile, main products)."""
    ids = list(dict.fromkeys(int(i) for i in ids))
    if not ids:
        return 0
    ctx = ctx or Context.load()
    companies = Company.objects.filter(pk__in=ids, kind=Company.Kind.SUPPLIER)
    docs, rows = [], []
    for company in companies:
        counts = Counter(
            Product.objects.filter(supplier=company, status=Product.Status.LIVE).values_list(
                "category_id", flat=True
            )
        )
        main = [ctx.categories[c] for c, _n in counts.most_common(5) if c in ctx.categories]
        profile = SupplierProfile.objects.filter(company=company).first()
        about = profile.about if profile else ""
        body = " ".join(
            [
                about,
                company.legal_name,
                *[n for c in main for n in (c.names or {}).values()],
                *company.certifications.values_list("name", flat=True),
            ]
        )
        concepts = {concept_token(CONCEPT_CATEGORY, s.slug) for c in main for s in ctx.chain(c)}
        docs.append(
            SupplierDoc(
                company_id=company.pk,
                country=company.country or "",
                business_type=profile.business_type if profile else "",
                verified=company.verification_status == "verified",
                categories="|" + "|".join(c.path for c in main) + "|" if main else "",
                product_count=sum(counts.values()),
            )
        )
        rows.append(
            TextRow(company.pk, tokens(company.display_name), tokens(body), sorted(concepts))
        )
    engine = backend()
    with transaction.atomic():
        SupplierDoc.objects.filter(company_id__in=ids).delete()
        engine.delete_suppliers(ids)
        SupplierDoc.objects.bulk_create(docs)
        engine.write_suppliers(rows)
    return len(docs)


# --- everything --------------------------------------------------------------------------------


def reindex(batch: int = 1000, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the whole index in batches; returns the number of live products indexed."""
    from tradeloom.search.vocabulary import reset

    reset()
    ctx = Context.load()
    engine = backend()
    with transaction.atomic(), connection.cursor() as cursor:
        for table in ("search_tierdoc", "search_productdoc", "search_supplierdoc"):
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 -- fixed names
        engine.clear()
    ids = list(
        Product.objects.filter(status=Product.Status.LIVE)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    done = 0
    for start in range(0, len(ids), batch):
        done += index_products(ids[start : start + batch], ctx, fresh=True)
        if progress:
            progress(min(start + batch, len(ids)), len(ids))
    suppliers = list(
        Company.objects.filter(kind=Company.Kind.SUPPLIER).values_list("pk", flat=True)
    )
    for start in range(0, len(suppliers), batch):
        index_suppliers(suppliers[start : start + batch], ctx)
    return done
