"""Field and constraint builders of the scoring profile (assessments.profiles).

Each bounded value gets its validators on the field and the same bounds as a database
constraint, so the database refuses what the admin form would. Declarations only: no
scoring rules, no queries.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

WEIGHT_FIELDS = [
    "weight_fit",
    "weight_standardisation_bpo",
    "weight_cost",
    "weight_strategic_outsourced",
    "weight_sensitivity_outsourced",
    "weight_catalog",
    "weight_strategic_in_house",
    "weight_sensitivity_in_house",
    "weight_standardisation_in_house",
]
ONSHORE_BELOW_OFFSHORE = "Onshore-only cannot start below the no-offshore level."
MEDIUM_ABOVE_HIGH = "The medium margin cannot exceed the high margin."
# Method 2's own weights; it shares weight_fit, weight_cost and weight_catalog with method 1.
METHOD_2_WEIGHT_FIELDS = [
    "weight_fit",
    "weight_standardisation",
    "weight_cost",
    "weight_strategic",
    "weight_sensitivity",
    "weight_catalog",
    "weight_location",
]
METHOD_2_FIELDS = [
    "weight_standardisation",
    "weight_strategic",
    "weight_sensitivity",
    "weight_location",
    "horizon_months",
    "bpo_skill_ceiling",
    "bpo_complexity_ceiling",
    "bpo_min_saving",
    "kpo_premium_min_skill",
    "kpo_max_premium",
    "min_contract_hours",
    "transition_fixed_cost",
    "transfer_months_min",
    "transfer_months_max",
    "parallel_running_share",
]
TRANSFER_ORDER = "The shortest transfer cannot be longer than the longest."


def weight_field(verbose_name, default, help_text):
    return models.DecimalField(
        verbose_name,
        max_digits=4,
        decimal_places=1,
        default=Decimal(default),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=help_text,
    )


def share_field(default, high, help_text):
    return models.DecimalField(
        max_digits=4,
        decimal_places=3,
        default=Decimal(default),
        validators=[MinValueValidator(0), MaxValueValidator(Decimal(high))],
        help_text=help_text,
    )


def level_field(default, high, help_text):
    return models.PositiveSmallIntegerField(
        default=default,
        validators=[MinValueValidator(1), MaxValueValidator(high)],
        help_text=help_text,
    )


def months_field(default, help_text):
    return models.DecimalField(
        max_digits=4,
        decimal_places=1,
        default=Decimal(default),
        validators=[MinValueValidator(0), MaxValueValidator(24)],
        help_text=help_text,
    )


def bounded(field, low, high):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": low, f"{field}__lte": high}),
        name=f"scoringprofile_{field}_in_range",
    )


def profile_constraints():
    """Every bound the admin form enforces, enforced by the database too."""
    return [
        models.UniqueConstraint(
            fields=["is_current"],
            condition=Q(is_current=True),
            name="scoringprofile_one_current",
        ),
        *[bounded(name, 0, 100) for name in WEIGHT_FIELDS],
        bounded("full_saving_ratio", Decimal("0.05"), 1),
        bounded("no_offshore_sensitivity", 1, 6),
        bounded("onshore_only_sensitivity", 1, 6),
        bounded("front_office_min_overlap_hours", 0, 8),
        bounded("governance_overhead", 0, Decimal("0.5")),
        bounded("transition_months", 0, 12),
        bounded("productivity_dip", 0, Decimal("0.5")),
        bounded("productivity_dip_months", 0, 36),
        bounded("method", 1, 2),
        *[bounded(name, 0, 100) for name in METHOD_2_FIELDS[:4]],
        bounded("horizon_months", 12, 60),
        bounded("bpo_skill_ceiling", 1, 5),
        bounded("bpo_complexity_ceiling", 1, 5),
        bounded("bpo_min_saving", 0, Decimal("0.5")),
        bounded("kpo_premium_min_skill", 1, 6),
        bounded("kpo_max_premium", 0, 1),
        bounded("min_contract_hours", 0, 1000),
        bounded("transition_fixed_cost", 0, 1000000),
        bounded("transfer_months_min", 0, 24),
        bounded("transfer_months_max", 0, 24),
        bounded("parallel_running_share", 0, 1),
        models.CheckConstraint(
            condition=Q(transfer_months_min__lte=F("transfer_months_max")),
            name="scoringprofile_transfer_months_ordered",
            violation_error_message=TRANSFER_ORDER,
        ),
        models.CheckConstraint(
            condition=Q(in_house_hourly_rate__gt=0), name="scoringprofile_hourly_rate_positive"
        ),
        models.CheckConstraint(
            condition=Q(confidence_medium_margin__lte=F("confidence_high_margin"))
            & Q(confidence_high_margin__gt=0),
            name="scoringprofile_confidence_margins_ordered",
            violation_error_message=MEDIUM_ABOVE_HIGH,
        ),
        models.CheckConstraint(
            condition=Q(weight_fit__gt=0)
            | Q(weight_cost__gt=0)
            | Q(weight_strategic_outsourced__gt=0)
            | Q(weight_sensitivity_outsourced__gt=0)
            | Q(weight_catalog__gt=0),
            name="scoringprofile_outsourcing_weighted",
            violation_error_message="Give at least one outsourcing factor a weight.",
        ),
        models.CheckConstraint(
            condition=Q(weight_strategic_in_house__gt=0)
            | Q(weight_sensitivity_in_house__gt=0)
            | Q(weight_standardisation_in_house__gt=0),
            name="scoringprofile_in_house_weighted",
            violation_error_message="Give at least one in-house factor a weight.",
        ),
    ]
