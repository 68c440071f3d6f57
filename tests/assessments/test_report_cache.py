"""The rendered report of a frozen assessment is cached, and never shown stale."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments import services
from assessments.profiles import ScoringProfile
from tests.assessments.test_results_page import owner_url, results_url, scored_assessment

pytestmark = pytest.mark.django_db


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_a_second_view_reuses_the_rendered_report(client):
    assessment = scored_assessment(task_count=20)
    cache.clear()

    first, first_queries = get(client, results_url(assessment.share_token))
    second, second_queries = get(client, results_url(assessment.share_token))

    assert second == first
    assert second_queries < first_queries


def test_owner_and_shared_views_share_the_body_but_not_the_tools(client):
    assessment = scored_assessment(task_count=3)
    cache.clear()

    shared, _ = get(client, results_url(assessment.share_token))
    owner, _queries = get(client, owner_url(assessment.resume_token))

    assert "Revise (make an editable copy)" in owner
    assert "Revise (make an editable copy)" not in shared
    assert 'name="csrfmiddlewaretoken"' in owner
    body = shared[shared.index('<nav class="report-contents') :]
    assert body[: body.index("</main>")] in owner


def test_rescoring_replaces_the_cached_report(client):
    assessment = scored_assessment(task_count=2)
    task = assessment.tasks.first()
    before, _ = get(client, results_url(assessment.share_token))
    assert f"BPO {task.bpo_score}" in before

    current = ScoringProfile.objects.current()
    current.weight_standardisation_bpo = current.weight_standardisation_bpo * 3
    services.publish_profile(current)
    services.rescore(assessment)
    task.refresh_from_db()
    after, _ = get(client, results_url(assessment.share_token))

    assert f"BPO {task.bpo_score}" in after
    assert after != before


def test_a_catalog_edit_shows_in_the_next_view(client):
    assessment = scored_assessment(task_count=2)
    service_type = assessment.tasks.first().service_type
    before, _ = get(client, results_url(assessment.share_token))
    assert service_type.name in before

    service_type.name = "Renamed by a consultant"
    service_type.save()
    after, _ = get(client, results_url(assessment.share_token))

    assert "Renamed by a consultant" in after
