"""The one-query stamps that name a kept page: they change whenever the page would."""

import uuid

import pytest

from assessments import drafts, services, stamps
from catalog.models import RateCard, ServiceType
from tests.assessments.test_results_page import scored_assessment
from tests.factories import AssessmentFactory, TaskFactory

pytestmark = pytest.mark.django_db


def test_a_shared_report_stamp_exists_only_for_a_submitted_assessments_share_token():
    submitted, draft = scored_assessment(task_count=1), AssessmentFactory()
    assert stamps.shared_report(submitted.share_token) is not None
    assert stamps.shared_report(submitted.resume_token) is None
    assert stamps.shared_report(draft.share_token) is None
    assert stamps.shared_report(uuid.uuid4()) is None


def test_a_shared_report_stamp_moves_with_rescoring_and_report_content_only():
    assessment = scored_assessment(task_count=1)
    first = stamps.shared_report(assessment.share_token)

    card = RateCard.objects.order_by("pk").first()
    card.source = "A newer survey"
    card.save()  # rates come from the assessment's own snapshot
    assert stamps.shared_report(assessment.share_token) == first

    services.rescore(assessment)
    rescored = stamps.shared_report(assessment.share_token)
    assert rescored != first

    service_type = ServiceType.objects.order_by("pk").first()
    service_type.save()
    assert stamps.shared_report(assessment.share_token) != rescored


def test_a_draft_stamp_moves_with_every_write_to_the_draft():
    assessment = AssessmentFactory()
    task = TaskFactory(assessment=assessment)
    seen = {stamps.draft(assessment.resume_token)}

    drafts.touch(assessment)  # what every write of drafts.py ends with
    seen.add(stamps.draft(assessment.resume_token))
    ServiceType.objects.order_by("pk").first().save()
    seen.add(stamps.draft(assessment.resume_token))
    task.delete()
    TaskFactory(assessment=assessment)
    drafts.submit(assessment)
    submitted = stamps.draft(assessment.resume_token)
    seen.add(submitted)

    assert len(seen) == 4
    assert submitted.status == "submitted"
    assert stamps.draft(assessment.share_token) is None
