"""Consultants' admin for scoring profiles, assessments and their tasks.

Profiles are versioned: saving one adds a new version through the service, so the
versions assessments were scored with never change. Assessments and tasks are read-only
here. An assessment's page lists its tasks inline only while they are few; a large one
links to its tasks in the task list instead, a page at a time, where they can be sorted,
filtered by answer and searched. What scoring stored as JSON (an assessment's rates snapshot
and summary, a task's costs and notes) shows as read-only tables, every value escaped, each
in a region that scrolls sideways on a phone. Wide inlines scroll in such a region too.
"""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from catalog.models import LocationKind
from catalog.money import format_money
from outsourcing_advisor.admin import SECRET_FIELDS, SecretsNotFilterable

from . import services, task_file
from .engine.model import ANSWER_LABELS
from .models import Assessment, Task
from .profiles import METHOD_2_WEIGHT_FIELDS, WEIGHT_FIELDS, ScoringProfile


@admin.register(ScoringProfile)
class ScoringProfileAdmin(admin.ModelAdmin):
    list_select_related = ["created_by"]
    readonly_fields = ["version", "is_current", "created_at", "created_by"]
    search_fields = ["note"]
    list_display = ["__str__", "method", "note", "created_at", "created_by", "is_current"]
    fieldsets = [
        (
            None,
            {"fields": ["note", "method", "version", "is_current", "created_at", "created_by"]},
        ),
        (
            "Method 2: weights (points, one per factor, shared by every answer)",
            {"fields": METHOD_2_WEIGHT_FIELDS},
        ),
        (
            "Method 2: rules",
            {
                "fields": [
                    "horizon_months",
                    "bpo_skill_ceiling",
                    "bpo_complexity_ceiling",
                    "bpo_min_saving",
                    "kpo_premium_min_skill",
                    "kpo_max_premium",
                    "min_contract_hours",
                ]
            },
        ),
        (
            "Method 2: transition",
            {
                "fields": [
                    "transition_fixed_cost",
                    "transfer_months_min",
                    "transfer_months_max",
                    "parallel_running_share",
                ]
            },
        ),
        (
            "Both methods",
            {
                "fields": [
                    "full_saving_ratio",
                    "onshore_only_sensitivity",
                    "front_office_min_overlap_hours",
                    "confidence_high_margin",
                    "confidence_medium_margin",
                    "governance_overhead",
                    "productivity_dip",
                    "productivity_dip_months",
                    "in_house_hourly_rate",
                ]
            },
        ),
        (
            "Method 1 only",
            {
                "classes": ["collapse"],
                "fields": [
                    *[name for name in WEIGHT_FIELDS if name not in METHOD_2_WEIGHT_FIELDS],
                    "no_offshore_sensitivity",
                    "transition_months",
                ],
            },
        ),
    ]

    def has_delete_permission(self, request, obj=None):
        return False  # assessments keep pointing at the versions they were scored with

    def save_model(self, request, obj, form, change):
        services.publish_profile(obj, request.user)
        messages.info(request, f"Saved as version {obj.version}, now the current profile.")


# A list of plain values (one per task, say) shows this many, then how many more there are.
JSON_LIST_SHOWN = 20
JSON_EMPTY = "\N{EM DASH}"


def json_table(value):
    """A stored JSON value as read-only HTML: an object as a table of its keys, objects that
    share their keys (a list of them, or an object's values) as one table with a column per
    key, a list of plain values as a list; every key and value escaped."""
    if isinstance(value, dict) and value:
        records = list(value.values())
        if shares_keys(records):
            return records_table(records, row_labels=list(value))
        return format_html(
            '<table class="json-table"><tbody>{}</tbody></table>',
            format_html_join(
                "",
                '<tr><th scope="row">{}</th><td>{}</td></tr>',
                ((json_label(key), json_table(item)) for key, item in value.items()),
            ),
        )
    if isinstance(value, list) and value:
        if shares_keys(value):
            return records_table(value)
        items = [(json_table(item),) for item in value[:JSON_LIST_SHOWN]]
        if len(value) > JSON_LIST_SHOWN:
            items.append((f"and {len(value) - JSON_LIST_SHOWN} more",))
        return format_html(
            '<ul class="json-list">{}</ul>', format_html_join("", "<li>{}</li>", items)
        )
    return json_text(value)


def json_region(label, value):
    """`json_table(value)` in a region named `label` that scrolls sideways when the table is
    wider than the page (a form row cuts off what overflows it) and takes the keyboard's focus,
    so that it can be scrolled without a mouse."""
    if not isinstance(value, dict | list) or not value:
        return json_text(value)
    return format_html(
        '<div class="scroll-region" role="region" tabindex="0" aria-label="{}">{}</div>',
        label,
        json_table(value),
    )


def shares_keys(values):
    return all(isinstance(item, dict) and item for item in values) and all(
        item.keys() == values[0].keys() for item in values
    )


def records_table(records, row_labels=None):
    """One row per record and a column per key, each row headed by its label if given."""
    columns = list(records[0])
    labels = ([""] if row_labels else []) + [json_label(column) for column in columns]
    rows = []
    for index, record in enumerate(records):
        cells = format_html_join("", "<td>{}</td>", ((json_table(record[c]),) for c in columns))
        if row_labels:
            cells = format_html('<th scope="row">{}</th>{}', json_label(row_labels[index]), cells)
        rows.append((cells,))
    return format_html(
        '<table class="json-table"><thead><tr>{}</tr></thead><tbody>{}</tbody></table>',
        format_html_join("", '<th scope="col">{}</th>', ((label,) for label in labels)),
        format_html_join("", "<tr>{}</tr>", rows),
    )


def json_label(key):
    return str(key).replace("_", " ")


def json_text(value):
    if value is None or value in ({}, [], ""):
        return JSON_EMPTY
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


# An assessment's page shows its tasks inline up to this many (each row is a form's worth
# of HTML: 1,000 rows took about 2 s and 2 MiB); beyond, it links to the task list.
INLINE_TASKS_LIMIT = 50
MAX_PK_DIGITS = 18  # every such number fits the 64-bit keys of PostgreSQL and SQLite


# A task in a row: what the owner gave that decides most, and what scoring made of it.
TASK_COLUMNS = [
    "name",
    "service_type",
    "complexity",
    "skill_level",
    "in_house_cost",
    "recommendation",
    "bpo_score",
    "kpo_score",
    "in_house_score",
    "delivery_location",
]
# The owner's inputs to scoring, in the task file's order (its name, service type and
# description are shown apart).
TASK_INPUTS = [
    "in_house_cost" if column == "monthly_cost" else column
    for column in task_file.COLUMNS
    if column not in ("name", "service_type", "description")
]


def lists_tasks_inline(assessment):
    return assessment.task_total <= INLINE_TASKS_LIMIT


def task_money(task, value):
    """An amount of a task in its assessment's currency, as exact as stored: "£1,234.50"."""
    if value is None:
        return None  # shown as the admin's empty value
    assessment = task.assessment
    return format_money(value, assessment.currency, getattr(assessment, "country", None))


class TaskMoneyColumns:
    """A task's money columns in its assessment's currency. The rows are fetched with their
    assessment, so this adds no query."""

    @admin.display(description="monthly in-house cost", ordering="monthly_cost")
    def in_house_cost(self, task):
        return task_money(task, task.monthly_cost)

    @admin.display(description="outsourced monthly cost", ordering="outsourced_monthly_cost")
    def outsourced_cost(self, task):
        return task_money(task, task.outsourced_monthly_cost)

    @admin.display(description="monthly saving", ordering="monthly_saving")
    def saving(self, task):
        return task_money(task, task.monthly_saving)


class TaskInline(TaskMoneyColumns, admin.TabularInline):
    model = Task
    template = "admin/edit_inline/tabular_scrolling.html"
    extra = 0
    can_delete = False
    show_change_link = False
    fields = TASK_COLUMNS
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("service_type", "assessment")


@admin.register(Assessment)
class AssessmentAdmin(SecretsNotFilterable, admin.ModelAdmin):
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
    exclude = ["resume_token", "share_token", "rates_snapshot", "summary"]

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
        shown_as_tables = {"rates_snapshot": "rates_snapshot_table", "summary": "summary_table"}
        fields = [
            shown_as_tables.get(field.name, field.name)
            for field in Assessment._meta.fields
            if field.name not in SECRET_FIELDS
        ]
        return [*fields, "tasks_overview"]

    @admin.display(description="rates snapshot")
    def rates_snapshot_table(self, obj):
        return json_region("Rates snapshot", obj.rates_snapshot)

    @admin.display(description="summary")
    def summary_table(self, obj):
        return json_region("Summary", obj.summary)

    def get_inlines(self, request, obj):
        if obj is not None and not lists_tasks_inline(obj):
            return []
        return super().get_inlines(request, obj)

    @admin.display(description="tasks")
    def tasks_overview(self, obj):
        """How many tasks got each answer, and a link to them in the task list."""
        if not obj.task_total:
            return "No tasks yet."
        url = reverse("admin:assessments_task_changelist")
        url += f"?{AssessmentFilter.parameter_name}={obj.pk}"
        unscored = obj.task_total - obj.bpo_total - obj.kpo_total - obj.in_house_total
        listed = "listed below" if lists_tasks_inline(obj) else "too many to list here"
        return format_html(
            "{} tasks: {} BPO, {} KPO, {} in-house, {} not scored ({}). "
            '<a href="{}">Open them in the task list</a>',
            obj.task_total,
            obj.bpo_total,
            obj.kpo_total,
            obj.in_house_total,
            unscored,
            listed,
            url,
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_deleted_objects(self, objs, request):
        """Tasks go with their assessment: who may delete an assessment needs no right to
        delete tasks one by one, which nobody has here (TaskAdmin)."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        perms_needed.discard(Task._meta.verbose_name)
        return deleted, counts, perms_needed, protected

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


class DeliveryLocationFilter(admin.SimpleListFilter):
    """The recommended delivery location, from the fixed kinds: a filter on the field
    itself would look up its distinct values over every task each time the list opens."""

    title = "delivery location"
    parameter_name = "delivery_location"

    def lookups(self, request, model_admin):
        return [*LocationKind.choices, ("none", "None (in-house, or not scored)")]

    def queryset(self, request, queryset):
        chosen = self.value()
        if chosen is None:
            return queryset
        return queryset.filter(delivery_location="" if chosen == "none" else chosen)


class AssessmentFilter(admin.SimpleListFilter):
    """The tasks of one assessment, as linked from its page. It offers no list of
    assessments to choose from (there may be thousands), only the one chosen, by name."""

    title = "assessment"
    parameter_name = "assessment"

    def lookups(self, request, model_admin):
        chosen = self.chosen_pk()
        if chosen is None:
            return []
        return list(Assessment.objects.filter(pk=chosen).values_list("pk", "company_name"))

    def has_output(self):
        return self.value() is not None  # applied whenever given, even if matching nothing

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        chosen = self.chosen_pk()
        return queryset.none() if chosen is None else queryset.filter(assessment_id=chosen)

    def chosen_pk(self):
        """The primary key given, or None if it is not one a row could have."""
        value = self.value() or ""
        if not value.isascii() or not value.isdecimal() or len(value) > MAX_PK_DIGITS:
            return None
        return int(value)


@admin.register(Task)
class TaskAdmin(TaskMoneyColumns, SecretsNotFilterable, admin.ModelAdmin):
    """Every assessment's tasks, read-only: an assessment's page links here, filtered to its
    own, for one too large to list inline."""

    list_display = ["name", "assessment_link", *TASK_COLUMNS[1:], "confidence", "saving"]
    list_filter = [AssessmentFilter, "recommendation", DeliveryLocationFilter, "assessment__status"]
    list_select_related = ["assessment", "service_type"]
    search_fields = ["name", "assessment__company_name"]
    ordering = ["-assessment__created_at", "assessment_id", "position", "pk"]  # newest first
    list_per_page = 100
    show_full_result_count = False  # one COUNT fewer per page: the filtered count is shown
    fieldsets = [
        (
            None,
            {"fields": ["assessment_link", "position", "name", "description", "service_type"]},
        ),
        (
            "Inputs",
            {"fields": TASK_INPUTS},
        ),
        (
            "Result",
            {
                "fields": [
                    "recommendation",
                    "bpo_score",
                    "kpo_score",
                    "in_house_score",
                    "confidence",
                    "delivery_location",
                    "outsourced_cost",
                    "saving",
                    "reasons",
                    "what_would_change_it",
                    "scoring_details",
                ]
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        return [name for _, options in self.fieldsets for name in options["fields"]]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="assessment", ordering="assessment__company_name")
    def assessment_link(self, obj):
        url = reverse("admin:assessments_assessment_change", args=[obj.assessment_id])
        return format_html('<a href="{}">{}</a>', url, obj.assessment)

    @admin.display(description="reasons")
    def reasons(self, obj):
        reasons = (obj.result or {}).get("reasons") or []
        if not reasons:
            return "-"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} (favours {}, {} points)</li>",
                ((r.get("text"), favours_label(r), r.get("points")) for r in reasons),
            ),
        )

    @admin.display(description="what would change the answer")
    def what_would_change_it(self, obj):
        what_if = (obj.result or {}).get("what_if")
        return what_if.get("text", "-") if what_if else "-"

    @admin.display(description="costs and notes")
    def scoring_details(self, obj):
        """The rest of what scoring stored (reasons and what-if are shown above)."""
        shown_above = {"reasons", "what_if"}
        details = {
            key: value for key, value in (obj.result or {}).items() if key not in shown_above
        }
        return json_region("Costs and notes", details)


def favours_label(reason):
    """The answer a stored reason favours, as shown; results stored before the label was
    kept with the reason have the answer's code only."""
    favours = reason.get("favours", "")
    return reason.get("favours_label") or ANSWER_LABELS.get(favours, favours)
