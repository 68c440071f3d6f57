"""The results report: the owner's view (resume link), the shared view and the CSV export.

Thin views: fetching goes through `assessments.access`, figures come from the stored
scores. Nothing here writes.
"""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_safe

from outsourcing_advisor.page_cache import is_plain_visit

from .. import exports
from ..access import owned_assessment, private_page, shared_assessment
from ..models import Assessment
from ..report import build_report
from ..report_cache import cached_report_body, cached_shared_page


def report_assessments():
    return Assessment.objects.select_related("scoring_profile", "industry")


def report_tasks(assessment):
    return assessment.tasks.select_related("service_type")


def report_body(assessment):
    report = build_report(assessment, list(report_tasks(assessment)))
    return render_to_string(
        "assessments/includes/_report_body.html", {"assessment": assessment, "report": report}
    )


def render_report(request, assessment, *, is_owner, generation=None):
    body = cached_report_body(assessment, lambda: report_body(assessment), generation)
    context = {"assessment": assessment, "report_body": body, "is_owner": is_owner}
    if is_owner:
        context["share_url"] = absolute(request, "assessments:results", assessment.share_token)
        context["resume_url"] = absolute(request, "assessments:resume", assessment.resume_token)
    return render(request, "assessments/results.html", context)


def absolute(request, name, token):
    return request.build_absolute_uri(reverse(name, kwargs={"token": token}))


@require_safe
@private_page
def results(request, token):
    """Read-only results for whoever holds the share link."""

    def render_page(generation=None):
        assessment = shared_assessment(token, report_assessments())
        return render_report(request, assessment, is_owner=False, generation=generation)

    if not is_plain_visit(request):  # the page may carry this visitor's messages
        return render_page()

    # The same page for every plain visit: after one small query, straight from memory.
    return cached_shared_page(token, lambda gen: render_page(gen).content).response(request)


@require_safe
@private_page
def owner_results(request, token):
    """The owner's results, reached through the resume link, with share and revise."""
    assessment = owned_assessment(request, token, report_assessments())
    if not assessment.is_submitted:
        return redirect("assessments:resume", token=token)
    return render_report(request, assessment, is_owner=True)


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
def export_owned(request, token):
    assessment = owned_assessment(request, token)
    if not assessment.is_submitted:
        return redirect("assessments:resume", token=token)
    return csv_response(assessment)
