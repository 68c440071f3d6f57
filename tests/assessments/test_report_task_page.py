"""Each task's full card on a page of its own, under the share link and the resume link."""

import html
import re

import pytest

from assessments import services
from assessments.models import Answer
from catalog.models import ServiceType
from tests.assessments.task_values import CORE_AND_SECRET, ROUTINE
from tests.assessments.test_results_page import (
    owner_url,
    page,
    print_url,
    results_url,
    scored_assessment,
    task_url,
)
from tests.factories import ServiceTypeFactory, SubmittedAssessmentFactory, TaskFactory

pytestmark = pytest.mark.django_db

TYPED = '<script>alert("x")</script> & {name}'


def card_of(text):
    (card,) = re.findall(r'<article class="card mb-3 report-task.*?</article>', text, re.DOTALL)
    return card


@pytest.mark.parametrize("owner", [False, True], ids=["shared", "owner"])
def test_a_tasks_page_shows_its_whole_card_and_is_private(client, owner):
    assessment = scored_assessment(task_count=3)
    task = assessment.tasks.select_related("service_type").order_by("position")[1]
    token = assessment.resume_token if owner else assessment.share_token

    response = client.get(task_url(token, 2, owner=owner))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    card = card_of(response.content.decode())
    label = task.get_recommendation_display()
    assert f'{html.escape(task.name)}: <span class="badge answer-badge' in card
    assert f"<strong>{label} {getattr(task, f'{task.recommendation}_score')}</strong>" in card
    assert f"{task.confidence}% ({task.result['confidence_label']})" in card
    link = f'<a href="{task.service_type.get_absolute_url()}">{html.escape(task.service_type.name)}'
    assert link in card
    for reason in task.result["reasons"]:
        assert html.escape(reason["text"]) in card
    for note in task.result["notes"]:
        assert f"<li>{html.escape(note)}</li>" in card
    assert card.count("(recommended)") == card.count('class="report-recommended"') == 1
    assert re.search(r"(Saves about|Costs about|No change to today)", card)
    what_if = task.result["what_if"]
    assert (html.escape(what_if["text"]) if what_if else "No single change") in card


@pytest.mark.parametrize("owner", [False, True], ids=["shared", "owner"])
def test_a_tasks_page_links_the_tasks_before_and_after_it_and_the_table(client, owner):
    assessment = scored_assessment(task_count=3)
    token = assessment.resume_token if owner else assessment.share_token

    first, middle, last = (page(client, task_url(token, n, owner=owner)) for n in (1, 2, 3))

    assert "Task 2 of 3" in middle
    assert f'<a href="{task_url(token, 1, owner=owner)}" rel="prev">Previous task</a>' in middle
    assert f'<a href="{task_url(token, 3, owner=owner)}" rel="next">Next task</a>' in middle
    assert 'rel="prev"' not in first
    assert 'rel="next"' not in last
    results = owner_url(token) if owner else results_url(token)
    assert f'<a href="{results}#tasks-title">All tasks</a>' in middle


def test_the_tasks_page_of_a_task_on_the_second_page_leads_back_to_that_page(client):
    assessment = SubmittedAssessmentFactory()
    TaskFactory.create_batch(51, assessment=assessment, **ROUTINE)
    services.score_assessment(assessment)

    text = page(client, task_url(assessment.share_token, 51))

    assert f'<a href="{results_url(assessment.share_token)}?page=2#tasks-title">' in text


@pytest.mark.parametrize("owner", [False, True], ids=["shared", "owner"])
def test_a_number_outside_the_assessment_is_404_even_when_another_assessment_has_it(client, owner):
    small = scored_assessment(task_count=2)
    other = scored_assessment(task_count=5, company_name="Other Ltd")
    token = small.resume_token if owner else small.share_token
    assert other.tasks.count() == 5  # numbers 3 to 5 exist there, not here

    for number in (0, 3, 5, 10**6):
        response = client.get(task_url(token, number, owner=owner))
        assert response.status_code == 404
        assert "Other Ltd" not in response.content.decode()
    assert client.get(task_url(token, 2, owner=owner)).status_code == 200
    assert "Other Ltd" not in page(client, task_url(token, 2, owner=owner))


@pytest.mark.parametrize("number", ["-1", "01x", "1.0", "one"])
def test_a_number_that_is_not_a_whole_positive_number_is_404(client, number):
    assessment = scored_assessment(task_count=2)
    response = client.get(results_url(assessment.share_token) + f"tasks/{number}/")
    assert response.status_code == 404


def test_a_task_is_reached_only_through_its_own_assessments_links(client):
    first = scored_assessment(task_count=1, company_name="First Ltd")
    second = scored_assessment(task_count=1, company_name="Second Ltd")

    assert "Task number 0 of First Ltd" in page(client, task_url(first.share_token, 1))
    assert "Task number 0 of Second Ltd" in page(client, task_url(second.share_token, 1))
    text = page(client, task_url(second.resume_token, 1, owner=True))
    assert "First Ltd" not in text


def test_an_in_house_task_and_an_unpublished_service_type_on_their_cards(client):
    assessment = SubmittedAssessmentFactory()
    hidden = ServiceTypeFactory(is_published=False, name="Unlisted <service>")
    TaskFactory(assessment=assessment, position=1, service_type=hidden, **CORE_AND_SECRET)
    TaskFactory(assessment=assessment, position=2, service_type=None, **ROUTINE)
    services.score_assessment(assessment)
    kept, sent = assessment.tasks.order_by("position")
    assert (kept.recommendation, sent.recommendation) == (Answer.IN_HOUSE, Answer.BPO)

    kept_card = card_of(page(client, task_url(assessment.share_token, 1)))
    sent_card = card_of(page(client, task_url(assessment.share_token, 2)))

    assert "Unlisted &lt;service&gt;</dd>" in kept_card  # unpublished: named, not linked
    assert "/catalog/" not in kept_card
    assert "None, the work stays in-house" in kept_card
    assert "No change to today&#x27;s monthly cost." in kept_card
    assert "None chosen" in sent_card
    assert "Saves about $" in sent_card


def test_what_the_owner_typed_is_escaped_on_the_card_the_table_and_the_print_view(client):
    assessment = SubmittedAssessmentFactory()
    TaskFactory(assessment=assessment, name=TYPED, description=f"Notes: {TYPED}")
    services.score_assessment(assessment)
    escaped = html.escape(TYPED)
    share = assessment.share_token
    pages = {
        "card": page(client, task_url(share, 1)),
        "table": page(client, results_url(share)),
        "print": page(client, print_url(share)),
        "owner card": page(client, task_url(assessment.resume_token, 1, owner=True)),
    }

    for name, text in pages.items():
        assert "<script>alert" not in text, name
        assert escaped in text, name
    for name in ("card", "print", "owner card"):
        assert f"{escaped}: <span" in pages[name]
        assert f'<p class="mb-2">Notes: {escaped}</p>' in pages[name]
        assert f"<caption>Cost of each answer for {escaped}</caption>" in pages[name]
    assert f'">{escaped}</a></th>' in pages["table"]
    assert f"<title>{escaped} · Results for" in pages["card"]


def test_the_card_page_is_the_same_card_the_print_view_shows(client):
    assessment = scored_assessment(task_count=3)

    printed = page(client, print_url(assessment.share_token))
    cards = [card_of(page(client, task_url(assessment.share_token, n))) for n in (1, 2, 3)]

    article = r'<article class="card mb-3 report-task.*?</article>'
    assert re.findall(article, printed, re.DOTALL) == cards


def test_service_type_of_a_task_links_to_the_catalog_only_while_published(client):
    assessment = scored_assessment(task_count=1)
    service_type = assessment.tasks.get().service_type
    assert service_type.is_published

    before = card_of(page(client, task_url(assessment.share_token, 1)))
    ServiceType.objects.filter(pk=service_type.pk).update(is_published=False)
    after = card_of(page(client, task_url(assessment.share_token, 1)))

    assert f'<a href="{service_type.get_absolute_url()}">' in before
    assert f'<a href="{service_type.get_absolute_url()}">' not in after
    assert f"{html.escape(service_type.name)}</dd>" in after
