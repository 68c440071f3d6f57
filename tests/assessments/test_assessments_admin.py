"""The consultants' admin for scoring profiles (versioned) and assessments (read-only)."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import services
from assessments.models import Assessment
from assessments.profiles import ONSHORE_BELOW_OFFSHORE, ScoringProfile
from tests.assessments.task_values import MIDDLING
from tests.factories import (
    AssessmentFactory,
    ConsultantFactory,
    IndustryFactory,
    SubmittedAssessmentFactory,
    TaskFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def admin_url(model, view, *args):
    return reverse(f"admin:assessments_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def consultant():
    return ConsultantFactory()


@pytest.fixture
def consultant_client(client, consultant):
    client.force_login(consultant)
    return client


def form_data(form):
    """Every field of an admin form as a browser would post it back unchanged."""
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        data[name] = "" if value is None else str(value)
    return data


def profile_change_post(client, profile, **changes):
    url = admin_url(ScoringProfile, "change", profile.pk)
    page = client.get(url)
    assert page.status_code == 200
    data = {**form_data(page.context["adminform"].form), **changes}
    return client.post(url, data)


# --- Scoring profiles --------------------------------------------------------------------


def test_consultant_sees_the_scoring_profile_changelist_and_change_form(consultant_client):
    profile = ScoringProfile.objects.current()

    changelist = consultant_client.get(admin_url(ScoringProfile, "changelist"))
    change = consultant_client.get(admin_url(ScoringProfile, "change", profile.pk))

    assert changelist.status_code == 200
    assert list(changelist.context["cl"].result_list) == [profile]
    assert change.status_code == 200
    assert change.context["original"] == profile
    assert b'name="_save"' in change.content
    assert "weight_fit" in change.context["adminform"].form.fields


def test_saving_a_profile_adds_a_current_version_and_keeps_the_old_one(
    consultant_client, consultant
):
    first = ScoringProfile.objects.current()
    untouched = form_data(
        consultant_client.get(admin_url(ScoringProfile, "change", first.pk))
        .context["adminform"]
        .form
    )

    response = profile_change_post(
        consultant_client, first, weight_fit="42.5", note="More weight on fit."
    )

    assert response.status_code == 302
    assert ScoringProfile.objects.count() == 2
    second = ScoringProfile.objects.current()
    assert (second.version, second.weight_fit, second.created_by) == (
        2,
        Decimal("42.5"),
        consultant,
    )
    assert second.note == "More weight on fit."
    first.refresh_from_db()
    assert first.is_current is False
    assert first.weight_fit == Decimal("30")
    assert first.created_by is None
    first_page = consultant_client.get(admin_url(ScoringProfile, "change", first.pk))
    assert form_data(first_page.context["adminform"].form) == untouched


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"weight_fit": "150"}, "weight_fit", "less than or equal to 100"),
        ({"transition_months": "13"}, "transition_months", "less than or equal to 12"),
        (
            {"onshore_only_sensitivity": "3", "no_offshore_sensitivity": "4"},
            "onshore_only_sensitivity",
            ONSHORE_BELOW_OFFSHORE,
        ),
        (
            {"confidence_medium_margin": "20.0", "confidence_high_margin": "15.0"},
            "confidence_medium_margin",
            "The medium margin cannot exceed the high margin.",
        ),
    ],
    ids=["weight-150", "transition-13", "onshore-below-offshore", "medium-above-high"],
)
def test_an_invalid_profile_is_refused_with_a_message_on_the_field(
    consultant_client, changes, field, message
):
    response = profile_change_post(consultant_client, ScoringProfile.objects.current(), **changes)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors.get(field, [])), errors
    assert ScoringProfile.objects.count() == 1
    assert ScoringProfile.objects.current().version == 1


def test_an_invalid_profile_shows_the_margin_message_somewhere_on_the_form(consultant_client):
    response = profile_change_post(
        consultant_client,
        ScoringProfile.objects.current(),
        confidence_medium_margin="20.0",
        confidence_high_margin="15.0",
    )
    assert response.status_code == 200
    assert "The medium margin cannot exceed the high margin." in response.content.decode()
    assert ScoringProfile.objects.count() == 1


def test_scoring_profiles_cannot_be_deleted(consultant_client):
    profile = ScoringProfile.objects.current()

    change = consultant_client.get(admin_url(ScoringProfile, "change", profile.pk))
    delete = consultant_client.post(
        admin_url(ScoringProfile, "delete", profile.pk), {"post": "yes"}
    )

    assert admin_url(ScoringProfile, "delete", profile.pk) not in change.content.decode()
    assert delete.status_code == 403
    assert ScoringProfile.objects.filter(pk=profile.pk).exists()


def test_even_a_superuser_cannot_delete_a_scoring_profile(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    profile = ScoringProfile.objects.current()
    response = client.post(admin_url(ScoringProfile, "delete", profile.pk), {"post": "yes"})
    assert response.status_code == 403
    assert ScoringProfile.objects.filter(pk=profile.pk).exists()


# --- Assessments -------------------------------------------------------------------------


def assessment_with_answers(*answers, **fields):
    assessment = SubmittedAssessmentFactory(**fields)
    for answer in answers:
        TaskFactory(assessment=assessment, recommendation=answer)
    return assessment


def test_assessment_changelist_counts_the_tasks_for_each_answer(consultant_client):
    assessment_with_answers("bpo", "bpo", "kpo", "in_house", "", company_name="Mixed Ltd")
    assessment_with_answers("in_house", company_name="Careful Ltd")
    assessment_with_answers(company_name="Empty Ltd")

    response = consultant_client.get(admin_url(Assessment, "changelist"))

    assert response.status_code == 200
    counts = {
        row.company_name: (row.task_total, row.bpo_total, row.kpo_total, row.in_house_total)
        for row in response.context["cl"].result_list
    }
    assert counts == {
        "Mixed Ltd": (5, 2, 1, 1),
        "Careful Ltd": (1, 0, 0, 1),
        "Empty Ltd": (0, 0, 0, 0),
    }
    page = response.content.decode()
    mixed_row = next(row for row in page.split("<tr") if "Mixed Ltd" in row)
    cells = dict(re.findall(r'class="field-(\w+)[^"]*">([^<]*)<', mixed_row))
    assert (cells["task_count"], cells["bpo_count"], cells["kpo_count"]) == ("5", "2", "1")
    assert cells["in_house_count"] == "1"


def changelist_query_count(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(Assessment, "changelist"))
    assert response.status_code == 200
    return len(queries), response.context["cl"].result_count


def test_assessment_changelist_query_count_is_constant(consultant_client):
    profile = ScoringProfile.objects.current()

    def scored_assessment():
        return assessment_with_answers(
            "bpo", "kpo", "in_house", industry=IndustryFactory(), scoring_profile=profile
        )

    scored_assessment()
    one, count = changelist_query_count(consultant_client)
    for _ in range(19):
        scored_assessment()
    twenty, count_after = changelist_query_count(consultant_client)

    assert (count, count_after) == (1, 20)
    assert twenty == one


def test_assessment_change_page_is_read_only_for_a_consultant(consultant_client):
    assessment = assessment_with_answers("bpo", company_name="Acme Ltd")
    url = admin_url(Assessment, "change", assessment.pk)

    page = consultant_client.get(url)
    consultant_client.post(url, {"company_name": "Changed Ltd"})

    assert page.status_code == 200
    assert "Acme Ltd" in page.content.decode()
    assert b'name="_save"' not in page.content
    assert b'name="_continue"' not in page.content
    assessment.refresh_from_db()
    assert assessment.company_name == "Acme Ltd"


def test_assessment_fields_are_read_only_even_for_a_superuser(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assessment = assessment_with_answers("bpo", company_name="Acme Ltd")

    page = client.get(admin_url(Assessment, "change", assessment.pk))

    assert page.status_code == 200
    assert page.context["adminform"].form.fields == {}
    tokens = str(assessment.share_token), str(assessment.resume_token)
    assert not any(token in page.content.decode() for token in tokens)


def test_rescore_action_rescores_the_selected_submitted_assessments(consultant_client):
    chosen = [SubmittedAssessmentFactory(), SubmittedAssessmentFactory()]
    left_alone = SubmittedAssessmentFactory()
    draft = AssessmentFactory()
    for assessment in [*chosen, left_alone, draft]:
        TaskFactory(assessment=assessment, **MIDDLING)
    for assessment in [*chosen, left_alone]:
        services.score_assessment(assessment)
    before = {a.pk: a.tasks.get().in_house_score for a in chosen}
    profile = ScoringProfile.objects.current()
    profile.weight_sensitivity_in_house = Decimal("100")
    profile.weight_strategic_in_house = Decimal("1")
    services.publish_profile(profile)

    response = consultant_client.post(
        admin_url(Assessment, "changelist"),
        {
            "action": "rescore_with_current_profile",
            "_selected_action": [a.pk for a in [*chosen, draft]],
        },
        follow=True,
    )

    assert response.status_code == 200
    assert "2 assessment(s) re-scored." in response.content.decode()
    for assessment in chosen:
        assessment.refresh_from_db()
        assert assessment.scoring_profile.version == 2
        assert assessment.tasks.get().in_house_score != before[assessment.pk]
    left_alone.refresh_from_db()
    draft.refresh_from_db()
    assert left_alone.scoring_profile.version == 1
    assert draft.scoring_profile is None
    assert draft.tasks.get().recommendation == ""


def test_staff_without_the_rescore_permission_are_not_offered_the_action(client):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_assessment"))
    client.force_login(staff)
    response = client.get(admin_url(Assessment, "changelist"))
    assert response.status_code == 200
    assert b"rescore_with_current_profile" not in response.content


def test_a_consultant_cannot_add_or_delete_assessments(consultant_client):
    assessment = assessment_with_answers("bpo")
    assert consultant_client.get(admin_url(Assessment, "add")).status_code == 403
    delete = consultant_client.post(admin_url(Assessment, "delete", assessment.pk), {"post": "yes"})
    assert delete.status_code == 403
    assert Assessment.objects.filter(pk=assessment.pk).exists()


@pytest.mark.parametrize(
    ("model", "view"),
    [(ScoringProfile, "changelist"), (ScoringProfile, "add"), (Assessment, "changelist")],
    ids=["profiles", "add-profile", "assessments"],
)
def test_staff_without_the_consultants_group_get_403(client, model, view):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(admin_url(model, view)).status_code == 403
