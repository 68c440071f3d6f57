"""Views of the business-owner questionnaire and its results."""

from functools import wraps

from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .models import Assessment


def private_page(view):
    """Headers for pages reached through a private link: never cached, indexed or leaked."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Referrer-Policy"] = "no-referrer"
        return response

    return never_cache(wrapper)


@require_safe
def start(request):
    """What to gather before answering: the entry point of the questionnaire."""
    return render(request, "assessments/start.html")


@require_safe
@private_page
def results(request, token):
    assessment = get_object_or_404(
        Assessment.objects.select_related("scoring_profile"),
        share_token=token,
        status=Assessment.Status.SUBMITTED,
    )
    tasks = assessment.tasks.select_related("service_type")
    return render(
        request,
        "assessments/results.html",
        {"assessment": assessment, "tasks": tasks, "summary": assessment.summary},
    )
