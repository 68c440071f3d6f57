"""The catalog's version now lives in Django's cache (catalog.services), not in a table."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0016_india_labour_cost"),
    ]

    operations = [
        migrations.DeleteModel(name="CatalogRevision"),
    ]
