"""Give every default service type the synonyms a task's name is matched against.

The words are frozen in `data/default_synonyms_v1.json`, so this migration replays
identically. Only empty synonyms are filled: what consultants typed is kept. Reversing
clears the synonyms that still read as this file wrote them.
"""

import json
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent / "data" / "default_synonyms_v1.json"


def synonyms_by_slug():
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def fill_synonyms(apps, schema_editor):
    ServiceType = apps.get_model("catalog", "ServiceType")
    for slug, synonyms in synonyms_by_slug().items():
        ServiceType.objects.filter(slug=slug, synonyms="").update(synonyms=synonyms)


def clear_synonyms(apps, schema_editor):
    ServiceType = apps.get_model("catalog", "ServiceType")
    for slug, synonyms in synonyms_by_slug().items():
        ServiceType.objects.filter(slug=slug, synonyms=synonyms).update(synonyms="")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0018_service_type_synonyms")]

    operations = [migrations.RunPython(fill_synonyms, clear_synonyms, elidable=False)]
