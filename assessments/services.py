"""The one bridge between the database and the scoring engine.

Reads catalog rates, scoring profiles and tasks, runs the engine, and writes results back,
each write in one transaction. Views, the admin and commands call these functions; they
hold no scoring rules themselves.
"""

from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone

from catalog.models import Industry, ServiceType

from . import engine
from .models import Assessment, Task
from .profiles import ScoringProfile
from .results import summary_data, task_fields
from .snapshots import (
    market_from_snapshot,
    market_snapshot,
    profile_in_market,
    service_types_from_snapshot,
    service_types_snapshot,
)

DEFAULT_RATING = 3
# The 1-5 inputs a task file may leave blank; a blank one is taken as 3 and recorded.
RATED_IF_GIVEN = ("standardisation", "strategic_importance", "data_sensitivity")

# --- Profiles ----------------------------------------------------------------------------


@transaction.atomic
def publish_profile(profile, user=None):
    """Save `profile`'s values as a new current version; earlier versions stay untouched."""
    current = ScoringProfile.objects.select_for_update().filter(is_current=True)
    latest = ScoringProfile.objects.aggregate(latest=Max("version"))["latest"] or 0
    current.update(is_current=False)
    profile.pk = None
    profile._state.adding = True
    profile.version = latest + 1
    profile.is_current = True
    profile.created_by = user
    profile.save()
    return profile


# --- Scoring -----------------------------------------------------------------------------


def company_of(assessment):
    return engine.Company(
        industry=assessment.industry.slug if assessment.industry_id else None,
        allowed_locations=assessment.allowed_locations,
        priority_cost=assessment.priority_cost,
        priority_quality=assessment.priority_quality,
        priority_control=assessment.priority_control,
    )


def task_input(task, service_type):
    return engine.TaskInput(
        name=task.name,
        complexity=task.complexity,
        skill_level=task.skill_level,
        monthly_cost=task.monthly_cost,
        hours_per_month=task.hours_per_month,
        strategic_importance=task.strategic_importance,
        data_sensitivity=task.data_sensitivity,
        standardisation=task.standardisation,
        service_type=service_type,
        assumed=frozenset(task.assumed_inputs or ()),
    )


def tasks_for_scoring(assessment):
    return assessment.tasks.select_related("service_type").prefetch_related(
        Prefetch("service_type__industries", queryset=Industry.objects.only("slug"))
    )


def run_engine(assessment, tasks, profile, snapshot):
    context = engine.Context(
        profile_in_market(profile.as_engine_profile(), snapshot),
        market_from_snapshot(snapshot),
        company_of(assessment),
    )
    service_types = service_types_from_snapshot(snapshot, tasks)
    inputs = [task_input(task, info) for task, info in zip(tasks, service_types, strict=True)]
    results = engine.assess_tasks(inputs, context)
    return results, engine.summarise(results, context)


@transaction.atomic
def score_assessment(assessment, profile=None, snapshot=None):
    """Score every task and store the answers; by default with today's profile and rates."""
    profile = profile or ScoringProfile.objects.current()
    tasks = list(tasks_for_scoring(assessment))
    if snapshot is None:
        snapshot = assessment_market(assessment, profile) | service_types_snapshot(tasks)
    results, summary = apply_scores(assessment, tasks, profile, snapshot)
    replace_rows(assessment, tasks)
    record_scoring(assessment, profile, snapshot, summary)
    return results, summary


def replace_rows(assessment, tasks):
    """Write the scored tasks back, keeping their keys.

    One multi-row INSERT per batch instead of bulk_update's CASE WHEN per field and row,
    which took seconds for 1,000 tasks; nothing else points at a task, and the
    transaction around the caller keeps the swap invisible to other requests.
    """
    Task.objects.filter(assessment=assessment).delete()  # one DELETE: nothing cascades
    Task.objects.bulk_create(tasks, batch_size=500)


def apply_scores(assessment, tasks, profile, snapshot):
    """Run the engine and set each task's result fields (nothing saved)."""
    results, summary = run_engine(assessment, tasks, profile, snapshot)
    for task, result in zip(tasks, results, strict=True):
        for name, value in task_fields(result).items():
            setattr(task, name, value)
    return results, summary


def record_scoring(assessment, profile, snapshot, summary):
    assessment.scoring_profile = profile
    assessment.rates_snapshot = snapshot
    assessment.summary = summary_data(summary, profile.horizon_months)
    assessment.scored_at = timezone.now()
    assessment.save(
        update_fields=["scoring_profile", "rates_snapshot", "summary", "scored_at", "updated_at"]
    )


def rescore(assessment):
    """Score again with the current profile and today's rates (a consultant's action)."""
    return score_assessment(assessment)


def reproduce(assessment):
    """The results the stored profile version, rates and catalog facts give; saves nothing."""
    return run_engine(
        assessment,
        list(tasks_for_scoring(assessment)),
        assessment.scoring_profile,
        assessment.rates_snapshot,
    )


# --- Creating assessments from task files ------------------------------------------------


def resolve_service_types(rows):
    """Map each row's service_type text (slug or name, any case) to a published type.

    Returns ({row_number: ServiceType}, [(row_number, text)] of unknown names).
    """
    wanted = {row.service_type.strip().lower() for row in rows if row.service_type}
    if not wanted:
        return {}, []
    known = {}
    for service_type in ServiceType.objects.published().prefetch_related(
        Prefetch("industries", queryset=Industry.objects.only("slug"))
    ):
        known[service_type.slug.lower()] = service_type
        known[service_type.name.lower()] = service_type
    found, unknown = {}, []
    for row in rows:
        if row.service_type:
            match = known.get(row.service_type.strip().lower())
            if match is None:
                unknown.append((row.row_number, row.service_type))
            else:
                found[row.row_number] = match
    return found, unknown


def build_tasks(assessment, rows, service_types):
    return [
        build_task(assessment, position, row, service_types.get(row.row_number))
        for position, row in enumerate(rows, start=1)
    ]


def build_task(assessment, position, row, service_type):
    """A task of a file's row. A blank standardisation takes the row's catalog service's
    typical one, as the tasks step's form does, and says so; other blanks count as the
    middle of the scale, recorded as assumed."""
    standardisation, prefilled = row.standardisation, []
    if not standardisation and service_type is not None:
        standardisation, prefilled = service_type.typical_standardisation, ["standardisation"]
    return Task(
        assessment=assessment,
        position=position,
        name=row.name,
        description=row.description,
        service_type=service_type,
        complexity=row.complexity,
        skill_level=row.skill_level,
        monthly_cost=row.monthly_cost,
        hours_per_month=row.hours_per_month,
        strategic_importance=row.strategic_importance or DEFAULT_RATING,
        data_sensitivity=row.data_sensitivity or DEFAULT_RATING,
        standardisation=standardisation or DEFAULT_RATING,
        assumed_inputs=[
            name for name in RATED_IF_GIVEN if not getattr(row, name) and name not in prefilled
        ],
        prefilled_inputs=prefilled,
    )


@transaction.atomic
def create_scored_assessment(
    company_name, rows, service_types, *, locations=None, source, country="US", currency="USD"
):
    """A submitted assessment with these task rows, scored: all saved or nothing."""
    assessment = unsaved_assessment(locations, country, currency)
    assessment.company_name = company_name
    assessment.status = Assessment.Status.SUBMITTED
    assessment.source = source
    assessment.submitted_at = timezone.now()
    assessment.save()
    # Scored before they are written: one INSERT per batch, no UPDATE afterwards.
    tasks = build_tasks(assessment, rows, service_types)
    profile = ScoringProfile.objects.current()
    snapshot = assessment_market(assessment, profile) | service_types_snapshot(tasks)
    _results, summary = apply_scores(assessment, tasks, profile, snapshot)
    Task.objects.bulk_create(tasks, batch_size=500)
    record_scoring(assessment, profile, snapshot, summary)
    return assessment


def score_unsaved(rows, service_types, *, locations=None, country="US", currency="USD"):
    """Score task rows without saving anything: scored, unsaved Task objects."""
    assessment = unsaved_assessment(locations, country, currency)
    tasks = build_tasks(assessment, rows, service_types)
    profile = ScoringProfile.objects.current()
    snapshot = assessment_market(assessment, profile) | service_types_snapshot(tasks)
    apply_scores(assessment, tasks, profile, snapshot)
    return tasks


def unsaved_assessment(locations, country="US", currency="USD"):
    allowed = set(locations or ("onshore", "nearshore", "offshore"))
    return Assessment(
        company_name="",
        country=country,
        currency=currency,
        allow_onshore="onshore" in allowed,
        allow_nearshore="nearshore" in allowed,
        allow_offshore="offshore" in allowed,
    )


def assessment_market(assessment, profile):
    """Today's market for the assessment's country and currency (see snapshots)."""
    return market_snapshot(assessment.currency, assessment.country, profile.as_engine_profile())
