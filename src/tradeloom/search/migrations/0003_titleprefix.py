"""Autocomplete reads a table of title prefixes instead of the full-text index.

On PostgreSQL the key is compared in code-point order (``COLLATE "C"``), as on SQLite, so
``key >= 'cas' AND key < 'cas' || U+10FFFF`` is a prefix range the B-tree can scan. The
table fills with the next ``tradeloom reindex`` (or as the outbox re-indexes products).
"""

import django.db.models.deletion
from django.db import migrations, models


def key_in_code_point_order(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            'ALTER TABLE search_titleprefix ALTER COLUMN "key" TYPE varchar(60) COLLATE "C"'
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [
        migrations.CreateModel(
            name="TitlePrefix",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=60)),
                ("weight", models.FloatField()),
                ("language", models.CharField(max_length=10)),
                ("title", models.CharField(max_length=200)),
                (
                    "doc",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="search.productdoc",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["key", "language", "weight", "doc"],
                        name="search_titleprefix_key",
                    )
                ],
            },
        ),
        migrations.RunPython(key_in_code_point_order, migrations.RunPython.noop),
    ]
