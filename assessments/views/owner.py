"""What the owner does with submitted results: revise them (an editable copy) and control
the share link. Each is a write sent once (`views.write_once`)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from outsourcing_advisor.ratelimit import rate_limited

from .. import drafts
from ..access import owned_assessment, private_page, remember
from ..drafts import Step
from .questionnaire import step_url
from .write_once import acted_once, first_time


@require_POST
@private_page
@rate_limited("create")
def revise(request, token):
    """A submitted assessment stays frozen; its owner gets an editable copy."""
    assessment = owned_assessment(request, token)
    if not assessment.is_submitted:
        return redirect("assessments:resume", token=token)
    sent_before = first_time(request)
    if sent_before is not None:
        return sent_before or redirect(step_url(Step.RESULTS, assessment))

    def copy():
        revised = drafts.revise(assessment)
        remember(request, revised)
        messages.success(
            request,
            "This is an editable copy with a new private link; the submitted report stays as "
            "it was.",
        )
        return revised, step_url(Step.TASKS, revised)

    return acted_once(request, copy)


SHARING_MESSAGES = {
    "stop": "The share link is turned off: anyone who opens it now finds nothing.",
    "new": "Here is a new share link. The earlier one no longer works.",
}


@require_POST
@private_page
def sharing(request, token):
    """The owner turns the results' share link off, or replaces it with a new one."""
    assessment = owned_assessment(request, token)
    results_url = step_url(Step.RESULTS, assessment)
    action = request.POST.get("action", "")
    if not assessment.is_submitted or action not in SHARING_MESSAGES:
        return redirect(results_url)
    sent_before = first_time(request)
    if sent_before is not None:
        return sent_before or redirect(results_url)

    def change():
        if action == "stop":
            drafts.stop_sharing(assessment)
        else:
            drafts.new_share_link(assessment)
        messages.success(request, SHARING_MESSAGES[action])
        return assessment, f"{results_url}#tools-title"

    return acted_once(request, change)
