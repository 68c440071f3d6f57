"""The results report, through the owner's resume link and the read-only share link.

Four views each way: the report (summary, then one page of the sortable task table), one
task's card, the print view with every card, and the CSV export. Thin views: fetching goes
through `assessments.access`, what is shown is decided in `assessments.report`. The parts
that read every task are rendered once and kept in Django's cache by the templates'
`{% cache %}` tags, keyed on the assessment, its scoring and the catalog's version, so
`ReportParts` builds them only when a fragment is missing. Nothing here writes.
"""

from functools import cached_property, wraps

from django.core.paginator import Paginator
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from catalog.services import CATALOG_CACHE_SECONDS, catalog_version

from .. import exports
from ..access import owned_assessment, private_page, shared_assessment
from ..models import Assessment
from ..report import (
    LISTED_ORDER,
    TASKS_PER_PAGE,
    assessment_task_report,
    build_summary,
    clean_sort,
    sort_text,
    table_headings,
    table_order,
    table_rows,
    task_reports,
)

TABLE_FIELDS = (
    "assessment",
    "name",
    "recommendation",
    "monthly_cost",
    "monthly_saving",
    "confidence",
)


class ReportParts:
    """The report's parts that read every task, built at most once a request and only
    when a template's cached fragment needs them."""

    def __init__(self, assessment):
        self.assessment = assessment

    @cached_property
    def tasks(self):
        return list(report_tasks(self.assessment))

    @cached_property
    def summary(self):
        return build_summary(self.assessment, self.tasks)

    @cached_property
    def cards(self):
        return task_reports(self.assessment, self.tasks)


class Links:
    """The report's addresses under the token the visitor came with."""

    def __init__(self, assessment, is_owner):
        self.token = assessment.resume_token if is_owner else assessment.share_token
        self.prefix = "owner-" if is_owner else ""

    def url(self, name, **kwargs):
        return reverse(f"assessments:{self.prefix}{name}", kwargs={"token": self.token, **kwargs})

    def task(self, number):
        return self.url("task", number=number)

    @property
    def results(self):
        return self.url("results")

    @property
    def print(self):
        return self.url("print")

    @property
    def export(self):
        return self.url("export")


def report_assessments():
    return Assessment.objects.select_related("scoring_profile", "industry")


def report_tasks(assessment):
    return assessment.tasks.select_related("service_type")


def numbered_tasks(assessment):
    """The tasks with their `number`: 1, 2, ... in the order the owner listed them."""
    listed = [F(field).asc() for field in LISTED_ORDER]
    return assessment.tasks.annotate(number=Window(RowNumber(), order_by=listed))


def report_context(assessment, is_owner):
    return {
        "assessment": assessment,
        "is_owner": is_owner,
        "links": Links(assessment, is_owner),
        "report": ReportParts(assessment),
        "catalog_version": catalog_version(),
        "cache_seconds": CATALOG_CACHE_SECONDS,
    }


class TaskTable:
    """One page of the sortable task table. Its rows are read and formatted only when the
    template's cached fragment for this sort and page is missing (`fragment_key`)."""

    def __init__(self, request, assessment, links):
        self.assessment, self.links = assessment, links
        self.sort = clean_sort(request.GET.get("sort", ""))
        self.requested_page = request.GET.get("page")
        self.page_query = f"sort={self.sort}&" if self.sort else ""
        self.sort_text = sort_text(self.sort)
        self.headings = table_headings(self.sort)

    @property
    def fragment_key(self):
        """What the cached table varies on: the token its links hold, the sort and
        a page number that exists (any other asks for the page Paginator would show)."""
        # The page Paginator shows for this request, worked out by Paginator itself over the
        # task count the frozen assessment's summary holds: no query.
        count = self.assessment.summary.get("task_count", 0)
        number = Paginator(range(count), TASKS_PER_PAGE).get_page(self.requested_page).number
        return f"{self.links.token}:{self.sort}:{number}"

    @cached_property
    def page(self):
        tasks = numbered_tasks(self.assessment).only(*TABLE_FIELDS)
        tasks = tasks.order_by(*table_order(self.sort))
        return Paginator(tasks, TASKS_PER_PAGE).get_page(self.requested_page)

    @cached_property
    def page_range(self):
        return self.page.paginator.get_elided_page_range(self.page.number)

    @cached_property
    def rows(self):
        return table_rows(self.page, self.assessment, self.links.task)


def render_report(request, assessment, *, is_owner):
    context = report_context(assessment, is_owner)
    context["table"] = TaskTable(request, assessment, context["links"])
    if is_owner:
        context["share_url"] = absolute(request, "assessments:results", assessment.share_token)
        context["resume_url"] = absolute(request, "assessments:resume", assessment.resume_token)
    return render(request, "assessments/results.html", context)


def render_task(request, assessment, number, *, is_owner):
    if number < 1:
        raise Http404("No such task in these results.")
    try:
        task = report_tasks(assessment).order_by(*LISTED_ORDER)[number - 1]
    except IndexError:
        raise Http404("No such task in these results.") from None
    links = Links(assessment, is_owner)
    count = assessment.summary.get("task_count", number)
    table_page = (number - 1) // TASKS_PER_PAGE + 1
    context = {
        "assessment": assessment,
        "is_owner": is_owner,
        "item": assessment_task_report(assessment, task),
        "number": number,
        "count": count,
        "previous_url": links.task(number - 1) if number > 1 else "",
        "next_url": links.task(number + 1) if number < count else "",
        "links": links,
        "table_url": links.results + (f"?page={table_page}" if table_page > 1 else ""),
    }
    return render(request, "assessments/results_task.html", context)


def render_print(request, assessment, *, is_owner):
    return render(request, "assessments/results_print.html", report_context(assessment, is_owner))


def absolute(request, name, token):
    return request.build_absolute_uri(reverse(name, kwargs={"token": token}))


def owner_report(view):
    """Give the view the owner's submitted assessment; a draft goes to the questionnaire."""

    @wraps(view)
    def wrapper(request, token, **kwargs):
        assessment = owned_assessment(request, token, report_assessments())
        if not assessment.is_submitted:
            return redirect("assessments:resume", token=token)
        return view(request, assessment, **kwargs)

    return wrapper


# --- Shared link -------------------------------------------------------------------------


@require_safe
@private_page
def results(request, token):
    """Read-only results for whoever holds the share link."""
    assessment = shared_assessment(token, report_assessments())
    return render_report(request, assessment, is_owner=False)


@require_safe
@private_page
def task(request, token, number):
    """One task's full card, for whoever holds the share link."""
    assessment = shared_assessment(token, report_assessments())
    return render_task(request, assessment, number, is_owner=False)


@require_safe
@private_page
def print_report(request, token):
    """The whole report with every task's card, to print or save as PDF."""
    assessment = shared_assessment(token, report_assessments())
    return render_print(request, assessment, is_owner=False)


# --- Owner's resume link -----------------------------------------------------------------


@require_safe
@private_page
@owner_report
def owner_results(request, assessment):
    """The owner's results, reached through the resume link, with share and revise."""
    return render_report(request, assessment, is_owner=True)


@require_safe
@private_page
@owner_report
def owner_task(request, assessment, number):
    return render_task(request, assessment, number, is_owner=True)


@require_safe
@private_page
@owner_report
def owner_print_report(request, assessment):
    return render_print(request, assessment, is_owner=True)


# --- CSV export --------------------------------------------------------------------------


def csv_response(assessment):
    response = HttpResponse(
        exports.csv_text(report_tasks(assessment)), content_type="text/csv; charset=utf-8"
    )
    filename = f"outsourcing-advice-{assessment.submitted_at:%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@private_page
def export_shared(request, token):
    return csv_response(shared_assessment(token))


@require_safe
@private_page
@owner_report
def export_owned(request, assessment):
    return csv_response(assessment)
