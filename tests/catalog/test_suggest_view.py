"""The JSON endpoint the tasks step's script asks for a service suggestion."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.forms import SUGGEST_MAX_LENGTH
from catalog.models import ServiceType
from catalog.services import catalog_changed

pytestmark = pytest.mark.django_db

URL = reverse("catalog:suggest")


def suggestions(client, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()["suggestions"]


def test_the_endpoint_lives_under_the_catalog():
    assert URL == "/catalog/suggest/"


def test_a_task_name_gets_the_best_services_with_their_reasons(client):
    payroll = ServiceType.objects.get(slug="payroll-processing")
    [first, *_] = suggestions(client, "Payroll for 12 staff")
    assert first == {
        "id": payroll.pk,
        "name": "Payroll processing",
        "reason": "matches 'payroll' in the name",
    }


@pytest.mark.parametrize("query", ["", "  ", "ta", "Walk the dog"])
def test_short_or_unmatched_names_get_an_empty_list(client, query):
    assert suggestions(client, query) == []


def test_a_name_over_the_bound_is_refused(client):
    response = client.get(URL, {"q": "payroll " * SUGGEST_MAX_LENGTH})
    assert response.status_code == 400
    assert response.json()["suggestions"] == []
    assert str(SUGGEST_MAX_LENGTH) in response.json()["error"]


def test_only_get_is_answered(client):
    assert client.post(URL, {"q": "payroll"}).status_code == 405


def test_a_second_suggestion_reads_the_cached_index_not_the_catalog(client):
    suggestions(client, "Payroll")
    with CaptureQueriesContext(connection) as queries:
        suggestions(client, "Month-end bookkeeping")
    # Two cache reads (the version, the index); the catalog's tables are not read.
    assert len(queries) <= 2
    assert not any("catalog_" in query["sql"] for query in queries)


def test_a_catalog_edit_shows_in_the_next_suggestion(client, django_capture_on_commit_callbacks):
    assert suggestions(client, "Send payslips")
    with django_capture_on_commit_callbacks(execute=True):
        ServiceType.objects.filter(slug="payroll-processing").update(is_published=False)
        catalog_changed()
    assert suggestions(client, "Send payslips") == []


def test_the_answer_carries_the_sites_security_headers(client):
    response = client.get(URL, {"q": "payroll"})
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response
