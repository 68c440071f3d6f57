"""An accounting firm's owner from the start page to the results, on a phone (390 px) and a
desktop (1280 px): the firm finds its industry, each task's name suggests a catalog
service, the list stays compact with a running total, and the results open on the answer
(issue 18, points 2, 3, 4 and 6). Every page is checked with axe, for console errors and
for sideways scrolling."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_questionnaire import rate

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 800}


def check(page, axe):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url
    assert axe(page) == []


def use_suggestion(page, index, name, service):
    page.fill(f"#id_tasks-{index}-name", name)
    suggestion = page.locator(f"#task-{index + 1} .service-suggestion")
    expect(suggestion).to_contain_text(f"Suggested service: {service}")
    suggestion.get_by_role("button", name="Use it").click()
    expect(page.locator(f"#task-{index + 1} .prefill-note")).to_contain_text(
        f"Filled from {service}"
    )


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390px", "1280px"])
def test_an_accounting_firm_goes_from_start_to_an_answer_it_can_act_on(
    live_server, page, console_errors, axe, viewport
):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/assessments/start/")
    page.get_by_label("Company name").fill("Harbour & Lane Accountants")
    page.get_by_label("Industry").select_option(label="Accounting practice")
    check(page, axe)
    page.get_by_role("button", name="Save and list your tasks").click()
    expect(page.get_by_role("heading", name="Tasks of Harbour & Lane Accountants")).to_be_visible()

    # Core advice stays with the firm: the owner says how much it matters.
    use_suggestion(page, 0, "Client tax advice", "Tax research and technical support")
    rate(page, 0, "strategic_importance", 5)
    rate(page, 0, "data_sensitivity", 5)
    page.fill("#id_tasks-0-monthly_cost", "9,000")
    use_suggestion(page, 1, "Monthly payroll", "Payroll processing")
    rate(page, 1, "strategic_importance", 1)
    rate(page, 1, "data_sensitivity", "unsure")
    page.fill("#id_tasks-1-monthly_cost", "4,400")
    expect(page.locator("#task-totals")).to_contain_text("Total of 2 tasks: $13,400.00 a month")
    check(page, axe)
    page.get_by_role("button", name="Save and review").click()

    expect(page.get_by_role("heading", name="Review and submit")).to_be_visible()
    check(page, axe)
    page.get_by_role("button", name="Submit and see the advice").click()

    expect(
        page.get_by_role("heading", name="Results for Harbour & Lane Accountants")
    ).to_be_visible()
    answer = page.locator("section.report-answer")
    box = answer.bounding_box()
    assert box["y"] + box["height"] <= viewport["height"], "the answer is the first screen"
    expect(answer).to_contain_text("1 task for BPO")
    expect(answer).to_contain_text("1 task to keep in-house")
    expect(answer).to_contain_text("Hand “Monthly payroll” to a BPO provider")
    tools = page.get_by_role("region", name="Share, export and revise")
    assert tools.bounding_box()["y"] > viewport["height"], "sharing comes after the answer"
    table = page.locator("table.report-task-table")
    for name, answer_label in (("Client tax advice", "In-house"), ("Monthly payroll", "BPO")):
        row = table.locator("tbody tr", has=page.get_by_role("link", name=name, exact=True))
        expect(row.locator(".badge")).to_have_text(answer_label)
    check(page, axe)
    console_errors.assert_no_csp_violation()
    assert console_errors == []
