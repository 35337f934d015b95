"""The full-text part of the index, which depends on the database: FTS5 virtual tables on
SQLite, ``tsvector`` columns with GIN indexes on PostgreSQL. Both hold the analyzer's
tokens (see tradeloom/search/analyzer.py), never raw text."""

from django.db import migrations

SQLITE = [
    (
        "CREATE VIRTUAL TABLE search_product_fts USING fts5("
        "title, body, concepts, chars, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3')",
        "DROP TABLE IF EXISTS search_product_fts",
    ),
    (
        "CREATE VIRTUAL TABLE search_supplier_fts USING fts5("
        "name, body, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3')",
        "DROP TABLE IF EXISTS search_supplier_fts",
    ),
]
POSTGRES = [
    (
        "ALTER TABLE search_productdoc ADD COLUMN document tsvector NOT NULL DEFAULT ''",
        "ALTER TABLE search_productdoc DROP COLUMN document",
    ),
    (
        "CREATE INDEX search_productdoc_document ON search_productdoc USING GIN (document)",
        "DROP INDEX IF EXISTS search_productdoc_document",
    ),
    (
        "ALTER TABLE search_supplierdoc ADD COLUMN document tsvector NOT NULL DEFAULT ''",
        "ALTER TABLE search_supplierdoc DROP COLUMN document",
    ),
    (
        "CREATE INDEX search_supplierdoc_document ON search_supplierdoc USING GIN (document)",
        "DROP INDEX IF EXISTS search_supplierdoc_document",
    ),
]


def _statements(schema_editor):
    return SQLITE if schema_editor.connection.vendor == "sqlite" else POSTGRES


def forwards(apps, schema_editor):
    for create, _drop in _statements(schema_editor):
        schema_editor.execute(create)


def backwards(apps, schema_editor):
    for _create, drop in reversed(_statements(schema_editor)):
        schema_editor.execute(drop)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
