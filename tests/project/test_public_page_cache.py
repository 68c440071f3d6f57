"""Public pages are rendered once per process and served again to every plain visit."""

import gzip

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from catalog.models import ServiceType
from outsourcing_advisor.page_cache import PAGES, cached_public_page

pytestmark = pytest.mark.django_db


def visit(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response, len(queries)


@pytest.mark.parametrize(("url", "queries_when_kept"), [("/", 0), ("/catalog/", 1)])
def test_a_second_plain_visit_is_served_from_memory(client, url, queries_when_kept):
    first, _ = visit(client, url)
    again, queries = visit(client, url)

    assert first.templates
    assert not again.templates  # the second one rendered nothing
    assert again.content == first.content
    assert queries == queries_when_kept  # the catalog checks its revision, nothing more


def test_pages_from_memory_keep_the_security_headers(client):
    visit(client, "/catalog/")
    again, _ = visit(client, "/catalog/")
    assert "default-src 'none'" in again["Content-Security-Policy"]
    assert again["X-Content-Type-Options"] == "nosniff"


def test_browsers_that_accept_gzip_get_the_page_compressed(client):
    plain, _ = visit(client, "/catalog/")
    compressed, _ = visit(client, "/catalog/", accept_encoding="gzip, deflate, br")

    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert "Accept-Encoding" in compressed["Vary"]
    assert "Content-Encoding" not in visit(client, "/catalog/")[0]


def test_a_catalog_edit_shows_in_the_next_view(client):
    service_type = ServiceType.objects.published().get(slug="data-entry")
    before, _ = visit(client, "/catalog/data-entry/")
    assert "A name a consultant gave it" not in before.content.decode()

    service_type.name = "A name a consultant gave it"
    service_type.save()

    for url in ("/catalog/data-entry/", "/catalog/"):
        assert "A name a consultant gave it" in visit(client, url)[0].content.decode()


def test_filters_are_part_of_what_is_kept(client):
    bpo, _ = visit(client, "/catalog/?sourcing_model=bpo")
    kpo, _ = visit(client, "/catalog/?sourcing_model=kpo")
    assert bpo.content != kpo.content
    assert visit(client, "/catalog/?sourcing_model=bpo")[0].content == bpo.content


def message_cookie(text):
    """The cookie Django's message framework sets to carry `text` to the next page."""
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(constants.SUCCESS, text)
    response = HttpResponse()
    storage.update(response)
    return response.cookies[CookieStorage.cookie_name].value


def test_a_visitor_with_a_waiting_message_sees_it(client):
    visit(client, "/catalog/")  # a copy is kept
    client.cookies[CookieStorage.cookie_name] = message_cookie("Company details saved.")

    response, _ = visit(client, "/catalog/")

    assert response.templates  # rendered for this visitor
    assert "Company details saved." in response.content.decode()


def test_a_visitor_with_a_session_gets_the_page_rendered(client, settings):
    client.cookies[settings.SESSION_COOKIE_NAME] = "a-session-key"
    visit(client, "/")
    response, _ = visit(client, "/")
    assert response.templates


def counting_view(work):
    calls = []

    @cached_public_page()
    def view(request):
        calls.append(request)
        return work(request)

    return view, calls


@pytest.mark.parametrize(
    "work",
    [
        pytest.param(lambda request: HttpResponse(get_token(request)), id="uses-a-csrf-token"),
        pytest.param(lambda request: HttpResponse(request.session.get("x")), id="reads-session"),
        pytest.param(lambda request: HttpResponse("missing", status=404), id="not-found"),
    ],
)
def test_pages_that_hold_something_of_the_visit_are_never_kept(work):
    view, calls = counting_view(work)
    for _ in range(2):
        request = RequestFactory().get("/somewhere/")
        request.session = SessionStore()
        view(request)
    assert len(calls) == 2
    assert len(PAGES) == 0


def test_only_plain_get_requests_are_served_from_memory():
    view, calls = counting_view(lambda request: HttpResponse("the same for all"))
    view(RequestFactory().get("/page/"))
    view(RequestFactory().get("/page/"))
    view(RequestFactory().head("/page/"))
    view(RequestFactory().post("/page/"))
    view(RequestFactory().get("/page/", HTTP_COOKIE="sessionid=abc"))
    assert len(calls) == 4  # every request but the second GET
