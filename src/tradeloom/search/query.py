"""The one ``search`` interface: products and suppliers, with facet counts.

Public reads: the index holds live products only, so nothing here can show a draft,
pending, rejected or hidden listing. Callers pass parsed parameters (``params``).
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.core.cache import cache
from django.db import connection
from django.utils.translation import gettext as _

from tradeloom.accounts.models import Company
from tradeloom.catalog.models import Category, SupplierProfile
from tradeloom.core.errors import DomainError
from tradeloom.core.fx import rate_between
from tradeloom.core.money import exponent
from tradeloom.search import ranking
from tradeloom.search.analyzer import AFTER_EVERY_KEY, CONCEPT_CATEGORY, Unit, explain, parse
from tradeloom.search.backends import backend
from tradeloom.search.models import SupplierDoc
from tradeloom.search.params import ProductQuery, SupplierQuery
from tradeloom.search.vocabulary import vocabulary

MOQ_BUCKETS = (100, 500, 1000, 5000)
LEAD_BUCKETS = (7, 15, 30, 60)
RATE_SECONDS = 60
# Counts of a survey without words over at least this many matches are kept for
# ``SURVEY_SECONDS``: browsing a large category counts hundreds of thousands of rows, and
# the counts of such a page may lag by a minute. The page of results itself is always
# read afresh.
CACHED_SURVEY_MATCHES = 20_000
SURVEY_SECONDS = 60
# The columns of the matches a survey reads once (``_ProductSearch.survey``), under their
# own names so that an ordering written for ``d`` reads them as well, and the counts it
# takes of them in one row: flags, and the cumulative "at most N" buckets.
SURVEYED = (
    "d.product_id",
    "d.quality",
    "d.category_path",
    "d.country",
    "d.certs",
    "d.verified",
    "d.ready_to_ship",
    "d.samples",
    "d.customizable",
    "d.moq",
    "d.lead_days",
)
SORTED_BY = ("d.currency", "d.price_min_minor", "d.live_at")  # also read to sort the leaders
SURVEY_COUNTS = {
    "verified": "verified",
    "ready": "ready_to_ship",
    "samples": "samples",
    "custom": "customizable",
    **{f"moq{n}": f"moq <= {n}" for n in MOQ_BUCKETS},
    **{f"lead{n}": f"lead_days <= {n}" for n in LEAD_BUCKETS},
}


@dataclass
class Facets:
    categories: list[dict] = field(default_factory=list)  # children of the chosen category
    countries: list[tuple[str, int]] = field(default_factory=list)
    certs: list[tuple[str, int]] = field(default_factory=list)
    flags: dict[str, int] = field(default_factory=dict)  # verified, ready, samples, custom
    moq: list[tuple[int, int]] = field(default_factory=list)  # (at most N, count)
    lead: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class ProductResults:
    query: ProductQuery
    ids: list[int]
    scores: list[float]
    total: int
    page: int
    pages: int
    facets: Facets
    expansion: list[dict]
    relaxed: bool = False  # no result had every word; these have some of them
    warnings: list[str] = field(default_factory=list)
    related: list[Category] = field(default_factory=list)  # for an empty result
    without: dict[str, int] = field(default_factory=dict)  # filter -> count without it


@dataclass
class SupplierResults:
    query: SupplierQuery
    ids: list[int]
    total: int
    page: int
    pages: int
    warnings: list[str] = field(default_factory=list)


# --- exchange rates, cached briefly per process ------------------------------------------------

_rates_lock = threading.Lock()
_rates: dict[tuple[str, str], tuple[float, Decimal | None]] = {}


def fx_rate(base: str, quote: str) -> Decimal | None:
    """Units of ``quote`` per unit of ``base``, or None when no rate is known."""
    now = time.monotonic()
    with _rates_lock:
        cached = _rates.get((base, quote))
        if cached and now - cached[0] < RATE_SECONDS:
            return cached[1]
    try:
        rate = rate_between(base, quote)[0]
    except DomainError:
        rate = None
    with _rates_lock:
        _rates[(base, quote)] = (now, rate)
    return rate


_currency_list: dict = {"at": -1e9, "codes": []}


def _currencies() -> list[str]:
    """The currencies listings are priced in (a scan of the index, cached briefly)."""
    now = time.monotonic()
    if now - _currency_list["at"] > RATE_SECONDS:
        with connection.cursor() as cursor:
            cursor.execute("SELECT DISTINCT currency FROM search_productdoc")
            _currency_list.update(at=now, codes=sorted(r[0] for r in cursor.fetchall()))
    return _currency_list["codes"]


# --- building the SQL ------------------------------------------------------------------------


class _Sql:
    def __init__(self) -> None:
        self.where: list[str] = []
        self.params: list = []

    def add(self, clause: str, *params) -> None:
        self.where.append(clause)
        self.params.extend(params)

    def clause(self) -> str:
        return " AND ".join(self.where) if self.where else "1=1"


def _price_filter(pq: ProductQuery, sql: _Sql) -> None:
    if pq.price_min is None and pq.price_max is None:
        return
    column = "t.unit_price_minor" if pq.quantity else "d.price_min_minor"
    alternatives, params = [], []
    for currency in _currencies():
        rate = fx_rate(pq.currency, currency)
        if rate is None:
            continue  # no rate: these prices cannot be compared, leave them out
        scale = Decimal(10) ** exponent(currency)
        parts = ["d.currency = %s"]
        params.append(currency)
        if pq.price_min is not None:
            parts.append(f"{column} >= %s")
            params.append(int((pq.price_min * rate * scale).to_integral_value(ROUND_CEILING)))
        if pq.price_max is not None:
            parts.append(f"{column} <= %s")
            params.append(int((pq.price_max * rate * scale).to_integral_value(ROUND_FLOOR)))
        alternatives.append("(" + " AND ".join(parts) + ")")
    if not alternatives:
        sql.add("1=0")
        return
    either = "(" + " OR ".join(alternatives) + ")"
    if pq.quantity:
        tiers = (
            "EXISTS (SELECT 1 FROM search_tierdoc t WHERE t.doc_id = d.product_id "
            "AND t.min_quantity <= %s AND (t.max_quantity IS NULL OR t.max_quantity >= %s) AND "
        )
        sql.add(
            tiers + either + ")",
            pq.quantity,
            pq.quantity,
            *params,
        )
    else:
        sql.add(either, *params)


def _filters(pq: ProductQuery, skip: str = "") -> _Sql:
    sql = _Sql()
    if pq.category and skip != "category":
        path = Category.objects.filter(slug=pq.category).values_list("path", flat=True).first()
        if path:
            sql.add("d.category_path >= %s AND d.category_path < %s", path, path + AFTER_EVERY_KEY)
    if skip != "price":
        _price_filter(pq, sql)
    if pq.quantity and skip != "quantity":
        sql.add("d.moq <= %s", pq.quantity)
    if pq.moq_max and skip != "moq_max":
        sql.add("d.moq <= %s", pq.moq_max)
    if pq.lead_max is not None and skip != "lead_max":
        sql.add("d.lead_days <= %s", pq.lead_max)
    if pq.countries and skip != "country":
        sql.add(f"d.country IN ({', '.join(['%s'] * len(pq.countries))})", *pq.countries)
    for cert in pq.certs if skip != "cert" else []:
        sql.add("d.certs LIKE %s", f"%|{cert}|%")
    for flag, column in (
        ("verified", "verified"),
        ("ready", "ready_to_ship"),
        ("samples", "samples"),
        ("custom", "customizable"),
    ):
        if getattr(pq, flag) and skip != flag:
            sql.add(f"d.{column} = %s", True)
    return sql


def _order(pq: ProductQuery, relevance: str | None) -> tuple[str, list]:
    if pq.sort == "price":
        cases, params = [], []
        for currency in _currencies():
            rate = fx_rate(pq.currency, currency)
            if rate:
                cases.append("WHEN %s THEN d.price_min_minor * %s")
                params += [currency, float(1 / (rate * (Decimal(10) ** exponent(currency))))]
        if not cases:
            return "d.product_id", []
        return f"(CASE d.currency {' '.join(cases)} END) ASC NULLS LAST, d.product_id", params
    if pq.sort == "moq":
        return "d.moq ASC, d.quality DESC, d.product_id", []
    if pq.sort == "newest" or relevance is None:
        if pq.sort == "newest":
            return "d.live_at DESC, d.product_id DESC", []
        return "d.quality DESC, d.live_at DESC, d.product_id DESC", []
    return f"{ranking.combined_sql(relevance)} DESC, d.product_id", []


class _ProductSearch:
    def __init__(self, pq: ProductQuery, units: list[Unit], mode: str) -> None:
        self.pq = pq
        self.units = units
        self.match = backend().product_match(units, mode=mode) if units else None
        self.leaders: list[tuple] | None = None  # see ``survey``

    def source(self, skip: str = "") -> tuple[str, list]:
        sql = _filters(self.pq, skip)
        join, where, params = "", sql.clause(), list(sql.params)
        if self.match:
            join = self.match.join
            where = f"{self.match.where} AND {where}"
            params = list(self.match.params) + params
        return f"FROM search_productdoc d{join} WHERE {where}", params

    def count(self, skip: str = "") -> int:
        source, params = self.source(skip)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) {source}", params)
            return cursor.fetchone()[0]

    @property
    def ranked(self) -> bool:
        return self.match is not None and self.pq.sort == "relevance"

    def page(self, offset: int, limit: int) -> list[tuple[int, float]]:
        """(product id, relevance) of the results from ``offset``, in order. The first
        ``ranking.CANDIDATES`` of a query with words come from the survey's leaders."""
        if self.match is not None and self.leaders is None:
            self.survey(None)
        if self.ranked and self.match.estimate:
            return self._estimated_page(offset, limit)
        if self.match is not None and offset + limit <= ranking.CANDIDATES:
            chosen = self.leaders[offset : offset + limit]
            if self.ranked:
                return [(pid, rel) for pid, _pos, rel in chosen]
            return self._scored([pid for pid, _pos, _rel in chosen])
        source, params = self.source()
        relevance = self.match.relevance if self.match else None
        rel_params = list(self.match.relevance_params) if self.match else []
        order, order_params = _order(self.pq, relevance)
        ranked = self.ranked
        sql = (
            f"SELECT d.product_id, {relevance or '0'} {source} ORDER BY {order} LIMIT %s OFFSET %s"
        )
        all_params = (
            (rel_params if relevance else [])
            + params
            + (rel_params if ranked else [])
            + order_params
            + [limit, offset]
        )
        return _fetch_scored(sql, all_params)

    def _scored(self, ids: list[int]) -> list[tuple[int, float]]:
        """``ids`` in their order, each with its relevance (for the API's ``score``)."""
        if not ids:
            return []
        source, params = self.source()
        marks = ", ".join(["%s"] * len(ids))
        scores = dict(
            _fetch_scored(
                f"SELECT d.product_id, {self.match.relevance} {source} "
                f"AND d.product_id IN ({marks})",
                [*self.match.relevance_params, *params, *ids],
            )
        )
        return [(pid, scores[pid]) for pid in ids if pid in scores]

    def _estimated_page(self, offset: int, limit: int) -> list[tuple[int, float]]:
        """Ranking in two passes (see ``ranking``): the ``CANDIDATES`` best matches by the
        estimate are scored in full and ordered by the score; matches after them keep
        the estimate's order. A page may take rows from both."""
        source, params = self.source()
        match = self.match
        estimate = f"{match.estimate} DESC, d.quality DESC, d.product_id"
        score = ranking.combined_sql(match.relevance)
        end = offset + limit
        rows: list[tuple[int, float]] = []
        if offset < ranking.CANDIDATES and self.leaders:  # none: nothing matched
            ids = [row[0] for row in self.leaders]
            rows += _fetch_scored(
                f"SELECT d.product_id, {match.relevance} FROM search_productdoc d "  # noqa: S608
                f"WHERE d.product_id IN ({', '.join(['%s'] * len(ids))}) "
                f"ORDER BY {score} DESC, d.product_id LIMIT %s OFFSET %s",
                [
                    *match.relevance_params,
                    *ids,
                    *match.relevance_params,
                    min(end, ranking.CANDIDATES) - offset,
                    offset,
                ],
            )
        if end > ranking.CANDIDATES:
            start = max(offset, ranking.CANDIDATES)
            rows += _fetch_scored(
                f"SELECT d.product_id, {match.relevance} {source} "
                f"ORDER BY {estimate} LIMIT %s OFFSET %s",
                [*match.relevance_params, *params, *match.estimate_params, end - start, start],
            )
        return rows

    def survey(self, chosen: Category | None, *, fresh: bool = False) -> tuple[int, Facets]:
        """The total and every facet count, from one pass over the matches: they are read
        once into ``m``, then counted per category path, country and certificates, and
        for the flags and "at most" buckets in one row. A query with words takes its
        leaders from the same pass (``leaders``): sorted by relevance, the first
        ``ranking.CANDIDATES`` matches by the backend's estimate, or by the final score
        where the backend scores every match; sorted otherwise, the first by that order.
        The counts of a survey without words over many matches are kept a minute
        (``CACHED_SURVEY_MATCHES``); ``fresh`` counts again all the same."""
        source, params = self.source()
        picked, rank_params, order_params = list(SURVEYED), [], []
        match = self.match
        if self.ranked and match.estimate:
            picked += [f"{match.estimate} AS r", "0 AS rel"]
            rank_params = list(match.estimate_params)
            order = "r DESC, quality DESC, product_id"
        elif self.ranked:
            picked += [f"{ranking.combined_sql(match.relevance)} AS r"]
            picked += [f"{match.relevance} AS rel"]
            rank_params = [*match.relevance_params, *match.relevance_params]
            order = "r DESC, product_id"
        elif match:
            picked += [*SORTED_BY, "0 AS rel"]
            order, order_params = _order(self.pq, None)
        counted = [f"COUNT(*) FILTER (WHERE {c})" for c in SURVEY_COUNTS.values()]
        blank = ", ".join(["NULL"] * len(counted))
        # typed: PostgreSQL takes a UNION's column types from the first branches
        parts = [
            f"SELECT 0, NULL, COUNT(*), {', '.join(counted)}, CAST(NULL AS BIGINT), "  # noqa: S608
            "CAST(NULL AS BIGINT), CAST(NULL AS DOUBLE PRECISION) FROM m"
        ]
        parts += [
            f"SELECT {kind}, {key}, COUNT(*), {blank}, NULL, NULL, NULL FROM m GROUP BY {key}"  # noqa: S608
            for kind, key in ((1, "category_path"), (2, "country"), (3, "certs"))
        ]
        tail = []
        if match:  # the leaders, numbered in their order (a UNION keeps none of its own)
            parts.append(
                f"SELECT 4, NULL, NULL, {blank}, product_id, "  # noqa: S608
                f"ROW_NUMBER() OVER (ORDER BY {order}), rel FROM "
                f"(SELECT * FROM m d ORDER BY {order} LIMIT %s) d"
            )
            tail = [*order_params, *order_params, ranking.CANDIDATES]
        sql = f"WITH m AS MATERIALIZED (SELECT {', '.join(picked)} {source}) " + " UNION ALL ".join(
            parts
        )
        params = [*rank_params, *params, *tail]
        key = None
        if not match:  # counts only: the same SQL and parameters count the same
            text = f"{connection.vendor}|{sql}|{params!r}|{chosen.path if chosen else ''}"
            key = "search-survey:" + hashlib.sha256(text.encode()).hexdigest()
            found = None if fresh else cache.get(key)
            if found is not None:
                return found
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        groups: dict[int, list[tuple]] = {0: [], 1: [], 2: [], 3: [], 4: []}
        for row in rows:
            groups[row[0]].append(row)
        totals = dict(zip(SURVEY_COUNTS, groups[0][0][3:-3], strict=True))
        total = groups[0][0][2]
        certs: dict[str, int] = {}
        for _kind, joined, n, *_rest in groups[3]:
            for code in (joined or "").strip("|").split("|"):
                if code:
                    certs[code] = certs.get(code, 0) + n
        if match:
            leaders = [(r[-3], r[-2], float(r[-1] or 0)) for r in groups[4]]
            self.leaders = sorted(leaders, key=lambda r: r[1])  # (id, position, relevance)
        facets = Facets(
            categories=_category_counts([(r[1], r[2]) for r in groups[1]], chosen) if total else [],
            countries=sorted(
                ((r[1], r[2]) for r in groups[2] if r[1]), key=lambda kv: (-kv[1], kv[0])
            ),
            certs=sorted(certs.items(), key=lambda kv: (-kv[1], kv[0])),
            flags={name: totals[name] for name in ("verified", "ready", "samples", "custom")},
            moq=[(n, totals[f"moq{n}"]) for n in MOQ_BUCKETS],
            lead=[(n, totals[f"lead{n}"]) for n in LEAD_BUCKETS],
        )
        if key and total >= CACHED_SURVEY_MATCHES:
            cache.set(key, (total, facets), SURVEY_SECONDS)
        return total, facets


def _fetch_scored(sql: str, params: list) -> list[tuple[int, float]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(row[0], float(row[1] or 0)) for row in cursor.fetchall()]


def _category_counts(paths: list[tuple[str, int]], chosen: Category | None) -> list[dict]:
    """Counts for the children of the chosen category (or the top level), rolled up."""
    depth = chosen.depth + 1 if chosen else 0
    prefix = chosen.path if chosen else ""
    counts: dict[str, int] = {}
    for path, n in paths:
        if not path.startswith(prefix):
            continue
        slugs = path.strip("/").split("/")
        if len(slugs) > depth:
            counts[slugs[depth]] = counts.get(slugs[depth], 0) + n
    found = Category.objects.in_bulk(list(counts), field_name="slug")
    out = [
        {"slug": slug, "category": found[slug], "count": n}
        for slug, n in counts.items()
        if slug in found
    ]
    return sorted(out, key=lambda c: (-c["count"], c["category"].path))


def search_products(pq: ProductQuery, warnings: list[str] | None = None) -> ProductResults:
    """Live products matching ``pq``: a page of ids in order, the total and facet counts."""
    warnings = list(warnings or [])
    vocab = vocabulary()
    units = parse(pq.q, vocab) if pq.q else []
    if pq.q and not units:
        warnings.append(_("Your search has no words to look for; showing everything."))
    chosen = Category.objects.filter(slug=pq.category).first() if pq.category else None
    run = _ProductSearch(pq, units, "and")
    total, facets = run.survey(chosen)
    relaxed = False
    if total == 0 and len(units) > 1:
        loose = _ProductSearch(pq, units, "or")
        loose_total, loose_facets = loose.survey(chosen)
        if loose_total:
            run, total, facets, relaxed = loose, loose_total, loose_facets, True
    pages = max(1, math.ceil(total / pq.per_page))
    page = pq.page
    if page > pages:
        if total:
            warnings.append(
                _("There are only %(pages)s pages; this is the last one.") % {"pages": pages}
            )
        page = pages
    hits = run.page((page - 1) * pq.per_page, pq.per_page) if total else []
    results = ProductResults(
        query=pq,
        ids=[h[0] for h in hits],
        scores=[h[1] for h in hits],
        total=total,
        page=page,
        pages=pages,
        facets=facets,
        expansion=explain(pq.q, vocab) if pq.q else [],
        relaxed=relaxed,
        warnings=warnings,
    )
    if total == 0:
        _suggest_relaxing(results, run, units)
    return results


def warm_browse_counts() -> None:
    """Count the most visited browse pages again before their kept counts expire: the
    whole catalogue and each top category, without words or filters. Run by the worker's
    sweep (every 45 s, ``worker.SWEEPS``), so that no buyer waits for the counts of a
    large page. Where the cache is shared (Redis), every web process reads them; only
    results large enough to be kept are (``CACHED_SURVEY_MATCHES``)."""
    for chosen in [None, *Category.objects.filter(depth=0).order_by("position")]:
        pq = ProductQuery(category=chosen.slug if chosen else "")
        _ProductSearch(pq, [], "and").survey(chosen, fresh=True)


def _suggest_relaxing(results: ProductResults, run: _ProductSearch, units: list[Unit]) -> None:
    """For an empty page: how many results each filter hides, and related categories."""
    pq = results.query
    checks = {
        "category": bool(pq.category),
        "price": pq.price_min is not None or pq.price_max is not None,
        "quantity": bool(pq.quantity),
        "moq_max": bool(pq.moq_max),
        "lead_max": pq.lead_max is not None,
        "country": bool(pq.countries),
        "cert": bool(pq.certs),
        **{flag: getattr(pq, flag) for flag in ("verified", "ready", "samples", "custom")},
    }
    for name, active in checks.items():
        if active:
            n = run.count(skip=name)
            if n:
                results.without[name] = n
    slugs = []
    for unit in units:
        slugs += [c[len(CONCEPT_CATEGORY) :] for c in unit.concepts if c.startswith("zzc")]
    if slugs:
        by_token = {
            c.slug.replace("-", ""): c for c in Category.objects.filter(depth__lte=3).only("slug")
        }
        results.related = [by_token[s] for s in dict.fromkeys(slugs) if s in by_token][:8]
    if not results.related:
        results.related = list(Category.objects.filter(depth=0).order_by("position")[:8])


# --- suppliers ---------------------------------------------------------------------------------


def search_suppliers(sq: SupplierQuery, warnings: list[str] | None = None) -> SupplierResults:
    warnings = list(warnings or [])
    units = parse(sq.q, vocabulary()) if sq.q else []
    if sq.q and not units:
        warnings.append(_("Your search has no words to look for; showing everything."))
    sql = _Sql()
    if sq.countries:
        sql.add(f"s.country IN ({', '.join(['%s'] * len(sq.countries))})", *sq.countries)
    if sq.business_type:
        sql.add("s.business_type = %s", sq.business_type)
    if sq.verified:
        sql.add("s.verified = %s", True)
    if sq.category:
        path = Category.objects.filter(slug=sq.category).values_list("path", flat=True).first()
        sql.add("s.categories LIKE %s", f"%|{path}%")
    match = backend().supplier_match(units) if units else None
    join, where, params = "", sql.clause(), list(sql.params)
    if match:
        join, where, params = match.join, f"{match.where} AND {where}", match.params + params
    source = f"FROM search_supplierdoc s{join} WHERE {where}"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) {source}", params)
        total = cursor.fetchone()[0]
        pages = max(1, math.ceil(total / sq.per_page))
        page = min(sq.page, pages)
        if sq.page > pages and total:
            warnings.append(
                _("There are only %(pages)s pages; this is the last one.") % {"pages": pages}
            )
        order = "s.verified DESC, s.product_count DESC, s.company_id"
        rel_params: list = []
        if match:
            order = f"{match.relevance} DESC, s.verified DESC, s.company_id"
            rel_params = match.relevance_params
        cursor.execute(
            f"SELECT s.company_id {source} ORDER BY {order} LIMIT %s OFFSET %s",
            params + rel_params + [sq.per_page, (page - 1) * sq.per_page],
        )
        ids = [r[0] for r in cursor.fetchall()]
    return SupplierResults(sq, ids, total, page, pages, warnings)


@dataclass
class SupplierFacts:
    """What a buyer compares suppliers by, beside their name and country."""

    company: Company
    profile: SupplierProfile | None
    product_count: int  # live products, as indexed
    categories: list[Category]  # main categories, most products first (at most five)

    @property
    def business_type(self) -> str:
        """The business type's label, in the active language ("" when not given)."""
        kind = self.profile.business_type if self.profile else ""
        return SupplierProfile.BusinessType(kind).label if kind in BUSINESS_TYPES else ""


BUSINESS_TYPES = frozenset(SupplierProfile.BusinessType.values)


def supplier_facts(ids: list[int]) -> list[SupplierFacts]:
    """The facts of the companies ``ids`` in that order (those that exist), from their
    index rows and profiles: three queries for a page."""
    found = Company.objects.select_related("profile").in_bulk(ids)
    docs = SupplierDoc.objects.in_bulk(ids)
    slugs = {
        pk: [
            path.strip("/").split("/")[-1] for path in doc.categories.strip("|").split("|") if path
        ]
        for pk, doc in docs.items()
    }
    named = Category.objects.in_bulk(
        {s for each in slugs.values() for s in each}, field_name="slug"
    )
    return [
        SupplierFacts(
            company=found[pk],
            profile=getattr(found[pk], "profile", None),
            product_count=docs[pk].product_count if pk in docs else 0,
            categories=[named[s] for s in slugs.get(pk, []) if s in named],
        )
        for pk in ids
        if pk in found
    ]
