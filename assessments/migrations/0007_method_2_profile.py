"""Make scoring method 2 the current profile; every earlier version keeps method 1.

Versions saved before method 2 existed were scored with method 1, so they are marked as
such and assessments that recorded them re-score exactly as before. The new version's
values are written out here, not imported, so this migration replays identically forever
(docs/scoring.md, "Method 2" explains each value).
"""

from decimal import Decimal

from django.db import migrations
from django.db.models import Max

METHOD_2_PROFILE = {
    "note": "Scoring method 2: shared weights, money over three years for every answer "
    "(docs/scoring.md).",
    "method": 2,
    "weight_fit": Decimal("25"),
    "weight_standardisation": Decimal("15"),
    "weight_cost": Decimal("30"),
    "weight_strategic": Decimal("30"),
    "weight_sensitivity": Decimal("15"),
    "weight_catalog": Decimal("5"),
    "weight_location": Decimal("10"),
    "full_saving_ratio": Decimal("0.50"),
    "onshore_only_sensitivity": 5,
    "front_office_min_overlap_hours": 4,
    "governance_overhead": Decimal("0.080"),
    "productivity_dip": Decimal("0.200"),
    "productivity_dip_months": 12,
    "in_house_hourly_rate": Decimal("44.67"),
    "confidence_high_margin": Decimal("15.0"),
    "confidence_medium_margin": Decimal("5.0"),
    "horizon_months": 36,
    "bpo_skill_ceiling": 3,
    "bpo_complexity_ceiling": 3,
    "bpo_min_saving": Decimal("0.100"),
    "kpo_premium_min_skill": 4,
    "kpo_max_premium": Decimal("0.250"),
    "min_contract_hours": Decimal("40.0"),
    "transition_fixed_cost": Decimal("5000.00"),
    "transfer_months_min": Decimal("1.0"),
    "transfer_months_max": Decimal("6.0"),
    "parallel_running_share": Decimal("0.500"),
}


def add_method_2(apps, schema_editor):
    ScoringProfile = apps.get_model("assessments", "ScoringProfile")
    ScoringProfile.objects.update(method=1)
    latest = ScoringProfile.objects.aggregate(latest=Max("version"))["latest"] or 0
    ScoringProfile.objects.filter(is_current=True).update(is_current=False)
    ScoringProfile.objects.create(version=latest + 1, is_current=True, **METHOD_2_PROFILE)


def remove_method_2(apps, schema_editor):
    ScoringProfile = apps.get_model("assessments", "ScoringProfile")
    ScoringProfile.objects.filter(method=2).delete()
    latest = ScoringProfile.objects.order_by("-version").first()
    if latest is not None:
        latest.is_current = True
        latest.save(update_fields=["is_current"])


class Migration(migrations.Migration):
    dependencies = [("assessments", "0006_scoring_method_2")]

    operations = [migrations.RunPython(add_method_2, remove_method_2)]
