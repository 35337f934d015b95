"""Suggestions are chosen one language at a time: the title-prefix index leads with the
language. ``IndexSetting`` keeps the listing quality from which a rebuild puts title
places in the band index as well (created by ``tradeloom reindex``, see ``suggest``).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0005_title_vector")]

    operations = [
        migrations.CreateModel(
            name="IndexSetting",
            fields=[
                ("name", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("value", models.FloatField()),
            ],
        ),
        migrations.RemoveIndex(model_name="titleprefix", name="search_titleprefix_key"),
        migrations.AddIndex(
            model_name="titleprefix",
            index=models.Index(
                fields=["language", "key", "weight", "doc"], name="search_titleprefix_lkey"
            ),
        ),
    ]
