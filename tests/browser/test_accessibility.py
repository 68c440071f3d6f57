"""The public pages pass axe-core's serious and critical accessibility rules.

The catalog pages show the default catalog that the migrations load; `serialized_rollback`
puts it back after each transactional test's flush.
"""

import pytest
from django.urls import reverse

from catalog.models import ServiceType

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CSP_PAGE = """<!doctype html>
<html lang="en"><head><title>Before</title></head>
<body><main><h1>Form</h1><input type="text">
<script>document.title = "inline script ran";</script></main></body></html>"""


def public_url(name):
    if name == "catalog:service-detail":
        return ServiceType.objects.published().order_by("name").first().get_absolute_url()
    return reverse(name)


@pytest.mark.parametrize(
    "url_name",
    [
        "landing",
        "catalog:service-list",
        "catalog:service-detail",
        "catalog:compare",
        "assessments:start",
    ],
)
def test_public_page_has_no_serious_accessibility_violation(
    live_server, page, console_errors, axe, url_name
):
    response = page.goto(live_server.url + public_url(url_name))
    assert response.status == 200
    assert axe(page) == []
    console_errors.assert_no_csp_violation()
    assert console_errors == []


def test_audit_runs_under_a_strict_content_security_policy_and_reports_violations(page, axe):
    # Intercepted by Playwright: no request leaves the browser.
    page.route(
        "http://127.0.0.1/strict-csp",
        lambda route: route.fulfill(
            content_type="text/html",
            headers={"Content-Security-Policy": "default-src 'self'; script-src 'self'"},
            body=CSP_PAGE,
        ),
    )
    page.goto("http://127.0.0.1/strict-csp")
    assert page.title() == "Before"  # the policy is enforced: the inline script was refused

    violations = axe(page)

    assert [(v.rule, v.impact, v.targets) for v in violations] == [
        ("label", "critical", ("input",))
    ]
    assert "label [critical] Form elements must have labels" in str(violations)
