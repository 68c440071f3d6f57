"""The tasks step as the server renders it (before any script): saved rows fold their
ratings into one line, new rows and rows with errors are open, the running total counts the
saved tasks, and an upload lands on a summary of the list."""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments import task_totals
from assessments.forms import TaskForm
from assessments.models import Task
from assessments.views.task_pages import TASKS_PER_PAGE
from catalog.models import ServiceType
from catalog.money import format_money
from tests.assessments.questionnaire_helpers import form_key, task_row, tasks_post
from tests.factories import AssessmentFactory, TaskFactory

pytestmark = pytest.mark.django_db


def step(assessment, name="tasks"):
    return f"/assessments/resume/{assessment.resume_token}/{name}/"


def details(page):
    """The folded-ratings element of each row, in order: True where it is open (the
    template the page's script copies for a new row is left out)."""
    rows = page[: page.index('<template id="task-row-template">')]
    return [" open" in tag for tag in re.findall(r'<details class="task-details"[^>]*>', rows)]


def money(amount, assessment):
    return format_money(amount, assessment.currency, getattr(assessment, "country", None))


def test_saved_rows_are_folded_and_the_blank_row_is_open(client):
    assessment = AssessmentFactory()
    TaskFactory(assessment=assessment, name="Payroll", complexity=3, assumed_inputs=[])
    TaskFactory(
        assessment=assessment,
        name="Client emails",
        assumed_inputs=["strategic_importance", "standardisation"],
    )

    page = client.get(step(assessment)).content.decode()

    assert details(page) == [False, False, True]
    assert ": complexity 3, skill 2, standardisation 4, importance 2, sensitivity 2<" in page
    assert (
        ": complexity 2, skill 2, standardisation not rated, importance not sure, "
        "sensitivity 2<" in page
    )


def test_a_row_with_an_error_opens_its_ratings(client):
    assessment = AssessmentFactory()
    task = TaskFactory(assessment=assessment)

    response = client.post(
        step(assessment), tasks_post([], existing=[(task, {"strategic_importance": ""})])
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose 1 to 5, or Not sure." in page
    assert details(page)[0] is True


def test_the_ratings_line_names_what_the_owner_left_blank():
    form = TaskForm(
        data={
            f"tasks-0-{key}": value
            for key, value in task_row(complexity="", strategic_importance="unsure").items()
        },
        prefix="tasks-0",
        catalog={},
        currency="EUR",
    )

    assert form.ratings_summary() == (
        "complexity not rated, skill 1, standardisation 5, importance not sure, sensitivity 2"
    )


def test_the_total_counts_every_saved_task_and_says_where_hours_are_missing(client):
    assessment = AssessmentFactory()
    TaskFactory(assessment=assessment, monthly_cost=Decimal("1200.50"), hours_per_month=10)
    TaskFactory(assessment=assessment, monthly_cost=Decimal("800"), hours_per_month=None)
    TaskFactory(assessment=assessment, monthly_cost=Decimal("1000"), hours_per_month=30)

    page = client.get(step(assessment)).content.decode()

    total = money(Decimal("3000.50"), assessment)
    assert (
        f"Total of 3 tasks: {total} a month, 40 team hours a month (hours given for 2 of 3)."
        in page
    )
    # The page's script adds this page's rows, as typed, to the other pages' tasks: none.
    assert 'data-other-tasks="0" data-other-cost="0"' in page


def test_a_later_page_hands_its_script_the_other_pages_totals(client):
    assessment = AssessmentFactory()
    Task.objects.bulk_create(
        TaskFactory.build(assessment=assessment, position=n, monthly_cost=Decimal(n))
        for n in range(1, TASKS_PER_PAGE + 6)
    )

    page = client.get(step(assessment) + "?page=2").content.decode()

    first_page_cost = sum(range(1, TASKS_PER_PAGE + 1))
    assert f'data-other-tasks="{TASKS_PER_PAGE}" data-other-cost="{first_page_cost}' in page
    all_cost = money(Decimal(sum(range(1, TASKS_PER_PAGE + 6))), assessment)
    assert f"Total of {TASKS_PER_PAGE + 5} tasks: {all_cost} a month" in page


def test_after_a_refused_save_the_total_is_of_what_is_saved_not_what_was_typed(client):
    assessment = AssessmentFactory()
    task = TaskFactory(assessment=assessment, monthly_cost=Decimal("1000"), hours_per_month=10)

    response = client.post(
        step(assessment),
        tasks_post([], existing=[(task, {"monthly_cost": "5000", "strategic_importance": ""})]),
    )

    assert response.status_code == 200  # refused: importance is missing
    page = response.content.decode()
    assert f"Total of 1 task: {money(Decimal('1000'), assessment)} a month" in page
    task.refresh_from_db()
    assert task.monthly_cost == Decimal("1000")


@pytest.mark.parametrize(
    ("country", "currency", "locale", "marks"),
    [
        ("US", "USD", "en-US", "$ us$ usd"),
        ("IN", "INR", "en-IN", "inr ₹"),
        ("DE", "EUR", "en", "eur €"),
    ],
)
def test_the_script_gets_the_currencys_marks_and_the_countrys_way_of_writing_money(
    client, country, currency, locale, marks
):
    """tasks.js reads "₹3,200" as the server does and writes the total as the report does
    ("₹1,23,456.00" in India; German English would write 1.234,50, so plain "en")."""
    assessment = AssessmentFactory(country=country, currency=currency)

    page = client.get(step(assessment)).content.decode()

    assert f'data-marks="{marks}" data-locale="{locale}"' in page


def test_a_draft_with_no_tasks_says_so(client):
    page = client.get(step(AssessmentFactory())).content.decode()

    assert "No tasks saved yet." in page


TASK_FILE = (
    "name,service_type,complexity,skill_level,monthly_cost,hours_per_month,"
    "strategic_importance,data_sensitivity,standardisation\n"
    "Month-end books,Bookkeeping,2,2,2000,40,2,3,\n"
    "Client emails,,2,2,1500,,,2,4\n"
    "Payroll,,2,2,900,12,3,,\n"
)


def test_an_upload_lands_on_a_summary_of_the_list(client):
    assessment = AssessmentFactory()
    TaskFactory(assessment=assessment, monthly_cost=Decimal("100"), hours_per_month=None)
    file = SimpleUploadedFile("tasks.csv", TASK_FILE.encode(), content_type="text/csv")

    response = client.post(
        step(assessment, "upload"), {"file": file, "mode": "add", **form_key()}, follow=True
    )

    page = response.content.decode()
    assert response.redirect_chain[-1][0] == step(assessment) + "?imported=1"
    summary = page[page.index('id="import-summary-title"') : page.index("</section>")]
    fields = dict(
        re.findall(r'<dt class="col-sm-5">([^<]+)</dt><dd class="col-sm-7">([^<]+)', summary)
    )
    assert fields == {
        "Tasks": "4",
        "Monthly in-house cost": money(Decimal("4500"), assessment),
        "Team hours a month": (
            "52 (given for 2 of 4 tasks; the others are estimated from their cost)"
        ),
        "With a catalog service": "1 of 4; blank ratings filled from the service in 1",
        "Importance or sensitivity not rated": (
            "2 tasks: counted as 3 of 5, and the report says so"
        ),
        "Standardisation not rated": "1 task: counted as 3 of 5",
    }
    assert "Imported 3 tasks." in page


def test_the_summary_shows_only_after_an_upload_and_only_on_the_first_page(client):
    assessment = AssessmentFactory()
    Task.objects.bulk_create(
        TaskFactory.build(assessment=assessment, position=n) for n in range(1, TASKS_PER_PAGE + 2)
    )

    assert "import-summary-title" not in client.get(step(assessment)).content.decode()
    assert "import-summary-title" in client.get(step(assessment) + "?imported=1").content.decode()
    later = client.get(step(assessment) + "?imported=1&page=2").content.decode()
    assert "import-summary-title" not in later
    empty = AssessmentFactory()
    assert "import-summary-title" not in client.get(step(empty) + "?imported=1").content.decode()


def test_draft_summary_counts_what_was_assumed():
    assessment = AssessmentFactory()
    service = ServiceType.objects.first()
    TaskFactory(assessment=assessment, service_type=service, prefilled_inputs=["complexity"])
    TaskFactory(assessment=assessment, assumed_inputs=["data_sensitivity", "standardisation"])
    TaskFactory(assessment=assessment, assumed_inputs=["standardisation"])

    summary = task_totals.draft_summary(assessment)

    assert (summary.with_service, summary.prefilled) == (1, 1)
    assert (summary.unsure, summary.standardisation_assumed) == (1, 2)
    assert summary.totals == task_totals.Totals(3, Decimal("15000"), Decimal("480"), 3)
