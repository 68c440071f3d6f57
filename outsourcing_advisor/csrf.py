"""CSRF protection that works on pages sent with `Referrer-Policy: no-referrer`.

Private pages (drafts, results) must not leak their secret URL through the Referer header,
so they send `no-referrer`. Browsers then post their forms with `Origin: null` and no
Referer, which Django's origin check refuses. Such a request still has to carry the secret
CSRF token that matches the cookie; the cookie is SameSite=Lax (so a cross-site form post
does not send it) and, with DJANGO_SECURE_SSL, `__Host-` prefixed (so no other host can plant
one). Only the literal "null" origin is let through to that token check; any real origin
must still be this site's.
"""

from django.middleware.csrf import CsrfViewMiddleware

OPAQUE_ORIGIN = "null"


class PrivatePageCsrfMiddleware(CsrfViewMiddleware):
    def _origin_verified(self, request):
        if request.META.get("HTTP_ORIGIN") == OPAQUE_ORIGIN and not request.META.get(
            "HTTP_REFERER"
        ):
            return True  # the token check that follows still decides
        return super()._origin_verified(request)
