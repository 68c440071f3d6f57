"""The tasks step suggests a catalog service from a task's name (static/js/service-suggest.js
asking /catalog/suggest/), and "Use it" picks it as if the owner had.
"""

import pytest
from playwright.sync_api import expect

from catalog.models import ServiceType
from tests.browser.test_questionnaire import start_assessment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("at_both_widths"),
]

SUGGESTION = "#task-1 .service-suggestion"


@pytest.fixture
def suggest_page(live_server, page):
    """The tasks step of a new assessment, with the suggestion script running."""
    start_assessment(page, live_server.url, company="Suggest Ltd")
    return page


def test_a_task_name_suggests_a_service_and_use_it_picks_and_prefills_it(
    suggest_page, console_errors, axe
):
    page = suggest_page
    bookkeeping = ServiceType.objects.get(slug="bookkeeping")

    page.fill("#id_tasks-0-name", "Month-end bookkeeping")

    suggestion = page.locator(SUGGESTION)
    expect(suggestion).to_have_attribute("aria-live", "polite")
    expect(suggestion).to_contain_text("Suggested service: Bookkeeping (matches 'bookkeeping'")
    assert axe(page) == []
    suggestion.get_by_role("button", name="Use it").click()

    expect(page.locator("#id_tasks-0-service_type")).to_have_value(str(bookkeeping.pk))
    expect(page.locator("#id_tasks-0-service_type")).to_be_focused()
    expect(suggestion).to_be_empty()
    # tasks.js heard the change event and filled the service's ratings.
    expect(page.locator("#task-1 .prefill-note")).to_contain_text("Filled from Bookkeeping")
    expect(
        page.locator(f"#id_tasks-0-complexity_{bookkeeping.typical_complexity - 1}")
    ).to_be_checked()
    console_errors.assert_no_csp_violation()
    assert console_errors == []


def test_no_suggestion_when_nothing_matches_or_a_service_is_already_picked(
    suggest_page, console_errors
):
    page = suggest_page
    suggestion = page.locator(SUGGESTION)

    page.fill("#id_tasks-0-name", "Walk the dog")
    page.wait_for_timeout(800)  # past the pause and the answer
    expect(suggestion).to_be_empty()

    page.select_option("#id_tasks-0-service_type", label="Data entry")
    page.fill("#id_tasks-0-name", "Payroll for 12 staff")
    page.wait_for_timeout(800)
    expect(suggestion).to_be_empty()
    assert console_errors == []


def test_picking_a_service_by_hand_removes_the_suggestion(suggest_page, console_errors):
    page = suggest_page
    page.fill("#id_tasks-0-name", "Payroll for 12 staff")
    expect(page.locator(SUGGESTION)).to_contain_text("Payroll processing")

    page.select_option("#id_tasks-0-service_type", label="Data entry")

    expect(page.locator(SUGGESTION)).to_be_empty()
    assert console_errors == []


def test_rows_added_in_the_browser_get_suggestions_too(suggest_page, console_errors):
    page = suggest_page
    page.get_by_role("button", name="Add another task").click()
    page.fill("#id_tasks-1-name", "Answer customer emails")

    suggestion = page.locator("#task-2 .service-suggestion")
    expect(suggestion).to_contain_text("Customer support (phone, chat, email)")
    suggestion.get_by_role("button", name="Use it").click()

    customer_support = ServiceType.objects.get(slug="customer-support")
    expect(page.locator("#id_tasks-1-service_type")).to_have_value(str(customer_support.pk))
    assert console_errors == []
