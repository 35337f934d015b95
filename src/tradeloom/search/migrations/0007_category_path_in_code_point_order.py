"""PostgreSQL compares category paths in code-point order (``COLLATE "C"``), as SQLite
does, so that a category's products (``category_path >= path AND category_path < path ||
U+10FFFF``) are a range of the path's B-tree index, whatever the database's collation."""

from django.db import migrations

FORWARDS = (
    'ALTER TABLE search_productdoc ALTER COLUMN category_path TYPE varchar(400) COLLATE "C"'
)
BACKWARDS = "ALTER TABLE search_productdoc ALTER COLUMN category_path TYPE varchar(400)"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARDS)
        schema_editor.execute("ANALYZE search_productdoc")  # the column's statistics are new


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARDS)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_suggest_band")]

    operations = [migrations.RunPython(forwards, backwards)]
