"""Load scoring profile version 1 and give consultants what they need here.

Consultants view and re-score assessments, view their tasks, and add or view scoring profiles (saving a
profile always adds a version; see assessments.services.publish_profile). The defaults are
written out here, not imported, so this migration replays identically forever.
"""

from decimal import Decimal

from django.contrib.auth.management import create_permissions
from django.db import migrations

DEFAULT_PROFILE = {
    "version": 1,
    "is_current": True,
    "note": "Defaults from the published research and rate figures (see docs/scoring.md).",
    "weight_fit": Decimal("30"),
    "weight_standardisation_bpo": Decimal("25"),
    "weight_cost": Decimal("25"),
    "weight_strategic_outsourced": Decimal("10"),
    "weight_sensitivity_outsourced": Decimal("10"),
    "weight_catalog": Decimal("10"),
    "weight_strategic_in_house": Decimal("35"),
    "weight_sensitivity_in_house": Decimal("30"),
    "weight_standardisation_in_house": Decimal("20"),
    "full_saving_ratio": Decimal("0.50"),
    "no_offshore_sensitivity": 4,
    "onshore_only_sensitivity": 5,
    "front_office_min_overlap_hours": 4,
    "governance_overhead": Decimal("0.080"),
    "transition_months": 3,
    "productivity_dip": Decimal("0.200"),
    "productivity_dip_months": 12,
    "in_house_hourly_rate": Decimal("44.67"),
    "confidence_high_margin": Decimal("15.0"),
    "confidence_medium_margin": Decimal("5.0"),
}
CONSULTANT_PERMISSIONS = [
    "view_assessment",
    "rescore_assessment",
    "view_task",
    "add_scoringprofile",
    "change_scoringprofile",
    "view_scoringprofile",
]


def load_defaults(apps, schema_editor):
    ScoringProfile = apps.get_model("assessments", "ScoringProfile")
    if not ScoringProfile.objects.exists():
        ScoringProfile.objects.create(**DEFAULT_PROFILE)

    app_config = apps.get_app_config("assessments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Consultants")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="assessments", codename__in=CONSULTANT_PERMISSIONS
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0001_assessments"),
        ("catalog", "0003_consultants_group"),
    ]

    operations = [migrations.RunPython(load_defaults, migrations.RunPython.noop)]
