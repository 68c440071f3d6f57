"""The report's parts that read every task are cached by Django's cache framework, and
never shown stale: their keys hold the assessment, its scoring and the catalog version."""

from decimal import Decimal

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments import services
from assessments.advice import money
from assessments.profiles import ScoringProfile
from catalog.services import CATALOG_CACHE_SECONDS, catalog_changed
from tests.assessments.test_results_page import (
    owner_url,
    print_url,
    results_url,
    scored_assessment,
)

pytestmark = pytest.mark.django_db

READS_RESULTS = '"assessments_task"."result"'


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in queries]


@pytest.mark.parametrize("url_for", [results_url, print_url], ids=["report", "print"])
def test_a_second_view_reuses_the_rendered_parts_without_reading_every_task(client, url_for):
    assessment = scored_assessment(task_count=20)
    cache.clear()

    first, first_queries = get(client, url_for(assessment.share_token))
    second, second_queries = get(client, url_for(assessment.share_token))

    assert second == first
    assert any(READS_RESULTS in sql for sql in first_queries)
    assert not any(READS_RESULTS in sql for sql in second_queries)
    assert len(second_queries) < len(first_queries)


def test_owner_and_shared_views_share_the_parts_but_not_the_tools_or_the_private_link(client):
    assessment = scored_assessment(task_count=3)
    cache.clear()

    owner, _ = get(client, owner_url(assessment.resume_token))
    shared, shared_queries = get(client, results_url(assessment.share_token))

    assert not any(READS_RESULTS in sql for sql in shared_queries)  # the owner's parts
    assert "Revise (make an editable copy)" in owner
    assert "Revise (make an editable copy)" not in shared
    assert str(assessment.resume_token) in owner
    assert str(assessment.resume_token) not in shared
    headline = shared[shared.index('<section class="mb-4" aria-labelledby="headline-title">') :]
    assert headline[: headline.index('<section class="mb-4" aria-labelledby="tasks-title">')] in (
        owner
    )


def test_rescoring_replaces_the_cached_parts(client):
    assessment = scored_assessment(task_count=2)
    plan_before = money(assessment.summary["plan"]["monthly"], "USD")
    before, _ = get(client, print_url(assessment.share_token))
    assert plan_before in before

    current = ScoringProfile.objects.current()
    current.governance_overhead += Decimal("0.25")  # every provider's price goes up
    services.publish_profile(current)
    services.rescore(assessment)
    assessment.refresh_from_db()
    task = assessment.tasks.order_by("position").first()
    after, _ = get(client, print_url(assessment.share_token))

    plan_after = money(assessment.summary["plan"]["monthly"], "USD")
    assert plan_after != plan_before
    assert plan_after in after
    assert plan_before not in after
    bpo = money(task.result["costs"]["bpo"]["monthly"], "USD")
    assert '<th scope="row">BPO' in after
    assert bpo in after
    assert bpo not in before


def test_a_catalog_edit_shows_in_the_next_view(client, django_capture_on_commit_callbacks):
    assessment = scored_assessment(task_count=2)
    service_type = assessment.tasks.first().service_type
    risk = service_type.risks.first()
    before, _ = get(client, print_url(assessment.share_token))
    assert service_type.name in before
    assert risk.name in before

    service_type.name = "Renamed by a consultant"
    service_type.save()
    risk.name = "Risk renamed by a consultant"
    risk.save()
    with django_capture_on_commit_callbacks(execute=True):
        catalog_changed()  # what every catalog edit in the admin does
    after, _ = get(client, print_url(assessment.share_token))

    assert "Renamed by a consultant" in after
    assert "Risk renamed by a consultant" in after


def test_every_cached_part_lives_as_long_as_catalog_pages(client, monkeypatch):
    assessment = scored_assessment(task_count=2)
    backend = caches["default"]
    stored = {}
    original = backend.set

    def recording_set(key, value, timeout=None, **kwargs):
        stored[key] = timeout
        return original(key, value, timeout, **kwargs)

    monkeypatch.setattr(backend, "set", recording_set)
    cache.clear()

    get(client, print_url(assessment.share_token))

    fragments = {key: timeout for key, timeout in stored.items() if "report-" in key}
    assert len(fragments) == 4  # the answer, the plan, the charts and the cards
    assert set(fragments.values()) == {CATALOG_CACHE_SECONDS}
