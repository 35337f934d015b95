"""SQLite: the product FTS5 table without its prefix indexes (``prefix = '2 3'``).

They served autocomplete, which now reads ``search_titleprefix``; every other search
matches whole tokens. Without them FTS5 writes one index entry per token instead of
three, about twice as fast. The rows are copied, so no reindex is needed. Nothing to do
on PostgreSQL.
"""

from django.db import migrations

COLUMNS = "title, body, concepts, chars"
TOKENIZE = "tokenize = 'unicode61 remove_diacritics 0'"


def _rebuild(schema_editor, options: str) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in (
        f"CREATE VIRTUAL TABLE search_product_fts_new USING fts5({COLUMNS}, {TOKENIZE}{options})",
        f"INSERT INTO search_product_fts_new (rowid, {COLUMNS}) "
        f"SELECT rowid, {COLUMNS} FROM search_product_fts",
        "DROP TABLE search_product_fts",
        "ALTER TABLE search_product_fts_new RENAME TO search_product_fts",
    ):
        schema_editor.execute(sql)


def forwards(apps, schema_editor):
    _rebuild(schema_editor, "")


def backwards(apps, schema_editor):
    _rebuild(schema_editor, ", prefix = '2 3'")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_titleprefix")]

    operations = [migrations.RunPython(forwards, backwards)]
