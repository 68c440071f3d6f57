"""The tasks step stays short: one line a task on a wide screen, a card a task on a phone,
a running total, and an upload that opens on a summary of the list (issue 18, point 4)."""

import csv
import io
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from assessments.models import Assessment
from catalog.money import format_money
from tests.browser.test_questionnaire import rate, start_assessment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDE = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def task_file(count):
    """A task file of `count` rows, some with a catalog service and some leaving the
    optional answers blank, as an owner's spreadsheet would."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "name",
            "service_type",
            "complexity",
            "skill_level",
            "monthly_cost",
            "hours_per_month",
            "strategic_importance",
            "data_sensitivity",
            "standardisation",
        ]
    )
    for n in range(1, count + 1):
        writer.writerow(
            [
                f"Client task {n}",
                "Bookkeeping" if n % 3 == 0 else "",
                n % 5 + 1,
                (n + 2) % 5 + 1,
                f"{1000 + 150 * n}",
                "" if n % 4 == 0 else f"{20 + n}",
                "" if n % 5 == 0 else n % 5 + 1,
                (n + 1) % 5 + 1,
                "" if n % 2 else (n + 3) % 5 + 1,
            ]
        )
    return out.getvalue().encode()


def upload(page, content):
    page.get_by_role("link", name="Upload your tasks").click()
    page.set_input_files(
        "#id_file", files=[{"name": "tasks.csv", "mimeType": "text/csv", "buffer": content}]
    )
    page.get_by_role("button", name="Upload and check").click()


def money(amount):
    assessment = Assessment.objects.get()
    return format_money(amount, assessment.currency, assessment.country)


def saved_total():
    return sum((task.monthly_cost for task in Assessment.objects.get().tasks.all()), Decimal(0))


def page_height(page):
    return page.evaluate("document.documentElement.scrollHeight")


def scrolls_sideways(page):
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def test_an_upload_opens_on_its_summary_and_each_task_takes_one_line(
    live_server, page, console_errors, axe
):
    page.set_viewport_size(WIDE)
    start_assessment(page, live_server.url, company="Ledger & Co")
    upload(page, task_file(25))

    summary = page.get_by_role("region", name="Your task list after the upload")
    expect(summary).to_be_visible()
    box = summary.bounding_box()
    assert box["y"] + box["height"] <= WIDE["height"], "the summary is the first screen"
    total = saved_total()
    expect(summary).to_contain_text(money(total))
    expect(summary.locator("dd").nth(3)).to_have_text(
        re.compile(r"^8 of 25; blank ratings filled from the service in \d+$")
    )
    expect(summary.get_by_role("link", name="Review and submit")).to_be_visible()

    # Saved rows fold their ratings away; only the blank row for a new task is open.
    assert page.locator(".task-row").count() == 26
    assert page.locator(".task-details[open]").count() == 1
    heights = page.locator(".task-row").evaluate_all(
        "rows => rows.slice(0, 25).map(row => row.getBoundingClientRect().height)"
    )
    assert max(heights) < 130, heights
    assert page_height(page) < 6000
    expect(page.locator(".task-headings")).to_be_visible()
    expect(page.locator("#task-1 .task-ratings-summary")).to_contain_text("complexity 2, skill 4")

    # The running total follows what is typed and what is marked for removal.
    totals = page.locator("#task-totals")
    expect(totals).to_contain_text(f"Total of 25 tasks: {money(total)} a month")
    page.fill("#id_tasks-25-name", "Year-end accounts")
    page.fill("#id_tasks-25-monthly_cost", "1,000")
    expect(totals).to_contain_text(f"Total of 26 tasks: {money(total + 1000)} a month")
    page.get_by_label("Remove task 1 when saving").check()
    expect(totals).to_contain_text(f"Total of 25 tasks: {money(total + 1000 - 1150)} a month")
    page.fill("#id_tasks-25-monthly_cost", "£1,0x0")
    expect(totals).to_contain_text("1 cost not counted until corrected")

    # Opening a row shows its ratings; changing one rewrites the folded line.
    page.locator("#task-2 .task-details summary").click()
    rate(page, 1, "complexity", 5)
    expect(page.locator("#task-2 .task-ratings-summary")).to_contain_text("complexity 5")
    assert axe(page) == []
    console_errors.assert_no_csp_violation()
    assert console_errors == []


def test_on_a_phone_each_task_is_a_card_with_its_own_labels(live_server, page, console_errors, axe):
    page.set_viewport_size(PHONE)
    start_assessment(page, live_server.url, company="Ledger & Co")
    upload(page, task_file(6))

    summary = page.get_by_role("region", name="Your task list after the upload")
    expect(summary).to_be_visible()
    assert summary.bounding_box()["y"] < PHONE["height"] / 2
    expect(page.locator(".task-headings")).to_be_hidden()
    expect(page.locator("#task-3 label[for='id_tasks-2-monthly_cost']")).to_be_visible()
    expect(page.locator("#task-3")).to_contain_text("Task 3")
    assert not scrolls_sideways(page)
    page.locator("#task-3 .task-details summary").click()
    rate(page, 2, "data_sensitivity", "unsure")
    expect(page.locator("#task-3 .task-ratings-summary")).to_contain_text("sensitivity not sure")
    assert not scrolls_sideways(page)
    assert axe(page) == []
    console_errors.assert_no_csp_violation()
    assert console_errors == []
