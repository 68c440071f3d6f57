"""Response headers that tell browsers what our pages may load, embed and be embedded by.

The Content-Security-Policy itself is in settings (CONTENT_SECURITY_POLICY): every script
and stylesheet is a file from our own origin. This module adds the one scoped exception and
the Cross-Origin-Resource-Policy header, which Django does not set. It must not relax
anything outside the admin.
"""

import base64
import hashlib

from csp.middleware import CSPMiddleware
from django.conf import settings

CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
UNSAFE_HASHES = "'unsafe-hashes'"

# Inline attributes in third-party admin templates, allowed by their exact text on admin
# URLs only. 'unsafe-hashes' with hashes lets these very values run, and nothing else: no
# <script> or <style> element, no other handler or style attribute.
ADMIN_INLINE_HANDLERS = (
    "onSelectToggleChange(event)",  # import-export's export page: the "Select all" box
)
ADMIN_INLINE_STYLES = (
    "padding: 0;",  # import-export's export page
    "font-weight: bold;",  # import-export's export page
)


def csp_hash(text):
    """The CSP source expression that matches exactly this inline text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


ADMIN_POLICY_ADDITIONS = {
    "script-src-attr": [UNSAFE_HASHES, *map(csp_hash, ADMIN_INLINE_HANDLERS)],
    "style-src-attr": [UNSAFE_HASHES, *map(csp_hash, ADMIN_INLINE_STYLES)],
}


def is_admin_path(path):
    return path.startswith("/" + settings.ADMIN_PATH)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with ADMIN_POLICY_ADDITIONS on the admin's URLs."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and is_admin_path(request.path_info):
            parts.update = {**ADMIN_POLICY_ADDITIONS, **(parts.update or {})}
        return parts


class CrossOriginResourcePolicyMiddleware:
    """Other sites may not load our responses (pages, static files) into theirs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Cross-Origin-Resource-Policy", CROSS_ORIGIN_RESOURCE_POLICY)
        return response
