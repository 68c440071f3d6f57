"""Load the default catalog into every new database.

The content is frozen in `data/default_catalog_v1.json`: a later change to the defaults
ships as a new migration with a new file, so this one replays identically forever.
Existing rows (matched by slug) are left as consultants edited them.
"""

import json
from decimal import Decimal
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent / "data" / "default_catalog_v1.json"


def by_slug(model, slugs):
    return list(model.objects.filter(slug__in=slugs))


def load_default_catalog(apps, schema_editor):
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    Industry = apps.get_model("catalog", "Industry")
    DeliveryLocation = apps.get_model("catalog", "DeliveryLocation")
    Risk = apps.get_model("catalog", "Risk")
    Provider = apps.get_model("catalog", "Provider")
    RateCard = apps.get_model("catalog", "RateCard")
    ServiceType = apps.get_model("catalog", "ServiceType")

    for row in data["industries"]:
        Industry.objects.get_or_create(
            slug=row["slug"], defaults={"name": row["name"], "description": row["description"]}
        )
    for position, row in enumerate(data["locations"]):
        DeliveryLocation.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "kind": row["slug"],
                "name": row["name"],
                "description": row["description"],
                "time_zone_overlap_hours": row["time_zone_overlap_hours"],
                "time_zone_notes": row["time_zone_notes"],
                "language_culture_notes": row["language_culture_notes"],
                "examples": row["examples"],
                "position": position,
            },
        )
    for row in data["risks"]:
        Risk.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "description": row["description"],
                "mitigation": row["mitigation"],
            },
        )
    for row in data["providers"]:
        provider, created = Provider.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "note": row["note"],
                **{
                    f"offers_{model}": model in row["sourcing_models"]
                    for model in ("bpo", "kpo", "lpo")
                },
            },
        )
        if created:
            provider.locations.set(by_slug(DeliveryLocation, row["locations"]))
    for row in data["rate_cards"]:
        RateCard.objects.get_or_create(
            sourcing_model=row["sourcing_model"],
            location=DeliveryLocation.objects.get(slug=row["location"]),
            currency=row["currency"],
            defaults={
                "hourly_low": Decimal(row["low"]),
                "hourly_typical": Decimal(row["typical"]),
                "hourly_high": Decimal(row["high"]),
                "as_of": row["as_of"],
                "source": row["source"],
            },
        )
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
            service.industries.set(by_slug(Industry, row["industries"]))
            service.risks.set(by_slug(Risk, row["risks"]))
            service.providers.set(by_slug(Provider, row["providers"]))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_catalog")]

    operations = [
        migrations.RunPython(load_default_catalog, migrations.RunPython.noop, elidable=False),
    ]
