"""Writing a business owner's draft: company, tasks, task files, submission and revision.

The questionnaire's views call these functions and nothing else to change an assessment.
Each one is a single transaction, so a request that fails half-way leaves the draft as it
was. Scoring itself is `services.score_assessment`; this module only decides when.
"""

from django.db import transaction
from django.db.models import F, Max
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


class DraftConflict(DraftError):
    """The form was sent from a page showing an older revision of the draft.

    `changes` lists, in plain words, what was saved elsewhere since that page was opened.
    """

    def __init__(self, changes):
        self.changes = changes
        super().__init__(
            "This draft was changed in another window or on another device after you opened "
            "this page, so nothing was saved: saving would have undone that change."
        )


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


# Every write below takes `revision`, the draft's revision the owner's page showed, and
# refuses any other (DraftConflict); None skips the check (the command line, tests of
# other behaviour). Each moves the revision on (`touch`).


@transaction.atomic
def create_draft(company_form):
    return company_form.save()


@transaction.atomic
def save_company(company_form, revision=None):
    locked_draft(company_form.instance, revision)
    company_form.instance.revision = F("revision") + 1
    saved = company_form.save()
    saved.refresh_from_db(fields=["revision"])
    return saved


@transaction.atomic
def save_tasks(assessment, formset, revision=None):
    """Save the rows of the tasks step; removed rows go, new rows go to the end."""
    locked = locked_draft(assessment, revision, posted_task_ids(formset))
    tasks = formset.save(commit=False)
    for task in formset.deleted_objects:
        task.delete()
    next_position = next_task_position(assessment)
    for task in tasks:
        if task.pk is None:
            task.assessment = assessment
            task.position = next_position
            next_position += 1
        task.changed_in = locked.revision + 1
        task.save()
    ensure_within_cap(assessment)
    touch(assessment)


@transaction.atomic
def import_task_rows(assessment, rows, service_types, *, replace, revision=None):
    """Add (or, with `replace`, substitute) the rows of a clean task file: all or nothing."""
    locked = locked_draft(assessment, revision)
    if replace:
        assessment.tasks.all().delete()
    start = next_task_position(assessment)
    tasks = services.build_tasks(assessment, rows, service_types)
    for offset, task in enumerate(tasks):
        task.position = start + offset
        task.changed_in = locked.revision + 1
    Task.objects.bulk_create(tasks, batch_size=500)
    ensure_within_cap(assessment)
    touch(assessment)
    return len(tasks)


@transaction.atomic
def submit(assessment, revision=None):
    """Score the draft and freeze it; submitting twice is refused."""
    assessment = locked_draft(assessment, revision)
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
    copy.is_shared = True
    copy.summary, copy.rates_snapshot = {}, {}
    copy.save()
    Task.objects.bulk_create(
        [copy_of_task(task, copy) for task in assessment.tasks.all()], batch_size=500
    )
    return copy


@transaction.atomic
def stop_sharing(assessment):
    """The share link stops working; the results stay with the owner."""
    Assessment.objects.filter(pk=assessment.pk).update(is_shared=False)


@transaction.atomic
def new_share_link(assessment):
    """A new share link, working at once; any earlier one stops working for good."""
    token = Assessment._meta.get_field("share_token").get_default()
    Assessment.objects.filter(pk=assessment.pk).update(share_token=token, is_shared=True)
    return token


def copy_of_task(task, assessment):
    """The owner's answers for a task, unscored, in `assessment`."""
    return Task(
        assessment=assessment,
        **{name: getattr(task, name) for name in ANSWERED_TASK_FIELDS},
    )


def locked_draft(assessment, revision=None, posted_task_ids=()):
    """The assessment's row, locked until the transaction ends; only drafts may change,
    and only from a page that showed their current `revision` (when one is given)."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.is_submitted:
        raise DraftError("This assessment is submitted and can no longer change.")
    if revision is not None and revision != locked.revision:
        raise DraftConflict(changes_since(locked, revision, posted_task_ids))
    return locked


def posted_task_ids(formset):
    """Keys of the saved tasks the posted rows name (deleted elsewhere or not)."""
    ids = set()
    for form in formset.initial_forms:
        value = form.data.get(form.add_prefix("id"), "")
        if str(value).isdigit():
            ids.add(int(value))
    return ids


def changes_since(assessment, revision, posted_task_ids=()):
    """What was saved to the draft after `revision`, in plain words."""
    changes = []
    changed = list(assessment.tasks.filter(changed_in__gt=revision).order_by("position", "pk"))
    existing = set(assessment.tasks.filter(pk__in=posted_task_ids).values_list("pk", flat=True))
    new = [task.name for task in changed if task.pk not in posted_task_ids]
    edited = [task.name for task in changed if task.pk in posted_task_ids]
    if edited:
        changes.append("Changed there: " + named(edited) + ".")
    if new:
        changes.append("Added there: " + named(new) + ".")
    removed = len(set(posted_task_ids) - existing)
    if removed:
        changes.append(
            f"Removed there: {removed} task{'s' if removed != 1 else ''} shown on this page; "
            "they stay removed."
        )
    if not changes:
        changes.append("The company details or the task list were saved there.")
    return changes


def named(names, shown=5):
    quoted = [f"“{name}”" for name in names[:shown]]
    more = len(names) - shown
    return ", ".join(quoted) + (f" and {more} more" if more > 0 else "")


def next_task_position(assessment):
    return (assessment.tasks.aggregate(last=Max("position"))["last"] or 0) + 1


def ensure_within_cap(assessment):
    if assessment.tasks.count() > MAX_TASKS:
        raise DraftError(f"An assessment holds at most {MAX_TASKS} tasks; remove some first.")


def touch(assessment):
    """The draft changed: a new revision, and the time of it."""
    Assessment.objects.filter(pk=assessment.pk).update(
        revision=F("revision") + 1, updated_at=timezone.now()
    )
    assessment.refresh_from_db(fields=["revision", "updated_at"])
