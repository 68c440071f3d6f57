"""The Cross-Origin-Resource-Policy header, which Django does not set.

The Content-Security-Policy is in settings (CONTENT_SECURITY_POLICY), sent by django-csp's
middleware with no exception: the admin's pages hold to it as the public ones do (every
script and stylesheet a file from our own origin, no inline handler or style attribute).
"""

CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"


class CrossOriginResourcePolicyMiddleware:
    """Other sites may not load our responses (pages, static files) into theirs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Cross-Origin-Resource-Policy", CROSS_ORIGIN_RESOURCE_POLICY)
        return response
