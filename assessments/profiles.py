"""Scoring profiles: the weights, thresholds and cost assumptions consultants tune.

A profile row is never changed once saved: editing a profile in the admin saves a new
version (see `assessments.services.publish_profile`), so an assessment that records the
version it was scored with can always be scored again the same way.
"""

import dataclasses
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from .engine import Profile
from .profile_fields import (  # noqa: F401  (the field lists are part of this module's API)
    MEDIUM_ABOVE_HIGH,
    METHOD_2_FIELDS,
    METHOD_2_WEIGHT_FIELDS,
    ONSHORE_BELOW_OFFSHORE,
    TRANSFER_ORDER,
    WEIGHT_FIELDS,
    level_field,
    months_field,
    profile_constraints,
    share_field,
    weight_field,
)

FROZEN_VERSION = (
    "A saved scoring profile version never changes: publish the edit as a new version "
    "(assessments.services.publish_profile)."
)


class ProfileVersionFrozen(Exception):
    """Raised on an attempt to save changes to a profile version already stored."""


class ScoringProfileQuerySet(models.QuerySet):
    def current(self):
        return self.get(is_current=True)


class ScoringProfile(models.Model):
    class Method(models.IntegerChoices):
        SEPARATE_WEIGHTS = 1, "1: each answer's weights scaled to 100 (assessments before v2)"
        SHARED_WEIGHTS = 2, "2: shared weights, money over the horizon for every answer"

    version = models.PositiveIntegerField(unique=True, editable=False)
    is_current = models.BooleanField(default=False, editable=False)
    method = models.PositiveSmallIntegerField(
        choices=Method.choices,
        default=Method.SHARED_WEIGHTS,
        help_text="The scoring method (docs/scoring.md). Versions keep the method they had.",
    )
    note = models.CharField(
        "what changed", max_length=250, blank=True, help_text="Why this version was saved."
    )
    weight_fit = weight_field(
        "fit of the work", "30", "Routine work toward BPO, knowledge work toward KPO."
    )
    weight_standardisation_bpo = weight_field(
        "standardisation (BPO)", "25", "Written, measurable processes toward BPO."
    )
    weight_cost = weight_field("cost saving", "25", "A real saving toward BPO or KPO.")
    weight_strategic_outsourced = weight_field(
        "low strategic importance (outsourcing)", "10", "Commodity work toward outsourcing."
    )
    weight_sensitivity_outsourced = weight_field(
        "low data sensitivity (outsourcing)", "10", "Non-confidential work toward outsourcing."
    )
    weight_catalog = weight_field(
        "catalog fit", "10", "The catalog service type's sourcing model toward that answer."
    )
    weight_strategic_in_house = weight_field(
        "strategic importance (in-house)", "35", "Core, differentiating work toward in-house."
    )
    weight_sensitivity_in_house = weight_field(
        "data sensitivity (in-house)", "30", "Confidential work toward in-house."
    )
    weight_standardisation_in_house = weight_field(
        "low standardisation (in-house)", "20", "Work hard to specify toward in-house."
    )
    full_saving_ratio = models.DecimalField(
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=[MinValueValidator(Decimal("0.05")), MaxValueValidator(1)],
        help_text="Saving (share of in-house cost) that earns the full cost points.",
    )
    no_offshore_sensitivity = models.PositiveSmallIntegerField(
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
        help_text="Data sensitivity from which offshore is ruled out (6: never).",
    )
    onshore_only_sensitivity = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
        help_text="Data sensitivity from which only onshore is allowed (6: never).",
    )
    front_office_min_overlap_hours = models.PositiveSmallIntegerField(
        default=4,
        validators=[MaxValueValidator(8)],
        help_text="Working hours a front-office location must share with the client.",
    )
    governance_overhead = models.DecimalField(
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.080"),
        validators=[MinValueValidator(0), MaxValueValidator(Decimal("0.5"))],
        help_text="Vendor management on top of the provider's fee (0.08 = 8 %).",
    )
    transition_months = models.PositiveSmallIntegerField(
        default=3,
        validators=[MaxValueValidator(12)],
        help_text="Months the in-house team keeps working while the provider takes over.",
    )
    productivity_dip = models.DecimalField(
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.200"),
        validators=[MinValueValidator(0), MaxValueValidator(Decimal("0.5"))],
        help_text="Extra provider cost while it learns the work (0.2 = 20 %).",
    )
    productivity_dip_months = models.PositiveSmallIntegerField(
        default=12,
        validators=[MaxValueValidator(36)],
        help_text="Months the productivity dip lasts.",
    )
    in_house_hourly_rate = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        default=Decimal("44.67"),
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text="Fully loaded in-house cost per hour, used to estimate hours not given.",
    )
    confidence_high_margin = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        default=Decimal("15.0"),
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(100)],
        help_text="Score lead over the runner-up from which confidence is high.",
    )
    confidence_medium_margin = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        default=Decimal("5.0"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Score lead from which confidence is medium (below: low).",
    )
    weight_standardisation = weight_field(
        "standardisation (method 2)",
        "15",
        "Written-down work toward BPO, work that cannot be written down toward in-house.",
    )
    weight_strategic = weight_field(
        "strategic importance (method 2)", "30", "Core work toward in-house, commodities away."
    )
    weight_sensitivity = weight_field(
        "data sensitivity (method 2)", "15", "Confidential data toward in-house."
    )
    weight_location = weight_field(
        "cost of distance (method 2)",
        "10",
        "Points a fully sensitive task loses offshore (half nearshore); customer-facing work "
        "also loses up to half of it for hours not shared with the client.",
    )
    horizon_months = models.PositiveSmallIntegerField(
        default=36,
        validators=[MinValueValidator(12), MaxValueValidator(60)],
        help_text="Months over which every option's total cost is compared.",
    )
    bpo_skill_ceiling = level_field(3, 5, "Highest skill level BPO providers staff for.")
    bpo_complexity_ceiling = level_field(3, 5, "Highest complexity BPO providers take on.")
    bpo_min_saving = share_field(
        "0.100", "0.5", "Share of the in-house total BPO must save over the horizon (0.1 = 10 %)."
    )
    kpo_premium_min_skill = level_field(
        4, 6, "Skill level from which KPO may cost more than in-house, for skills (6: never)."
    )
    kpo_max_premium = share_field(
        "0.250", "1", "Most that KPO may cost above in-house over the horizon (0.25 = 25 %)."
    )
    min_contract_hours = models.DecimalField(
        max_digits=6,
        decimal_places=1,
        default=Decimal("40.0"),
        validators=[MinValueValidator(0), MaxValueValidator(1000)],
        help_text="People-hours a month below which no provider contract is viable.",
    )
    transition_fixed_cost = models.DecimalField(
        max_digits=9,
        decimal_places=2,
        default=Decimal("5000.00"),
        validators=[MinValueValidator(0), MaxValueValidator(1000000)],
        help_text="Selecting and contracting a provider, once per task, in the assessment's "
        "currency.",
    )
    transfer_months_min = months_field("1.0", "Knowledge transfer for simple, written work.")
    transfer_months_max = months_field("6.0", "Knowledge transfer for expert, unwritten work.")
    parallel_running_share = share_field(
        "0.500", "1", "Share of the in-house cost still spent during knowledge transfer."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = ScoringProfileQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        constraints = profile_constraints()

    def __str__(self):
        marker = " (current)" if self.is_current else ""
        return f"Scoring profile v{self.version}{marker}"

    def save(self, *args, **kwargs):
        # Assessments are re-scored with the version they recorded, so a saved version must
        # never change; edits are published as a new version instead.
        if self.pk is not None and not self._state.adding:
            raise ProfileVersionFrozen(FROZEN_VERSION)
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.onshore_only_sensitivity < self.no_offshore_sensitivity:
            errors["onshore_only_sensitivity"] = ONSHORE_BELOW_OFFSHORE
        medium, high = self.confidence_medium_margin, self.confidence_high_margin
        if medium is not None and high is not None and medium > high:
            errors["confidence_medium_margin"] = MEDIUM_ABOVE_HIGH
        shortest, longest = self.transfer_months_min, self.transfer_months_max
        if shortest is not None and longest is not None and shortest > longest:
            errors["transfer_months_min"] = TRANSFER_ORDER
        if errors:
            raise ValidationError(errors)

    def as_engine_profile(self):
        """The engine's Profile: every field it has, weights and margins as floats."""
        values = {}
        for field in dataclasses.fields(Profile):
            value = getattr(self, field.name)
            values[field.name] = float(value) if field.type is float else value
        return Profile(**values)
