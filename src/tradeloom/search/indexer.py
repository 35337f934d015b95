"""Writes the search index: what a live product or a supplier looks like to search.

``index_products`` is the one way in: it (re)indexes the given products that are live
and removes every other one (draft, pending, rejected, hidden, deleted), so calling it
after any change is always right. The outbox handler and ``tradeloom reindex`` use it.
"""

from __future__ import annotations

import itertools
import multiprocessing
import re
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.util import Finalize

from django.db import connection, connections, transaction
from django.db.models import Count, Min
from django.utils import timezone
from django.utils.html import strip_tags

from tradeloom.accounts.models import Company
from tradeloom.catalog.models import (
    Attribute,
    AttributeValue,
    Category,
    Certification,
    CustomizationOption,
    LeadTime,
    PriceTier,
    Product,
    ProductImage,
    ProductTranslation,
    SupplierProfile,
)
from tradeloom.search import ranking, suggest
from tradeloom.search.analyzer import (
    CONCEPT_CATEGORY,
    CONCEPT_VALUE,
    GENERIC_VALUES,
    LATIN,
    Vocabulary,
    chunks,
    concept_token,
    grams,
    prefix_keys_of,
    runs_of,
    term_starts,
    tokens,
)
from tradeloom.search.backends import SqliteBackend, TextRow, backend
from tradeloom.search.models import ProductDoc, SupplierDoc, TitlePrefix
from tradeloom.search.vocabulary import vocabulary

CERT_ATTRIBUTE = "certification"
_SPACES = re.compile(r"\s+")
_TAG = re.compile(r"<[^<>]*>")
MEMO_TEXTS = 50_000  # analysed texts kept while indexing; the memo is emptied when full


@dataclass(frozen=True)
class Analysed:
    """A text as the index sees it: tokens, CJK unigrams, concepts named, length."""

    tokens: tuple[str, ...]
    unigrams: tuple[str, ...]
    concepts: frozenset[str]
    chars: int


@dataclass(frozen=True)
class Run:
    """A CJK run as the index sees it; runs recur across otherwise unique titles."""

    grams: tuple[str, ...]
    concepts: frozenset[str]
    starts: tuple[int, ...]  # ``term_starts``, for title prefixes


@dataclass
class Context:
    """What indexing a batch needs to know about the taxonomy, loaded once."""

    vocab: Vocabulary
    categories: dict[int, Category] = field(default_factory=dict)
    by_slug: dict[str, Category] = field(default_factory=dict)
    values: dict[tuple[str, str], dict] = field(default_factory=dict)
    declared: dict[int, int] = field(default_factory=dict)  # category id -> attribute count
    suppliers: dict[int, tuple[str, str, bool]] = field(default_factory=dict)  # name, country
    texts: dict[str, Analysed] = field(default_factory=dict)  # memo of ``analyse``
    html_texts: dict[str, Analysed] = field(default_factory=dict)  # of ``analyse(html=True)``
    runs: dict[str, Run] = field(default_factory=dict)  # memo of ``run``
    category_tokens: dict[int, frozenset[str]] = field(default_factory=dict)  # memos of
    value_tokens: dict[str, str] = field(default_factory=dict)  # the concept tokens

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

    def category_concepts(self, category: Category) -> frozenset[str]:
        """The concept tokens of a category and its ancestors, memoised per category."""
        found = self.category_tokens.get(category.pk)
        if found is None:
            found = frozenset(concept_token(CONCEPT_CATEGORY, c.slug) for c in self.chain(category))
            self.category_tokens[category.pk] = found
        return found

    def value_concept(self, code: str) -> str:
        found = self.value_tokens.get(code)
        if found is None:
            found = self.value_tokens[code] = concept_token(CONCEPT_VALUE, code)
        return found

    def chain(self, category: Category) -> list[Category]:
        slugs = category.path.strip("/").split("/")
        return [self.by_slug[s] for s in slugs if s in self.by_slug]

    def analyse(self, text: str, *, html: bool = False) -> Analysed:
        """The analysis of a text, memoised: category names, supplier names, attribute
        values and boilerplate descriptions recur across a catalogue, and analysing them
        (normalising, stemming, scanning for vocabulary terms) is most of indexing."""
        memo = self.html_texts if html else self.texts
        found = memo.get(text)
        if found is None:
            plain = _text(text) if html else text
            found = self._analysis(list(chunks(plain)), len(plain))
            if len(memo) >= MEMO_TEXTS:
                memo.clear()
            memo[text] = found
        return found

    def title(self, text: str) -> tuple[Analysed, list[str]]:
        """A title's analysis and its prefix keys (``prefix_keys``), from one pass over its
        pieces; titles rarely repeat, so neither is memoised."""
        pieces = list(chunks(text))
        keys = prefix_keys_of(pieces, lambda piece: self.run(piece).starts)
        return self._analysis(pieces, len(text)), keys

    def _analysis(self, pieces: list[tuple[str, str]], chars: int) -> Analysed:
        """What ``tokens_of``, ``unigrams_of`` and ``Vocabulary.concepts_of`` give for the
        pieces, in one pass, with each CJK run's share memoised (``run``)."""
        found: list[str] = []
        unigrams: dict[str, None] = {}
        concepts: set[str] = set()
        for kind, words in runs_of(pieces):
            if kind == LATIN:
                found += words
                concepts |= self.vocab.latin_concepts(words)
                continue
            run = self.run(words[0])
            found += run.grams
            unigrams.update(dict.fromkeys(words[0]))
            concepts |= run.concepts
        return Analysed(tuple(found), tuple(unigrams), frozenset(concepts), chars)

    def run(self, piece: str) -> Run:
        found = self.runs.get(piece)
        if found is None:
            found = Run(
                tuple(grams(piece)),
                frozenset(self.vocab.cjk_concepts(piece)),
                tuple(term_starts(piece, self.vocab)),
            )
            if len(self.runs) >= MEMO_TEXTS:
                self.runs.clear()
            self.runs[piece] = found
        return found


def _text(html: str) -> str:
    """The text of a description. Plain tags are cut with a pattern (``strip_tags`` parses
    HTML, many times slower); anything odd left over goes through ``strip_tags``."""
    text = _TAG.sub("", html or "")
    if "<" in text or ">" in text:
        text = strip_tags(html)
    return _SPACES.sub(" ", text).strip()


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
    """The live products among ``ids``, in that order, read with one query per table."""
    rows = Product.objects.filter(status=Product.Status.LIVE, pk__in=ids).values_list(
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
    if not facts:
        return []
    children = {"product_id__in": ids}
    for pid, lang, title, description, keywords in ProductTranslation.objects.filter(
        **children
    ).values_list("product_id", "language", "title", "description", "keywords"):
        if pid in facts:
            facts[pid].translations.append((lang, title, description, keywords))
    for pid, low, high, price in (
        PriceTier.objects.filter(**children)
        .order_by("product_id", "min_quantity")
        .values_list("product_id", "min_quantity", "max_quantity", "unit_price_minor")
    ):
        if pid in facts:
            facts[pid].tiers.append((low, high, price))
    for pid, days in (
        LeadTime.objects.filter(**children)
        .values("product_id")
        .annotate(m=Min("days"))
        .values_list("product_id", "m")
    ):
        if pid in facts:
            facts[pid].lead_days = days
    for pid in CustomizationOption.objects.filter(**children).values_list("product_id", flat=True):
        if pid in facts:
            facts[pid].customizable = True
    for pid, n in (
        ProductImage.objects.filter(**children)
        .values("product_id")
        .annotate(n=Count("id"))
        .values_list("product_id", "n")
    ):
        if pid in facts:
            facts[pid].images = n
    missing = {f.supplier_id for f in facts.values()} - set(ctx.suppliers)
    for pk, name, country, status in Company.objects.filter(pk__in=missing).values_list(
        "pk", "display_name", "country", "verification_status"
    ):
        ctx.suppliers[pk] = (name, str(country or ""), status == "verified")
    return [facts[pid] for pid in ids if pid in facts]


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


@dataclass
class Built:
    """What indexing writes for one product."""

    doc: tuple  # DOC_COLUMNS
    tiers: list[tuple]  # (doc, min, max, unit price minor)
    text: TextRow
    prefixes: list[tuple]  # (doc, key, weight, language, title): see models.TitlePrefix


def build_product(f: Facts, ctx: Context) -> Built:
    """The index row, tier rows, text and title prefixes of one product (see ``ranking``
    for quality). Each text is analysed on its own (``Context.analyse``), so a vocabulary
    term is found within one title, description or keyword list, not across two."""
    category = ctx.categories[f.category_id]
    chain = ctx.chain(category)
    supplier_name, country, verified = ctx.suppliers[f.supplier_id]

    analysed_titles = [ctx.title(t[1]) for t in f.translations]
    titles = [a for a, _keys in analysed_titles]
    texts = [ctx.analyse(t[2], html=True) for t in f.translations]
    texts += [ctx.analyse(t[3]) for t in f.translations]
    attr_text: list[str] = []
    concepts = set(ctx.category_concepts(category))
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
                concepts.add(ctx.value_concept(str(v)))
            if code == CERT_ATTRIBUTE:
                certs.append(str(v))
    category_text = [n for c in chain[-2:] for n in (c.names or {}).values()]
    extras = [ctx.analyse(t) for t in [*attr_text, *category_text, supplier_name]]
    # The category and attribute values are facts about the product: their concepts go
    # with the title (weighted most); concepts only mentioned in its text go apart.
    facts = sorted(concepts)
    mentioned = set().union(*(a.concepts for a in titles + texts)) - concepts

    on_request = f.price_mode == Product.PriceMode.ON_REQUEST
    prices = [t[2] for t in f.tiers]
    quality = ranking.listing_quality(
        images=f.images,
        tiers=len(f.tiers),
        description_chars=max((a.chars for a in texts[: len(f.translations)]), default=0),
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
    row = TextRow(
        f.id,
        [*itertools.chain.from_iterable(a.tokens for a in titles), *facts],
        list(itertools.chain.from_iterable(a.tokens for a in texts + extras)),
        sorted(mentioned),
        list(dict.fromkeys(itertools.chain.from_iterable(a.unigrams for a in titles + texts))),
    )
    prefixes = []
    for (lang, title, _d, _k), (_a, keys) in zip(f.translations, analysed_titles, strict=True):
        shown = title[:200]
        prefixes += [(f.id, key, quality, lang, shown) for key in keys]
    return Built(doc, [] if on_request else [(f.id, *t) for t in f.tiers], row, prefixes)


def _delete_docs(cursor, ids: list[int]) -> None:
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join(["%s"] * len(chunk))
        for table, column in (
            ("search_tierdoc", "doc_id"),
            ("search_titleprefix", "doc_id"),
            ("search_productdoc", "product_id"),
        ):
            cursor.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", chunk)  # noqa: S608


def index_products(ids: Iterable[int], ctx: Context | None = None) -> int:
    """Index the live products among ``ids`` and remove the rest; returns how many are live."""
    ids = list(dict.fromkeys(int(i) for i in ids))
    if not ids:
        return 0
    ctx = ctx or Context.load()
    built = [build_product(f, ctx) for f in _facts(ids, ctx)]
    with transaction.atomic(), connection.cursor() as cursor:
        _delete_docs(cursor, ids)
        backend().delete_products(ids)
        _write(cursor, built)
    return len(built)


@dataclass
class Rows:
    """The rows of a batch of built products, ready to insert: a builder process makes
    them, so the process that writes only passes them to the database."""

    docs: list[tuple]  # DOC_COLUMNS, indexed_at and the backend's text columns, adapted
    tiers: list[tuple]
    prefixes: list[tuple]
    texts: list[tuple] | None  # FTS5 rows (SQLite); None: the backend writes the text

    def __len__(self) -> int:
        return len(self.docs)


def _rows(built: list[Built], *, texts: bool) -> Rows:
    """``texts``: make the SQLite FTS5 rows too (``SqliteBackend.fts_row``), so that joining
    the tokens into column text happens where the products were built."""
    engine = backend()
    adapt = connection.ops.adapt_datetimefield_value
    now = adapt(timezone.now())
    return Rows(
        [(*b.doc[:-1], adapt(b.doc[-1]), now, *engine.text_values(b.text)) for b in built],
        [t for b in built for t in b.tiers],
        [p for b in built for p in b.prefixes],
        [SqliteBackend.fts_row(b.text) for b in built]
        if texts and engine.vendor == "sqlite"
        else None,
    )


def _write(cursor, built: list[Built]) -> None:
    """Insert the rows of freshly built products (none of them is in the index)."""
    _insert(cursor, _rows(built, texts=False))
    backend().write_products([b.text for b in built])


def _insert(cursor, rows: Rows) -> None:
    engine = backend()
    engine.insert(cursor, "search_productdoc", [*DOC_COLUMNS, *engine.text_columns], rows.docs)
    engine.insert(
        cursor,
        "search_tierdoc",
        ["doc_id", "min_quantity", "max_quantity", "unit_price_minor"],
        rows.tiers,
    )
    engine.insert(
        cursor,
        "search_titleprefix",
        ["doc_id", "key", "weight", "language", "title"],
        rows.prefixes,
    )
    if rows.texts is not None:
        cursor.executemany(SqliteBackend.FTS_INSERT, rows.texts)


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
    companies = list(Company.objects.filter(pk__in=ids, kind=Company.Kind.SUPPLIER))
    found = [c.pk for c in companies]
    # One query per table for all the companies, each company's rows in the order of its
    # own query (which decides ties among its main categories).
    counts: dict[int, Counter] = {pk: Counter() for pk in found}
    for supplier_id, category_id in Product.objects.filter(
        supplier_id__in=found, status=Product.Status.LIVE
    ).values_list("supplier_id", "category_id"):
        counts[supplier_id][category_id] += 1
    profiles = {
        pk: (about, business_type)
        for pk, about, business_type in SupplierProfile.objects.filter(
            company_id__in=found
        ).values_list("company_id", "about", "business_type")
    }
    certificates: dict[int, list[str]] = {pk: [] for pk in found}
    for pk, name in Certification.objects.filter(company_id__in=found).values_list(
        "company_id", "name"
    ):
        certificates[pk].append(name)
    docs, rows = [], []
    for company in companies:
        main = [
            ctx.categories[c] for c, _n in counts[company.pk].most_common(5) if c in ctx.categories
        ]
        about, business_type = profiles.get(company.pk, ("", ""))
        body = " ".join(
            [
                about,
                company.legal_name,
                *[n for c in main for n in (c.names or {}).values()],
                *certificates[company.pk],
            ]
        )
        concepts = {concept_token(CONCEPT_CATEGORY, s.slug) for c in main for s in ctx.chain(c)}
        docs.append(
            SupplierDoc(
                company_id=company.pk,
                country=company.country or "",
                business_type=business_type,
                verified=company.verification_status == "verified",
                categories="|" + "|".join(c.path for c in main) + "|" if main else "",
                product_count=sum(counts[company.pk].values()),
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

# Their keys arrive in no order (titles, quality, categories), so each batch would touch
# pages all over these B-trees; sorting once at the end is several times cheaper.
REBUILT_INDEXES = (ProductDoc, TitlePrefix)


def _drop_secondary_indexes() -> None:
    suggest.drop_band()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in REBUILT_INDEXES:
            for index in model._meta.indexes:
                cursor.execute(f"DROP INDEX IF EXISTS {quote(index.name)}")


def _create_secondary_indexes() -> None:
    editor = connection.schema_editor()
    with transaction.atomic(), connection.cursor() as cursor:
        for model in REBUILT_INDEXES:
            for index in model._meta.indexes:
                cursor.execute(str(index.create_sql(model, editor)))


BUILDERS = 2  # builder processes of a rebuild: with the writer, they keep two cores busy

_worker_ctx: Context | None = None  # the Context of a builder process (fork of the parent)
_inherited: list = []  # the parent's connections in a builder: kept, never used nor closed


def _start_builder(reads: bool) -> None:
    """In a new builder process that reads the catalog: connections of its own. Those
    inherited from the parent are set aside unclosed, as closing one would end the
    parent's session (PostgreSQL) or act on its file locks (SQLite)."""
    if not reads:
        return
    for alias in connections:
        _inherited.append(connections[alias])
        connections[alias] = connections.create_connection(alias)
    Finalize(None, connections.close_all, exitpriority=10)


def _build_batch(ids: list[int]) -> Rows:
    facts = _facts(ids, _worker_ctx)
    return _rows([build_product(f, _worker_ctx) for f in facts], texts=True)


def _build_facts(facts: list[Facts], suppliers: dict) -> Rows:
    _worker_ctx.suppliers.update(suppliers)
    return _rows([build_product(f, _worker_ctx) for f in facts], texts=True)


class _Builder:
    """Reads and builds a rebuild's batches, in ``BUILDERS`` processes when there are
    several batches: building is pure Python (one core each), while the first process
    only writes. The builders are forked after the taxonomy is loaded. Outside a
    transaction they read their batches with connections of their own; inside one (the
    rows it wrote are not visible to other connections) the first process reads each
    batch and sends its facts and the names of its suppliers."""

    def __init__(self, ctx: Context, *, parallel: bool) -> None:
        self.ctx = ctx
        self.pool = None
        self.reads = parallel and not connection.in_atomic_block
        if parallel:
            global _worker_ctx
            _worker_ctx = ctx
            if self.reads:
                connection.close()  # not to be carried into the builders; reopens on use
            fork = multiprocessing.get_context("fork")
            self.pool = ProcessPoolExecutor(
                max_workers=BUILDERS,
                mp_context=fork,
                initializer=_start_builder,
                initargs=(self.reads,),
            )
            self.pool.submit(int).result()  # fork them all now, before the connection reopens

    def __enter__(self) -> _Builder:
        return self

    def __exit__(self, *exc) -> None:
        global _worker_ctx
        if self.pool:
            self.pool.shutdown(cancel_futures=True)
            _worker_ctx = None

    def _submit(self, ids: list[int]) -> Future | Rows:
        if self.reads:
            return self.pool.submit(_build_batch, ids)
        facts = _facts(ids, self.ctx)
        if not self.pool:
            return _rows([build_product(f, self.ctx) for f in facts], texts=True)
        suppliers = {f.supplier_id: self.ctx.suppliers[f.supplier_id] for f in facts}
        return self.pool.submit(_build_facts, facts, suppliers)

    def pipeline(self, ids: list[int], batch: int) -> Iterator[tuple[int, Rows]]:
        """(offset, rows) per batch of ``ids``, in order, with one batch per builder
        in the making while the oldest is written."""
        pending: deque[tuple[int, Future | Rows]] = deque()
        for start in range(0, len(ids), batch):
            pending.append((start, self._submit(ids[start : start + batch])))
            if len(pending) > BUILDERS:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())


def _result(job: tuple[int, Future | Rows]) -> tuple[int, Rows]:
    start, rows = job
    return start, rows.result() if isinstance(rows, Future) else rows


def reindex(batch: int = 1000, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the whole index in batches; returns the number of live products indexed.

    Batches follow the category tree (products of a category are written together, so
    the rows a query's matches are counted from lie on few pages), each written in a
    transaction of its own, so web requests that write can interleave on SQLite. The
    backend may set its full-text index aside while the rows go in (``begin_rebuild``)
    and build it once at the end."""
    from tradeloom.search.vocabulary import reset

    reset()
    ctx = Context.load()
    engine = backend()
    with transaction.atomic():
        engine.clear()
    ids = list(
        Product.objects.filter(status=Product.Status.LIVE)
        .order_by("category__path", "pk")
        .values_list("pk", flat=True)
    )
    done = 0
    with _Builder(ctx, parallel=len(ids) > batch) as builder:
        engine.begin_rebuild()
        _drop_secondary_indexes()
        try:
            for start, rows in builder.pipeline(ids, batch):
                with transaction.atomic(), connection.cursor() as cursor:
                    _insert(cursor, rows)
                done += len(rows)
                if progress:
                    progress(min(start + batch, len(ids)), len(ids))
        finally:
            engine.end_rebuild()
            _create_secondary_indexes()
            suggest.build_band()
    suppliers = list(
        Company.objects.filter(kind=Company.Kind.SUPPLIER).values_list("pk", flat=True)
    )
    for start in range(0, len(suppliers), batch):
        index_suppliers(suppliers[start : start + batch], ctx)
    return done
