"""The one text analyzer of search, used for indexing and for queries.

Rules, in order:

1. Unicode NFKC, then case folding: full-width Latin becomes ASCII, half-width katakana
   becomes full-width, ``Ｓweater`` and ``sweater`` are the same word.
2. Anything that is neither a letter nor a digit separates words (punctuation, symbols,
   spaces); an apostrophe inside a word is dropped (``children's`` → ``childrens``).
3. Latin-script words get light plural stemming (``sweaters`` → ``sweater``,
   ``dresses`` → ``dress``, ``berries`` → ``berry``).
4. CJK runs (Han, kana, Hangul) become overlapping bigrams, a single character a unigram,
   so 「セーター」 found inside 「カシミヤセーター」 is a phrase of the same bigrams. Every
   CJK character is also indexed on its own (``unigrams``, a separate column), so a
   one-character word such as 「棉」 or 「袜」 matches inside longer text.
5. Cross-language expansion (``Vocabulary``): the catalog's category names and synonyms
   and attribute value names in English, Japanese and Chinese form *concepts*. A product
   carries the concept tokens of its category (and ancestors), of its attribute values
   and of every term found in its text; a query term that names a concept matches the
   concept token as well as its own words. ``explain`` shows what a query became.
6. Latin words the vocabulary does not know are matched together with their nearest
   vocabulary words (one edit, or a transposition/substitution), for typos.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

LATIN, CJK = "latin", "cjk"
CONCEPT_CATEGORY = "zzc"  # + category slug without punctuation
CONCEPT_VALUE = "zzv"  # + attribute value code without punctuation
# Sorts after any character in code-point order: ``text >= p AND text < p + this`` is the
# range of the texts starting with ``p``, which a B-tree index can scan.
AFTER_EVERY_KEY = "\U0010ffff"
MAX_QUERY_CHARS = 200  # what a query is cut to before analysis
MAX_UNITS = 12  # at most this many AND-ed parts in one query
# Single CJK characters that carry no meaning on their own in a query (particles).
CJK_STOP = frozenset("のはがをにでともやへ的和与及之")
# Attribute values whose names are too generic to be concepts.
GENERIC_VALUES = frozenset({"none", "other", "others", "yes", "no", "na", "standard", "custom"})


def normalize(text: str) -> str:
    """NFKC and case folding (rule 1)."""
    return unicodedata.normalize("NFKC", text or "").casefold()


_CJK_CLASS = (
    "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\uac00-\ud7af\U00020000-\U0002fa1f\u3005"
)
# A CJK run, or a Latin-script word (letters and digits, an apostrophe inside allowed).
_PIECE = re.compile(
    f"(?P<cjk>[{_CJK_CLASS}]+)|(?P<word>(?:(?![{_CJK_CLASS}])[^\\W_])+"
    f"(?:['’](?:(?![{_CJK_CLASS}])[^\\W_])+)*)"
)


def chunks(text: str) -> Iterator[tuple[str, str]]:
    """(kind, text) pieces of normalized text: Latin-script words and CJK runs (rule 2)."""
    for cjk, word in _PIECE.findall(normalize(text)):
        if cjk:
            yield CJK, cjk
        elif "'" in word or "’" in word:
            yield LATIN, word.replace("'", "").replace("’", "")
        else:
            yield LATIN, word


_ES_AFTER = re.compile(r"(ss|sh|ch|x|z)es$")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """Light plural stemming of a Latin word (rule 3); digits and short words stay.
    Memoised: a catalogue repeats its words endlessly, and indexing stems every one."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if _ES_AFTER.search(word):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def grams(run: str) -> list[str]:
    """Overlapping bigrams of a CJK run; a single character is its own unigram (rule 4)."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def tokens(text: str) -> list[str]:
    """The index tokens of a text, in order (rules 1–4)."""
    return tokens_of(chunks(text))


def tokens_of(pieces: Iterable[tuple[str, str]]) -> list[str]:
    out: list[str] = []
    for kind, piece in pieces:
        if kind == LATIN:
            out.append(stem(piece))
        else:
            out.extend(grams(piece))
    return out


def unigrams(text: str) -> list[str]:
    """Each distinct CJK character of a text, in order of first appearance (rule 4)."""
    return unigrams_of(chunks(text))


def unigrams_of(pieces: Iterable[tuple[str, str]]) -> list[str]:
    seen: dict[str, None] = {}
    for kind, piece in pieces:
        if kind == CJK:
            seen.update(dict.fromkeys(piece))
    return list(seen)


PREFIX_KEY_CHARS = 60  # what autocomplete compares of a title and of what was typed


def prefix_key(typed: str) -> str:
    """What was typed, as autocomplete compares it: normalized pieces joined by one space,
    so "Crew-N" and "crew n" both continue into "crew neck sweater"."""
    return " ".join(piece for _kind, piece in chunks(typed))[:PREFIX_KEY_CHARS]


def prefix_keys(title: str, vocab: Vocabulary) -> list[str]:
    """The title from every place autocomplete may start: each Latin word, and in a CJK
    run its start and each vocabulary term inside it (「カシ」 continues into
    「ソフトカシミヤセーター」 at 「カシミヤ」), each in the form of ``prefix_key``."""
    return prefix_keys_of(chunks(title), lambda run: term_starts(run, vocab))


def prefix_keys_of(
    pieces: Iterable[tuple[str, str]], starts_of: Callable[[str], Iterable[int]]
) -> list[str]:
    """``prefix_keys`` of a title already cut into pieces, with ``starts_of(run)`` giving
    ``term_starts`` of a CJK run (the indexer memoises them: runs recur across titles)."""
    text, starts = "", []
    for kind, piece in pieces:
        if text:
            text += " "
        if kind == LATIN:
            starts.append(len(text))
        else:
            starts += [len(text) + i for i in starts_of(piece)]
        text += piece
    return list(dict.fromkeys(text[i : i + PREFIX_KEY_CHARS] for i in starts))


def term_starts(run: str, vocab: Vocabulary) -> list[int]:
    """Offsets in a CJK run where a vocabulary term begins by longest match, and 0; a
    compound of known terms is split, as in queries (「羊绒毛衣」 starts at 「毛衣」 too)."""
    starts, i = [0], 0
    while i < len(run):
        for n in range(min(vocab.max_cjk, len(run) - i), 0, -1):
            term = run[i : i + n]
            if term in vocab.cjk and term not in CJK_STOP and not (n > 1 and _splits(term, vocab)):
                if i:
                    starts.append(i)
                i += n
                break
        else:
            i += 1
    return starts


def concept_token(prefix: str, code: str) -> str:
    return prefix + re.sub(r"[^0-9a-z]", "", code.lower())


# --- the cross-language vocabulary -------------------------------------------------------------


@dataclass
class Concept:
    token: str
    names: dict  # {"en": ..., "ja": ..., "zh-hans": ...}
    terms: set[str] = field(default_factory=set)


@dataclass
class Vocabulary:
    """Terms (names and synonyms, all languages) that stand for concepts."""

    concepts: dict[str, Concept] = field(default_factory=dict)
    latin: dict[tuple[str, ...], set[str]] = field(default_factory=dict)
    cjk: dict[str, set[str]] = field(default_factory=dict)
    words: set[str] = field(default_factory=set)
    deletes: dict[str, set[str]] = field(default_factory=dict)
    max_latin: int = 1
    max_cjk: int = 1
    # Term lengths by first word / first two characters, so a text is scanned in one pass.
    latin_starts: dict[str, set[int]] = field(default_factory=dict)
    cjk_starts: dict[str, set[int]] = field(default_factory=dict)
    resolved: dict = field(default_factory=dict)  # memo of ``resolve`` per term, for scans

    def add(self, token: str, names: dict, terms: Iterable[str]) -> None:
        concept = self.concepts.setdefault(token, Concept(token, names))
        for term in terms:
            pieces = list(chunks(term))
            if not pieces:
                continue
            if all(k == LATIN for k, _ in pieces):
                key = tuple(stem(p) for _, p in pieces)
                self.latin.setdefault(key, set()).add(token)
                self.max_latin = max(self.max_latin, len(key))
                self.latin_starts.setdefault(key[0], set()).add(len(key))
                for word in key:
                    self._learn(word)
            elif len(pieces) == 1:
                run = pieces[0][1]
                self.cjk.setdefault(run, set()).add(token)
                self.max_cjk = max(self.max_cjk, len(run))
                if len(run) > 1:
                    self.cjk_starts.setdefault(run[:2], set()).add(len(run))
            else:
                continue  # mixed-script terms (「T恤」) match through their text only
            concept.terms.add(term)

    def _learn(self, word: str) -> None:
        if len(word) < 4 or not word.isalpha() or word in self.words:
            return
        self.words.add(word)
        for d in _deletes(word):
            self.deletes.setdefault(d, set()).add(word)

    def corrections(self, word: str) -> list[str]:
        """Vocabulary words one edit away (or one substitution/transposition) (rule 6)."""
        if len(word) < 4 or not word.isalpha() or word in self.words:
            return []
        found: set[str] = set(self.deletes.get(word, ()))
        for d in _deletes(word):
            if d in self.words:
                found.add(d)
            found |= self.deletes.get(d, set())
        limit = 1 if len(word) < 6 else 2
        scored = sorted((_distance(word, w), w) for w in found)
        return [w for dist, w in scored if dist <= limit][:3]

    def text_concepts(self, text: str) -> set[str]:
        """Concept tokens of every term found in a text (multi-character CJK terms only)."""
        return self.concepts_of(chunks(text))

    def concepts_of(self, pieces: Iterable[tuple[str, str]]) -> set[str]:
        found: set[str] = set()
        for kind, words in runs_of(pieces):
            if kind == LATIN:
                found |= self.latin_concepts(words)
            else:
                found |= self.cjk_concepts(words[0])
        return found

    def latin_concepts(self, words: list[str]) -> set[str]:
        """Concept tokens of the terms in a run of consecutive stemmed Latin words."""
        found: set[str] = set()
        starts = self.latin_starts
        for i, word in enumerate(words):
            for n in starts.get(word, ()):
                if i + n <= len(words):
                    found |= self._resolve(self.latin, tuple(words[i : i + n]))
        return found

    def cjk_concepts(self, run: str) -> set[str]:
        """Concept tokens of the terms in one CJK run."""
        found: set[str] = set()
        for i in range(len(run) - 1):
            for n in self.cjk_starts.get(run[i : i + 2], ()):
                if i + n <= len(run):
                    found |= self._resolve(self.cjk, run[i : i + n])
        return found

    def _resolve(self, terms: dict, term: tuple[str, ...] | str) -> frozenset[str]:
        found = self.resolved.get(term)
        if found is None:
            found = self.resolved[term] = frozenset(resolve(terms.get(term)))
        return found


def resolve(hits: set[str] | None) -> set[str]:
    """A term naming a material (an attribute value) and also listed among a category's
    synonyms ("cashmere") stands for the material: its category concepts are dropped."""
    if not hits:
        return set()
    values = {h for h in hits if h.startswith(CONCEPT_VALUE)}
    return values or set(hits)


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Damerau–Levenshtein without repeated edits)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _runs(text: str) -> Iterator[tuple[str, list[str]]]:
    """Consecutive Latin words (stemmed) as one list; each CJK run on its own."""
    return runs_of(chunks(text))


def runs_of(pieces: Iterable[tuple[str, str]]) -> Iterator[tuple[str, list[str]]]:
    """``_runs`` of a text already cut into pieces."""
    latin: list[str] = []
    for kind, piece in pieces:
        if kind == LATIN:
            latin.append(stem(piece))
            continue
        if latin:
            yield LATIN, latin
            latin = []
        yield CJK, [piece]
    if latin:
        yield LATIN, latin


# --- queries ---------------------------------------------------------------------------------


@dataclass
class Unit:
    """One part of a query: any of ``phrases`` (token sequences) or ``concepts`` matches."""

    text: str
    phrases: list[tuple[str, ...]]
    concepts: list[str] = field(default_factory=list)
    corrections: list[str] = field(default_factory=list)


def parse(query: str, vocabulary: Vocabulary | None = None) -> list[Unit]:
    """Analyse a query into units to be AND-ed (rules 1–6)."""
    vocab = vocabulary or Vocabulary()
    units: list[Unit] = []
    for kind, words in _runs((query or "")[:MAX_QUERY_CHARS]):
        if kind == LATIN:
            units.extend(_latin_units(words, vocab))
        else:
            units.extend(_cjk_units(words[0], vocab))
    return units[:MAX_UNITS]


def _latin_units(words: list[str], vocab: Vocabulary) -> Iterator[Unit]:
    i = 0
    while i < len(words):
        for n in range(min(vocab.max_latin, len(words) - i), 0, -1):
            key = tuple(words[i : i + n])
            hit = resolve(vocab.latin.get(key))
            if hit and n > 1 and all((w,) in vocab.latin for w in key):
                continue  # "silk scarf" is "silk" and "scarf": keep both constraints
            if hit:
                yield Unit(" ".join(key), [key], sorted(hit))
                i += n
                break
        else:
            word = words[i]
            fixes = vocab.corrections(word)
            concepts: set[str] = set()
            for fix in fixes:
                concepts |= resolve(vocab.latin.get((fix,)))
            yield Unit(word, [(word,)] + [(f,) for f in fixes], sorted(concepts), fixes)
            i += 1


def _cjk_units(run: str, vocab: Vocabulary) -> Iterator[Unit]:
    if len(run) == 1:
        if run in vocab.cjk:
            yield Unit(run, [(run,)], sorted(resolve(vocab.cjk[run])))
        elif run not in CJK_STOP:
            yield Unit(run, [(run,)])
        return
    i, rest = 0, ""
    while i < len(run):
        for n in range(min(vocab.max_cjk, len(run) - i), 0, -1):
            term = run[i : i + n]
            hit = resolve(vocab.cjk.get(term))
            if hit and n > 1 and _splits(term, vocab):
                continue  # 「羊绒围巾」 is 「羊绒」 and 「围巾」: keep both constraints
            if hit and not (n == 1 and run[i] in CJK_STOP):
                yield from _residual(rest)
                rest = ""
                yield Unit(term, [tuple(grams(term))], sorted(hit))
                i += n
                break
        else:
            rest += run[i]
            i += 1
    yield from _residual(rest)


def _splits(term: str, vocab: Vocabulary) -> bool:
    """Whether a CJK term is two known terms of at least two characters side by side."""
    return any(term[:k] in vocab.cjk and term[k:] in vocab.cjk for k in range(2, len(term) - 1))


def _residual(text: str) -> Iterator[Unit]:
    if not text or (len(text) == 1 and text in CJK_STOP):
        return
    yield Unit(text, [tuple(grams(text))])


def explain(query: str, vocabulary: Vocabulary | None = None) -> list[dict]:
    """What a query became: each part, its alternatives and the concepts it names."""
    vocab = vocabulary or Vocabulary()
    out = []
    for unit in parse(query, vocab):
        concepts = [vocab.concepts[c] for c in unit.concepts if c in vocab.concepts]
        out.append(
            {
                "text": unit.text,
                "phrases": [" ".join(p) for p in unit.phrases],
                "corrections": unit.corrections,
                "concepts": [c.token for c in concepts],
                "also_matches": sorted({t for c in concepts for t in c.terms}),
            }
        )
    return out
