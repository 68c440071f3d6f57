"""A British accounting firm's whole journey, in pounds: it never sees a dollar.

Real Chromium against the live server: the company step with the United Kingdom and the
currency left to follow it, tasks typed with their costs in pounds, the review, the results
page and its CSV export. Every page after the company step names GBP or shows "£", and none
shows "USD" or "$" (the company step's currency list offers every currency, dollars too).
"""

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from assessments.models import Assessment
from tests.browser.test_questionnaire import fill_task

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("at_both_widths"),
]

COMPANY = "Fenwick & Hale Accountants"


def assert_no_dollars(page):
    text = page.locator("body").inner_text()
    assert "USD" not in text
    assert "$" not in text


def test_a_uk_firm_sees_pounds_everywhere_and_dollars_nowhere(
    live_server, page, axe, console_errors
):
    page.goto(live_server.url + "/assessments/start/")
    page.get_by_label("Company name").fill(COMPANY)
    page.get_by_label("Country", exact=True).select_option(label="United Kingdom")
    # The currency list offers every currency we have a rate for; left alone, it follows
    # the country.
    expect(page.locator("#id_currency")).to_have_value("")
    page.get_by_role("button", name="Save and list your tasks").click()

    expect(page.get_by_role("heading", name=f"Tasks of {COMPANY}")).to_be_visible()
    expect(page.locator("label[for='id_tasks-0-monthly_cost']")).to_contain_text("GBP")
    assert_no_dollars(page)
    fill_task(page, 0, "Bookkeeping and bank reconciliations", "Bookkeeping", {}, "5200", "240")
    routine = {"complexity": 2, "skill_level": 2, "standardisation": 4, "strategic_importance": 1}
    fill_task(page, 1, "Purchase ledger data entry", None, routine, "4400", "200")
    tax_advice = {
        "complexity": 5,
        "skill_level": 5,
        "standardisation": 1,
        "strategic_importance": 5,
        "data_sensitivity": 4,
    }
    fill_task(page, 2, "Client tax advice", None, tax_advice, "9000", "120")
    page.get_by_role("button", name="Save and review").click()

    expect(page.get_by_role("heading", name="Review and submit")).to_be_visible()
    expect(page.locator("main")).to_contain_text("£")
    assert_no_dollars(page)
    page.get_by_role("button", name="Submit and see the advice").click()

    expect(page.get_by_role("heading", name=f"Results for {COMPANY}")).to_be_visible()
    expect(page.locator("main")).to_contain_text("British pounds (GBP)")
    expect(page.locator("main")).to_contain_text("£")
    assert_no_dollars(page)
    assert axe(page) == []
    assessment = Assessment.objects.get(company_name=COMPANY)
    assert (assessment.country, assessment.currency) == ("GB", "GBP")
    assert assessment.rates_snapshot["home_region"] == "uk"

    # A task's own card and the print view with every card: pounds there too.
    page.get_by_role("link", name="Client tax advice", exact=True).click()
    expect(page.locator("article.report-task")).to_contain_text("£")
    assert_no_dollars(page)
    page.go_back()
    page.get_by_role("link", name="Print / Save as PDF").click()
    expect(page.locator("article.report-task")).to_have_count(3)
    assert_no_dollars(page)
    page.go_back()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export CSV").click()
    exported = Path(download_info.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert {row["currency"] for row in rows} == {"GBP"}
    assert [row["in_house_monthly_cost"] for row in rows] == ["5200.00", "4400.00", "9000.00"]
    console_errors.assert_no_csp_violation()
    assert console_errors == []
