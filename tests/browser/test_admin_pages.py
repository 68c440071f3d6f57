"""Every admin page a consultant opens works under the Content-Security-Policy: no console
error and no violation on any model's list, add, change and history pages, a version's
revert page, an assessment's and a task's page, and the import (its preview of a changed
row and its refusal of a wrong file included) and export pages."""

import pytest
from playwright.sync_api import expect

from assessments import services
from catalog.models import ServiceType
from tests.factories import ConsultantFactory, SubmittedAssessmentFactory, TaskFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-test-passphrase"
# What a consultant manages here; the test fails if the admin index stops listing one.
CONSULTANT_MODELS = {
    "catalog/industry",
    "catalog/deliverylocation",
    "catalog/risk",
    "catalog/provider",
    "catalog/servicetype",
    "catalog/ratecard",
    "catalog/exchangerate",
    "catalog/labourcost",
    "assessments/scoringprofile",
    "assessments/assessment",
    "assessments/task",
}
IMPORT_EXPORT_MODELS = ["catalog/servicetype", "catalog/ratecard"]


def sign_in(page, base_url, username):
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Service types")).to_be_visible()


def visit(page, url):
    response = page.goto(url)
    assert response.ok, (url, response.status)
    return response


def listed_models(page, base_url):
    """The models the admin index offers, as "app/model" paths."""
    visit(page, f"{base_url}/admin/")
    links = page.locator("#content-main tr[class^='model-'] th a")
    hrefs = links.evaluate_all("links => links.map(link => link.getAttribute('href'))")
    return {href.removeprefix("/admin/").strip("/") for href in hrefs}


def upload(page, base_url, model, name, content):
    visit(page, f"{base_url}/admin/{model}/import/")
    page.get_by_label("File to import").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content}
    )
    page.get_by_label("Format").select_option(label="csv")
    page.get_by_role("button", name="Submit").click()


def test_every_admin_page_of_a_consultant_loads_without_errors_or_violations(
    live_server, page, console_errors
):
    base = live_server.url
    assessment = SubmittedAssessmentFactory(company_name="Harbour Freight Ltd")
    TaskFactory(assessment=assessment, name="Invoice matching")
    services.score_assessment(assessment)
    sign_in(page, base, ConsultantFactory(username="quinn").username)

    models = listed_models(page, base)
    assert models >= CONSULTANT_MODELS
    for model in sorted(models):
        visit(page, f"{base}/admin/{model}/")
        has_add = page.locator(".object-tools a.addlink").count() > 0
        first = page.locator("#result_list tbody tr").first.locator("th a, td a").first
        change_url = base + first.get_attribute("href")
        if has_add:
            visit(page, f"{base}/admin/{model}/add/")
        visit(page, change_url)
        visit(page, change_url.removesuffix("change/") + "history/")

    for model in IMPORT_EXPORT_MODELS:
        visit(page, f"{base}/admin/{model}/export/")
        visit(page, f"{base}/admin/{model}/import/")

    upload(page, base, "catalog/servicetype", "wrong.csv", b"slug,sumary\nbookkeeping,x\n")
    expect(page.locator("#content")).to_contain_text("does not know: sumary")
    upload(page, base, "catalog/servicetype", "bad.csv", b"\xff\xfe\x00not a csv\x00")
    expect(page.locator("#content")).to_contain_text("could not be read as CSV")

    service = ServiceType.objects.get(slug="bookkeeping")
    changed = f"slug,name,summary\nbookkeeping,{service.name},Books closed each month.\n"
    upload(page, base, "catalog/servicetype", "changed.csv", changed.encode())
    expect(page.locator(".import-totals")).to_contain_text("1 changed row")
    expect(page.locator("table.import-preview tbody tr")).to_have_count(1)
    expect(page.locator("table.import-preview ins").first).to_be_visible()
    page.get_by_role("button", name="Confirm import").click()
    expect(page.locator(".messagelist")).to_contain_text("1 update")

    visit(page, f"{base}/admin/catalog/servicetype/{service.pk}/history/")
    expect(page.locator("#change-history .history-changes").first).to_contain_text("Summary:")
    page.locator("#change-history tbody tr").first.locator("a").first.click()
    expect(page.get_by_role("button", name="Revert")).to_be_visible()

    visit(page, f"{base}/admin/assessments/assessment/{assessment.pk}/change/")
    expect(page.locator(".field-rates_snapshot_table table.json-table").first).to_be_visible()
    console_errors.assert_no_csp_violation()
    assert console_errors == []
