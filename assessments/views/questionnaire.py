"""The questionnaire: company, then tasks (typed or uploaded), then review and submit.

Every step is saved to the draft in the database as soon as it is valid, so nothing typed
and accepted is lost; the private resume link continues the draft anywhere. A step asked for
too early sends the visitor to the first incomplete one. Views stay thin: forms validate,
`assessments.drafts` writes.
"""

from functools import wraps

from django.contrib import messages
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from catalog.models import ServiceType
from catalog.money import country_name, format_money, money_locale
from outsourcing_advisor.ratelimit import rate_limited

from .. import drafts, services, task_file, task_totals
from ..access import owned_assessment, private_page, remember, remembered_drafts
from ..conflicts import merged_task_data
from ..drafts import STEP_ORDER, DraftConflict, DraftError, Step
from ..forms import CompanyForm, TaskFileForm, TaskFormSet, error_summary
from ..models import MAX_TASKS
from ..numbers import own_marks
from ..scales import PRIORITIES, TASK_SCALES
from .task_pages import (
    MAX_BLANK_ROWS,
    TASKS_PER_PAGE,
    TaskPage,
    blank_rows,
    last_page,
    moved_up_message,
    page_query,
    query_number,
    task_row_url,
)
from .write_once import acted_once, conflict_message, first_time, posted_revision

STEP_LABELS = {
    Step.COMPANY: "Your company",
    Step.TASKS: "Tasks",
    Step.REVIEW: "Review",
    Step.RESULTS: "Results",
}
STEP_URLS = {
    Step.COMPANY: "assessments:company",
    Step.TASKS: "assessments:tasks",
    Step.REVIEW: "assessments:review",
    Step.RESULTS: "assessments:owner-results",
}
UPLOAD_BODY_ALLOWANCE = 64 * 1024  # the form's other fields and multipart boundaries


# --- Helpers -----------------------------------------------------------------------------


def step_url(step, assessment):
    return reverse(STEP_URLS[step], kwargs={"token": assessment.resume_token})


def progress(assessment, current, task_count):
    """The steps for the progress indicator: done steps link back, later ones do not."""
    reachable = STEP_ORDER.index(drafts.first_incomplete_step(assessment, task_count))
    return [
        {
            "label": STEP_LABELS[step],
            "number": number,
            "url": step_url(step, assessment) if number - 1 <= reachable else None,
            "is_current": step == current,
            "is_done": number - 1 < STEP_ORDER.index(current),
        }
        for number, step in enumerate(STEP_ORDER, start=1)
    ]


def progress_before_draft():
    return [
        {"label": STEP_LABELS[step], "number": number, "url": None, "is_current": number == 1}
        for number, step in enumerate(STEP_ORDER, start=1)
    ]


def render_step(request, template, assessment, step, context):
    task_count = context.pop("task_count", None)
    if task_count is None:
        task_count = assessment.tasks.count()
    context |= {
        "assessment": assessment,
        "steps": progress(assessment, step, task_count),
        "task_count": task_count,
        "max_tasks": MAX_TASKS,
        "resume_url": request.build_absolute_uri(
            reverse("assessments:resume", kwargs={"token": assessment.resume_token})
        ),
    }
    return render(request, template, context)


def draft_step(view):
    """Give the view the owner's draft; a submitted (frozen) one goes to its results."""

    @wraps(view)
    def wrapper(request, token, **kwargs):
        assessment = owned_assessment(request, token)
        if assessment.is_submitted:
            messages.info(
                request, "This assessment is submitted, so it is frozen. Use Revise to change it."
            )
            return redirect(step_url(Step.RESULTS, assessment))
        return view(request, assessment, **kwargs)

    return wrapper


def catalog_for(assessment):
    """Published service types, plus any this draft already uses, keyed by primary key."""
    used = assessment.tasks.exclude(service_type=None).values("service_type")
    service_types = ServiceType.objects.filter(Q(is_published=True) | Q(pk__in=used))
    return {service_type.pk: service_type for service_type in service_types.order_by("name")}


def prefill_data(catalog):
    return {
        str(pk): {
            "complexity": service_type.typical_complexity,
            "skill_level": service_type.typical_skill_level,
            "standardisation": service_type.typical_standardisation,
        }
        for pk, service_type in catalog.items()
    }


# --- Steps -------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@private_page
@rate_limited("create")
def start(request):
    """Step 1 for a new assessment: the company. Saving it creates the draft."""
    form = CompanyForm(request.POST if request.method == "POST" else None)
    sent_before = first_time(request) if request.method == "POST" else None
    if sent_before:
        return sent_before
    if sent_before is None and form.is_valid():

        def create():
            assessment = drafts.create_draft(form)
            remember(request, assessment)
            messages.success(request, "Saved. Keep your private link to come back to this draft.")
            return assessment, step_url(Step.TASKS, assessment)

        return acted_once(request, create)
    return render(
        request,
        "assessments/start.html",
        {
            "form": form,
            "errors": error_summary(form),
            "priorities": PRIORITIES,
            "drafts": remembered_drafts(request),
            "steps": progress_before_draft(),
        },
    )


@require_safe
@private_page
def resume(request, token):
    """The private link: continue where the draft stands, on any device."""
    assessment = owned_assessment(request, token)
    remember(request, assessment)
    step = drafts.first_incomplete_step(assessment, assessment.tasks.count())
    return redirect(step_url(step, assessment))


@require_http_methods(["GET", "HEAD", "POST"])
@private_page
@draft_step
def company(request, assessment):
    form = CompanyForm(request.POST if request.method == "POST" else None, instance=assessment)
    sent_before = first_time(request) if request.method == "POST" else None
    if sent_before:
        return sent_before
    if sent_before is None and form.is_valid():

        def save():
            drafts.save_company(form, posted_revision(request))
            messages.success(request, "Company details saved.")
            return assessment, step_url(Step.TASKS, assessment)

        try:
            return acted_once(request, save)
        except DraftConflict as error:
            conflict_message(request, error)
            assessment.refresh_from_db()
            form = CompanyForm(request.POST, instance=assessment)
        except DraftError as error:
            messages.error(request, str(error))
            return redirect(step_url(Step.RESULTS, assessment))
    return render_step(
        request,
        "assessments/company.html",
        assessment,
        Step.COMPANY,
        {"form": form, "errors": error_summary(form), "priorities": PRIORITIES},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@private_page
@draft_step
def tasks(request, assessment):
    catalog = catalog_for(assessment)
    page = TaskPage(assessment.tasks.count(), query_number(request, "page"))
    formset = task_formset(request, assessment, catalog, page)
    sent_before = first_time(request) if request.method == "POST" else None
    if sent_before:
        return sent_before
    conflict = None
    if sent_before is None and request.method == "POST":
        conflict = stale_rows(request, assessment, formset)
    if sent_before is None and conflict is None and request.method == "POST" and formset.is_valid():

        def save():
            removed = 0
            if formset.has_changed():  # moving between pages need not write anything
                drafts.save_tasks(assessment, formset, posted_revision(request))
                removed = len(formset.deleted_objects)
            response = after_saving_tasks(request, assessment, formset, page, removed)
            return assessment, response["Location"]

        try:
            return acted_once(request, save)
        except DraftConflict as error:
            conflict = error
        except DraftError as error:
            messages.error(request, str(error))
    if conflict is not None:
        conflict_message(request, conflict)
        data = merged_task_data(request.POST, formset, assessment, posted_revision(request))
        assessment.refresh_from_db(fields=["revision"])
        page = TaskPage(assessment.tasks.count(), page.number)
        formset = task_formset(request, assessment, catalog, page, data)
    other_pages, saved = task_totals.step_totals(assessment, formset)
    context = {
        "formset": formset,
        "errors": error_summary(formset, first_task=page.offset + 1),
        "scales": TASK_SCALES,
        "prefill": prefill_data(catalog),
        "task_count": page.task_count,
        "page": page,
        "new_rows_offset": page.offset + formset.initial_form_count(),
        "room": max(0, MAX_TASKS - page.task_count),
        "other_pages": other_pages,
        "saved_totals": saved,
        # What the running total's script needs to read and write amounts as the server
        # does: the currency's own signs and codes, and the locale amounts are written in.
        "amount_marks": " ".join(sorted(own_marks(assessment.currency))),
        "money_locale": str(money_locale(assessment.country)).replace("_", "-"),
        "imported": imported_summary(request, assessment, page),
    }
    return render_step(request, "assessments/tasks.html", assessment, Step.TASKS, context)


def imported_summary(request, assessment, page):
    """The summary an upload lands on (`?imported=1`, on the first page), or None."""
    if request.method != "GET" or page.number != 1 or request.GET.get("imported") != "1":
        return None
    return task_totals.draft_summary(assessment) if page.task_count else None


def stale_rows(request, assessment, formset):
    """A DraftConflict when rows are sent from a page older than the draft, before they
    are validated: a row of a task removed since must not read as a mistake of the
    owner's. Moving between pages from an old page, changing nothing, is no conflict.
    (`drafts.save_tasks` checks again under the draft's lock.)"""
    revision = posted_revision(request)
    if revision is None or revision == assessment.revision or not formset.has_changed():
        return None
    changes = drafts.changes_since(assessment, revision, drafts.posted_task_ids(formset))
    return DraftConflict(changes)


def task_formset(request, assessment, catalog, page, data=None):
    if request.method == "POST":
        # All the draft's tasks: posted rows name theirs by key, whatever page they were on
        # when it was loaded, and the cap on tasks counts them all.
        queryset = assessment.tasks.all()
    else:
        queryset = assessment.tasks.all()[page.offset : page.offset + TASKS_PER_PAGE]
    formset = TaskFormSet(
        (data or request.POST) if request.method == "POST" else None,
        queryset=queryset,
        prefix="tasks",
        form_kwargs={"catalog": catalog, "currency": assessment.currency},
    )
    formset.extra = blank_rows(request, has_tasks=page.task_count > 0) if page.is_last else 0
    return formset


def after_saving_tasks(request, assessment, formset, page, removed):
    """Where to go once the rows are saved; `removed` tasks were removed from this page."""
    action = request.POST.get("action", "")
    url = step_url(Step.TASKS, assessment)
    if action == "add":
        unused = sum(1 for form in formset.extra_forms if not form.has_changed())
        rows = min(unused + 1, MAX_BLANK_ROWS)
        return redirect(f"{url}{page_query(last_page(assessment), rows=rows)}#new-task")
    if action == "review":
        return redirect(step_url(Step.REVIEW, assessment))
    if action.startswith("page-"):
        try:
            number = int(action.removeprefix("page-"))
        except ValueError:
            number = page.number
        if removed and number == page.number + 1:
            # The tasks after the removed ones moved up onto this page: going on would
            # pass over them unseen, so this page opens again with them on it.
            messages.info(request, moved_up_message(removed, number, last_page(assessment)))
            number = page.number
        return redirect(f"{url}{page_query(max(1, number))}")
    messages.success(request, "Tasks saved.")
    added = any(form.instance.pk is not None for form in formset.extra_forms)
    return redirect(f"{url}{page_query(last_page(assessment) if added else page.number)}")


@require_http_methods(["GET", "HEAD", "POST"])
@private_page
@rate_limited("upload")
@draft_step
def upload(request, assessment):
    problems = []
    if request.method == "POST" and body_too_large(request):
        form = TaskFileForm()
        problems = [f"The file is larger than the {file_limit_mib()} MiB limit."]
    else:
        form = TaskFileForm(
            request.POST if request.method == "POST" else None,
            request.FILES if request.method == "POST" else None,
        )
    # A body too large is never parsed, not even for its form key.
    sent_before = first_time(request) if request.method == "POST" and not problems else None
    if sent_before:
        return sent_before
    if sent_before is None and form.is_valid():

        def save():
            problems.extend(import_file(request, assessment, form))
            if problems:
                raise NotImported
            return assessment, f"{step_url(Step.TASKS, assessment)}?imported=1"

        try:
            return acted_once(request, save)
        except NotImported:
            pass
        except DraftConflict as error:
            problems = [str(error), *error.changes, "Send the file again if it still applies."]
            assessment.refresh_from_db(fields=["revision"])
    return render_step(
        request,
        "assessments/upload.html",
        assessment,
        Step.TASKS,
        {"form": form, "errors": error_summary(form), "problems": problems},
    )


class NotImported(Exception):
    """The file had problems: nothing was imported, and its form key stays unused."""


def body_too_large(request):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > task_file.MAX_FILE_BYTES + UPLOAD_BODY_ALLOWANCE


def file_limit_mib():
    return task_file.MAX_FILE_BYTES // (1024 * 1024)


def import_file(request, assessment, form):
    """Import a clean file and return []; otherwise return its problems and save nothing."""
    revision = posted_revision(request)
    replace = form.cleaned_data["mode"] == TaskFileForm.Mode.REPLACE
    room = MAX_TASKS if replace else MAX_TASKS - assessment.tasks.count()
    if room <= 0:
        return [f"This assessment already holds {MAX_TASKS} tasks, the most it can hold."]
    parsed = task_file.parse_task_file(
        form.cleaned_data["file"].read(), max_tasks=room, currency=assessment.currency
    )
    # Service types are looked up even when other cells are wrong: one refusal lists all.
    service_types, unknown = services.resolve_service_types(parsed.service_type_cells)
    problems = [
        str(problem) for problem in task_file.with_unknown_service_types(parsed.problems, unknown)
    ]
    if problems:
        return problems
    try:
        count = drafts.import_task_rows(
            assessment, parsed.tasks, service_types, replace=replace, revision=revision
        )
    except DraftConflict:
        raise
    except DraftError as error:
        return [str(error)]
    for warning in parsed.warnings:
        messages.warning(request, warning)
    messages.success(request, f"Imported {count} task{'s' if count != 1 else ''}.")
    return []


@require_http_methods(["GET", "HEAD", "POST"])
@private_page
@draft_step
def review(request, assessment):
    if request.method == "POST":  # submit scores the tasks: no need to load them here
        sent_before = first_time(request)
        if sent_before is not None:
            return sent_before or redirect(step_url(Step.REVIEW, assessment))

        def submit():
            drafts.submit(assessment, posted_revision(request))
            return assessment, step_url(Step.RESULTS, assessment)

        try:
            return acted_once(request, submit)
        except DraftConflict as error:
            messages.error(
                request,
                " ".join([str(error), *error.changes, "Check the tasks below and submit again."]),
            )
            return redirect(step_url(Step.REVIEW, assessment))
        except DraftError as error:
            assessment.refresh_from_db(fields=["status"])
            if not assessment.is_submitted:  # else a second click: the first one submitted
                messages.error(request, str(error))
                return redirect(step_url(Step.TASKS, assessment))
        return redirect(step_url(Step.RESULTS, assessment))
    task_list = list(assessment.tasks.select_related("service_type"))
    if not task_list:
        messages.info(request, "Add at least one task first.")
        return redirect(step_url(Step.TASKS, assessment))
    tasks_url = step_url(Step.TASKS, assessment)
    rows = [
        (task, task_row_url(tasks_url, number)) for number, task in enumerate(task_list, start=1)
    ]
    return render_step(
        request,
        "assessments/review.html",
        assessment,
        Step.REVIEW,
        {
            "rows": rows,
            "task_count": len(task_list),
            "country": country_name(assessment.country),
            "monthly_total": format_money(
                sum(task.monthly_cost for task in task_list),
                assessment.currency,
                assessment.country,
            ),
            "hours_total": sum(task.hours_per_month or 0 for task in task_list),
            "hours_missing": sum(1 for task in task_list if task.hours_per_month is None),
        },
    )


@require_safe
def task_template(request):
    response = HttpResponse(task_file.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tasks-template.csv"'
    return response
