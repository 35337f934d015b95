from django.db import migrations


def load(apps, schema_editor):
    from tradeloom.catalog.taxonomy import load_taxonomy

    load_taxonomy(apps)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
