"""The landing page, the error pages and the shared layout."""

import re

import pytest
from django.test import Client
from django.urls import path


def raise_error(request):
    raise RuntimeError("boom")


urlpatterns = [path("explode/", raise_error)]


def test_landing_explains_the_three_answers_and_invites_an_assessment(client):
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    for heading in ("BPO: business process outsourcing", "KPO: knowledge process outsourcing"):
        assert heading in page
    assert "In-house: keep it" in page
    assert 'href="/assessments/start/"' in page


def test_layout_loads_bootstrap_from_our_own_origin(client):
    page = client.get("/").content.decode()
    assets = re.findall(r'<(?:link|script)[^>]+(?:href|src)="([^"]+)"', page)
    assert "/static/vendor/bootstrap-5.3.9/bootstrap.min.css" in assets
    assert "/static/vendor/bootstrap-5.3.9/bootstrap.bundle.min.js" in assets
    assert all(asset.startswith("/") and not asset.startswith("//") for asset in assets)


def test_layout_has_navigation_and_footer(client):
    page = client.get("/").content.decode()
    assert '<nav class="navbar' in page
    assert "<footer" in page
    assert 'aria-current="page"' in page


def test_layout_shows_messages(rf):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.signed_cookies import SessionStore
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request._messages.add(25, "Your draft was saved.")
    page = render_to_string("pages/landing.html", request=request)
    assert "Your draft was saved." in page
    assert "alert-success" in page


@pytest.mark.django_db
def test_start_page_lists_what_to_gather(client):
    response = client.get("/assessments/start/")
    assert response.status_code == 200
    assert "Before you begin" in response.content.decode()


def test_unknown_page_gets_the_styled_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "We could not find that page" in page
    assert "bootstrap.min.css" in page


@pytest.mark.urls(__name__)
def test_server_error_gets_the_styled_500_without_a_traceback():
    client = Client(raise_request_exception=False)
    response = client.get("/explode/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    assert "RuntimeError" not in page
    assert "Traceback" not in page


def test_favicon_ico_points_at_our_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"
