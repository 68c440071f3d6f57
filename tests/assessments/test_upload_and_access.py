"""Uploading a task file to a draft, and who may reach a draft at all."""

import html
import uuid
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments import task_file
from assessments.models import Assessment
from tests.assessments.questionnaire_helpers import company_data, form_key, task_row, tasks_post
from tests.assessments.workbooks import workbook_bytes
from tests.factories import AssessmentFactory, SubmittedAssessmentFactory, TaskFactory

pytestmark = pytest.mark.django_db

HEADER = "name,complexity,skill_level,monthly_cost,service_type\n"
STEPS = ("company", "tasks", "upload", "review")


def upload(client, assessment, content, mode="add", name="tasks.csv"):
    data = content.encode() if isinstance(content, str) else content
    return client.post(
        f"/assessments/resume/{assessment.resume_token}/upload/",
        {
            "file": SimpleUploadedFile(name, data, content_type="text/csv"),
            "mode": mode,
            **form_key(),
        },
    )


# --- Upload -----------------------------------------------------------------------------


def test_template_download_has_the_command_columns():
    from django.test import Client

    response = Client().get("/assessments/task-template.csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.decode().splitlines()[0] == ",".join(task_file.COLUMNS)


def test_a_clean_file_adds_its_tasks_after_the_existing_ones(client):
    assessment = AssessmentFactory()
    TaskFactory(assessment=assessment, name="Typed by hand")

    response = upload(
        client, assessment, HEADER + "Payroll,2,2,4000,payroll-processing\nMarket study,4,4,3000,\n"
    )

    assert response.status_code == 302
    names = list(assessment.tasks.values_list("name", flat=True))
    assert names == ["Typed by hand", "Payroll", "Market study"]
    assert assessment.tasks.get(name="Payroll").service_type.slug == "payroll-processing"


def test_replace_mode_substitutes_the_list(client):
    assessment = AssessmentFactory()
    TaskFactory(assessment=assessment, name="Old task")

    upload(client, assessment, HEADER + "New task,2,2,4000,\n", mode="replace")

    assert list(assessment.tasks.values_list("name", flat=True)) == ["New task"]


@pytest.mark.parametrize(
    ("bad_row", "expected"),
    [
        ("Payroll,9,2,4000,\n", "Row 3, column complexity: must be a whole number from 1 to 5"),
        ("Payroll,2,2,lots,\n", "Row 3, column monthly_cost: must be a number"),
        ("Payroll,2,2,-5,\n", "Row 3, column monthly_cost: must be from 0"),
        ("Payroll,2,2,4000,no-such-service\n", "Row 3, column service_type"),
        (",2,2,4000,\n", "Row 3, column name: is required."),
    ],
)
def test_a_file_with_a_bad_row_is_refused_whole_and_names_the_row(client, bad_row, expected):
    assessment = AssessmentFactory()
    TaskFactory(assessment=assessment, name="Kept")

    response = upload(client, assessment, HEADER + "Good row,2,2,100,\n" + bad_row)

    page = response.content.decode()
    assert response.status_code == 200
    assert expected in page
    assert "Nothing was saved" in page
    assert list(assessment.tasks.values_list("name", flat=True)) == ["Kept"]


HOURS_HEADER = "name,complexity,skill_level,monthly_cost,hours_per_month\n"


def test_hours_upload_as_the_teams_total_people_hours_up_to_200000(client):
    assessment = AssessmentFactory()
    rows = 'Call centre,2,2,48000,"1,600"\nShared service centre,2,2,9000000,200000\n'

    response = upload(client, assessment, HOURS_HEADER + rows)

    assert response.status_code == 302
    assert list(assessment.tasks.values_list("hours_per_month", flat=True)) == [
        Decimal("1600"),
        Decimal("200000"),
    ]


def test_hours_past_200000_are_refused_with_what_the_column_means(client):
    assessment = AssessmentFactory()

    response = upload(client, assessment, HOURS_HEADER + "Call centre,2,2,48000,200000.01\n")

    assert response.status_code == 200
    assert (
        "Row 2, column hours_per_month: must be the team&#x27;s total people-hours a month, "
        "more than 0 and at most 200,000 (got &#x27;200000.01&#x27;)."
    ) in response.content.decode()
    assert not assessment.tasks.exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"name,complexity\nPayroll,2\n", "lacks required columns: skill_level, monthly_cost"),
        (b"\n\n", "The file has no tasks"),
        (b"name;complexity;skill_level;monthly_cost\nCaf\xe9;2;2;10\n", "saved as UTF-8"),
        (b"\x00\x01binary", "not CSV text"),
    ],
)
def test_an_unreadable_file_is_refused_with_a_message(client, content, expected):
    assessment = AssessmentFactory()

    response = upload(client, assessment, content)

    assert expected in response.content.decode()
    assert not assessment.tasks.exists()


def test_an_empty_file_is_refused_with_a_message(client):
    assessment = AssessmentFactory()

    response = upload(client, assessment, "")

    assert "The submitted file is empty." in response.content.decode()
    assert not assessment.tasks.exists()


def test_text_that_would_start_a_formula_is_stored_as_typed(client):
    assessment = AssessmentFactory()

    upload(client, assessment, HEADER + '"=HYPERLINK(""http://x"")",2,2,100,\n')

    assert assessment.tasks.get().name == '=HYPERLINK("http://x")'


def test_an_oversized_body_is_refused_before_it_is_read(client):
    assessment = AssessmentFactory()
    big = HEADER + ("Task,2,2,100,\n" * (task_file.MAX_FILE_BYTES // 13 + 10))

    response = upload(client, assessment, big)

    assert response.status_code == 200
    assert "larger than the 2 MiB limit" in response.content.decode()
    assert not assessment.tasks.exists()


def test_a_file_that_would_pass_the_task_cap_is_refused(client, settings):
    assessment = AssessmentFactory()
    TaskFactory(assessment=assessment)
    rows = "".join(f"Task {n},2,2,100,\n" for n in range(1000))

    response = upload(client, assessment, HEADER + rows)

    assert response.status_code == 200
    assert "more than 999 tasks" in response.content.decode()
    assert assessment.tasks.count() == 1


def test_upload_without_a_file_explains_what_is_missing(client):
    assessment = AssessmentFactory()

    response = client.post(f"/assessments/resume/{assessment.resume_token}/upload/", {})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


# --- Access -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", STEPS)
def test_edit_pages_answer_only_to_the_resume_token(client, name):
    assessment = AssessmentFactory()
    TaskFactory(assessment=assessment)

    for wrong in (assessment.share_token, uuid.uuid4(), assessment.pk):
        response = client.get(f"/assessments/resume/{wrong}/{name}/")
        assert response.status_code == 404


@pytest.mark.parametrize("name", STEPS)
def test_edit_pages_are_private(client, name):
    assessment = AssessmentFactory()
    TaskFactory(assessment=assessment)

    response = client.get(f"/assessments/resume/{assessment.resume_token}/{name}/")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    assert response["Referrer-Policy"] == "same-origin"


def test_another_assessments_share_token_cannot_edit_a_draft(client):
    victim = AssessmentFactory(company_name="Victim")

    response = client.post(
        f"/assessments/resume/{victim.share_token}/company/", company_data(company_name="Hacked")
    )

    assert response.status_code == 404
    victim.refresh_from_db()
    assert victim.company_name == "Victim"


def test_a_foreign_session_without_the_link_sees_no_draft(client):
    from django.test import Client

    client.post("/assessments/start/", company_data(company_name="Private plans"))
    stranger = Client()

    page = stranger.get("/assessments/start/").content.decode()

    assert "Private plans" not in page


def test_the_resume_link_lets_its_holder_edit_from_another_browser():
    from django.test import Client

    owner, other_device = Client(), Client()
    owner.post("/assessments/start/", company_data())
    assessment = Assessment.objects.get()

    response = other_device.post(
        f"/assessments/resume/{assessment.resume_token}/tasks/", tasks_post([task_row()])
    )

    assert response.status_code == 302
    assert assessment.tasks.count() == 1
    assert "Harbour Logistics" in other_device.get("/assessments/start/").content.decode()


def test_the_share_link_never_opens_the_owners_pages(client):
    assessment = SubmittedAssessmentFactory()

    for path in ("", "company/", "results/", "results.csv"):
        response = client.get(f"/assessments/resume/{assessment.share_token}/{path}")
        assert response.status_code == 404


def test_one_refusal_lists_unknown_services_with_the_other_problems(client):
    assessment = AssessmentFactory()

    response = upload(
        client, assessment, HEADER + "Payroll,9,2,4000,\nResearch,4,4,100,astrology\n"
    )

    page = response.content.decode()
    assert "Row 2, column complexity" in page
    unknown = "Row 3, column service_type: no published catalog service type &#x27;astrology&#x27;"
    assert unknown in page
    assert not assessment.tasks.exists()


# --- Forgiving numbers and Excel workbooks ----------------------------------------------


def tasks_step(assessment):
    return f"/assessments/resume/{assessment.resume_token}/tasks/"


def page_text(response):
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(
    ("currency", "cost", "hours", "expected"),
    [
        ("GBP", "£3,200", "1.200,50", (Decimal("3200"), Decimal("1200.50"))),
        ("USD", "$1,850.50", "1,5", (Decimal("1850.50"), Decimal("1.5"))),
        ("USD", "USD 4,000", "3 200", (Decimal("4000"), Decimal("3200"))),
        ("USD", "4000 USD", "1,200", (Decimal("4000"), Decimal("1200"))),
        ("EUR", "1.200,50 €", "3\u202f200", (Decimal("1200.50"), Decimal("3200"))),
    ],
)
def test_the_tasks_step_reads_amounts_as_owners_type_them(client, currency, cost, hours, expected):
    assessment = AssessmentFactory(currency=currency)

    response = client.post(
        tasks_step(assessment),
        tasks_post([task_row(monthly_cost=cost, hours_per_month=hours)]),
    )

    assert response.status_code == 302, page_text(response)
    task = assessment.tasks.get()
    assert (task.monthly_cost, task.hours_per_month) == expected


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"monthly_cost": "£3,200"}, "Amounts are in US dollars (USD): remove the £ sign."),
        ({"monthly_cost": "3200 EUR"}, "Amounts are in US dollars (USD): remove the code EUR."),
        ({"monthly_cost": "1.200"}, "1.200 is ambiguous: write 1200 or 1.2."),
        ({"hours_per_month": "$160"}, "Enter a plain number: remove the $ sign."),
        ({"monthly_cost": "-$5"}, "Ensure this value is greater than or equal to 0."),
        ({"monthly_cost": "lots"}, "Enter a number."),
        ({"monthly_cost": "12.345"}, "Ensure that there are no more than 2 decimal places."),
        ({"monthly_cost": "10,000,000.01"}, "less than or equal to 10000000"),
    ],
)
def test_the_tasks_step_refuses_an_amount_naming_the_exact_problem(client, changes, message):
    assessment = AssessmentFactory(currency="USD")

    response = client.post(tasks_step(assessment), tasks_post([task_row(**changes)]))

    assert response.status_code == 200
    assert message in page_text(response)
    assert not assessment.tasks.exists()


def test_the_cost_fields_help_says_what_is_understood(client):
    page = page_text(client.get(tasks_step(AssessmentFactory())))

    assert "e.g. 3,200 or 3200.50" in page


def test_the_upload_form_offers_xlsx_files(client):
    assessment = AssessmentFactory()

    page = client.get(f"/assessments/resume/{assessment.resume_token}/upload/").content.decode()

    assert 'accept=".csv,text/csv,.xlsx,' in page
    assert "Excel workbook (.xlsx" in page


def test_an_xlsx_upload_adds_its_tasks_with_numbers_stored_as_numbers(client):
    assessment = AssessmentFactory(currency="GBP")
    data = workbook_bytes(
        ["Name", "Complexity", "Skill level", "Monthly cost", "Hours per month", "Service type"],
        ["Payroll", 2, 2, 4000.5, 160, "payroll-processing"],
        ["Market study", 4, 4, "£3,200", None, None],
    )

    response = upload(client, assessment, data, name="tasks.xlsx")

    assert response.status_code == 302
    tasks = list(assessment.tasks.values_list("name", "monthly_cost", "hours_per_month"))
    assert tasks == [
        ("Payroll", Decimal("4000.50"), Decimal("160")),
        ("Market study", Decimal("3200"), None),
    ]


def test_an_xlsx_upload_with_problems_names_each_row_and_column(client):
    assessment = AssessmentFactory()
    data = workbook_bytes(
        ["name", "complexity", "skill_level", "monthly_cost"],
        ["Payroll", 9, 2, "=A1*2"],
    )

    response = upload(client, assessment, data, name="tasks.xlsx")

    page = page_text(response)
    assert "Row 2, column complexity: must be a whole number from 1 to 5 (got '9')." in page
    assert "Row 2, column monthly_cost: is a formula ('=A1*2')" in page
    assert not assessment.tasks.exists()


def test_an_old_xls_upload_is_told_to_save_as_csv_or_xlsx(client):
    assessment = AssessmentFactory()
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000

    page = page_text(upload(client, assessment, data, name="tasks.xls"))

    assert "The file is an old Excel (.xls) or other Office file." in page
    assert '"Excel Workbook (.xlsx)"' in page
    assert not assessment.tasks.exists()


def test_a_csv_upload_reads_costs_in_the_assessments_currency(client):
    assessment = AssessmentFactory(currency="GBP")

    upload(client, assessment, HEADER + '"Payroll",2,2,"£3,200",\n')

    assert assessment.tasks.get().monthly_cost == Decimal("3200")
