"""Autocomplete: popular searches (``popular``), category names (every language) and
product titles continuing what the buyer has typed so far.

Category terms are few and kept in memory with the vocabulary. Titles are looked up in
``search_titleprefix`` (kept by the indexer): every place a title may be continued from,
so a suggestion is a range scan of a B-tree index per language, and of a smaller one (the
band of the best listings) when what was typed is short and common."""

from __future__ import annotations

import threading
from bisect import bisect_left
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import get_language

from tradeloom.catalog.models import Category, pick
from tradeloom.search.analyzer import AFTER_EVERY_KEY, normalize, prefix_key
from tradeloom.search.models import IndexSetting
from tradeloom.search.popular import completing
from tradeloom.search.vocabulary import split_terms, vocabulary

MAX_PREFIX = 60
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

# The best places of one language's titles continuing what was typed, by listing quality.
# The inner query reads only the index (language, key, weight, doc), and the outer one
# finds the rows of the few chosen by those same columns. (Choosing by ``id``, which the
# index does not hold, read a table row per place in the range.)
PLACES_SQL = """
SELECT t.doc_id, t.title, t.weight FROM search_titleprefix t JOIN (
    SELECT language, key, weight, doc_id FROM search_titleprefix
    WHERE language = %s AND key >= %s AND key < %s{band}
    ORDER BY weight DESC, doc_id LIMIT %s
) best ON t.language = best.language AND t.key = best.key AND t.weight = best.weight
    AND t.doc_id = best.doc_id
ORDER BY t.weight DESC, t.doc_id
"""
# The band: a short prefix such as "cas" starts 50,000 places at a million products, and
# choosing the best of them read them all. A rebuild puts the places of about the best
# ``BAND_SHARE`` of listings in a partial index as well, from a quality it records
# (``IndexSetting`` ``suggest_band``). The band holds every place at or above that quality,
# whenever it was written, so when it has enough places for a prefix they are exactly the
# best; otherwise the whole range is read, which is then short or rarely needed.
BAND_SHARE = 0.05
BAND_INDEX = "search_titleprefix_band"
BAND_SETTING = "suggest_band"

_lock = threading.Lock()
_names: dict = {"vocab": None, "terms": None}


@dataclass
class Suggestion:
    kind: str  # "query" (a popular search), "category" or "product"
    text: str
    slug: str = ""
    product_id: int | None = None


@dataclass
class CategoryTerms:
    """Every category name and synonym, normalized and sorted, so the terms starting
    with a prefix are a slice found by bisection; rebuilt with the vocabulary."""

    terms: list[str]
    rows: list[tuple[str, int, str]]  # (term, depth, slug), in the order of ``terms``
    names: dict[str, dict]  # slug -> names, to show a category without a query

    def starting_with(self, key: str) -> list[tuple[str, int, str]]:
        start = bisect_left(self.terms, key)
        end = bisect_left(self.terms, key + AFTER_EVERY_KEY, lo=start)
        return self.rows[start:end]


def _category_terms() -> CategoryTerms:
    vocab = vocabulary()
    with _lock:
        if _names["vocab"] is vocab:
            return _names["terms"]
    rows, names = [], {}
    for slug, depth, category_names, synonyms in Category.objects.values_list(
        "slug", "depth", "names", "synonyms"
    ):
        names[slug] = category_names or {}
        terms = {normalize(n) for n in names[slug].values()}
        terms |= {t for words in (synonyms or {}).values() for w in words for t in split_terms(w)}
        rows += [(t, depth, slug) for t in terms if t]
    rows.sort()
    found = CategoryTerms([r[0] for r in rows], rows, names)
    with _lock:
        _names.update(vocab=vocab, terms=found)
    return found


def suggest(prefix: str, *, language: str | None = None, limit: int = 8) -> list[Suggestion]:
    prefix = (prefix or "").strip()[:MAX_PREFIX]
    key = normalize(prefix).strip()
    if not key:
        return []
    language = (language or get_language() or "en").lower()
    typed = prefix_key(prefix)
    out = [Suggestion("query", text) for text in completing(typed, language, limit // 4)]
    categories = _category_terms()
    seen: dict[str, int] = {}
    for _term, depth, slug in categories.starting_with(key):
        seen.setdefault(slug, depth)
    slugs = sorted(seen, key=lambda s: (seen[s], s))[: limit // 2]
    out += [Suggestion("category", pick(categories.names[s], language), slug=s) for s in slugs]
    if not typed:
        return out
    # Twice the room: a product whose title continues the prefix in two places (or two
    # products with one title) is offered once.
    products: set[int] = set()
    titles: set[str] = set()
    for pid, title in best_places(typed, language, 2 * (limit - len(out))):
        if len(out) < limit and pid not in products and title not in titles:
            products.add(pid)
            titles.add(title)
            out.append(Suggestion("product", title, product_id=pid))
    return out


def best_places(typed: str, language: str, wanted: int) -> list[tuple[int, str]]:
    """(product, title) of the ``wanted`` best places continuing ``typed``: titles in the
    buyer's language first, then the other languages together, each by listing quality
    (and product id)."""
    band = IndexSetting.objects.filter(name=BAND_SETTING).values_list("value", flat=True)
    threshold = next(iter(band), None)
    with connection.cursor() as cursor:
        first = []
        if language in LANGUAGE_CODES:
            first = _best(cursor, typed, language, wanted, threshold)
        need = wanted - len(first)
        if need <= 0:
            return [(pid, title) for pid, title, _w in first]
        others = [
            row
            for code in LANGUAGE_CODES
            if code != language
            for row in _best(cursor, typed, code, need, threshold)
        ]
    others.sort(key=lambda row: (-row[2], row[0]))
    return [(pid, title) for pid, title, _w in first + others[:need]]


def _best(cursor, typed: str, language: str, wanted: int, threshold: float | None) -> list:
    """The ``wanted`` best places of one language: from the band when it holds that many,
    else from the whole range. The threshold goes into the text of the query, as the
    planner can use a partial index only for a condition it can compare with its own."""
    params = [language, typed, typed + AFTER_EVERY_KEY, wanted]
    if threshold is not None:
        cursor.execute(PLACES_SQL.format(band=f" AND weight >= {float(threshold)!r}"), params)
        rows = cursor.fetchall()
        if len(rows) == wanted:
            return rows
    cursor.execute(PLACES_SQL.format(band=""), params)
    return cursor.fetchall()


def build_band(share: float = BAND_SHARE) -> float | None:
    """(Re)create the band index over the places of about the best ``share`` of listings
    and record its threshold; run at the end of a rebuild. None when the index is empty."""
    drop_band()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM search_productdoc")
        count = cursor.fetchone()[0]
        cursor.execute(
            "SELECT quality FROM search_productdoc ORDER BY quality DESC LIMIT 1 OFFSET %s",
            [min(int(count * share), max(count - 1, 0))],
        )
        found = cursor.fetchone()
        if found is None:
            return None
        threshold = float(found[0])
        cursor.execute(
            f"CREATE INDEX {connection.ops.quote_name(BAND_INDEX)} ON search_titleprefix "
            f"(language, key, weight, doc_id) WHERE weight >= {threshold!r}"
        )
        IndexSetting.objects.create(name=BAND_SETTING, value=threshold)
    return threshold


def drop_band() -> None:
    """Set the band aside while a rebuild writes (``build_band`` makes it again)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(BAND_INDEX)}")
        IndexSetting.objects.filter(name=BAND_SETTING).delete()
