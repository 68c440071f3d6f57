"""Every HTML page is compressed in one place, Django's GZipMiddleware, for clients that
accept gzip; compressed pages read back whole and their forms still post."""

import gzip
import re

import pytest
from django.test import Client

from assessments.models import Assessment
from tests.assessments.questionnaire_helpers import company_data
from tests.project.test_security_headers import page_urls

pytestmark = pytest.mark.django_db

GZIP = {"Accept-Encoding": "gzip, deflate, br"}
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_the_compression_middleware_is_djangos_and_comes_before_the_rest(settings):
    middleware = settings.MIDDLEWARE
    assert "django.middleware.gzip.GZipMiddleware" in middleware
    # Right after the security middleware: everything after it may still add to the body.
    assert middleware.index("django.middleware.gzip.GZipMiddleware") == 1


def test_every_html_page_is_compressed_for_a_client_that_accepts_gzip(client):
    html_pages = 0
    for name, url, status, _private in page_urls():
        response = client.get(url, headers=GZIP)
        assert response.status_code == status, name
        if status == 302 or not response["Content-Type"].startswith("text/html"):
            continue
        html_pages += 1
        assert response.get("Content-Encoding") == "gzip", (name, len(response.content))
        assert "Accept-Encoding" in response["Vary"], name
        assert b"</html>" in gzip.decompress(response.content), name
    assert html_pages >= 12


def test_a_client_that_does_not_accept_gzip_gets_the_plain_page(client):
    response = client.get("/catalog/")

    assert not response.has_header("Content-Encoding")
    assert response.content.rstrip().endswith(b"</html>")


def test_each_compressed_copy_differs_so_the_token_cannot_be_read_from_its_size(client):
    # Django adds random bytes to the gzip header (BREACH mitigation, Django 4.2+).
    first = client.get("/assessments/start/", headers=GZIP).content
    second = client.get("/assessments/start/", headers=GZIP).content

    assert first != second


def test_a_form_read_from_a_compressed_page_posts():
    client = Client(enforce_csrf_checks=True)
    page = gzip.decompress(client.get("/assessments/start/", headers=GZIP).content)
    token = CSRF_FIELD.search(page).group(1).decode()

    response = client.post(
        "/assessments/start/",
        {**company_data(), "csrfmiddlewaretoken": token},
        headers={**GZIP, "Origin": "http://testserver"},
    )

    assert response.status_code == 302
    assert Assessment.objects.count() == 1
