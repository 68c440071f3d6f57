"""The consultants' admin for scoring profiles (versioned), assessments and tasks (read-only)."""

import html
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Concat
from django.test.utils import CaptureQueriesContext

from assessments import services
from assessments.admin import INLINE_TASKS_LIMIT
from assessments.models import Assessment, Task
from assessments.profiles import ONSHORE_BELOW_OFFSHORE, TRANSFER_ORDER, ScoringProfile
from tests.admin_helpers import admin_url
from tests.assessments.task_values import MIDDLING
from tests.factories import (
    AssessmentFactory,
    ConsultantFactory,
    IndustryFactory,
    ServiceTypeFactory,
    SubmittedAssessmentFactory,
    TaskFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


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


def test_consultant_sees_every_profile_version_newest_first_and_the_change_form(
    consultant_client,
):
    profile = ScoringProfile.objects.current()
    method_1 = ScoringProfile.objects.get(version=1)

    changelist = consultant_client.get(admin_url(ScoringProfile, "changelist"))
    change = consultant_client.get(admin_url(ScoringProfile, "change", profile.pk))

    assert changelist.status_code == 200
    # The migrations leave version 1 (method 1) and the current method 2 version after it.
    assert list(changelist.context["cl"].result_list) == [profile, method_1]
    assert (profile.method, method_1.method) == (2, 1)
    assert change.status_code == 200
    assert change.context["original"] == profile
    assert b'name="_save"' in change.content
    fields = change.context["adminform"].form.fields
    assert {"method", "weight_fit", "weight_strategic", "horizon_months"} <= set(fields)


def test_saving_a_profile_adds_a_current_version_and_keeps_the_old_one(
    consultant_client, consultant
):
    first = ScoringProfile.objects.current()
    untouched = form_data(
        consultant_client.get(admin_url(ScoringProfile, "change", first.pk))
        .context["adminform"]
        .form
    )

    versions = ScoringProfile.objects.count()
    first_fit = first.weight_fit
    assert first_fit != Decimal("42.5")

    response = profile_change_post(
        consultant_client, first, weight_fit="42.5", note="More weight on fit."
    )

    assert response.status_code == 302
    assert ScoringProfile.objects.count() == versions + 1
    second = ScoringProfile.objects.current()
    assert (second.version, second.weight_fit, second.created_by) == (
        first.version + 1,
        Decimal("42.5"),
        consultant,
    )
    assert second.method == first.method
    assert second.note == "More weight on fit."
    first.refresh_from_db()
    assert first.is_current is False
    assert first.weight_fit == first_fit
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
        ({"horizon_months": "61"}, "horizon_months", "less than or equal to 60"),
        ({"weight_strategic": "101"}, "weight_strategic", "less than or equal to 100"),
        (
            {"transfer_months_min": "7.0", "transfer_months_max": "6.0"},
            "transfer_months_min",
            TRANSFER_ORDER,
        ),
    ],
    ids=[
        "weight-150",
        "transition-13",
        "onshore-below-offshore",
        "medium-above-high",
        "horizon-61",
        "strategic-101",
        "transfer-min-above-max",
    ],
)
def test_an_invalid_profile_is_refused_with_a_message_on_the_field(
    consultant_client, changes, field, message
):
    current = ScoringProfile.objects.current()
    versions = ScoringProfile.objects.count()

    response = profile_change_post(consultant_client, current, **changes)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors.get(field, [])), errors
    assert ScoringProfile.objects.count() == versions
    assert ScoringProfile.objects.current() == current


def test_an_invalid_profile_shows_the_margin_message_somewhere_on_the_form(consultant_client):
    versions = ScoringProfile.objects.count()
    response = profile_change_post(
        consultant_client,
        ScoringProfile.objects.current(),
        confidence_medium_margin="20.0",
        confidence_high_margin="15.0",
    )
    assert response.status_code == 200
    assert "The medium margin cannot exceed the high margin." in response.content.decode()
    assert ScoringProfile.objects.count() == versions


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
    scored_with = ScoringProfile.objects.current()
    assert scored_with.method == 2
    profile = ScoringProfile.objects.current()
    # Method 2's weights: one per factor, shared by every answer (in-house included).
    profile.weight_sensitivity = Decimal("100")
    profile.weight_strategic = Decimal("1")
    published = services.publish_profile(profile)

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
        assert assessment.scoring_profile == published
        assert published.version == scored_with.version + 1
        assert assessment.tasks.get().in_house_score != before[assessment.pk]
    left_alone.refresh_from_db()
    draft.refresh_from_db()
    assert left_alone.scoring_profile == scored_with
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
    [
        (ScoringProfile, "changelist"),
        (ScoringProfile, "add"),
        (Assessment, "changelist"),
        (Task, "changelist"),
    ],
    ids=["profiles", "add-profile", "assessments", "tasks"],
)
def test_staff_without_the_consultants_group_get_403(client, model, view):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(admin_url(model, view)).status_code == 403


# --- Tasks -------------------------------------------------------------------------------


def scored_tasks(assessment, answers, service_types=(None,)):
    """Tasks of `assessment` named in list order, with these answers, and these service
    types in turn."""
    Task.objects.bulk_create(
        TaskFactory.build(
            assessment=assessment,
            position=n,
            name=f"Row {n}",
            recommendation=answer,
            service_type=service_types[n % len(service_types)],
        )
        for n, answer in enumerate(answers, start=1)
    )


def inline_rows(page):
    return len(re.findall(r'<tr class="form-row', page.content.decode()))


def test_a_small_assessment_lists_its_tasks_inline_with_a_count_per_answer(consultant_client):
    assessment = SubmittedAssessmentFactory(company_name="Small Ltd")
    scored_tasks(assessment, ["bpo", "bpo", "kpo", "in_house", ""])

    page = consultant_client.get(admin_url(Assessment, "change", assessment.pk))

    assert inline_rows(page) == 5
    text = page.content.decode()
    assert "5 tasks: 2 BPO, 1 KPO, 1 in-house, 1 not scored (listed below)." in text
    assert f'href="{admin_url(Task, "changelist")}?assessment={assessment.pk}"' in text


def test_a_large_assessment_links_to_its_tasks_instead_of_listing_them(consultant_client):
    assessment = SubmittedAssessmentFactory(company_name="Large Ltd")
    count = INLINE_TASKS_LIMIT + 1
    scored_tasks(assessment, ["bpo", "kpo", "in_house"] * (count // 3) + ["bpo"] * (count % 3))

    page = consultant_client.get(admin_url(Assessment, "change", assessment.pk))

    assert page.status_code == 200
    assert inline_rows(page) == 0
    assert "Row 1<" not in page.content.decode()
    bpo = count // 3 + count % 3
    assert (
        f"{count} tasks: {bpo} BPO, {count // 3} KPO, {count // 3} in-house, 0 not scored "
        "(too many to list here)."
    ) in page.content.decode()


def task_list(client, query=""):
    response = client.get(admin_url(Task, "changelist") + query)
    assert response.status_code == 200
    return response, [task.name for task in response.context["cl"].result_list]


def test_the_task_list_shows_one_assessments_tasks_a_page_at_a_time_in_list_order(
    consultant_client,
):
    assessment = SubmittedAssessmentFactory(company_name="Paged Ltd")
    scored_tasks(assessment, ["bpo"] * 130)
    other = SubmittedAssessmentFactory(company_name="Other Ltd")
    scored_tasks(other, ["kpo"] * 3)

    response, names = task_list(consultant_client, f"?assessment={assessment.pk}")
    _, second = task_list(consultant_client, f"?assessment={assessment.pk}&p=2")

    assert names == [f"Row {n}" for n in range(1, 101)]
    assert second == [f"Row {n}" for n in range(101, 131)]
    assert response.context["cl"].result_count == 130
    page = response.content.decode()
    # The filter names the assessment chosen, and links back to its page.
    assert "Paged Ltd" in page
    assert "Other Ltd" not in page
    assert admin_url(Assessment, "change", assessment.pk) in page


def test_the_task_list_filters_by_answer_and_searches_by_name(consultant_client):
    assessment = SubmittedAssessmentFactory(company_name="Searchable Ltd")
    scored_tasks(assessment, ["bpo", "kpo", "in_house", "kpo"])

    _, kpo = task_list(consultant_client, f"?assessment={assessment.pk}&recommendation=kpo")
    _, found = task_list(consultant_client, "?q=Row+3")

    assert kpo == ["Row 2", "Row 4"]
    assert found == ["Row 3"]


# "\u0661" is an Arabic-Indic one: a decimal digit to str.isdecimal, not a key.
@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999999999999", "1.5", "\u0661", ""])
def test_a_task_list_for_an_assessment_that_cannot_exist_is_empty(consultant_client, value):
    scored_tasks(SubmittedAssessmentFactory(), ["bpo"])

    _response, names = task_list(consultant_client, f"?assessment={value}")

    assert names == []


def test_the_task_list_query_count_does_not_grow_with_the_tasks(consultant_client):
    assessment = SubmittedAssessmentFactory()
    scored_tasks(assessment, ["bpo"] * 3)
    query = f"?assessment={assessment.pk}"
    with CaptureQueriesContext(connection) as few:
        task_list(consultant_client, query)
    Task.objects.filter(assessment=assessment).delete()
    scored_tasks(assessment, ["bpo", "kpo"] * 60, [ServiceTypeFactory() for _ in range(5)])
    with CaptureQueriesContext(connection) as many:
        task_list(consultant_client, query)

    assert len(many) == len(few)


def test_a_task_is_read_only_and_shows_its_reasons_and_what_if(consultant_client):
    assessment = SubmittedAssessmentFactory()
    TaskFactory(assessment=assessment, name="Payroll", **MIDDLING)
    services.score_assessment(assessment)
    task = assessment.tasks.get()
    url = admin_url(Task, "change", task.pk)

    page = consultant_client.get(url)
    post = consultant_client.post(url, {**task_form_values(task), "name": "Changed"})

    assert page.status_code == 200
    assert post.status_code == 403
    text = page.content.decode()
    assert b'name="_save"' not in page.content
    first_reason = task.result["reasons"][0]
    assert f"{first_reason['text']} (favours {first_reason['favours_label']}" in text
    assert task.result["what_if"] is not None  # MIDDLING: one step can change the answer
    assert task.result["what_if"]["text"] in text
    task.refresh_from_db()
    assert task.name == "Payroll"
    tokens = str(assessment.share_token), str(assessment.resume_token)
    assert not any(token in text for token in tokens)


def task_form_values(task):
    """Every input of a task as a change form would post it."""
    names = ["name", "description", "complexity", "skill_level", "monthly_cost"]
    names += ["hours_per_month", "strategic_importance", "data_sensitivity", "standardisation"]
    return {name: "" if getattr(task, name) is None else str(getattr(task, name)) for name in names}


def test_a_stored_reason_without_its_label_still_shows(consultant_client):
    task = TaskFactory(assessment=SubmittedAssessmentFactory(), recommendation="bpo")
    task.result = {"reasons": [{"text": "Cheaper abroad", "favours": "bpo", "points": 9.5}]}
    task.save()

    page = consultant_client.get(admin_url(Task, "change", task.pk))

    assert page.status_code == 200
    assert "Cheaper abroad (favours BPO, 9.5 points)" in page.content.decode()


def test_the_task_list_filters_by_delivery_location_from_the_fixed_kinds(consultant_client):
    assessment = SubmittedAssessmentFactory()
    scored_tasks(assessment, ["bpo", "kpo", "in_house"])
    Task.objects.filter(name="Row 1").update(delivery_location="offshore")
    Task.objects.filter(name="Row 2").update(delivery_location="onshore")

    response, offshore = task_list(consultant_client, "?delivery_location=offshore")
    _, none = task_list(consultant_client, "?delivery_location=none")

    assert (offshore, none) == (["Row 1"], ["Row 3"])
    # Every kind is offered, whether or not a task has it: no look-up over the tasks.
    assert "?delivery_location=nearshore" in response.content.decode()


def test_the_task_list_shows_the_newest_assessments_first_each_in_list_order(
    consultant_client,
):
    older, newer = SubmittedAssessmentFactory(), SubmittedAssessmentFactory()
    scored_tasks(older, ["bpo", "bpo"])
    Task.objects.filter(assessment=older).update(name=Concat(Value("Old "), "name"))
    scored_tasks(newer, ["kpo", "kpo"])
    Assessment.objects.filter(pk=older.pk).update(created_at=newer.created_at - timedelta(days=1))

    _, names = task_list(consultant_client)

    assert names == ["Row 1", "Row 2", "Old Row 1", "Old Row 2"]


def test_an_assessment_without_tasks_says_so(consultant_client):
    assessment = SubmittedAssessmentFactory()

    page = consultant_client.get(admin_url(Assessment, "change", assessment.pk))

    assert "No tasks yet." in page.content.decode()
    assert "Open them in the task list" not in page.content.decode()


def test_a_superuser_deletes_an_assessment_with_its_tasks(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assessment = SubmittedAssessmentFactory()
    scored_tasks(assessment, ["bpo", "kpo"])
    url = admin_url(Assessment, "delete", assessment.pk)

    confirm = client.get(url)
    response = client.post(url, {"post": "yes"})

    assert confirm.context["perms_lacking"] == set()
    assert response.status_code == 302
    assert not Assessment.objects.filter(pk=assessment.pk).exists()
    assert not Task.objects.exists()


def test_a_superuser_deletes_assessments_with_their_tasks_from_the_list(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    chosen = [SubmittedAssessmentFactory(), SubmittedAssessmentFactory()]
    for assessment in chosen:
        scored_tasks(assessment, ["bpo"])

    response = client.post(
        admin_url(Assessment, "changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [str(a.pk) for a in chosen],
            "post": "yes",
        },
    )

    assert response.status_code == 302
    assert not Assessment.objects.exists()
    assert not Task.objects.exists()


def test_nobody_adds_or_deletes_tasks_here_not_even_a_superuser(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    task = TaskFactory(assessment=SubmittedAssessmentFactory())

    assert client.get(admin_url(Task, "add")).status_code == 403
    delete = client.post(admin_url(Task, "delete", task.pk), {"post": "yes"})
    assert delete.status_code == 403
    assert Task.objects.filter(pk=task.pk).exists()


@pytest.mark.parametrize(
    ("model", "lookup"),
    [
        (Assessment, "resume_token__startswith"),
        (Assessment, "share_token__startswith"),
        (Assessment, "resume_token"),
        (Task, "assessment__resume_token__startswith"),
        (Task, "assessment__share_token__startswith"),
    ],
)
def test_a_consultant_cannot_filter_on_an_owners_private_token(consultant_client, model, lookup):
    # Filtering on a prefix and reading the result count recovered a whole token, one
    # character at a time: every such filter is refused, right prefix or not.
    assessment = SubmittedAssessmentFactory()
    TaskFactory(assessment=assessment)
    token = str(assessment.resume_token if "resume" in lookup else assessment.share_token)
    value = token if lookup.endswith("_token") else token[0]

    response = consultant_client.get(admin_url(model, "changelist"), {lookup: value})

    assert response.status_code == 400
    assert token not in response.content.decode()


def test_the_assessment_changelist_still_filters_on_ordinary_fields(consultant_client):
    SubmittedAssessmentFactory(company_name="Kept Ltd")

    response = consultant_client.get(admin_url(Assessment, "changelist"), {"status": "submitted"})

    assert response.status_code == 200
    assert [row.company_name for row in response.context["cl"].result_list] == ["Kept Ltd"]


# --- What scoring stored as JSON, shown as tables ----------------------------------------


def readonly_cell(page, name):
    """The HTML of one read-only field of an admin change page."""
    match = re.search(
        rf'<div class="form-row field-{name}">.*?<div class="readonly">(.*?)</div>\s*</div>',
        page,
        re.S,
    )
    assert match, f"no read-only field {name}"
    return match.group(1)


def test_an_assessments_rates_snapshot_and_summary_show_as_tables_not_json(consultant_client):
    assessment = SubmittedAssessmentFactory()
    TaskFactory(assessment=assessment, **MIDDLING)
    services.score_assessment(assessment)
    assessment.refresh_from_db()

    page = consultant_client.get(admin_url(Assessment, "change", assessment.pk)).content.decode()

    snapshot = readonly_cell(page, "rates_snapshot_table")
    summary = readonly_cell(page, "summary_table")
    assert "Rates snapshot:" in page
    assert "Summary:" in page
    for cell, label in ((snapshot, "Rates snapshot"), (summary, "Summary")):
        # In a region of its own that a keyboard can scroll sideways on a phone.
        assert cell.startswith(
            f'<div class="scroll-region" role="region" tabindex="0" aria-label="{label}">'
            '<table class="json-table">'
        )
        assert "{&quot;" not in cell  # no JSON text
        assert "&quot;:" not in cell
    first_rate = assessment.rates_snapshot["rates"][0]
    header = "".join(f'<th scope="col">{key}</th>' for key in first_rate)
    assert header in snapshot  # the rates as one table, a column per figure
    row = "".join(f"<td>{value}</td>" for value in first_rate.values())
    assert f"<tr>{row}</tr>" in snapshot
    assert '<th scope="row">task count</th><td>1</td>' in summary
    saving = assessment.summary["saving_monthly"]
    assert f'<th scope="row">saving monthly</th><td>{saving}</td>' in summary


def test_json_values_are_escaped_and_empty_ones_shown_as_a_dash(consultant_client):
    assessment = SubmittedAssessmentFactory()
    assessment.summary = {"note": "<script>alert(1)</script>", "plan": None, "counts": {}}
    assessment.rates_snapshot = {"task_service_types": [f"svc-{n}" for n in range(25)]}
    assessment.save()

    page = consultant_client.get(admin_url(Assessment, "change", assessment.pk)).content.decode()

    summary = readonly_cell(page, "summary_table")
    assert "<script>" not in summary
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in summary
    assert '<th scope="row">plan</th><td>—</td>' in summary
    assert '<th scope="row">counts</th><td>—</td>' in summary
    snapshot = readonly_cell(page, "rates_snapshot_table")
    assert snapshot.count("<li>svc-") == 20
    assert "<li>and 5 more</li>" in snapshot


def test_a_tasks_costs_and_notes_show_as_a_table(consultant_client):
    assessment = SubmittedAssessmentFactory()
    TaskFactory(assessment=assessment, **MIDDLING)
    services.score_assessment(assessment)
    task = assessment.tasks.get()

    page = consultant_client.get(admin_url(Task, "change", task.pk)).content.decode()

    details = readonly_cell(page, "scoring_details")
    bpo = task.result["costs"]["bpo"]
    assert f'<th scope="col">{next(iter(bpo)).replace("_", " ")}</th>' in details
    # One row per answer; its cells follow the order the database keeps the keys in (JSONB
    # sorts them), so the row is read whole.
    bpo_row = re.search(r'<tr><th scope="row">bpo</th>(.*?)</tr>', details).group(1)
    assert f"<td>{'yes' if bpo['available'] else 'no'}</td>" in bpo_row
    assert f"<td>{bpo['monthly']}</td>" in bpo_row
    for note in task.result["notes"]:
        assert f"<li>{html.escape(note, quote=True)}</li>" in details
    assert "&quot;reasons&quot;" not in page  # shown above as sentences, not repeated as JSON
