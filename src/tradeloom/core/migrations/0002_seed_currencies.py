from django.db import migrations


def seed(apps, schema_editor):
    from tradeloom.core.currencies import CURRENCIES

    Currency = apps.get_model("core", "Currency")
    for code, (exponent, name) in CURRENCIES.items():
        Currency.objects.update_or_create(code=code, defaults={"exponent": exponent, "name": name})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
