"""Assessments: a company, its tasks, the answers scored for them and the scoring profiles.

Every bound the forms enforce is a database constraint too. Assessments are reached only
through their unguessable tokens, never their database keys. This app may import
`catalog`; the engine in `assessments.engine` imports neither.
"""

import uuid
from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse

from catalog.models import SCALE_CHOICES, Industry, ServiceType

from .profiles import ScoringProfile
from .task_file import MAX_HOURS_PER_MONTH  # the team's people-hours; shared with the parser

MAX_MONTHLY_COST = Decimal("10000000")
# Tasks in one assessment: a large client inventory fits; the questionnaire says so plainly.
MAX_TASKS = 1000
TASK_NAME_MAX_LENGTH = 120
TASK_DESCRIPTION_MAX_LENGTH = 1000

# The ratings a catalog service type may fill, as a report names them.
PREFILLED_NAMES = {
    "complexity": "complexity",
    "skill_level": "skill",
    "standardisation": "standardisation",
}


def at_most_characters(field, limit, name):
    """SQLite ignores a column's length; this constraint holds on every database."""
    return models.CheckConstraint(condition=LessThanOrEqual(Length(field), limit), name=name)


def between(field, low, high, name):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": low, f"{field}__lte": high}), name=name
    )


class Answer(models.TextChoices):
    BPO = "bpo", "BPO"
    KPO = "kpo", "KPO"
    IN_HOUSE = "in_house", "In-house"


class SizeBand(models.TextChoices):
    MICRO = "1-9", "1-9 staff"
    SMALL = "10-49", "10-49 staff"
    MEDIUM = "50-249", "50-249 staff"
    LARGE = "250-999", "250-999 staff"
    ENTERPRISE = "1000+", "1,000 staff or more"


class Assessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"

    class Source(models.TextChoices):
        QUESTIONNAIRE = "questionnaire", "Questionnaire"
        UPLOAD = "upload", "Spreadsheet upload"
        COMMAND = "command", "Consultant command"

    resume_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    share_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The owner can turn the share link off (it then answers 404) and make a new one.
    is_shared = models.BooleanField(default=True, editable=False)
    company_name = models.CharField(max_length=120)
    industry = models.ForeignKey(
        Industry, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    size_band = models.CharField(max_length=10, choices=SizeBand.choices, blank=True)
    region = models.CharField("country or region", max_length=80, blank=True)
    priority_cost = models.PositiveSmallIntegerField(choices=SCALE_CHOICES, default=3)
    priority_quality = models.PositiveSmallIntegerField(choices=SCALE_CHOICES, default=3)
    priority_control = models.PositiveSmallIntegerField(choices=SCALE_CHOICES, default=3)
    allow_onshore = models.BooleanField(default=True)
    allow_nearshore = models.BooleanField(default=True)
    allow_offshore = models.BooleanField(default=True)
    country = models.CharField(
        max_length=2,
        default="US",
        help_text="ISO 3166 code of where the company is: onshore means this country.",
    )
    currency = models.CharField(max_length=3, default="USD")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    source = models.CharField(max_length=15, choices=Source.choices, default=Source.QUESTIONNAIRE)
    scoring_profile = models.ForeignKey(
        ScoringProfile, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rates_snapshot = models.JSONField(
        default=dict, blank=True, help_text="Locations and rates the scores were computed with."
    )
    summary = models.JSONField(
        default=dict, blank=True, help_text="Portfolio totals from the latest scoring."
    )
    # Moves on with every saved change of a draft: a form sent from a page showing an older
    # revision is refused rather than undoing what was saved since (assessments.drafts).
    revision = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    scored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("rescore_assessment", "Can re-score assessments")]
        constraints = [
            between("priority_cost", 1, 5, "assessment_priority_cost_1_to_5"),
            between("priority_quality", 1, 5, "assessment_priority_quality_1_to_5"),
            between("priority_control", 1, 5, "assessment_priority_control_1_to_5"),
            models.CheckConstraint(
                condition=Q(allow_onshore=True) | Q(allow_nearshore=True) | Q(allow_offshore=True),
                name="assessment_allows_a_location",
                violation_error_message="Allow at least one delivery location.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "submitted"]), name="assessment_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(currency__regex=r"^[A-Z]{3}\Z"), name="assessment_currency_iso_code"
            ),
            models.CheckConstraint(
                condition=Q(country__regex=r"^[A-Z]{2}\Z"), name="assessment_country_iso_code"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="assessment_submitted_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(company_name=""), name="assessment_company_name_not_empty"
            ),
            at_most_characters("company_name", 120, "assessment_company_name_length"),
            at_most_characters("region", 80, "assessment_region_length"),
            models.CheckConstraint(
                condition=Q(size_band__in=["", *SizeBand.values]),
                name="assessment_size_band_valid",
            ),
        ]

    def __str__(self):
        return self.company_name

    def get_absolute_url(self):
        return reverse("assessments:results", kwargs={"token": self.share_token})

    @property
    def is_submitted(self):
        return self.status == self.Status.SUBMITTED

    @property
    def allowed_locations(self):
        return frozenset(self.allowed_location_list)

    @property
    def allowed_location_list(self):
        """Allowed delivery locations, nearest first."""
        flags = (
            ("onshore", self.allow_onshore),
            ("nearshore", self.allow_nearshore),
            ("offshore", self.allow_offshore),
        )
        return [kind for kind, allowed in flags if allowed]


class Task(models.Model):
    NAME_MAX_LENGTH = TASK_NAME_MAX_LENGTH
    DESCRIPTION_MAX_LENGTH = TASK_DESCRIPTION_MAX_LENGTH

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(max_length=NAME_MAX_LENGTH)
    description = models.TextField(max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    service_type = models.ForeignKey(
        ServiceType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    complexity = models.PositiveSmallIntegerField(choices=SCALE_CHOICES)
    skill_level = models.PositiveSmallIntegerField(choices=SCALE_CHOICES)
    monthly_cost = models.DecimalField("monthly in-house cost", max_digits=12, decimal_places=2)
    # Team work counts everyone's hours, so up to MAX_HOURS_PER_MONTH: 8 digits, 2 decimals.
    hours_per_month = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Total people-hours a month across everyone who does this task "
        "(e.g. 10 agents x 160 h = 1,600).",
    )
    strategic_importance = models.PositiveSmallIntegerField(choices=SCALE_CHOICES, default=3)
    data_sensitivity = models.PositiveSmallIntegerField(choices=SCALE_CHOICES, default=3)
    standardisation = models.PositiveSmallIntegerField(choices=SCALE_CHOICES, default=3)
    assumed_inputs = models.JSONField(
        default=list,
        blank=True,
        help_text="The 1-5 inputs the owner left blank, taken as 3 (lowers the confidence).",
    )
    prefilled_inputs = models.JSONField(
        default=list,
        blank=True,
        help_text="The 1-5 inputs filled from the catalog service's typical ratings.",
    )
    # The scored answer; empty until the assessment is scored.
    recommendation = models.CharField(max_length=8, choices=Answer.choices, blank=True)
    bpo_score = models.DecimalField(
        "BPO score", max_digits=4, decimal_places=1, null=True, blank=True
    )
    kpo_score = models.DecimalField(
        "KPO score", max_digits=4, decimal_places=1, null=True, blank=True
    )
    in_house_score = models.DecimalField(
        "in-house score", max_digits=4, decimal_places=1, null=True, blank=True
    )
    confidence = models.PositiveSmallIntegerField(null=True, blank=True)
    delivery_location = models.CharField(max_length=10, blank=True)
    outsourced_monthly_cost = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True
    )
    monthly_saving = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    result = models.JSONField(default=dict, blank=True, help_text="Reasons, costs and what-if.")
    # The draft's revision that last added or changed this task: what a refused save from
    # an older page names as changed elsewhere.
    changed_in = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="task_name_not_empty"),
            at_most_characters("name", TASK_NAME_MAX_LENGTH, "task_name_length"),
            at_most_characters(
                "description", TASK_DESCRIPTION_MAX_LENGTH, "task_description_length"
            ),
            between("complexity", 1, 5, "task_complexity_1_to_5"),
            between("skill_level", 1, 5, "task_skill_level_1_to_5"),
            between("strategic_importance", 1, 5, "task_strategic_importance_1_to_5"),
            between("data_sensitivity", 1, 5, "task_data_sensitivity_1_to_5"),
            between("standardisation", 1, 5, "task_standardisation_1_to_5"),
            between("monthly_cost", 0, MAX_MONTHLY_COST, "task_monthly_cost_in_range"),
            models.CheckConstraint(
                condition=Q(hours_per_month__isnull=True)
                | Q(hours_per_month__gt=0, hours_per_month__lte=MAX_HOURS_PER_MONTH),
                name="task_hours_per_month_in_range",
            ),
            models.CheckConstraint(
                condition=Q(recommendation__in=["", *Answer.values]),
                name="task_recommendation_valid",
            ),
            models.CheckConstraint(
                condition=Q(confidence__isnull=True) | Q(confidence__lte=100),
                name="task_confidence_at_most_100",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{field}__isnull": True})
                    | Q(**{f"{field}__gte": 0, f"{field}__lte": 100}),
                    name=f"task_{field}_0_to_100",
                )
                for field in ("bpo_score", "kpo_score", "in_house_score")
            ],
        ]

    def __str__(self):
        return self.name

    def prefilled_ratings(self):
        """'complexity 2, skill 2, standardisation 4': the ratings its catalog service gave."""
        return ", ".join(
            f"{PREFILLED_NAMES[field]} {getattr(self, field)}"
            for field in PREFILLED_NAMES
            if field in self.prefilled_inputs
        )


class FormSubmission(models.Model):
    """A questionnaire form that was acted on, by the one-time key its page carried.

    Saving the key is part of the write's own transaction, and the key is unique: a form
    sent twice (a double click, a resent POST, Back then save) acts once, and the repeat
    is sent where the first went (`assessments.once`).
    """

    key = models.UUIDField(primary_key=True)
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    target = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"form {self.key}"
