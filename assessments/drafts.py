"""Writing a business owner's draft: company, tasks, task files, submission and revision.

The questionnaire's views call these functions and nothing else to change an assessment.
Each one is a single transaction, so a request that fails half-way leaves the draft as it
was. Scoring itself is `services.score_assessment`; this module only decides when.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from . import services
from .models import MAX_TASKS, Assessment, Task
from .task_file import COLUMNS

# What the owner gave for a task (a task file's columns, not what scoring added): Revise
# copies these.
ANSWERED_TASK_FIELDS = (
    "position",
    *("service_type_id" if column == "service_type" else column for column in COLUMNS),
)


class DraftError(Exception):
    """The change cannot be made; the message says why in plain words."""


class Step:
    COMPANY = "company"
    TASKS = "tasks"
    REVIEW = "review"
    RESULTS = "results"


STEP_ORDER = (Step.COMPANY, Step.TASKS, Step.REVIEW, Step.RESULTS)


def first_incomplete_step(assessment, task_count):
    """Where a visitor should be: a step may not be skipped."""
    if assessment.is_submitted:
        return Step.RESULTS
    if task_count == 0:
        return Step.TASKS
    return Step.REVIEW


@transaction.atomic
def create_draft(company_form):
    return company_form.save()


@transaction.atomic
def save_company(company_form):
    locked_draft(company_form.instance)
    return company_form.save()


@transaction.atomic
def save_tasks(assessment, formset):
    """Save the rows of the tasks step; removed rows go, new rows go to the end."""
    locked_draft(assessment)
    tasks = formset.save(commit=False)
    for task in formset.deleted_objects:
        task.delete()
    next_position = next_task_position(assessment)
    for task in tasks:
        if task.pk is None:
            task.assessment = assessment
            task.position = next_position
            next_position += 1
        task.save()
    ensure_within_cap(assessment)
    touch(assessment)


@transaction.atomic
def import_task_rows(assessment, rows, service_types, *, replace):
    """Add (or, with `replace`, substitute) the rows of a clean task file: all or nothing."""
    locked_draft(assessment)
    if replace:
        assessment.tasks.all().delete()
    start = next_task_position(assessment)
    tasks = services.build_tasks(assessment, rows, service_types)
    for offset, task in enumerate(tasks):
        task.position = start + offset
    Task.objects.bulk_create(tasks, batch_size=500)
    ensure_within_cap(assessment)
    touch(assessment)
    return len(tasks)


@transaction.atomic
def submit(assessment):
    """Score the draft and freeze it; submitting twice is refused."""
    assessment = locked_draft(assessment)
    if not assessment.tasks.exists():
        raise DraftError("Add at least one task before submitting.")
    assessment.status = Assessment.Status.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["status", "submitted_at", "updated_at"])
    services.score_assessment(assessment)
    return assessment


@transaction.atomic
def revise(assessment):
    """An editable draft copy of a submitted assessment, with links of its own."""
    copy = Assessment.objects.get(pk=assessment.pk)
    copy.pk = None
    copy._state.adding = True
    for field in ("resume_token", "share_token"):
        setattr(copy, field, Assessment._meta.get_field(field).get_default())
    copy.status = Assessment.Status.DRAFT
    copy.submitted_at = copy.scored_at = copy.scoring_profile = None
    copy.summary, copy.rates_snapshot = {}, {}
    copy.save()
    Task.objects.bulk_create(
        [copy_of_task(task, copy) for task in assessment.tasks.all()], batch_size=500
    )
    return copy


def copy_of_task(task, assessment):
    """The owner's answers for a task, unscored, in `assessment`."""
    return Task(
        assessment=assessment,
        **{name: getattr(task, name) for name in ANSWERED_TASK_FIELDS},
    )


def locked_draft(assessment):
    """The assessment's row, locked until the transaction ends; only drafts may change."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.is_submitted:
        raise DraftError("This assessment is submitted and can no longer change.")
    return locked


def next_task_position(assessment):
    return (assessment.tasks.aggregate(last=Max("position"))["last"] or 0) + 1


def ensure_within_cap(assessment):
    if assessment.tasks.count() > MAX_TASKS:
        raise DraftError(f"An assessment holds at most {MAX_TASKS} tasks; remove some first.")


def touch(assessment):
    Assessment.objects.filter(pk=assessment.pk).update(updated_at=timezone.now())
