"""Refuse a request body that is too large before anything reads it.

Django spools a multipart body to the temporary directory as it parses it, and the first
code to read `request.POST` (the CSRF check, on any URL that resolves) parses all of it; the
views' own limits (the task file's, in assessments) only run afterwards. So the size is
judged here, from the request's headers alone, on every URL:

- a `Content-Length` above settings.REQUEST_BODY_MAX_BYTES gets 413 and the body is never
  read (the friendly `templates/413.html` for browsers, plain text for other clients);
- a body without a length (`Transfer-Encoding: chunked`) gets 411. Django reads a body only
  as far as its Content-Length says, so a chunked body would reach the views as an empty
  one; browsers always send a length for forms and files. A buffering proxy (the nginx
  recipe in docs/production/) turns a chunked body into one with a length, within its own
  limit, so such clients still work behind it.

This holds without the proxy; the proxy adds the same limit in front and, unlike the app,
also keeps slow clients away from the workers. This middleware must not read the body,
touch the database or the session: it answers from the headers alone. It sits below the
middleware that only work on responses (compression, security headers), so the 413 page
carries the security headers like every other page, and above anything that could read the
body (the CSRF check, every view).
"""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

TEMPLATE_NAME = "413.html"
MIB = 1024 * 1024


class RequestBodyLimitMiddleware:
    """413 for a declared body over the limit, 411 for a body without a declared length."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "HTTP_TRANSFER_ENCODING" in request.META:
            return length_required()
        if declared_length(request) > settings.REQUEST_BODY_MAX_BYTES:
            return too_large(request)
        return self.get_response(request)


def declared_length(request):
    """The body's Content-Length; 0 when absent or unreadable (Django then reads nothing)."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def too_large(request):
    limit_mib = f"{settings.REQUEST_BODY_MAX_BYTES / MIB:g}"
    if request.accepts("text/html"):
        # Rendered without the request: no context processor, no session, no query.
        content = render_to_string(TEMPLATE_NAME, {"limit_mib": limit_mib})
        response = HttpResponse(content, status=413)
        # The one page header set by middleware below this one (clickjacking's).
        response["X-Frame-Options"] = settings.X_FRAME_OPTIONS
    else:
        response = HttpResponse(
            f"Request body too large: the limit is {limit_mib} MiB.\n",
            status=413,
            content_type="text/plain; charset=utf-8",
        )
    response["Cache-Control"] = "no-store"
    return response


def length_required():
    response = HttpResponse(
        "A request body needs a Content-Length here; chunked bodies are not accepted.\n",
        status=411,
        content_type="text/plain; charset=utf-8",
    )
    response["Cache-Control"] = "no-store"
    return response
