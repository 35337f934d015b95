"""The two full-text backends behind one interface, chosen by the database in use.

Both store the analyzer's tokens (never raw text) and compile the analyzer's query units
themselves, quoting every token, so operator syntax typed by a user (``"``, ``*``,
``NEAR``, ``:``, ``-``, ``OR``) is only ever text to look for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connection

from tradeloom.search import ranking
from tradeloom.search.analyzer import Unit

MAX_BODY_TOKENS = 4000


@dataclass
class TextRow:
    id: int
    title: list[str]
    body: list[str]
    concepts: list[str]
    chars: list[str] = field(default_factory=list)  # CJK unigrams


@dataclass
class Match:
    """SQL pieces of a full-text match over ``search_productdoc d``."""

    join: str
    where: str
    params: list
    relevance: str  # an expression, its params follow ``params`` in the SELECT
    relevance_params: list


class SqliteBackend:
    vendor = "sqlite"

    @staticmethod
    def _phrase(tokens: Sequence[str], prefix: bool = False) -> str:
        text = '"' + " ".join(tokens).replace('"', '""') + '"'
        return text + "*" if prefix else text

    def expression(self, units: list[Unit], *, mode: str = "and", prefix: bool = False) -> str:
        parts = []
        for i, unit in enumerate(units):
            last = prefix and i == len(units) - 1
            alts = [self._phrase(p, prefix=last) for p in unit.phrases if p]
            alts += [self._phrase([c]) for c in unit.concepts]
            if alts:
                parts.append("(" + " OR ".join(alts) + ")")
        return f" {mode.upper()} ".join(parts)

    def product_match(self, units, *, mode="and", prefix=False, title_only=False) -> Match:
        expr = self.expression(units, mode=mode, prefix=prefix)
        if title_only:
            expr = f"title : ({expr})"
        w = ", ".join(str(x) for x in ranking.SQLITE_WEIGHTS)
        return Match(
            join=" JOIN search_product_fts f ON f.rowid = d.product_id",
            where="search_product_fts MATCH %s",
            params=[expr],
            relevance=f"(-bm25(search_product_fts, {w}))",
            relevance_params=[],
        )

    def supplier_match(self, units, *, mode="and") -> Match:
        expr = self.expression(units, mode=mode)
        return Match(
            join=" JOIN search_supplier_fts f ON f.rowid = s.company_id",
            where="search_supplier_fts MATCH %s",
            params=[expr],
            relevance="(-bm25(search_supplier_fts, 3.0, 1.0))",
            relevance_params=[],
        )

    def write_products(self, rows: list[TextRow]) -> None:
        with connection.cursor() as cursor:
            self._delete(cursor, "search_product_fts", [r.id for r in rows])
            cursor.executemany(
                "INSERT INTO search_product_fts (rowid, title, body, concepts, chars) "
                "VALUES (%s, %s, %s, %s, %s)",
                [
                    (
                        r.id,
                        " ".join(r.title),
                        " ".join(r.body[:MAX_BODY_TOKENS]),
                        " ".join(r.concepts),
                        " ".join(r.chars),
                    )
                    for r in rows
                ],
            )

    def write_suppliers(self, rows: list[TextRow]) -> None:
        with connection.cursor() as cursor:
            self._delete(cursor, "search_supplier_fts", [r.id for r in rows])
            cursor.executemany(
                "INSERT INTO search_supplier_fts (rowid, name, body) VALUES (%s, %s, %s)",
                [
                    (r.id, " ".join(r.title), " ".join(r.body[:MAX_BODY_TOKENS] + r.concepts))
                    for r in rows
                ],
            )

    def delete_products(self, ids: list[int]) -> None:
        with connection.cursor() as cursor:
            self._delete(cursor, "search_product_fts", ids)

    def delete_suppliers(self, ids: list[int]) -> None:
        with connection.cursor() as cursor:
            self._delete(cursor, "search_supplier_fts", ids)

    @staticmethod
    def _delete(cursor, table: str, ids: list[int]) -> None:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {table} WHERE rowid IN ({marks})", chunk)  # noqa: S608

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_product_fts")
            cursor.execute("DELETE FROM search_supplier_fts")


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector(title: list[str], body: list[str], concepts: list[str], chars=()) -> str:
    """A tsvector literal: title tokens weighted A, concepts B, CJK unigrams C, body D."""
    positions: dict[str, list[str]] = {}
    pos = 0
    parts = (("A", title), ("B", concepts), ("C", list(chars)), ("", body[:MAX_BODY_TOKENS]))
    for weight, part in parts:
        for token in part:
            pos = min(pos + 1, 16383)
            slot = positions.setdefault(token, [])
            if len(slot) < 255:
                slot.append(f"{pos}{weight}")
    return " ".join(f"{_lexeme(t)}:{','.join(p)}" for t, p in positions.items())


class PostgresBackend:
    vendor = "postgresql"

    @staticmethod
    def _phrase(tokens: Sequence[str], prefix: bool = False, weight: str = "") -> str:
        lexemes = [_lexeme(t) + (f":{weight}" if weight else "") for t in tokens]
        if prefix and lexemes:
            lexemes[-1] = _lexeme(tokens[-1]) + f":*{weight}"
        return "(" + " <-> ".join(lexemes) + ")"

    def expression(
        self, units: list[Unit], *, mode: str = "and", prefix: bool = False, weight: str = ""
    ) -> str:
        parts = []
        for i, unit in enumerate(units):
            last = prefix and i == len(units) - 1
            alts = [self._phrase(p, prefix=last, weight=weight) for p in unit.phrases if p]
            alts += [self._phrase([c], weight=weight) for c in unit.concepts]
            if alts:
                parts.append("(" + " | ".join(alts) + ")")
        return (" & " if mode == "and" else " | ").join(parts)

    def product_match(self, units, *, mode="and", prefix=False, title_only=False) -> Match:
        expr = self.expression(units, mode=mode, prefix=prefix, weight="A" if title_only else "")
        return Match(
            join="",
            where="d.document @@ %s::tsquery",
            params=[expr],
            relevance=f"ts_rank_cd('{ranking.POSTGRES_WEIGHTS}', d.document, %s::tsquery, 1)",
            relevance_params=[expr],
        )

    def supplier_match(self, units, *, mode="and") -> Match:
        expr = self.expression(units, mode=mode)
        return Match(
            join="",
            where="s.document @@ %s::tsquery",
            params=[expr],
            relevance=f"ts_rank_cd('{ranking.POSTGRES_WEIGHTS}', s.document, %s::tsquery, 1)",
            relevance_params=[expr],
        )

    def write_products(self, rows: list[TextRow]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE search_productdoc SET document = %s::tsvector WHERE product_id = %s",
                [(tsvector(r.title, r.body, r.concepts, r.chars), r.id) for r in rows],
            )

    def write_suppliers(self, rows: list[TextRow]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE search_supplierdoc SET document = %s::tsvector WHERE company_id = %s",
                [(tsvector(r.title, r.body, r.concepts), r.id) for r in rows],
            )

    def delete_products(self, ids: list[int]) -> None:
        """The text lives in the index row, which the caller deletes."""

    def delete_suppliers(self, ids: list[int]) -> None:
        """The text lives in the index row, which the caller deletes."""

    def clear(self) -> None:
        """Nothing beside the index rows."""


def backend():
    return SqliteBackend() if connection.vendor == "sqlite" else PostgresBackend()
