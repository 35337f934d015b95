"""The two full-text backends behind one interface, chosen by the database in use.

Both store the analyzer's tokens (never raw text) and compile the analyzer's query units
themselves, quoting every token, so operator syntax typed by a user (``"``, ``*``,
``NEAR``, ``:``, ``-``, ``OR``) is only ever text to look for.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connection, transaction

from tradeloom.search import ranking
from tradeloom.search.analyzer import CONCEPT_CATEGORY, CONCEPT_VALUE, Unit

MAX_BODY_TOKENS = 4000
# The title vector lives in the row (see migration 0005): concepts first, then words, up
# to this many lexemes (about 700 bytes; a title in three languages has about 50).
MAX_TITLE_LEXEMES = 64


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
    # A cheaper estimate of ``relevance`` that picks the candidates ranked in full
    # (``ranking.CANDIDATES``); empty when the backend ranks every match in one pass.
    estimate: str = ""
    estimate_params: list = field(default_factory=list)


# The index tables, children first.
INDEX_TABLES = ("search_tierdoc", "search_titleprefix", "search_productdoc", "search_supplierdoc")
# As migration 0004 creates it (without prefix indexes: autocomplete has its own table).
PRODUCT_FTS = (
    "CREATE VIRTUAL TABLE search_product_fts USING fts5("
    "title, body, concepts, chars, tokenize = 'unicode61 remove_diacritics 0')"
)


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

    text_columns: tuple[str, ...] = ()  # the text lives in the FTS5 table

    @staticmethod
    def insert(cursor, table: str, columns: list[str], rows: list[tuple]) -> None:
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",  # noqa: S608
            rows,
        )

    def text_values(self, row: TextRow) -> tuple:
        return ()

    FTS_INSERT = (
        "INSERT INTO search_product_fts (rowid, title, body, concepts, chars) "
        "VALUES (%s, %s, %s, %s, %s)"
    )

    @staticmethod
    def fts_row(row: TextRow) -> tuple:
        """The values of a product's ``search_product_fts`` row (``FTS_INSERT``)."""
        return (
            row.id,
            " ".join(row.title),
            " ".join(row.body[:MAX_BODY_TOKENS]),
            " ".join(row.concepts),
            " ".join(row.chars),
        )

    def write_products(self, rows: list[TextRow]) -> None:
        """Insert the text of products not in the FTS5 table (the caller deleted them)."""
        with connection.cursor() as cursor:
            cursor.executemany(self.FTS_INSERT, [self.fts_row(r) for r in rows])

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
        """Empty the index. Tables are dropped and created again from their own schema:
        with foreign keys on, SQLite deletes row by row, and FTS5 reads each row's tokens
        back to delete them, which takes longer than indexing them did."""
        with connection.cursor() as cursor:
            for table in INDEX_TABLES:
                cursor.execute(
                    "SELECT sql FROM sqlite_master WHERE tbl_name = %s AND sql IS NOT NULL "
                    "ORDER BY type = 'index'",
                    [table],
                )
                schema = [row[0] for row in cursor.fetchall()]
                cursor.execute(f"DROP TABLE {table}")
                for sql in schema:
                    cursor.execute(sql)
            cursor.execute("DROP TABLE search_product_fts")
            cursor.execute(PRODUCT_FTS)
            cursor.execute("DELETE FROM search_supplier_fts")

    REBUILD_CACHE_KIB = 256 * 1024

    FTS_AUTOMERGE = 4  # FTS5's default

    def begin_rebuild(self) -> None:
        """A page cache large enough for the index B-trees being filled: with the default
        2 MB, inserting a million keys in random order reads and writes the same pages
        again and again. Only this connection's cache grows, for the rebuild. FTS5 stops
        merging its segments as they come (``automerge``): ``end_rebuild`` merges them all
        once."""
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            self._cache_size = cursor.fetchone()[0]
            cursor.execute(f"PRAGMA cache_size = -{self.REBUILD_CACHE_KIB}")
        self._automerge(0)

    def end_rebuild(self) -> None:
        """Merge the FTS5 segments the batches left into one (faster queries), give the
        page cache back, and refresh the planner's statistics of the index tables."""
        self._automerge(self.FTS_AUTOMERGE)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_product_fts (search_product_fts) VALUES ('optimize')"
            )
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(self._cache_size)}")
            for table in INDEX_TABLES:
                cursor.execute(f"ANALYZE {table}")

    @staticmethod
    def _automerge(segments: int) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_product_fts (search_product_fts, rank) "
                "VALUES ('automerge', %s)",
                [segments],
            )


@functools.lru_cache(maxsize=200_000)
def _lexeme(token: str) -> str:
    """A token quoted for a tsvector or tsquery literal (tokens recur: kept)."""
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


MAX_POSITION = 16383  # PostgreSQL's largest lexeme position
_LABELS: dict[str, list[str]] = {}  # weight -> "1A", "2A", … for every position


def _labels(weight: str) -> list[str]:
    labels = _LABELS.get(weight)
    if labels is None:
        labels = _LABELS[weight] = [f"{p}{weight}" for p in range(MAX_POSITION + 1)]
    return labels


def tsvector(
    title: Sequence[str], body: Sequence[str], concepts: Sequence[str] = (), chars=()
) -> str:
    """A tsvector literal: title tokens weighted A, concepts B, CJK unigrams C, body D.
    Positions past the last one share it; a lexeme keeps its first 255 positions."""
    positions: dict[str, list[str]] = {}
    pos = 0
    parts = (("A", title), ("B", concepts), ("C", chars), ("", body[:MAX_BODY_TOKENS]))
    for weight, part in parts:
        labels = _labels(weight)
        for token in part:
            if pos < MAX_POSITION:
                pos += 1
            slot = positions.get(token)
            if slot is None:
                positions[token] = [labels[pos]]
            elif len(slot) < 255:
                slot.append(labels[pos])
    return " ".join(f"{_lexeme(t)}:{','.join(p)}" for t, p in positions.items())


# Django's foreign keys are checked at commit; PostgreSQL refuses TRUNCATE and CREATE INDEX
# on a table with checks pending, as when a rebuild runs inside a larger transaction.
SETTLE_FOREIGN_KEYS = "SET CONSTRAINTS ALL IMMEDIATE"


class PostgresBackend:
    vendor = "postgresql"
    GIN_INDEX = "search_productdoc_document"  # created by migration 0002

    @staticmethod
    def _phrase(
        tokens: Sequence[str], prefix: bool = False, weight: str = "", adjacent: bool = True
    ) -> str:
        lexemes = [_lexeme(t) + (f":{weight}" if weight else "") for t in tokens]
        if prefix and lexemes:
            lexemes[-1] = _lexeme(tokens[-1]) + f":*{weight}"
        return "(" + (" <-> " if adjacent else " & ").join(lexemes) + ")"

    def expression(
        self,
        units: list[Unit],
        *,
        mode: str = "and",
        prefix: bool = False,
        weight: str = "",
        adjacent: bool = True,
    ) -> str:
        """The tsquery of ``units``. With ``adjacent`` off, a phrase (the bigrams of a CJK
        word) asks for its tokens anywhere in the text: the GIN index then answers alone,
        where a phrase or a weight makes PostgreSQL read every candidate's document again
        (out of line and compressed, a thousand times the cost of the index lookup)."""
        parts = []
        for i, unit in enumerate(units):
            last = prefix and i == len(units) - 1
            alts = [
                self._phrase(p, prefix=last, weight=weight, adjacent=adjacent)
                for p in unit.phrases
                if p
            ]
            alts += [self._phrase([c], weight=weight) for c in unit.concepts]
            if alts:
                parts.append("(" + " | ".join(alts) + ")")
        return (" & " if mode == "and" else " | ").join(parts)

    def product_match(self, units, *, mode="and", prefix=False, title_only=False) -> Match:
        """Matches are found by the GIN index alone (phrases as their tokens anywhere);
        the score asks for the phrases. Scoring every match would read every match's
        whole document, so the estimate counts the query's parts found among the title's
        lexemes (a small vector without positions, kept in the row)."""
        weight = "A" if title_only else ""
        expr = self.expression(units, mode=mode, prefix=prefix, weight=weight)
        loose = self.expression(units, mode=mode, prefix=prefix, weight=weight, adjacent=False)
        parts = [self.expression([u], prefix=prefix, adjacent=False) for u in units]
        parts = [p for p in parts if p]
        return Match(
            join="",
            where="d.document @@ %s::tsquery",
            params=[loose],
            relevance=f"ts_rank_cd('{ranking.POSTGRES_WEIGHTS}', d.document, %s::tsquery, 1)",
            relevance_params=[expr],
            estimate=" + ".join(["(d.title_vector @@ %s::tsquery)::int"] * len(parts)) or "0::int",
            estimate_params=parts,
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

    # The text is a column of the index row, inserted with it (one write per product),
    # with the title's lexemes (no positions) apart for the ranking's estimate.
    text_columns = ("document", "title_vector")

    @staticmethod
    def insert(cursor, table: str, columns: list[str], rows: list[tuple]) -> None:
        """COPY: one stream per table instead of a statement per row, several times faster
        for the thousands of rows of a batch."""
        with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def text_values(self, row: TextRow) -> tuple:
        lexemes = list(dict.fromkeys(row.title))
        lexemes.sort(key=lambda t: not t.startswith((CONCEPT_CATEGORY, CONCEPT_VALUE)))
        return (
            tsvector(row.title, row.body, row.concepts, row.chars),
            " ".join(_lexeme(t) for t in lexemes[:MAX_TITLE_LEXEMES]),
        )

    def write_products(self, rows: list[TextRow]) -> None:
        """The text went in with the index rows (``text_columns``)."""

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
        """Empty the index (the text is in its rows)."""
        with connection.cursor() as cursor:
            cursor.execute(SETTLE_FOREIGN_KEYS)
            cursor.execute(f"TRUNCATE {', '.join(INDEX_TABLES)}")

    def begin_rebuild(self) -> None:
        """Drop the GIN index: building it once over all rows is several times faster than
        updating it row by row. Searches during the rebuild scan the partial index rows.
        The batches need not wait for their commit to reach the disk: a rebuild that a
        crash interrupts is run again."""
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {self.GIN_INDEX}")
            cursor.execute("SET synchronous_commit TO OFF")

    def end_rebuild(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(SETTLE_FOREIGN_KEYS)
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {self.GIN_INDEX} "
                "ON search_productdoc USING GIN (document)"
            )
            cursor.execute("ANALYZE search_productdoc")
            cursor.execute("ANALYZE search_titleprefix")
            cursor.execute("RESET synchronous_commit")


def backend():
    return SqliteBackend() if connection.vendor == "sqlite" else PostgresBackend()
