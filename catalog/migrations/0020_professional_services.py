"""Add accounting and consulting practices and the services professional firms buy.

Law firms already have the Legal industry; the new legal services are filed under it. The
content is frozen in `data/default_catalog_v3_professional_services.json`, so this
migration replays identically. A row whose slug already exists is left as consultants
edited it. Reversing removes every row with this file's slugs, one a consultant made
before under the same slug included (tasks that named one of these services keep their
answers and lose the link, as when a consultant deletes a service): reverse it on a copy,
not on a live catalog.
"""

import json
from pathlib import Path

from django.db import migrations

DATA_FILE = (
    Path(__file__).resolve().parent / "data" / "default_catalog_v3_professional_services.json"
)
SERVICE_FIELDS = {
    "name": "name",
    "summary": "summary",
    "description": "description",
    "synonyms": "synonyms",
    "sourcing_model": "sourcing_model",
    "office": "office",
    "orientation": "orientation",
    "typical_complexity": "complexity",
    "typical_skill_level": "skill_level",
    "typical_standardisation": "standardisation",
}


def load_data():
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def add_professional_services(apps, schema_editor):
    data = load_data()
    Industry = apps.get_model("catalog", "Industry")
    ServiceType = apps.get_model("catalog", "ServiceType")
    related = {
        "industries": Industry,
        "risks": apps.get_model("catalog", "Risk"),
        "providers": apps.get_model("catalog", "Provider"),
    }
    for row in data["industries"]:
        Industry.objects.get_or_create(
            slug=row["slug"], defaults={"name": row["name"], "description": row["description"]}
        )
    for row in data["service_types"]:
        defaults = {field: row[key] for field, key in SERVICE_FIELDS.items()}
        service, created = ServiceType.objects.get_or_create(
            slug=row["slug"], defaults=defaults | {"is_published": True}
        )
        if created:
            for field, model in related.items():
                getattr(service, field).set(model.objects.filter(slug__in=row[field]))


def remove_professional_services(apps, schema_editor):
    data = load_data()
    ServiceType = apps.get_model("catalog", "ServiceType")
    Industry = apps.get_model("catalog", "Industry")
    ServiceType.objects.filter(slug__in=[row["slug"] for row in data["service_types"]]).delete()
    Industry.objects.filter(slug__in=[row["slug"] for row in data["industries"]]).delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0019_default_synonyms")]

    operations = [
        migrations.RunPython(
            add_professional_services, remove_professional_services, elidable=False
        ),
    ]
