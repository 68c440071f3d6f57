"""Forms on no-referrer pages post with `Origin: null`; the CSRF token still guards them."""

import pytest
from django.test import Client

from assessments.models import Assessment
from tests.assessments.questionnaire_helpers import company_data

pytestmark = pytest.mark.django_db


def csrf_client():
    client = Client(enforce_csrf_checks=True)
    client.get("/assessments/start/")
    return client, client.cookies["csrftoken"].value


def test_a_form_posted_from_a_no_referrer_page_is_accepted_with_its_token():
    client, token = csrf_client()

    response = client.post(
        "/assessments/start/", {**company_data(), "csrfmiddlewaretoken": token}, HTTP_ORIGIN="null"
    )

    assert response.status_code == 302
    assert Assessment.objects.count() == 1


def test_a_null_origin_without_the_token_is_refused():
    client, _token = csrf_client()

    response = client.post("/assessments/start/", company_data(), HTTP_ORIGIN="null")

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


def test_the_csrf_middleware_is_installed(settings):
    from django.middleware.csrf import CsrfViewMiddleware
    from django.utils.module_loading import import_string

    classes = [import_string(path) for path in settings.MIDDLEWARE]
    assert any(issubclass(cls, CsrfViewMiddleware) for cls in classes if isinstance(cls, type))
