"""A hurried owner in a real browser: double clicks and Back-then-save act once.

The same hurry that found duplicate drafts and imports (issue: "every write happens
once"): a double click on "Upload and check" and on "Save draft", and Back from the tasks
step to the start page, then saving again.
"""

import pytest
from playwright.sync_api import expect

from assessments.models import Assessment
from tests.browser.test_questionnaire import fill_task, start_assessment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("at_both_widths"),
]

TASKS_FILE = "name,complexity,skill_level,monthly_cost\n" + "".join(
    f"Task {number},2,2,{1000 + number}\n" for number in range(1, 26)
)


def test_a_double_click_on_upload_imports_the_file_once(live_server, page, tmp_path):
    start_assessment(page, live_server.url, company="Double Click Ltd")
    page.get_by_role("link", name="Upload your tasks").click()
    file = tmp_path / "tasks.csv"
    file.write_text(TASKS_FILE)
    page.get_by_label("CSV file of tasks").set_input_files(file)

    page.get_by_role("button", name="Upload and check").dblclick(delay=150)

    expect(page.get_by_role("heading", name="Tasks of Double Click Ltd")).to_be_visible()
    assert Assessment.objects.get().tasks.count() == 25


def test_a_double_click_on_save_draft_saves_new_rows_once(live_server, page):
    start_assessment(page, live_server.url, company="Quick Fingers Ltd")
    fill_task(page, 0, "Payroll run", None, {"complexity": 2, "skill_level": 2}, "3000")

    page.get_by_role("button", name="Save draft").dblclick(delay=150)

    expect(page.locator("#id_tasks-0-name")).to_have_value("Payroll run")
    page.wait_for_load_state("networkidle")
    names = list(Assessment.objects.get().tasks.values_list("name", flat=True))
    assert names == ["Payroll run"]


def test_back_from_the_tasks_step_then_saving_again_makes_no_second_draft(live_server, page):
    page.goto(live_server.url + "/assessments/start/")
    page.get_by_label("Company name").fill("Back Again Ltd")
    page.get_by_role("button", name="Save and list your tasks").click()
    expect(page.get_by_role("heading", name="Tasks of Back Again Ltd")).to_be_visible()

    page.go_back()
    if page.get_by_label("Company name").input_value() == "":
        page.get_by_label("Company name").fill("Back Again Ltd")  # a page fetched afresh
    page.get_by_role("button", name="Save and list your tasks").click()

    expect(page.get_by_role("heading", name="Tasks of Back Again Ltd")).to_be_visible()
    assert Assessment.objects.count() == 1
