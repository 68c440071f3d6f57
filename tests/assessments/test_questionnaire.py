"""The questionnaire step by step: company, tasks, review and submit, revise."""

import inspect
import re
from decimal import Decimal

import pytest

from assessments.models import MAX_TASKS, Assessment, Task
from catalog.models import ServiceType
from tests.assessments.questionnaire_helpers import company_data, form_key, task_row, tasks_post
from tests.factories import AssessmentFactory, SubmittedAssessmentFactory, TaskFactory

pytestmark = pytest.mark.django_db


def step(assessment, name):
    return f"/assessments/resume/{assessment.resume_token}/{name}/"


def page_text(response):
    return response.content.decode()


# --- Company ----------------------------------------------------------------------------


def test_start_page_shows_the_company_questions_with_explained_scales(client):
    response = client.get("/assessments/start/")

    assert response.status_code == 200
    page = page_text(response)
    assert "<legend" in page
    assert "Lower cost" in page
    assert "1 = hardly matters to us; 5 = decisive" in page.lower()
    assert 'aria-current="step"' in page


def test_saving_the_company_creates_a_draft_and_goes_to_the_tasks(client):
    response = client.post("/assessments/start/", company_data())

    assessment = Assessment.objects.get()
    assert assessment.company_name == "Harbour Logistics"
    assert assessment.status == Assessment.Status.DRAFT
    assert (assessment.priority_cost, assessment.priority_control) == (4, 2)
    assert response.status_code == 302
    assert response["Location"] == step(assessment, "tasks")
    assert str(assessment.pk) not in response["Location"].split("/")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"company_name": ""}, "This field is required."),
        ({"company_name": "x" * 121}, "at most 120 characters"),
        ({"priority_cost": "6"}, "Select a valid choice"),
        ({"priority_cost": None}, "This field is required."),
        ({"size_band": "huge"}, "Select a valid choice"),
        (
            {"allow_onshore": None, "allow_nearshore": None, "allow_offshore": None},
            "Allow at least one delivery location",
        ),
        ({"company_name": "\x00\u202e"}, "This field is required."),  # nothing left once cleaned
    ],
)
def test_invalid_company_answers_are_shown_again_with_a_message(client, changes, message):
    response = client.post("/assessments/start/", company_data(**changes))

    assert response.status_code == 200
    page = page_text(response)
    assert message in page
    assert 'class="alert alert-danger error-summary"' in page
    assert not Assessment.objects.exists()


def test_company_step_updates_the_draft(client):
    assessment = AssessmentFactory(company_name="Old name")

    response = client.post(step(assessment, "company"), company_data(company_name="New name"))

    assessment.refresh_from_db()
    assert assessment.company_name == "New name"
    assert response["Location"] == step(assessment, "tasks")


def test_start_page_offers_the_drafts_this_browser_holds(client):
    client.post("/assessments/start/", company_data(company_name="Draft in progress"))

    page = page_text(client.get("/assessments/start/"))

    assessment = Assessment.objects.get()
    assert "Continue where you left off" in page
    assert f"/assessments/resume/{assessment.resume_token}/" in page


# --- Tasks ------------------------------------------------------------------------------


def test_tasks_step_saves_new_rows_in_order(client):
    assessment = AssessmentFactory()

    response = client.post(
        step(assessment, "tasks"),
        tasks_post([task_row(name="First"), task_row(name="Second", monthly_cost="2,500.50")]),
    )

    assert response.status_code == 302
    tasks = list(assessment.tasks.all())
    assert [task.name for task in tasks] == ["First", "Second"]
    assert tasks[1].monthly_cost == Decimal("2500.50")
    assert tasks[0].position < tasks[1].position


def test_blank_extra_rows_are_ignored(client):
    assessment = AssessmentFactory()
    blank = dict.fromkeys(task_row(), "")

    client.post(step(assessment, "tasks"), tasks_post([task_row(), blank, blank]))

    assert assessment.tasks.count() == 1


def test_catalog_service_fills_in_the_ratings_left_blank(client):
    assessment = AssessmentFactory()
    service = ServiceType.objects.published().get(slug="data-entry")
    row = task_row(service_type=str(service.pk), complexity="", skill_level="", standardisation="")

    client.post(step(assessment, "tasks"), tasks_post([row]))

    task = assessment.tasks.get()
    assert task.service_type == service
    assert (task.complexity, task.skill_level, task.standardisation) == (
        service.typical_complexity,
        service.typical_skill_level,
        service.typical_standardisation,
    )
    assert task.prefilled_inputs == ["complexity", "skill_level", "standardisation"]
    assert task.assumed_inputs == []


def test_ratings_given_by_hand_win_over_the_catalog(client):
    assessment = AssessmentFactory()
    service = ServiceType.objects.published().get(slug="data-entry")

    client.post(
        step(assessment, "tasks"),
        tasks_post([task_row(service_type=str(service.pk), complexity="5")]),
    )

    task = assessment.tasks.get()
    assert task.complexity == 5
    assert "complexity" not in task.prefilled_inputs


def test_not_sure_and_a_blank_standardisation_count_as_the_middle_and_are_recorded(client):
    assessment = AssessmentFactory()
    row = task_row(strategic_importance="unsure", data_sensitivity="unsure", standardisation="")

    client.post(step(assessment, "tasks"), tasks_post([row]))

    task = assessment.tasks.get()
    assert (task.strategic_importance, task.data_sensitivity, task.standardisation) == (3, 3, 3)
    assert sorted(task.assumed_inputs) == [
        "data_sensitivity",
        "standardisation",
        "strategic_importance",
    ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "This field is required."),
        ({"complexity": ""}, "Choose 1 to 5, or pick a catalog service"),
        ({"skill_level": "0"}, "Select a valid choice"),
        ({"monthly_cost": "-1"}, "greater than or equal to 0"),
        ({"monthly_cost": "10000000.01"}, "less than or equal to 10000000"),
        ({"monthly_cost": "12.345"}, "no more than 2 decimal places"),
        ({"monthly_cost": "lots"}, "Enter a number."),
        ({"hours_per_month": "0"}, "greater than or equal to 0.01"),
        (
            {"hours_per_month": "200000.01"},
            "Enter at most 200,000 hours: the total people-hours a month across everyone",
        ),
        ({"service_type": "999999"}, "Select a valid choice"),
        ({"strategic_importance": ""}, "Choose 1 to 5, or Not sure."),
        ({"data_sensitivity": None}, "Choose 1 to 5, or Not sure."),
        ({"description": "d" * 1001}, "at most 1000 characters"),
    ],
)
def test_invalid_task_rows_are_shown_again_and_nothing_is_saved(client, changes, message):
    assessment = AssessmentFactory()
    kept = TaskFactory(assessment=assessment, name="Already saved")

    response = client.post(
        step(assessment, "tasks"),
        tasks_post([task_row(**changes)], existing=[(kept, {"name": "Renamed"})]),
    )

    assert response.status_code == 200
    page = page_text(response)
    assert message in page
    assert "Task 2" in page  # the error summary names the row
    assert list(assessment.tasks.values_list("name", flat=True)) == ["Already saved"]


@pytest.mark.parametrize(
    "hours",
    ["1600", "1,600", "200000", "200,000.00"],
    ids=["call-centre", "call-centre-with-comma", "bound", "bound-with-comma"],
)
def test_hours_are_the_teams_total_people_hours_up_to_200000(client, hours):
    # A 10-agent call centre works 10 x 160 = 1,600 people-hours a month.
    assessment = AssessmentFactory()

    response = client.post(step(assessment, "tasks"), tasks_post([task_row(hours_per_month=hours)]))

    assert response.status_code == 302
    assert assessment.tasks.get().hours_per_month == Decimal(hours.replace(",", ""))


def test_the_hours_field_says_they_are_the_whole_teams_people_hours(client):
    assessment = AssessmentFactory()

    page = page_text(client.get(step(assessment, "tasks")))

    assert "Team hours per month" in page
    assert (
        "Total people-hours a month across everyone who does this task "
        "(e.g. 10 agents x 160 h = 1,600)"
    ) in page


def test_existing_rows_can_be_changed_and_removed(client):
    assessment = AssessmentFactory()
    first = TaskFactory(assessment=assessment, name="Keep me")
    second = TaskFactory(assessment=assessment, name="Remove me")

    client.post(
        step(assessment, "tasks"),
        tasks_post([], existing=[(first, {"name": "Kept"}), (second, {"DELETE": "on"})]),
    )

    assert list(assessment.tasks.values_list("name", flat=True)) == ["Kept"]


def test_add_button_saves_and_offers_one_more_blank_row(client):
    assessment = AssessmentFactory()

    response = client.post(step(assessment, "tasks"), tasks_post([task_row()], action="add"))

    assert assessment.tasks.count() == 1
    assert response["Location"] == step(assessment, "tasks") + "?rows=1#new-task"
    page = page_text(client.get(response["Location"]))
    assert 'name="tasks-TOTAL_FORMS" value="2"' in page


def test_save_and_review_goes_to_the_review_step(client):
    assessment = AssessmentFactory()

    response = client.post(step(assessment, "tasks"), tasks_post([task_row()], action="review"))

    assert response["Location"] == step(assessment, "review")


def test_a_task_of_another_assessment_cannot_be_edited_through_a_tampered_row(client):
    mine = AssessmentFactory()
    own_task = TaskFactory(assessment=mine, name="Mine")
    foreign_task = TaskFactory(name="Not yours")
    foreign_owner = foreign_task.assessment_id
    data = tasks_post([], existing=[(own_task, {"name": "Changed"})])
    data["tasks-0-id"] = str(foreign_task.pk)

    response = client.post(step(mine, "tasks"), data)

    assert response.status_code == 200
    assert "not one of this assessment" in page_text(response)
    foreign_task.refresh_from_db()
    own_task.refresh_from_db()
    assert (foreign_task.name, foreign_task.assessment_id) == ("Not yours", foreign_owner)
    assert own_task.name == "Mine"


def test_a_post_without_the_formset_management_data_is_refused_politely(client):
    assessment = AssessmentFactory()

    response = client.post(step(assessment, "tasks"), {"action": "save"})

    assert response.status_code == 200
    assert "ManagementForm data is missing" in page_text(response)


def test_the_task_cap_is_enforced(client):
    assessment = AssessmentFactory()
    Task.objects.bulk_create(
        TaskFactory.build(assessment=assessment, position=n) for n in range(MAX_TASKS)
    )

    response = client.post(
        step(assessment, "tasks") + "?rows=1",
        {
            **tasks_post([task_row()]),
            "tasks-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert f"at most {MAX_TASKS} tasks" in page_text(response)
    assert assessment.tasks.count() == MAX_TASKS


# --- Guards, review and submit ----------------------------------------------------------


def test_review_before_any_task_redirects_to_the_tasks_step(client):
    assessment = AssessmentFactory()

    response = client.get(step(assessment, "review"))

    assert response["Location"] == step(assessment, "tasks")


def test_results_of_a_draft_redirect_to_its_first_incomplete_step(client):
    assessment = AssessmentFactory()
    TaskFactory(assessment=assessment)

    response = client.get(step(assessment, "results"), follow=True)

    assert response.redirect_chain[-1][0] == step(assessment, "review")


def test_resume_link_continues_where_the_draft_stands_in_any_browser(client):
    empty = AssessmentFactory()
    started = AssessmentFactory()
    TaskFactory(assessment=started)

    assert client.get(f"/assessments/resume/{empty.resume_token}/")["Location"] == step(
        empty, "tasks"
    )
    assert client.get(f"/assessments/resume/{started.resume_token}/")["Location"] == step(
        started, "review"
    )


def test_review_lists_the_tasks_and_submitting_scores_and_freezes_them(client):
    assessment = AssessmentFactory()
    TaskFactory(assessment=assessment, name="Payroll run")

    review = client.get(step(assessment, "review"))
    assert "Payroll run" in page_text(review)
    response = client.post(step(assessment, "review"), form_key())

    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED
    assert assessment.scoring_profile is not None
    assert assessment.tasks.get().recommendation in {"bpo", "kpo", "in_house"}
    assert response["Location"] == step(assessment, "results")


@pytest.mark.parametrize("hours", [Decimal("1600"), Decimal("200000")])
def test_a_teams_hours_are_scored_and_the_results_render(client, hours):
    # The outsourced price of 200,000 hours at the dearest rate must still fit its column.
    assessment = AssessmentFactory()
    TaskFactory(assessment=assessment, monthly_cost=Decimal("10000000"), hours_per_month=hours)

    client.post(step(assessment, "review"), form_key())

    task = assessment.tasks.get()
    assert task.recommendation in {"bpo", "kpo", "in_house"}
    assert task.hours_per_month == hours
    assert client.get(step(assessment, "results")).status_code == 200


def test_review_totals_the_monthly_cost_and_the_hours_given(client):
    assessment = AssessmentFactory()
    TaskFactory(assessment=assessment, monthly_cost=Decimal("1200.50"), hours_per_month=40)
    TaskFactory(assessment=assessment, monthly_cost=Decimal("3000"), hours_per_month=None)
    TaskFactory(
        assessment=assessment, monthly_cost=Decimal("99.25"), hours_per_month=Decimal("12.5")
    )

    page = page_text(client.get(step(assessment, "review")))

    footer = re.search(r"<tfoot>(.*)</tfoot>", page, re.S).group(1)
    words = " ".join(re.sub(r"<[^>]+>", " ", footer).split())
    assert words == "Total $4,299.75 52.50 1 task without hours: estimated when scored"


def test_a_submit_that_lost_the_race_to_another_goes_to_the_results_without_an_error(rf):
    # Two clicks at once: both requests found a draft, the first submitted it, and the
    # second's submit is refused. Its owner gets the results, not an error.
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage

    from assessments import drafts
    from assessments.views.questionnaire import review

    assessment = AssessmentFactory()
    TaskFactory(assessment=assessment)
    second = Assessment.objects.get(pk=assessment.pk)  # as the second request loaded it
    drafts.submit(assessment)  # the first request
    request = rf.post(step(assessment, "review"), form_key())
    request.session = {}
    request._messages = FallbackStorage(request)

    response = inspect.unwrap(review)(request, second)

    assert response["Location"] == step(assessment, "results")
    assert list(get_messages(request)) == []


def test_submitting_an_empty_draft_is_refused_with_a_message(client):
    assessment = AssessmentFactory()

    response = client.post(step(assessment, "review"), form_key(), follow=True)

    assert response.redirect_chain[0][0] == step(assessment, "tasks")
    assert "Add at least one task before submitting." in page_text(response)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT


@pytest.mark.parametrize("name", ["company", "tasks", "upload", "review"])
def test_a_submitted_assessment_cannot_be_edited(client, name):
    assessment = SubmittedAssessmentFactory()
    TaskFactory(assessment=assessment, name="Frozen")

    get = client.get(step(assessment, name))
    post = client.post(step(assessment, name), company_data(company_name="Changed"))

    assert get["Location"] == post["Location"] == step(assessment, "results")
    assessment.refresh_from_db()
    assert assessment.company_name != "Changed"
    assert assessment.tasks.get().name == "Frozen"


def test_revise_makes_an_editable_copy_with_new_links(client):
    assessment = SubmittedAssessmentFactory(company_name="Frozen Ltd")
    TaskFactory(assessment=assessment, name="Bookkeeping")

    response = client.post(step(assessment, "revise"), form_key())

    copy = Assessment.objects.exclude(pk=assessment.pk).get()
    assert copy.status == Assessment.Status.DRAFT
    assert copy.company_name == "Frozen Ltd"
    assert list(copy.tasks.values_list("name", flat=True)) == ["Bookkeeping"]
    assert {copy.resume_token, copy.share_token}.isdisjoint(
        {assessment.resume_token, assessment.share_token}
    )
    assert response["Location"] == step(copy, "tasks")
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED


def test_revise_refuses_a_get(client):
    assessment = SubmittedAssessmentFactory()
    assert client.get(step(assessment, "revise")).status_code == 405
    assert Assessment.objects.count() == 1


def test_saving_rows_costs_a_query_or_two_per_row_not_one_per_constraint(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assessment = AssessmentFactory()

    with CaptureQueriesContext(connection) as queries:
        client.post(step(assessment, "tasks"), tasks_post([task_row()] * 20))

    assert assessment.tasks.count() == 20
    assert len(queries) < 2 * 20 + 20


@pytest.mark.parametrize("hours", [Decimal("1600"), Decimal("200000.00")])
def test_the_database_stores_a_teams_hours_up_to_the_bound_exactly(hours):
    task = TaskFactory(hours_per_month=hours)

    task.refresh_from_db()
    assert task.hours_per_month == hours


def test_the_database_refuses_hours_past_the_bound():
    from django.db import IntegrityError, transaction

    assessment = AssessmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        TaskFactory(assessment=assessment, hours_per_month=Decimal("200000.01"))
    assert not assessment.tasks.exists()


def test_the_database_still_refuses_what_the_form_would(client):
    from django.db import IntegrityError, transaction

    assessment = AssessmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.create(
            assessment=assessment, name="x", complexity=9, skill_level=1, monthly_cost=1
        )
