"""Autocomplete: category names (every language) and product titles continuing what the
buyer has typed so far.

Category terms are few and kept in memory with the vocabulary. Titles are looked up in
``search_titleprefix`` (kept by the indexer): every place a title may be continued from,
so a suggestion is one range scan of a B-tree index, whatever the catalogue's size."""

from __future__ import annotations

import threading
from bisect import bisect_left
from dataclasses import dataclass

from django.db import connection
from django.utils.translation import get_language

from tradeloom.catalog.models import Category, pick
from tradeloom.search.analyzer import normalize, prefix_key
from tradeloom.search.vocabulary import split_terms, vocabulary

MAX_PREFIX = 60
AFTER_EVERY_KEY = "\U0010ffff"  # sorts after any character, so key < typed + this
# Titles in the buyer's language first, then by listing quality. The inner query reads
# only the index (key, language, weight, doc) — a short prefix such as "wo" covers tens
# of thousands of entries at a million products — and the outer one finds the rows of the
# few chosen by those same columns. (Choosing by ``id``, which PostgreSQL's index does not
# hold, read a table row per entry in the range: 200 ms instead of a few.)
TITLES_SQL = """
SELECT t.doc_id, t.title FROM search_titleprefix t JOIN (
    SELECT key, language, weight, doc_id FROM search_titleprefix WHERE key >= %s AND key < %s
    ORDER BY CASE WHEN language = %s THEN 0 ELSE 1 END, weight DESC, doc_id LIMIT %s
) best ON t.key = best.key AND t.language = best.language AND t.weight = best.weight
    AND t.doc_id = best.doc_id
ORDER BY CASE WHEN t.language = %s THEN 0 ELSE 1 END, t.weight DESC, t.doc_id
"""

_lock = threading.Lock()
_names: dict = {"vocab": None, "terms": None}


@dataclass
class Suggestion:
    kind: str  # "category" or "product"
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
    categories = _category_terms()
    seen: dict[str, int] = {}
    for _term, depth, slug in categories.starting_with(key):
        seen.setdefault(slug, depth)
    slugs = sorted(seen, key=lambda s: (seen[s], s))[: limit // 2]
    out = [Suggestion("category", pick(categories.names[s], language), slug=s) for s in slugs]
    typed = prefix_key(prefix)
    if not typed:
        return out
    with connection.cursor() as cursor:
        # Twice the room: a product whose title continues the prefix in two places (or
        # two products with one title) is offered once.
        wanted = limit - len(out)
        cursor.execute(TITLES_SQL, [typed, typed + AFTER_EVERY_KEY, language, 2 * wanted, language])
        rows = cursor.fetchall()
    products: set[int] = set()
    titles: set[str] = set()
    for pid, title in rows:
        if len(out) < limit and pid not in products and title not in titles:
            products.add(pid)
            titles.add(title)
            out.append(Suggestion("product", title, product_id=pid))
    return out
