"""Honest pages for database failures, instead of a 500 and a traceback.

Two kinds are told apart (`failure_kind`):
- **unreachable**: the connection is lost or refused (PostgreSQL stopping, restarting,
  failing over; an `InterfaceError`; SQLite unable to open its file). Answered with
  `templates/503.html` ("we cannot reach our database"), `Retry-After: 30`; the next
  request reconnects by itself (`CONN_HEALTH_CHECKS`).
- **busy**: the database answered but gave up on this request: a lock it could not get, a
  deadlock, a serialization failure, a statement timeout, SQLite's "database is locked".
  A GET or HEAD reads only, so it is run once more; if it fails again, or for any other
  method, `templates/503_busy.html` asks to try again in a moment (`Retry-After: 2`).
  A POST is not run again here: each write is one transaction (`assessments.drafts`) whose
  form key (`assessments.once`) was rolled back with it, so sending the form again is safe.
Every other database error (a constraint, a missing table) is a bug, and stays a 500.
The log line names the kind, the error's class and the first line of its message (the log
filters redact tokens in it, as everywhere).

The page is rendered without the request, so no context processor runs: `auth`'s would read
the user from the session in the database. It must never need the database to render.

Two ways in: `DatabaseUnavailableMiddleware.process_exception` for errors raised by views
(nearly every query), and `server_error`, the project's `handler500`, for the few raised
after the view, by middleware (saving a changed session).
"""

import logging
import sqlite3
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

logger = logging.getLogger(__name__)

UNREACHABLE, BUSY = "unreachable", "busy"
PAGES = {UNREACHABLE: ("503.html", 30), BUSY: ("503_busy.html", 2)}
# SQLSTATE codes of a database that answered but gave up on the request: serialization
# failure, deadlock, lock not available, statement timeout (query_canceled).
BUSY_SQLSTATES = {"40001", "40P01", "55P03", "57014"}
# SQLSTATE classes and codes of a lost or refused connection: connection exceptions,
# operator intervention (shutdown, crash, cannot connect now).
UNREACHABLE_SQLSTATES = {"57P01", "57P02", "57P03"}
SQLITE_BUSY = ("database is locked", "database table is locked")
SQLITE_UNREACHABLE = ("unable to open database file", "disk i/o error")
RETRIED = "_database_busy_retried"
TEMPLATE_NAME = PAGES[UNREACHABLE][0]
RETRY_AFTER_SECONDS = PAGES[UNREACHABLE][1]


def failure_kind(error):
    """UNREACHABLE, BUSY, or None for a database error that is a bug (or no such error)."""
    if isinstance(error, InterfaceError):
        return UNREACHABLE
    if not isinstance(error, OperationalError):
        return None
    cause, message = error.__cause__, str(error).lower()
    code = getattr(cause, "pgcode", None)
    if code in BUSY_SQLSTATES or message.startswith(SQLITE_BUSY):
        return BUSY
    if code:  # PostgreSQL answered with a SQLSTATE
        return UNREACHABLE if code.startswith("08") or code in UNREACHABLE_SQLSTATES else None
    if isinstance(cause, sqlite3.Error):
        return UNREACHABLE if message.startswith(SQLITE_UNREACHABLE) else None
    # No SQLSTATE from PostgreSQL's driver: the connection itself failed or was refused.
    return UNREACHABLE


def unavailable_response(kind=UNREACHABLE):
    """The page for `kind`; renders from the template alone, without touching the database."""
    template, retry_after = PAGES[kind]
    content = render_to_string(template, {"retry_after": retry_after})
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def is_database_unavailable(error):
    return failure_kind(error) is not None


def first_line(error):
    return (str(error).strip().splitlines() or [""])[0][:300]


class DatabaseUnavailableMiddleware:
    """Turns a view's lost or refused database connection into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        kind = failure_kind(exception)
        if kind is None:
            return None
        if (
            kind == BUSY
            and request.method in ("GET", "HEAD")
            and not getattr(request, RETRIED, False)
        ):
            setattr(request, RETRIED, True)
            log(kind, exception, request, "run once more")
            match = request.resolver_match
            try:
                return match.func(request, *match.args, **match.kwargs)
            except Exception as again:  # the second run's error is judged anew
                if failure_kind(again) is None:
                    raise
                exception, kind = again, failure_kind(again)
        log(kind, exception, request, "answered 503")
        return unavailable_response(kind)


def log(kind, error, request, outcome):
    logger.warning(
        "Database %s (%s: %s): %s for %s %s",
        kind,
        type(error).__name__,
        first_line(error),
        outcome,
        request.method,
        request.path,
    )


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: the 503 page when the error being handled is a database failure."""
    kind = failure_kind(sys.exc_info()[1])
    if kind is not None:
        return unavailable_response(kind)
    return defaults.server_error(request, template_name)
