"""A visitor opens the landing page in a real browser."""

import pytest
from playwright.sync_api import expect

# serialized_rollback: the pages show the default catalog the migrations load, which a
# transactional test's flush would otherwise remove for the tests after it.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_visitor_reads_the_three_answers_and_starts_an_assessment(
    live_server, page, console_errors
):
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(live_server.url + "/")

    expect(page).to_have_title("Outsourcing Advisor: BPO, KPO or in-house, task by task")
    expect(page.get_by_role("heading", name="The three answers")).to_be_visible()
    for answer in ("BPO: business", "KPO: knowledge", "In-house: keep it"):
        expect(page.get_by_role("heading", name=answer)).to_be_visible()
    # Bootstrap's stylesheet is applied: the navbar is laid out as a flex container.
    navbar_display = page.locator("nav.navbar").evaluate("n => getComputedStyle(n).display")
    assert navbar_display == "flex"

    page.get_by_role("link", name="Start an assessment").first.click()
    expect(page.get_by_role("heading", name="Before you begin")).to_be_visible()
    assert failed == []
    console_errors.assert_no_csp_violation()
    assert console_errors == []


def test_navigation_collapses_into_a_working_menu_on_a_phone(
    live_server, page, console_errors, axe
):
    page.set_viewport_size({"width": 375, "height": 700})
    page.goto(live_server.url + "/")
    menu_link = page.get_by_role("link", name="Consultants")
    expect(menu_link).to_be_hidden()
    page.get_by_role("button", name="Toggle navigation").click()
    expect(menu_link).to_be_visible()
    assert axe(page) == []
    console_errors.assert_no_csp_violation()
    assert console_errors == []
