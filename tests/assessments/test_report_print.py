"""The print view: the whole report with every task's card, for the owner and the share link."""

import re

import pytest

from tests.assessments.test_results_page import (
    owner_url,
    page,
    print_url,
    results_url,
    scored_assessment,
)

pytestmark = pytest.mark.django_db

CARD_TITLE = re.compile(r'<h3 class="h5 card-title">([^<]*): <span')


@pytest.mark.parametrize("owner", [False, True], ids=["shared", "owner"])
def test_the_print_view_has_every_tasks_card_in_the_order_listed(client, owner):
    assessment = scored_assessment(task_count=60)  # more than a page of the task table
    token = assessment.resume_token if owner else assessment.share_token

    response = client.get(print_url(token, owner=owner))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    text = response.content.decode()
    names = list(assessment.tasks.order_by("position", "pk").values_list("name", flat=True))
    assert [title.replace("&amp;", "&") for title in CARD_TITLE.findall(text)] == names
    assert text.count('<article class="card mb-3 report-task') == 60
    for section in ("headline", "next-steps", "map", "options", "risks", "tasks"):
        assert f'<h2 id="{section}-title"' in text


@pytest.mark.parametrize("owner", [False, True], ids=["shared", "owner"])
def test_the_print_view_prints_from_a_button_and_leads_back_to_the_results(client, owner):
    assessment = scored_assessment(task_count=2)
    token = assessment.resume_token if owner else assessment.share_token

    text = page(client, print_url(token, owner=owner))

    assert '<button type="button" class="btn btn-primary" data-print hidden>' in text
    assert re.search(r'<script src="[^"]*js/print\.js" defer></script>', text)
    back = owner_url(token) if owner else results_url(token)
    assert f'href="{back}">Back to the results</a>' in text
    assert "Revise" not in text  # nothing to act on in a printout
    assert 'name="csrfmiddlewaretoken"' not in text


def test_the_shared_print_view_never_shows_the_private_link(client):
    assessment = scored_assessment(task_count=2)

    page(client, print_url(assessment.resume_token, owner=True))  # the owner printed first
    text = page(client, print_url(assessment.share_token))

    assert str(assessment.resume_token) not in text
