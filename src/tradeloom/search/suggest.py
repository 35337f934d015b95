"""Autocomplete: category names (every language) and product titles starting with what
the buyer has typed so far."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from django.db import connection
from django.utils.translation import get_language

from tradeloom.catalog.models import Category, ProductTranslation, pick
from tradeloom.search.analyzer import normalize, parse
from tradeloom.search.backends import backend
from tradeloom.search.vocabulary import split_terms, vocabulary

MAX_PREFIX = 60

_lock = threading.Lock()
_names: dict = {"vocab": None, "rows": []}


@dataclass
class Suggestion:
    kind: str  # "category" or "product"
    text: str
    slug: str = ""
    product_id: int | None = None


def _category_terms() -> list[tuple[str, int, str]]:
    """(normalized term, depth, slug) for every category name and synonym; rebuilt
    with the vocabulary."""
    vocab = vocabulary()
    with _lock:
        if _names["vocab"] is vocab:
            return _names["rows"]
    rows = []
    for slug, depth, names, synonyms in Category.objects.values_list(
        "slug", "depth", "names", "synonyms"
    ):
        terms = {normalize(n) for n in (names or {}).values()}
        terms |= {t for words in (synonyms or {}).values() for w in words for t in split_terms(w)}
        rows += [(t, depth, slug) for t in terms if t]
    rows.sort()
    with _lock:
        _names.update(vocab=vocab, rows=rows)
    return rows


def suggest(prefix: str, *, language: str | None = None, limit: int = 8) -> list[Suggestion]:
    prefix = (prefix or "").strip()[:MAX_PREFIX]
    key = normalize(prefix).strip()
    if not key:
        return []
    language = (language or get_language() or "en").lower()
    seen: dict[str, int] = {}
    for term, depth, slug in _category_terms():
        if term.startswith(key) and slug not in seen:
            seen[slug] = depth
    slugs = sorted(seen, key=lambda s: (seen[s], s))[: limit // 2]
    found = Category.objects.in_bulk(slugs, field_name="slug")
    out = [Suggestion("category", pick(found[s].names, language), slug=s) for s in slugs]
    units = parse(prefix, vocabulary())
    if not units:
        return out
    match = backend().product_match(units, prefix=True, title_only=True)
    sql = (
        f"SELECT d.product_id FROM search_productdoc d{match.join} WHERE {match.where} "  # noqa: S608
        "ORDER BY d.quality DESC, d.product_id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*match.params, limit - len(out)])
        ids = [r[0] for r in cursor.fetchall()]
    titles: dict[int, dict[str, str]] = {}
    for pid, lang, title in ProductTranslation.objects.filter(product_id__in=ids).values_list(
        "product_id", "language", "title"
    ):
        titles.setdefault(pid, {})[lang] = title
    for pid in ids:
        if pid in titles:
            out.append(Suggestion("product", pick(titles[pid], language), product_id=pid))
    return out
