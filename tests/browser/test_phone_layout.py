"""The public pages and the owner's report on a 360 px phone: nothing scrolls sideways, the
skip link shows above everything when focused, and every column heading of a wide table can
be read (on screen, or, where the table stacks, in front of each of its cells)."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from assessments import services
from tests.factories import AssessmentFactory, SubmittedAssessmentFactory, TaskFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 740}

# A heading is readable when it sits wholly inside the viewport, or when every cell of its
# column shows it (a stacked table's `data-label`) and sits wholly inside the viewport. Row
# headings stand for themselves. Returns the headings that cannot be read.
UNREADABLE_HEADINGS = """table => {
  const inside = element => {
    const box = element.getBoundingClientRect();
    return box.width > 1 && box.height > 1 && box.left >= 0 && box.right <= window.innerWidth;
  };
  const shows = (cell, heading) =>
    cell.tagName === "TH" || getComputedStyle(cell, "::before").content === JSON.stringify(heading);
  return [...table.querySelectorAll("thead th")].filter((th, column) => {
    const heading = th.textContent.trim();
    if (inside(th)) return false;
    const cells = [...table.querySelectorAll("tbody tr")].map(row => row.children[column]);
    return !cells.every(cell => cell && inside(cell) && shows(cell, heading));
  }).map(th => th.textContent.trim());
}"""

SKIP_LINK_ON_TOP = """link => {
  const box = link.getBoundingClientRect();
  const inView = box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight
    && box.right <= window.innerWidth && box.width > 1 && box.height > 1;
  const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return inView && link.contains(top);
}"""


def check_on_a_phone(page, axe, url, tables=()):
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), url

    page.keyboard.press("Tab")  # the first stop on every page
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    assert skip_link.evaluate(SKIP_LINK_ON_TOP), f"{url}: the focused skip link is covered"

    for selector in tables:
        table = page.locator(selector)
        expect(table.first).to_be_visible()
        for index in range(table.count()):
            assert table.nth(index).evaluate(UNREADABLE_HEADINGS) == [], (url, selector)
    assert axe(page) == []


def test_public_pages_fit_a_phone(live_server, page, console_errors, axe):
    page.set_viewport_size(PHONE)
    base = live_server.url
    check_on_a_phone(page, axe, f"{base}/")
    check_on_a_phone(page, axe, f"{base}/assessments/start/")
    check_on_a_phone(page, axe, f"{base}/catalog/")
    check_on_a_phone(page, axe, f"{base}/catalog/bookkeeping/", tables=["table.table-stack"])
    # The in-house column, last of four, used to sit off-screen.
    check_on_a_phone(page, axe, f"{base}/catalog/compare/", tables=["table.compare-table"])
    in_house = page.locator("td[data-label='In-house: your own team']").first
    in_house.scroll_into_view_if_needed()
    expect(in_house).to_be_in_viewport(ratio=0.99)
    console_errors.assert_no_csp_violation()
    assert console_errors == []


@pytest.fixture
def report_url(live_server):
    """The shared results link of a scored two-task assessment."""
    assessment = SubmittedAssessmentFactory(company_name="Harbour & Lane Accountants")
    TaskFactory(
        assessment=assessment,
        name="Bookkeeping for clients and their quarterly VAT returns",
        monthly_cost=Decimal("184500.00"),  # seven-figure three-year costs: the widest cells
    )
    TaskFactory(assessment=assessment, name="Client tax advice", complexity=5, skill_level=5)
    services.score_assessment(assessment)
    return f"{live_server.url}/assessments/{assessment.share_token}/results/"


def test_a_task_card_and_its_cost_table_fit_a_phone(report_url, page, console_errors, axe):
    page.set_viewport_size(PHONE)
    check_on_a_phone(page, axe, f"{report_url}tasks/1/", tables=["table.report-task-costs"])
    for heading in ("Year 1", "Years 1 to 3", "Pays back"):  # the ones cut off before
        cell = page.locator(f"td[data-label='{heading}']").first
        cell.scroll_into_view_if_needed()
        expect(cell).to_be_in_viewport(ratio=0.99)
    console_errors.assert_no_csp_violation()
    assert console_errors == []


def test_the_results_page_fits_a_phone(report_url, page, console_errors, axe):
    page.set_viewport_size(PHONE)
    check_on_a_phone(page, axe, report_url)
    # The task table scrolls in its own region, and says so.
    expect(page.locator("#task-table-cue")).to_be_visible()
    console_errors.assert_no_csp_violation()
    assert console_errors == []


def test_the_questionnaire_steps_fit_a_phone(live_server, page, console_errors, axe):
    """A draft's company, tasks, upload and review steps, the tasks step with a saved row,
    a row opened and a blank one, and the report's print view."""
    page.set_viewport_size(PHONE)
    draft = AssessmentFactory(company_name="Harbour & Lane Accountants")
    TaskFactory(
        assessment=draft,
        name="Bookkeeping for clients and their quarterly VAT returns",
        monthly_cost=Decimal("184500.00"),
    )
    resume = f"{live_server.url}/assessments/resume/{draft.resume_token}"
    check_on_a_phone(page, axe, f"{resume}/company/")
    check_on_a_phone(page, axe, f"{resume}/tasks/")
    page.locator("#task-1 .task-details summary").click()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert axe(page) == []
    check_on_a_phone(page, axe, f"{resume}/upload/")
    # The review's table of every rating scrolls inside its own region, which says so.
    check_on_a_phone(page, axe, f"{resume}/review/")
    expect(page.locator("#review-table-cue")).to_be_visible()
    console_errors.assert_no_csp_violation()
    assert console_errors == []


def test_the_print_view_fits_a_phone(report_url, page, console_errors, axe):
    page.set_viewport_size(PHONE)
    check_on_a_phone(page, axe, f"{report_url}print/")
    console_errors.assert_no_csp_violation()
    assert console_errors == []
