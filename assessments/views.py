"""Views of the business-owner questionnaire."""

from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def start(request):
    """What to gather before answering: the entry point of the questionnaire."""
    return render(request, "assessments/start.html")
