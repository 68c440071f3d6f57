"""A new business owner goes through the questionnaire in a real browser.

Every page on the way is audited with axe-core. The scoring profile, rates and catalog come
from the migrations; `serialized_rollback` puts them back after each test's flush.
"""

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from assessments.models import Assessment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NOT_SURE = "unsure"
# name, catalog service (pre-fill), ratings by hand, monthly cost, hours, expected answer
FIVE_TASKS = [
    ("Invoice data entry", "Data entry", {"strategic_importance": 1}, "4000", "", "BPO"),
    (
        "Customer email support",
        None,
        {"complexity": 2, "skill_level": 2, "standardisation": 4, "strategic_importance": 2},
        "9000",
        "",
        "BPO",
    ),
    (
        "Competitor price research",
        "Market research",
        {"complexity": 4, "skill_level": 4, "standardisation": 2, "strategic_importance": 2},
        "9000",
        "60",
        "KPO",
    ),
    (
        "Patent landscape searches",
        None,
        {"complexity": 5, "skill_level": 5, "standardisation": 2},
        "12000",
        "50",
        "KPO",
    ),
    (
        "Product roadmap",
        None,
        {
            "complexity": 5,
            "skill_level": 5,
            "standardisation": 1,
            "strategic_importance": 5,
            "data_sensitivity": 4,
        },
        "15000",
        "",
        "In-house",
    ),
]
BAD_FILE = (
    "name,complexity,skill_level,monthly_cost\nPayroll run,2,2,3000\nLegal research,seven,5,8000\n"
)


# Every row answers these two, if only with "Not sure".
ASKED_OF_EVERY_TASK = {"strategic_importance": NOT_SURE, "data_sensitivity": NOT_SURE}


def rate(page, index, field, value):
    """Pick a 1-5 rating (or "Not sure", the sixth button) by clicking its visible button,
    as a person would."""
    position = 5 if value == NOT_SURE else value - 1
    page.click(f"label[for='id_tasks-{index}-{field}_{position}']")


def fill_task(page, index, name, service, ratings, cost, hours=""):
    page.fill(f"#id_tasks-{index}-name", name)
    page.fill(f"#id_tasks-{index}-hours_per_month", hours)
    if service:
        page.select_option(f"#id_tasks-{index}-service_type", label=service)
    for field, value in {**ASKED_OF_EVERY_TASK, **ratings}.items():
        rate(page, index, field, value)
    page.fill(f"#id_tasks-{index}-monthly_cost", cost)


def start_assessment(page, base_url, company="Harbour Logistics"):
    page.goto(base_url + "/")
    page.get_by_role("link", name="Start an assessment").first.click()
    page.get_by_label("Company name").fill(company)
    page.get_by_role("button", name="Save and list your tasks").click()
    expect(page.get_by_role("heading", name=f"Tasks of {company}")).to_be_visible()


def test_new_owner_lists_five_tasks_and_gets_a_report_with_chart_and_csv(
    live_server, page, console_errors, axe
):
    page.goto(live_server.url + "/assessments/start/")
    assert axe(page) == []
    start_assessment(page, live_server.url)
    assert axe(page) == []
    expect(page.locator("fieldset.task-row")).to_have_count(3)  # three blank rows to start

    fill_task(page, 0, *FIVE_TASKS[0][:5])
    # The catalog service filled in its typical ratings (Data entry: 1, 1, 5).
    expect(page.locator("#id_tasks-0-complexity_0")).to_be_checked()
    expect(page.locator("#id_tasks-0-standardisation_4")).to_be_checked()
    note = "Filled from Data entry: complexity 1, skill 1, standardisation 5"
    expect(page.locator("#task-1 .prefill-note")).to_contain_text(note)
    expect(page.locator("#task-status")).to_contain_text(note)
    for index, task in enumerate(FIVE_TASKS[1:3], start=1):
        fill_task(page, index, *task[:5])
    for index, task in enumerate(FIVE_TASKS[3:], start=3):
        page.get_by_role("button", name="Add another task").click()
        expect(page.locator("fieldset.task-row")).to_have_count(index + 1)
        fill_task(page, index, *task[:5])
    page.get_by_role("button", name="Save and review").click()

    expect(page.get_by_role("heading", name="Review and submit")).to_be_visible()
    assert axe(page) == []
    expect(page.locator("table tbody tr")).to_have_count(5)
    page.get_by_role("button", name="Submit and see the advice").click()

    expect(page.get_by_role("heading", name="Results for Harbour Logistics")).to_be_visible()
    assert axe(page) == []
    table = page.locator("table.report-task-table")
    for name, *_inputs, answer in FIVE_TASKS:
        row = table.locator("tbody tr", has=page.get_by_role("link", name=name, exact=True))
        expect(row.locator(".badge")).to_have_text(answer)
    chart = page.locator("svg[role='img']").first
    expect(chart).to_be_visible()
    for name, *_rest in FIVE_TASKS:
        assert chart.locator("title", has_text=name).count() == 1

    # Sorting by a column heading, then a task's own card, and back.
    results_url = page.url
    table.get_by_role("link", name="Saving a month").click()
    expect(table.locator("th[aria-sort='ascending']")).to_contain_text("Saving a month")
    table.get_by_role("link", name="Saving a month").click()
    expect(table.locator("th[aria-sort='descending']")).to_contain_text("Saving a month")
    assert axe(page) == []
    name, *_inputs, answer = FIVE_TASKS[2]
    table.get_by_role("link", name=name, exact=True).click()
    card = page.locator("article.report-task")
    expect(card.get_by_role("heading", name=name)).to_be_visible()
    expect(card.locator(".badge")).to_have_text(answer)
    expect(card).to_contain_text("What would change the answer")
    assert axe(page) == []
    page.get_by_role("link", name="All tasks").click()
    expect(page).to_have_url(results_url + "#tasks-title")

    # Print / Save as PDF opens every card, ready to print.
    page.get_by_role("link", name="Print / Save as PDF").click()
    expect(page.locator("article.report-task")).to_have_count(len(FIVE_TASKS))
    expect(page.get_by_role("button", name="Print / Save as PDF")).to_be_visible()
    assert axe(page) == []
    page.get_by_role("link", name="Back to the results").click()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export CSV").click()
    exported = Path(download_info.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert [row["recommendation"] for row in rows] == ["bpo", "bpo", "kpo", "kpo", "in_house"]
    console_errors.assert_no_csp_violation()
    assert console_errors == []


def test_upload_with_an_error_names_the_row_and_the_fixed_file_gives_results(
    live_server, page, console_errors, axe, tmp_path
):
    start_assessment(page, live_server.url, company="Upload Ltd")
    page.get_by_role("link", name="Upload your tasks").click()
    assert axe(page) == []
    bad = tmp_path / "tasks.csv"
    bad.write_text(BAD_FILE)

    page.get_by_label("CSV file of tasks").set_input_files(bad)
    page.get_by_role("button", name="Upload and check").click()

    problems = page.locator("#file-problems")
    expect(problems).to_contain_text("Row 3, column complexity")
    expect(problems).to_contain_text("Nothing was saved")
    assert axe(page) == []
    assert not Assessment.objects.get().tasks.exists()

    bad.write_text(BAD_FILE.replace("seven", "5"))
    page.get_by_label("CSV file of tasks").set_input_files(bad)
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_text("Imported 2 tasks.")).to_be_visible()
    page.get_by_role("button", name="Save and review").click()
    page.get_by_role("button", name="Submit and see the advice").click()

    expect(page.get_by_role("heading", name="Results for Upload Ltd")).to_be_visible()
    for name in ("Payroll run", "Legal research"):
        expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()
    console_errors.assert_no_csp_violation()
    assert console_errors == []


def test_the_questionnaire_works_with_javascript_off(live_server, browser, console_errors):
    context = browser.new_context(java_script_enabled=False)
    console_errors.watch(context)
    page = context.new_page()
    start_assessment(page, live_server.url, company="No Script Ltd")

    fill_task(page, 0, "Bookkeeping", "Bookkeeping", {}, "3000")
    page.get_by_role("button", name="Add another task").click()  # a round trip, saved
    # The saved task, the two blank rows left unused and one more.
    expect(page.locator("fieldset.task-row")).to_have_count(4)
    expect(page.locator("#id_tasks-0-name")).to_have_value("Bookkeeping")
    fill_task(page, 1, "Due diligence", None, {"complexity": 5, "skill_level": 5}, "20000")
    page.get_by_role("button", name="Save and review").click()
    page.get_by_role("button", name="Submit and see the advice").click()

    expect(page.get_by_role("heading", name="Results for No Script Ltd")).to_be_visible()
    task = Assessment.objects.get().tasks.get(name="Bookkeeping")
    assert (task.complexity, task.skill_level) == (
        task.service_type.typical_complexity,
        task.service_type.typical_skill_level,
    )
    console_errors.assert_no_csp_violation()
    assert console_errors == []
    context.close()


def test_a_draft_survives_going_back_and_the_resume_link_opens_it_elsewhere(
    live_server, page, browser, console_errors
):
    start_assessment(page, live_server.url, company="Back And Forth")
    fill_task(page, 0, "Payroll", "Payroll processing", {}, "2500")
    page.get_by_role("button", name="Save and review").click()
    page.get_by_role("link", name="Tasks", exact=True).click()  # the progress indicator links back
    expect(page.locator("#id_tasks-0-name")).to_have_value("Payroll")
    resume_url = page.get_by_label("Private link to continue this assessment").input_value()

    other_device = browser.new_context()
    console_errors.watch(other_device)
    elsewhere = other_device.new_page()
    elsewhere.goto(resume_url)
    expect(elsewhere.get_by_role("heading", name="Review and submit")).to_be_visible()
    expect(elsewhere.get_by_role("row", name="Payroll")).to_be_visible()
    console_errors.assert_no_csp_violation()
    assert console_errors == []
    other_device.close()


def test_the_company_step_can_be_completed_with_the_keyboard_alone(
    live_server, page, console_errors
):
    page.goto(live_server.url + "/assessments/start/")
    page.get_by_label("Company name").focus()
    page.keyboard.type("Keys Only")
    focused_ids = []
    for _ in range(6):  # industry, staff, region, country, currency, then the first scale
        page.keyboard.press("Tab")
        focused_ids.append(page.evaluate("document.activeElement.id"))
    assert focused_ids[:5] == [
        "id_industry",
        "id_size_band",
        "id_region",
        "id_country",
        "id_currency",
    ]
    assert focused_ids[5] == "id_priority_cost_2"  # the checked middle value
    page.keyboard.press("ArrowRight")  # lower cost matters more: 4
    expect(page.locator("#id_priority_cost_3")).to_be_checked()
    page.get_by_label("Company name").press("Enter")

    expect(page.get_by_role("heading", name="Tasks of Keys Only")).to_be_visible()
    assert Assessment.objects.get().priority_cost == 4
    console_errors.assert_no_csp_violation()
    assert console_errors == []


def test_errors_are_summarised_with_links_to_the_fields(live_server, page, axe, console_errors):
    start_assessment(page, live_server.url, company="Careless Ltd")
    page.fill("#id_tasks-0-name", "Payroll")
    page.get_by_role("button", name="Save draft").click()

    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("Task 1, How hard is the work itself?")
    expect(summary).to_contain_text("Task 1, Monthly in-house cost (USD): This field is required.")
    assert axe(page) == []
    summary.get_by_role("link", name="Task 1, Monthly in-house cost (USD)").click()
    expect(page.locator("#id_tasks-0-monthly_cost")).to_be_focused()
    console_errors.assert_no_csp_violation()
    assert console_errors == []


def test_a_long_draft_is_edited_page_by_page(live_server, page, axe, console_errors):
    from assessments.models import Task
    from assessments.views.task_pages import TASKS_PER_PAGE
    from tests.factories import AssessmentFactory, TaskFactory

    draft = AssessmentFactory(company_name="Long List Ltd")
    Task.objects.bulk_create(
        TaskFactory.build(assessment=draft, position=n, name=f"Listed task {n}")
        for n in range(1, TASKS_PER_PAGE + 4)
    )
    page.goto(f"{live_server.url}/assessments/resume/{draft.resume_token}/")  # this browser's
    page.goto(f"{live_server.url}/assessments/resume/{draft.resume_token}/tasks/")
    total = TASKS_PER_PAGE + 3
    expect(page.locator("#task-page-heading")).to_contain_text(
        f"Tasks 1 to {TASKS_PER_PAGE} of {total}"
    )
    expect(page.locator("fieldset.task-row")).to_have_count(TASKS_PER_PAGE)  # no blank rows
    assert axe(page) == []

    page.fill("#id_tasks-0-name", "Renamed first task")
    page.get_by_role("button", name="Save and go to page 2").click()

    expect(page.locator("#task-page-heading")).to_contain_text(
        f"Tasks {TASKS_PER_PAGE + 1} to {total} of {total}"
    )
    assert page.url.endswith("?page=2")
    # The last page ends with a blank row; one more is added here, in the browser.
    expect(page.locator("fieldset.task-row")).to_have_count(4)
    page.get_by_role("button", name="Add another task").click()
    new_row = page.locator("fieldset.task-row").last
    expect(new_row.locator("legend").first).to_have_text(f"Task {total + 2}")
    expect(page.locator("#task-status")).to_have_text(f"Task {total + 2} added.")
    fill_task(page, 4, "Added on the last page", None, {"complexity": 3, "skill_level": 3}, "900")
    page.get_by_role("button", name="Save draft").click()

    expect(page.locator(".alert-success")).to_contain_text("Tasks saved.")
    names = list(draft.tasks.order_by("position").values_list("name", flat=True))
    assert names[0] == "Renamed first task"
    assert names[-1] == "Added on the last page"
    assert len(names) == total + 1
    console_errors.assert_no_csp_violation()
    assert console_errors == []


def test_enter_in_a_task_field_saves_the_page_it_is_on(live_server, page, console_errors):
    # Enter presses a form's first submit button: on any page that is "Save draft", not
    # "Add another task" (which would open the last page, or add a row there).
    from assessments.models import Task
    from assessments.views.task_pages import TASKS_PER_PAGE
    from tests.factories import AssessmentFactory, TaskFactory

    draft = AssessmentFactory(company_name="Enter Key Ltd")
    Task.objects.bulk_create(
        TaskFactory.build(assessment=draft, position=n, name=f"Listed task {n}")
        for n in range(1, TASKS_PER_PAGE + 3)
    )
    page.goto(f"{live_server.url}/assessments/resume/{draft.resume_token}/")  # this browser's
    tasks_url = f"{live_server.url}/assessments/resume/{draft.resume_token}/tasks/"
    for number, url, field in (
        (1, tasks_url, "#id_tasks-0-name"),
        (2, tasks_url + "?page=2", "#id_tasks-1-name"),
    ):
        page.goto(url)
        rows = page.locator("fieldset.task-row").count()
        page.fill(field, f"Renamed on page {number}")
        page.press(field, "Enter")

        expect(page.locator(".alert-success")).to_contain_text("Tasks saved.")
        expect(page.locator("#task-page-heading")).to_contain_text(f"(page {number} of 2)")
        expect(page.locator("fieldset.task-row")).to_have_count(rows)
        assert Task.objects.filter(assessment=draft, name=f"Renamed on page {number}").exists()
    assert draft.tasks.count() == TASKS_PER_PAGE + 2
    console_errors.assert_no_csp_violation()
    assert console_errors == []
