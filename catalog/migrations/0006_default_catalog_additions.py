"""Add the default service types the first catalog file left out (data management).

The content is frozen in `data/default_catalog_v2_additions.json`, like the first file, so
this migration replays identically. A service type whose slug already exists is left as
consultants edited it.
"""

import json
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent / "data" / "default_catalog_v2_additions.json"


def add_service_types(apps, schema_editor):
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    ServiceType = apps.get_model("catalog", "ServiceType")
    related = {
        "industries": apps.get_model("catalog", "Industry"),
        "risks": apps.get_model("catalog", "Risk"),
        "providers": apps.get_model("catalog", "Provider"),
    }
    for row in data["service_types"]:
        service, created = ServiceType.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "summary": row["summary"],
                "description": row["description"],
                "sourcing_model": row["sourcing_model"],
                "office": row["office"],
                "orientation": row["orientation"],
                "typical_complexity": row["complexity"],
                "typical_skill_level": row["skill_level"],
                "typical_standardisation": row["standardisation"],
                "is_published": True,
            },
        )
        if created:
            for field, model in related.items():
                getattr(service, field).set(model.objects.filter(slug__in=row[field]))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0005_field_validation_messages")]

    operations = [
        migrations.RunPython(add_service_types, migrations.RunPython.noop, elidable=False),
    ]
