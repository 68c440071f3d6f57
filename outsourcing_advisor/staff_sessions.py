"""Staff sessions end a fixed time after login; business owners' sessions keep the default.

A consultant's session opens every client's assessment, so a stolen or forgotten one must
not stay useful for Django's default two weeks: it expires settings.STAFF_SESSION_SECONDS
after the login (absolute, never extended by activity). Business owners' sessions only
remember the private links of their drafts, which the links themselves give back, and keep
SESSION_COOKIE_AGE.

The end date is written into the session when a staff user logs in (`cap_at_login`, connected
in apps.py); the middleware gives one to a staff session that has none yet (opened before
the account got staff rights, or before this rule). The session store then refuses the
session after that date, and the cookie's Max-Age ends with it. Neither may cost anonymous
requests a database query.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import DatabaseError
from django.utils import timezone


def holds_admin_rights(user):
    return user.is_authenticated and (user.is_staff or user.is_superuser)


def cap_expiry(session):
    """Make the session expire within the staff lifetime from now, unless it already does."""
    latest = timezone.now() + timedelta(seconds=settings.STAFF_SESSION_SECONDS)
    if session.get_expiry_date() > latest:
        session.set_expiry(latest)


def cap_at_login(sender, request, user, **kwargs):
    """`user_logged_in` receiver."""
    if holds_admin_rights(user) and hasattr(request, "session"):
        cap_expiry(request.session)


class StaffSessionExpiryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # A session nobody read cannot have logged anyone in during this request; reading it
        # here would cost business owners a query on pages that do not need their session.
        if session is None or not session.accessed:
            return response
        try:
            logged_in = SESSION_KEY in session
        except DatabaseError:  # the view already failed on it; the 503 page is on its way
            return response
        if not logged_in:
            return response
        user = getattr(request, "user", None)
        if user is not None and holds_admin_rights(user):
            cap_expiry(session)
        return response
