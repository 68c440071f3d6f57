"""A friendly 503 page while the database is unreachable, instead of a 500 and a traceback.

PostgreSQL stopping, restarting or refusing connections reaches the code as an
`OperationalError` or `InterfaceError` from whichever query runs first. Those are answered
with `templates/503.html`, `Retry-After` and `Cache-Control: no-store`; every other error
(an `IntegrityError` is a bug, not an outage) stays a 500. Nothing is retried here: each
write is one transaction (`assessments.drafts`), so a request that failed saved nothing, and
the next request reconnects by itself (`CONN_HEALTH_CHECKS`).

The page is rendered without the request, so no context processor runs: `auth`'s would read
the user from the session in the database. It must never need the database to render.

Two ways in: `DatabaseUnavailableMiddleware.process_exception` for errors raised by views
(nearly every query), and `server_error`, the project's `handler500`, for the few raised
after the view, by middleware (saving a changed session).
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

logger = logging.getLogger(__name__)

UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
TEMPLATE_NAME = "503.html"


def unavailable_response():
    """The 503 page; renders from the template alone, without touching the database."""
    content = render_to_string(TEMPLATE_NAME, {"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def is_database_unavailable(error):
    return isinstance(error, UNAVAILABLE_ERRORS)


class DatabaseUnavailableMiddleware:
    """Turns a view's lost or refused database connection into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_unavailable(exception):
            return None
        logger.warning(
            "Database unavailable (%s): answered 503 for %s %s",
            type(exception).__name__,
            request.method,
            request.path,
        )
        return unavailable_response()


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: the 503 page when the error being handled is a database outage."""
    if is_database_unavailable(sys.exc_info()[1]):
        return unavailable_response()
    return defaults.server_error(request, template_name)
