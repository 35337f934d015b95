"""Popular searches for autocomplete. On PostgreSQL the key is compared in code-point
order (``COLLATE "C"``), as the title prefixes are, so a typed prefix is a range of the
index whatever the database's collation."""

from django.db import migrations, models

FORWARDS = 'ALTER TABLE search_popularquery ALTER COLUMN "key" TYPE varchar(60) COLLATE "C"'
BACKWARDS = 'ALTER TABLE search_popularquery ALTER COLUMN "key" TYPE varchar(60)'


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARDS)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARDS)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_category_path_in_code_point_order")]

    operations = [
        migrations.CreateModel(
            name="PopularQuery",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("language", models.CharField(max_length=10)),
                ("key", models.CharField(max_length=60)),
                ("searchers", models.PositiveIntegerField()),
            ],
            options={
                "indexes": [
                    models.Index(fields=["language", "key"], name="search_popular_lkey")
                ],
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
