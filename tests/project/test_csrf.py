"""Django's own CSRF protection guards every form, private pages included.

Private pages (drafts, results) send `Referrer-Policy: same-origin`: their secret address
never leaves the site in a Referer header, and browsers still send this site's Origin
when they post a form, so Django's origin check works unchanged.
"""

import pytest
from django.middleware.csrf import CsrfViewMiddleware
from django.test import Client

from assessments.models import Assessment
from tests.assessments.questionnaire_helpers import company_data
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


def csrf_client():
    client = Client(enforce_csrf_checks=True)
    client.get("/assessments/start/")
    return client, client.cookies["csrftoken"].value


def test_a_form_posted_from_this_site_with_its_token_is_accepted():
    client, token = csrf_client()

    response = client.post(
        "/assessments/start/", {**company_data(), "csrfmiddlewaretoken": token}, HTTP_ORIGIN=SITE
    )

    assert response.status_code == 302
    assert Assessment.objects.count() == 1


def test_an_opaque_origin_is_refused_even_with_the_token():
    client, token = csrf_client()

    response = client.post(
        "/assessments/start/", {**company_data(), "csrfmiddlewaretoken": token}, HTTP_ORIGIN="null"
    )

    assert response.status_code == 403
    assert not Assessment.objects.exists()


def test_this_sites_origin_without_the_token_is_refused():
    client, _token = csrf_client()

    response = client.post("/assessments/start/", company_data(), HTTP_ORIGIN=SITE)

    assert response.status_code == 403
    assert not Assessment.objects.exists()


def test_a_foreign_origin_is_refused_even_with_a_token():
    client, token = csrf_client()

    response = client.post(
        "/assessments/start/",
        {**company_data(), "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="https://attacker.example",
    )

    assert response.status_code == 403
    assert not Assessment.objects.exists()


def test_djangos_own_csrf_middleware_is_installed(settings):
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE
    assert CsrfViewMiddleware.__module__ == "django.middleware.csrf"


def test_private_pages_keep_their_address_on_this_site(client):
    assessment = AssessmentFactory()

    response = client.get(f"/assessments/resume/{assessment.resume_token}/company/")

    assert response.status_code == 200
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]
