"""PostgreSQL: a small ``title_vector`` beside each product's ``document``; narrow rows.

Ranking reads the title vector of every match to choose the candidates it then ranks in
full (``ranking.CANDIDATES``). It is stored plain, in the row (at most 64 lexemes): a
title's lexemes barely compress, and decompressing them cost ten times the match itself.
The whole document goes out of line once the row passes 1 KB (``toast_tuple_target``;
the default is 2 KB), so that the facet counts, which read every match's row, read
narrower rows; the short columns stay in the row, whatever the title. LZ4 decompresses
the few documents ranked in full several times faster than PostgreSQL's default (a
server built without it keeps the default). The column fills with the next ``tradeloom reindex`` (or
as the outbox re-indexes products); until then ranking falls back to quality among the
matches. Nothing to do on SQLite, whose FTS5 ranks on its own.
"""

from django.db import migrations

ADD = [
    "ALTER TABLE search_productdoc ADD COLUMN title_vector tsvector NOT NULL DEFAULT ''",
    "ALTER TABLE search_productdoc ALTER COLUMN title_vector SET STORAGE PLAIN",
    "ALTER TABLE search_productdoc SET (toast_tuple_target = 1024)",
]
DROP = [
    "ALTER TABLE search_productdoc RESET (toast_tuple_target)",
    "ALTER TABLE search_productdoc DROP COLUMN title_vector",
]
LZ4 = """
DO $$
BEGIN
    ALTER TABLE search_productdoc ALTER COLUMN document SET COMPRESSION {method};
    ALTER TABLE search_supplierdoc ALTER COLUMN document SET COMPRESSION {method};
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    NULL;
END
$$
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in ADD:
            schema_editor.execute(sql)
        schema_editor.execute(LZ4.format(method="lz4"))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in DROP:
            schema_editor.execute(sql)
        schema_editor.execute(LZ4.format(method="DEFAULT"))


class Migration(migrations.Migration):
    dependencies = [("search", "0004_fts_without_prefixes")]

    operations = [migrations.RunPython(forwards, backwards)]
