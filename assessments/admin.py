"""Consultants' admin for scoring profiles and assessments.

Profiles are versioned: saving one adds a new version through the service, so the
versions assessments were scored with never change. Assessments are read-only here.
"""

from django.contrib import admin, messages
from django.db.models import Count, Q

from . import services
from .models import Assessment, Task
from .profiles import WEIGHT_FIELDS, ScoringProfile


@admin.register(ScoringProfile)
class ScoringProfileAdmin(admin.ModelAdmin):
    list_display = ["__str__", "note", "created_at", "created_by", "is_current"]
    list_select_related = ["created_by"]
    readonly_fields = ["version", "is_current", "created_at", "created_by"]
    search_fields = ["note"]
    fieldsets = [
        (None, {"fields": ["note", "version", "is_current", "created_at", "created_by"]}),
        ("Weights (points; each answer's weights are scaled to 100)", {"fields": WEIGHT_FIELDS}),
        (
            "Thresholds",
            {
                "fields": [
                    "full_saving_ratio",
                    "no_offshore_sensitivity",
                    "onshore_only_sensitivity",
                    "front_office_min_overlap_hours",
                    "confidence_high_margin",
                    "confidence_medium_margin",
                ]
            },
        ),
        (
            "Cost assumptions",
            {
                "fields": [
                    "governance_overhead",
                    "transition_months",
                    "productivity_dip",
                    "productivity_dip_months",
                    "in_house_hourly_rate",
                ]
            },
        ),
    ]

    def has_delete_permission(self, request, obj=None):
        return False  # assessments keep pointing at the versions they were scored with

    def save_model(self, request, obj, form, change):
        services.publish_profile(obj, request.user)
        messages.info(request, f"Saved as version {obj.version}, now the current profile.")


class TaskInline(admin.TabularInline):
    model = Task
    extra = 0
    can_delete = False
    show_change_link = False
    fields = [
        "name",
        "service_type",
        "complexity",
        "skill_level",
        "monthly_cost",
        "recommendation",
        "bpo_score",
        "kpo_score",
        "in_house_score",
        "delivery_location",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("service_type")


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = [
        "company_name",
        "industry",
        "status",
        "source",
        "task_count",
        "bpo_count",
        "kpo_count",
        "in_house_count",
        "profile_version",
        "created_at",
    ]
    list_filter = ["status", "industry", "source", "created_at"]
    list_select_related = ["industry", "scoring_profile"]
    search_fields = ["company_name", "region"]
    date_hierarchy = "created_at"
    inlines = [TaskInline]
    actions = ["rescore_with_current_profile"]
    exclude = ["resume_token", "share_token"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                task_total=Count("tasks"),
                bpo_total=Count("tasks", filter=Q(tasks__recommendation="bpo")),
                kpo_total=Count("tasks", filter=Q(tasks__recommendation="kpo")),
                in_house_total=Count("tasks", filter=Q(tasks__recommendation="in_house")),
            )
        )

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Assessment._meta.fields if field.name not in self.exclude]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.display(description="tasks", ordering="task_total")
    def task_count(self, obj):
        return obj.task_total

    @admin.display(description="BPO", ordering="bpo_total")
    def bpo_count(self, obj):
        return obj.bpo_total

    @admin.display(description="KPO", ordering="kpo_total")
    def kpo_count(self, obj):
        return obj.kpo_total

    @admin.display(description="in-house", ordering="in_house_total")
    def in_house_count(self, obj):
        return obj.in_house_total

    @admin.display(description="profile", ordering="scoring_profile__version")
    def profile_version(self, obj):
        return f"v{obj.scoring_profile.version}" if obj.scoring_profile else "-"

    def has_rescore_permission(self, request):
        return request.user.has_perm("assessments.rescore_assessment")

    @admin.action(description="Re-score with the current scoring profile", permissions=["rescore"])
    def rescore_with_current_profile(self, request, queryset):
        submitted = queryset.filter(status=Assessment.Status.SUBMITTED)
        for assessment in submitted:
            services.rescore(assessment)
        self.message_user(request, f"{submitted.count()} assessment(s) re-scored.")
