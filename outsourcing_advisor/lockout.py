"""The page an admin login gets while django-axes has its (username, address) locked.

It says in plain words what happened and when to try again: the lockout ends one cool-off
after the last counted failure (settings.AXES_COOLOFF_TIME), and attempts made meanwhile are
not counted (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT is off), so that time is fixed.
Status 429 with a Retry-After header. It shows nothing about the account.
"""

import math

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib import admin
from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone

TEMPLATE = "admin/locked_out.html"


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the lockout page for this request."""
    retry_at = last_failure_time(request, credentials) + get_cool_off(request)
    wait_seconds = max(1, math.ceil((retry_at - timezone.now()).total_seconds()))
    context = {
        **admin.site.each_context(request),
        "title": "Sign-in paused",
        "failure_limit": get_failure_limit(request, credentials),
        "cool_off_minutes": round(get_cool_off(request).total_seconds() / 60),
        "retry_at": retry_at,
        "wait_minutes": math.ceil(wait_seconds / 60),
    }
    response = render(request, TEMPLATE, context, status=settings.AXES_HTTP_RESPONSE_CODE)
    response["Retry-After"] = str(wait_seconds)
    return response


def last_failure_time(request, credentials):
    """When the latest failure counted against this request's lockout happened."""
    attempts = AxesProxyHandler.get_implementation().get_user_attempts(request, credentials)
    times = [query.aggregate(latest=Max("attempt_time"))["latest"] for query in attempts]
    return max((time for time in times if time is not None), default=timezone.now())
