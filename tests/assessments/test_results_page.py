"""The results page: reached only through a submitted assessment's share link, never cached."""

import html
import re
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments import services
from assessments.models import Assessment
from catalog.models import ServiceType
from tests.factories import AssessmentFactory, SubmittedAssessmentFactory, TaskFactory

pytestmark = pytest.mark.django_db


def results_url(token):
    return f"/assessments/{token}/results/"


def scored_assessment(task_count=2, assessment=None, **fields):
    assessment = assessment or SubmittedAssessmentFactory(**fields)
    service_types = list(ServiceType.objects.order_by("pk")[:task_count])
    for number in range(task_count):
        TaskFactory(
            assessment=assessment,
            name=f"Task number {number} of {assessment.company_name}",
            service_type=service_types[number % len(service_types)],
            monthly_cost=Decimal("4000.00") + number,
        )
    services.score_assessment(assessment)
    assessment.refresh_from_db()
    return assessment


def test_results_page_shows_the_company_and_every_task(client):
    assessment = scored_assessment(task_count=3, company_name="Acme & Sons")

    response = client.get(results_url(assessment.share_token))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Acme &amp; Sons" in page
    for task in assessment.tasks.all():
        badge = re.escape(html.escape(task.name, quote=False)) + r': <span class="badge [^"]*">'
        assert re.search(badge + re.escape(task.get_recommendation_display()), page)
    assert f"v{assessment.scoring_profile.version}" in page


def test_results_page_is_not_cached_indexed_or_leaked_through_the_referrer(client):
    assessment = scored_assessment()

    response = client.get(results_url(assessment.share_token))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_results_page_answers_head_requests(client):
    assessment = scored_assessment()
    response = client.head(results_url(assessment.share_token))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "path_for",
    [
        lambda submitted, draft: results_url(draft.share_token),
        lambda submitted, draft: results_url(uuid.uuid4()),
        lambda submitted, draft: results_url(submitted.resume_token),
        lambda submitted, draft: results_url(submitted.pk),
        lambda submitted, draft: results_url(str(submitted.share_token).replace("-", "")[:-1]),
    ],
    ids=["draft-share-token", "random-uuid", "resume-token", "primary-key", "truncated-token"],
)
def test_results_page_is_404_for_anything_but_a_submitted_share_token(client, path_for):
    submitted = scored_assessment()
    draft = scored_assessment(assessment=AssessmentFactory(company_name="Draft Ltd"))
    assert draft.status == Assessment.Status.DRAFT

    response = client.get(path_for(submitted, draft))

    assert response.status_code == 404
    assert submitted.company_name not in response.content.decode()
    assert "Draft Ltd" not in response.content.decode()


def test_results_page_refuses_post(client):
    assessment = scored_assessment()
    response = client.post(results_url(assessment.share_token), {"company_name": "Changed"})
    assert response.status_code == 405
    assessment.refresh_from_db()
    assert assessment.company_name != "Changed"


def page_query_count(client, assessment):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(results_url(assessment.share_token))
    assert response.status_code == 200
    return len(queries)


def test_results_page_query_count_is_the_same_for_1_and_30_tasks(client):
    small = scored_assessment(task_count=1)
    large = scored_assessment(task_count=30)
    assert large.tasks.exclude(service_type=None).values("service_type").distinct().count() == 30

    assert page_query_count(client, large) == page_query_count(client, small)
