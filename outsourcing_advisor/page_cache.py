"""Rendered pages kept in each server process's memory (`process_cache`), and served again.

Public pages (`cached_public_page`): the landing page and the catalog pages are the same
for every visitor who has no session and no pending messages: no login, no flash
message, no form token. For such a visit (`is_plain_visit`) the page is served from
memory, keyed by its full path and by a version of what it shows (`version`, a callable,
e.g. the catalog's revision counter, read on every request). Anything else gets the view
as usual: a visitor with a session, a page that set a cookie, used a CSRF token or
touched the session, an error, a HEAD or a POST.

Only the body, a gzip copy made once, and the content type are kept (`CachedPage`).
Clients that accept gzip, as every browser does, get the compressed copy: a 330 KiB
report is 27 KiB on the wire. Compression lets an attacker who can inject text into a
page learn a secret on the same page from its size (BREACH); these pages carry no CSRF
token and nothing of a session, and the shared report reflects nothing from the request.

Private form pages (`cached_form_page`): the same rendering for every request with the
same key, each given its own CSRF token. Never compressed: they hold that token.

Headers (CSP, caching, security) are added by the middleware on every response, as for
any page.
"""

import gzip
import re
import secrets
from functools import wraps
from typing import NamedTuple

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import has_vary_header, patch_vary_headers

from .process_cache import ProcessCache


def memory_share(fraction):
    """Bytes for one store of pages: its share of settings.PAGE_MEMORY_MIB."""
    return int(settings.PAGE_MEMORY_MIB * 1024 * 1024 * fraction)


PAGES = ProcessCache(max_bytes=memory_share(1 / 7))
# Where a cached form page gets each request's CSRF token: letters and digits, unchanged by
# HTML escaping, and unguessable, so no page text can contain it by chance.
CSRF_PLACEHOLDER = f"csrftokenplaceholder{secrets.token_hex(16)}"
CSRF_PLACEHOLDER_BYTES = CSRF_PLACEHOLDER.encode()
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
GZIP_LEVEL = 6


class CachedPage(NamedTuple):
    content_type: str
    body: bytes
    gzipped: bytes

    @classmethod
    def of(cls, content, content_type="text/html; charset=utf-8"):
        return cls(content_type, content, gzip.compress(content, GZIP_LEVEL, mtime=0))

    @property
    def size(self):
        return len(self.body) + len(self.gzipped)

    def response(self, request):
        """The page for this request: compressed when the client says it accepts gzip."""
        if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
            response = HttpResponse(self.gzipped, content_type=self.content_type)
            response["Content-Encoding"] = "gzip"
        else:
            response = HttpResponse(self.body, content_type=self.content_type)
        patch_vary_headers(response, ("Accept-Encoding",))
        return response


def has_no_messages(request):
    """No flash message waits for this request. Messages live in their own cookie, or in the
    session with a marker in that cookie when they overflow it (FallbackStorage)."""
    return not request.COOKIES.get(CookieStorage.cookie_name)  # emptied once shown


def is_plain_visit(request):
    """Nothing of the visitor's own can be on the page: no session, no pending messages."""
    return has_no_messages(request) and not request.COOKIES.get(settings.SESSION_COOKIE_NAME)


def cached_form_page(request, cache, key, render):
    """A private page with a form: rendered once per key, given this request's CSRF token.

    `render(extra_context)` returns the page's response; `key` must name everything the
    page shows, and the caller must check `has_no_messages`. The token Django would put
    in the form is the only part of such a page that differs from one request to the
    next, so the cached copy holds a placeholder and each response gets a fresh masked
    token, exactly as rendering would give it (and the CSRF cookie with it).
    """
    page = cache.get(key)
    if page is None:
        response = render({"csrf_token": CSRF_PLACEHOLDER})
        if response.status_code != 200:
            return response
        page = response.content
        cache.set(key, page)
    token = get_token(request).encode()
    return HttpResponse(page.replace(CSRF_PLACEHOLDER_BYTES, token))


def cached_public_page(version=None):
    """Decorator for a public GET view whose page depends only on its URL and `version()`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method != "GET" or not is_plain_visit(request):
                return view(request, *args, **kwargs)
            # The path names the view; the version says what it showed.
            key = (request.get_full_path(), None if version is None else version())
            page = PAGES.get(key)
            if page is not None:
                return page.response(request)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            if not is_shareable(request, response):
                return response
            page = CachedPage.of(response.content, response["Content-Type"])
            PAGES.set(key, page, size=page.size)
            return page.response(request)

        return wrapper

    return decorator


def is_shareable(request, response):
    """Nothing in the response belongs to this visit: it may serve the next plain visit."""
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.accessed)
        and not has_vary_header(response, "Cookie")
    )
