"""Create the database cache table, so `migrate` alone prepares a new database.

The cache is shared by every app server (see CACHES in settings). `createcachetable` is
idempotent: it skips a table that exists.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_consultants_group")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
