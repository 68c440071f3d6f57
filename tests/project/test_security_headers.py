"""Every kind of page carries the security headers; with DJANGO_SECURE_SSL the HTTPS ones too.

The Content-Security-Policy is read directive by directive, so a source added anywhere
(`'unsafe-inline'`, a CDN) fails a test. The production values come from the settings module
itself, run with the production environment, not from a copy written here.
"""

import importlib.util
import re
import sys

import pytest
from django.test import Client

from assessments import services
from catalog.models import ServiceType
from outsourcing_advisor import urls
from tests.assessments.questionnaire_helpers import company_data
from tests.factories import (
    AssessmentFactory,
    ConsultantFactory,
    SubmittedAssessmentFactory,
    TaskFactory,
)
from tests.project.test_settings import PRODUCTION_ENV, load_settings

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src": {"'none'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "font-src": {"'self'"},
    "connect-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'none'"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
}
DENIED_FEATURES = ("camera", "microphone", "geolocation", "payment", "usb", "display-capture")
COMMON_HEADERS = {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}
HTTPS_SETTINGS = (
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_NAME",
)


def parse_policy(header):
    directives = {}
    for directive in filter(None, (part.strip() for part in header.split(";"))):
        name, *sources = directive.split()
        assert name not in directives, f"{name} given twice"
        directives[name] = set(sources)
    return directives


def scored_assessment():
    assessment = SubmittedAssessmentFactory()
    TaskFactory(assessment=assessment, service_type=ServiceType.objects.first())
    services.score_assessment(assessment)
    return assessment


def page_urls():
    """(name, url, expected status, private) for every kind of page a visitor can reach."""
    draft = AssessmentFactory()
    TaskFactory(assessment=draft)
    submitted = scored_assessment()
    service = ServiceType.objects.published().first()
    resume, share = draft.resume_token, submitted.share_token
    return [
        ("landing", "/", 200, False),
        ("catalog list", "/catalog/", 200, False),
        ("catalog detail", service.get_absolute_url(), 200, False),
        ("catalog compare", "/catalog/compare/", 200, False),
        ("task template", "/assessments/task-template.csv", 200, False),
        ("start", "/assessments/start/", 200, True),
        ("resume link", f"/assessments/resume/{resume}/", 302, True),
        ("company step", f"/assessments/resume/{resume}/company/", 200, True),
        ("tasks step", f"/assessments/resume/{resume}/tasks/", 200, True),
        ("upload step", f"/assessments/resume/{resume}/upload/", 200, True),
        ("review step", f"/assessments/resume/{resume}/review/", 200, True),
        (
            "owner results",
            f"/assessments/resume/{submitted.resume_token}/results/",
            200,
            True,
        ),
        ("shared results", f"/assessments/{share}/results/", 200, True),
        ("CSV export", f"/assessments/{share}/results.csv", 200, True),
        ("admin login", "/admin/login/", 200, False),
        ("not found", "/no-such-page/", 404, False),
        ("liveness", "/healthz", 200, False),
        ("readiness", "/readyz", 200, False),
    ]


def test_every_kind_of_page_sends_the_security_headers(client):
    for name, url, status, private in page_urls():
        response = client.get(url)
        assert response.status_code == status, name
        policy = parse_policy(response["Content-Security-Policy"])
        assert policy == POLICY, name  # the admin's pages included: no exception there
        for header, value in COMMON_HEADERS.items():
            assert response[header] == value, (name, header)
        # Private pages too: their addresses never leave the site in a Referer header.
        assert response["Referrer-Policy"] == "same-origin", name
        if private:
            assert "no-store" in response["Cache-Control"], name
        permissions = response["Permissions-Policy"]
        for feature in DENIED_FEATURES:
            assert f"{feature}=()" in permissions.split(", "), (name, feature)


def test_the_policy_allows_no_inline_code_or_other_origin():
    sources = set().union(*POLICY.values())
    assert not {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*"} & sources
    assert all(source.startswith("'") or source == "data:" for source in sources)


def test_static_files_carry_the_resource_policy(settings):
    # Served by WhiteNoise from the source folders: a fresh checkout has no collected files.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = Client().get("/static/css/site.css")
    assert response.status_code == 200
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_admins_third_party_pages_hold_to_the_policy_too(client):
    """import-export's pages (the export page's field picker drew an inline handler and
    style attributes) get the site's policy, with nothing inline to refuse."""
    client.force_login(ConsultantFactory())
    for url in (
        "/admin/",
        "/admin/catalog/servicetype/export/",
        "/admin/catalog/servicetype/import/",
        "/admin/catalog/ratecard/export/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert parse_policy(response["Content-Security-Policy"]) == POLICY, url
        page = response.content.decode()
        assert " style=" not in page, url
        assert not re.search(r"\son[a-z]+=", page), url


# --- The admin's path ---------------------------------------------------------------------


@pytest.fixture
def admin_at_custom_path(settings):
    """The root URLconf rebuilt as it would be with DJANGO_ADMIN_PATH=back-office/."""
    settings.ADMIN_PATH = "back-office/"
    name = "outsourcing_advisor.custom_admin_path_urls"  # in the package: its imports resolve
    spec = importlib.util.spec_from_file_location(name, urls.__file__)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    settings.ROOT_URLCONF = name
    yield
    del sys.modules[name]


def test_the_admin_answers_only_at_the_configured_path(admin_at_custom_path, client):
    response = client.get("/back-office/login/")
    assert response.status_code == 200
    assert "Log in" in response.content.decode()
    assert parse_policy(response["Content-Security-Policy"]) == POLICY
    assert client.get("/admin/login/").status_code == 404
    redirect = client.get("/back-office/")
    assert redirect.status_code == 302
    assert redirect["Location"].startswith("/back-office/login/")


# --- HTTPS (DJANGO_SECURE_SSL=1) ------------------------------------------------------------


@pytest.fixture
def production_https(settings, monkeypatch):
    """This process's settings take the HTTPS values the settings module gives production."""
    production = load_settings(monkeypatch, **PRODUCTION_ENV)
    for name in HTTPS_SETTINGS:
        setattr(settings, name, production[name])
    return production


def test_plain_http_is_redirected_to_https(production_https):
    response = Client().get("/catalog/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/catalog/"


def test_health_probes_stay_on_plain_http(production_https):
    assert Client().get("/healthz").status_code == 200


def test_https_pages_send_hsts_for_a_year_with_subdomains_and_preload(production_https):
    response = Client().get("/catalog/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert parse_policy(response["Content-Security-Policy"]) == POLICY


def test_https_cookies_are_secure_host_only_cookies(production_https):
    client = Client()
    csrf = client.get("/admin/login/", secure=True).cookies["__Host-csrftoken"]
    started = client.post("/assessments/start/", company_data(), secure=True)
    assert started.status_code == 302
    session = started.cookies.get("__Host-sessionid")
    for cookie in (csrf, session):
        assert cookie is not None
        assert cookie["secure"] is True
        assert cookie["path"] == "/"
        assert cookie["domain"] == ""  # a __Host- cookie must name no domain
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"
