"""The cross-language vocabulary, built from the catalog taxonomy and kept per process.

Category names and synonyms (every language) and attribute value names become concepts
(see ``analyzer``). The taxonomy changes rarely; the cached vocabulary is rebuilt when
the number of categories or values changes, checked at most once a minute.
"""

from __future__ import annotations

import json
import re
import threading
import time
from pathlib import Path

from tradeloom.search.analyzer import (
    CONCEPT_CATEGORY,
    CONCEPT_VALUE,
    GENERIC_VALUES,
    Vocabulary,
    concept_token,
    normalize,
)

_lock = threading.Lock()
_state: dict = {"vocab": None, "key": None, "checked": 0.0}
CHECK_SECONDS = 60
# Names list several things: "Sweaters & Pullovers", 「毛衣・套头衫」, "Hats, Scarves".
_SPLIT = re.compile(r"[^\w\s'’\-]+|\s+and\s+|\s+or\s+")


def split_terms(name: str) -> list[str]:
    name = normalize(name)
    whole = name.strip()
    parts = [p.strip() for p in _SPLIT.split(name)]
    # A part like "7" or "12gg" cut out of "(7–9gg)" means nothing on its own.
    parts = [p for p in parts if len(p) > 1 and not any(ch.isdigit() for ch in p)]
    return list(dict.fromkeys([whole, *parts]))


def _key():
    from tradeloom.catalog.models import AttributeValue, Category

    return (Category.objects.count(), AttributeValue.objects.count())


SYNONYMS = Path(__file__).resolve().parent / "data" / "synonyms.json"


def build() -> Vocabulary:
    from tradeloom.catalog.models import AttributeValue, Category

    vocab = Vocabulary()
    for slug, names, synonyms in Category.objects.values_list("slug", "names", "synonyms"):
        terms = [t for name in (names or {}).values() for t in split_terms(name)]
        for words in (synonyms or {}).values():
            terms += [t for word in words for t in split_terms(word)]
        vocab.add(concept_token(CONCEPT_CATEGORY, slug), names or {}, terms)
    for code, names in AttributeValue.objects.values_list("code", "names"):
        if code.lower() in GENERIC_VALUES:
            continue
        terms = [t for name in (names or {}).values() for t in split_terms(name)]
        vocab.add(concept_token(CONCEPT_VALUE, code), names or {}, terms)
    for group in json.loads(SYNONYMS.read_text(encoding="utf-8"))["concepts"]:
        for token in group["concepts"]:
            if token in vocab.concepts:  # only concepts the taxonomy has
                vocab.add(
                    token, vocab.concepts[token].names, [normalize(w) for w in group["terms"]]
                )
    return vocab


def vocabulary() -> Vocabulary:
    now = time.monotonic()
    with _lock:
        vocab = _state["vocab"]
        if vocab is not None and now - _state["checked"] < CHECK_SECONDS:
            return vocab
        key = _key()
        _state["checked"] = now
        if vocab is None or key != _state["key"]:
            vocab = build()
            _state.update(vocab=vocab, key=key)
        return vocab


def reset() -> None:
    with _lock:
        _state.update(vocab=None, key=None, checked=0.0)
