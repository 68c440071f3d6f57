"""Who may see or edit an assessment: holders of its unguessable links, nothing else.

Every assessment has two UUID4 tokens. The private resume token lets its holder continue
and revise the assessment on any device; the browser session that created, resumed or
saved a draft keeps it too. The share token opens the submitted results, read-only.
Database keys never appear in a URL. Views fetch assessments only through these
functions.
"""

from functools import wraps

from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache

from .models import Assessment

SESSION_KEY = "assessment_tokens"
MAX_REMEMBERED = 20  # newest first; older ones are still reachable through their links


def private_page(view):
    """Headers for pages reached through a private link: never cached, indexed or leaked."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Referrer-Policy"] = "same-origin"
        return response

    return never_cache(wrapper)


def owned_assessment(request, token, queryset=None):
    """The assessment whose resume token is `token` (404 otherwise).

    A browser session keeps the drafts it starts, resumes through the private link or
    saves a step of (any POST here), not every page it merely opens: reading the session
    would cost each step view a query.
    """
    queryset = queryset if queryset is not None else Assessment.objects.all()
    assessment = get_object_or_404(queryset, resume_token=token)
    if request.method == "POST":
        remember(request, assessment)
    return assessment


def shared_assessment(token, queryset=None):
    """The submitted assessment whose share token is `token`, while its owner shares it
    (404 otherwise: an unknown link and a link turned off look the same)."""
    queryset = queryset if queryset is not None else Assessment.objects.all()
    return get_object_or_404(
        queryset, share_token=token, status=Assessment.Status.SUBMITTED, is_shared=True
    )


def remember(request, assessment):
    """Keep the resume token in this browser session, newest first."""
    token = str(assessment.resume_token)
    tokens = request.session.get(SESSION_KEY, [])
    if tokens[:1] != [token]:
        tokens = [token, *(kept for kept in tokens if kept != token)][:MAX_REMEMBERED]
        request.session[SESSION_KEY] = tokens


def remembered_drafts(request):
    """Drafts this browser session holds, newest first."""
    tokens = request.session.get(SESSION_KEY, [])
    if not tokens:
        return []
    drafts = Assessment.objects.filter(
        resume_token__in=tokens, status=Assessment.Status.DRAFT
    ).order_by("-updated_at")
    return list(drafts)
