"""The owner controls the share link: turn it off (it answers 404 everywhere) or replace it
with a new one (the old one stops working for good). Each is a write sent once."""

import pytest
from django.test import Client

from assessments.models import Assessment
from tests.assessments.questionnaire_helpers import form_key
from tests.assessments.test_results_page import (
    owner_url,
    page,
    print_url,
    results_url,
    scored_assessment,
    task_url,
)
from tests.factories import AssessmentFactory, ConsultantFactory

pytestmark = pytest.mark.django_db


def sharing_url(assessment):
    return f"/assessments/resume/{assessment.resume_token}/sharing/"


def shared_pages(token):
    return [
        results_url(token),
        task_url(token, 1),
        print_url(token),
        f"/assessments/{token}/results.csv",
    ]


def change_sharing(client, assessment, action, key=None):
    data = {"action": action, **(key or form_key())}
    return client.post(sharing_url(assessment), data)


def test_turning_the_share_link_off_closes_every_shared_page(client):
    assessment = scored_assessment()
    token = assessment.share_token
    assert all(client.get(url).status_code == 200 for url in shared_pages(token))

    response = change_sharing(client, assessment, "stop")

    assert response.status_code == 302
    assert [client.get(url).status_code for url in shared_pages(token)] == [404] * 4
    owner_page = page(client, owner_url(assessment.resume_token))
    assert "Sharing is off" in owner_page
    assert str(token) not in owner_page
    assert "Make a new share link" in owner_page


def test_a_new_share_link_works_at_once_and_the_old_one_never_again(client):
    assessment = scored_assessment()
    old = assessment.share_token
    page(client, results_url(old))  # its table is in the cache, with the old links

    change_sharing(client, assessment, "new")

    new = Assessment.objects.get().share_token
    assert new != old
    assert [client.get(url).status_code for url in shared_pages(old)] == [404] * 4
    shared = page(client, results_url(new))
    assert str(old) not in shared
    assert f"/assessments/{new}/results/tasks/1/" in shared
    assert str(new) in page(client, owner_url(assessment.resume_token))


def test_sharing_again_after_turning_it_off_gives_a_new_link(client):
    assessment = scored_assessment()
    old = assessment.share_token
    change_sharing(client, assessment, "stop")

    change_sharing(client, assessment, "new")

    assessment.refresh_from_db()
    assert assessment.is_shared
    assert assessment.share_token != old
    assert client.get(results_url(assessment.share_token)).status_code == 200
    assert client.get(results_url(old)).status_code == 404


def test_a_new_link_asked_for_twice_by_one_form_is_made_once(client):
    assessment = scored_assessment()
    key = form_key()

    first = change_sharing(client, assessment, "new", key)
    token = Assessment.objects.get().share_token
    second = change_sharing(client, assessment, "new", key)

    assert Assessment.objects.get().share_token == token
    assert second["Location"] == first["Location"]


def test_only_the_owners_link_reaches_the_switch(client):
    assessment = scored_assessment()

    response = client.post(
        f"/assessments/resume/{assessment.share_token}/sharing/",
        {"action": "stop", **form_key()},
    )

    assert response.status_code == 404
    assert Assessment.objects.get().is_shared


@pytest.mark.parametrize("action", ["", "delete", "stop "])
def test_an_unknown_action_changes_nothing(client, action):
    assessment = scored_assessment()
    token = assessment.share_token

    change_sharing(client, assessment, action)

    assessment.refresh_from_db()
    assert (assessment.share_token, assessment.is_shared) == (token, True)


def test_a_draft_has_no_share_link_to_change(client):
    draft = AssessmentFactory()
    token = draft.share_token

    change_sharing(client, draft, "new")

    draft.refresh_from_db()
    assert draft.share_token == token


def test_a_revised_copy_is_shared_under_its_own_new_link(client):
    assessment = scored_assessment()
    change_sharing(client, assessment, "stop")

    client.post(f"/assessments/resume/{assessment.resume_token}/revise/", form_key())

    copy = Assessment.objects.exclude(pk=assessment.pk).get()
    assert copy.is_shared
    assert copy.share_token != assessment.share_token


def test_a_refused_next_on_the_admin_login_lands_on_the_admin_index():
    consultant = ConsultantFactory(password="a long enough pass phrase 1")
    client = Client()

    response = client.post(
        "/admin/login/?next=https://attacker.example/",
        {"username": consultant.username, "password": "a long enough pass phrase 1"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
