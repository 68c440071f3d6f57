"""Every admin page a consultant opens works under the Content-Security-Policy and passes
axe-core, on a phone (390 px) and a desktop (1280 px): no console error, no violation and no
serious or critical accessibility problem on any model's list, add, change and history
pages, a version's revert page, an assessment's and a task's page, and the import (its
preview of a changed row and its refusal of a wrong file included) and export pages."""

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
# What Chromium reports, on the console and as an event, when a `<style>` element is refused.
AXE_STYLE_REPORTS = ("Applying inline style violates", "enforce style-src-elem blocked inline")
VIEWPORTS = [{"width": 390, "height": 844}, {"width": 1280, "height": 800}]


def sign_in(page, base_url, username):
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Service types")).to_be_visible()


@pytest.fixture
def audit(axe, console_errors):
    """`audit(page)` fails if axe finds a serious or critical problem on the page as it is.

    axe reads a stylesheet that imports another (the admin's forms.css imports widgets.css)
    by inserting it again as a `<style>` element, which the page's policy refuses and
    reports: the audit's doing, not the page's, so such reports made during it are dropped.
    """

    def audit(page):
        console_errors.settle()
        reports = [console_errors, console_errors.csp_violations]
        before = [(found, len(found)) for found in reports]
        assert axe(page) == [], page.url
        console_errors.settle()
        for found, start in before:
            found[start:] = [
                text for text in found[start:] if not text.startswith(AXE_STYLE_REPORTS)
            ]

    return audit


def visit(page, url, audit):
    """Opens `url` and audits the page it lands on."""
    response = page.goto(url)
    assert response.ok, (url, response.status)
    audit(page)
    return response


def listed_models(page, base_url, audit):
    """The models the admin index offers, as "app/model" paths."""
    visit(page, f"{base_url}/admin/", audit)
    links = page.locator("#content-main tr[class^='model-'] th a")
    hrefs = links.evaluate_all("links => links.map(link => link.getAttribute('href'))")
    return {href.removeprefix("/admin/").strip("/") for href in hrefs}


def upload(page, base_url, audit, model, name, content):
    """Submits a file on the import page; the page that answers is the caller's to audit."""
    visit(page, f"{base_url}/admin/{model}/import/", audit)
    page.get_by_label("File to import").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content}
    )
    page.get_by_label("Format").select_option(label="csv")
    page.get_by_role("button", name="Submit").click()


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda size: f"{size['width']}px")
def test_every_admin_page_of_a_consultant_loads_without_errors_or_violations(
    live_server, page, console_errors, audit, viewport
):
    page.set_viewport_size(viewport)
    base = live_server.url
    assessment = SubmittedAssessmentFactory(company_name="Harbour Freight Ltd")
    TaskFactory(assessment=assessment, name="Invoice matching")
    services.score_assessment(assessment)
    visit(page, f"{base}/admin/login/", audit)
    sign_in(page, base, ConsultantFactory(username="quinn").username)

    models = listed_models(page, base, audit)
    assert models >= CONSULTANT_MODELS
    for model in sorted(models):
        visit(page, f"{base}/admin/{model}/", audit)
        has_add = page.locator(".object-tools a.addlink").count() > 0
        first = page.locator("#result_list tbody tr").first.locator("th a, td a").first
        change_url = base + first.get_attribute("href")
        if has_add:
            visit(page, f"{base}/admin/{model}/add/", audit)
        visit(page, change_url, audit)
        visit(page, change_url.removesuffix("change/") + "history/", audit)

    for model in IMPORT_EXPORT_MODELS:
        visit(page, f"{base}/admin/{model}/export/", audit)
        visit(page, f"{base}/admin/{model}/import/", audit)

    upload(page, base, audit, "catalog/servicetype", "wrong.csv", b"slug,sumary\nbookkeeping,x\n")
    expect(page.locator("#content")).to_contain_text("does not know: sumary")
    audit(page)
    upload(page, base, audit, "catalog/servicetype", "bad.csv", b"\xff\xfe\x00not a csv\x00")
    expect(page.locator("#content")).to_contain_text("could not be read as CSV")
    audit(page)

    service = ServiceType.objects.get(slug="bookkeeping")
    changed = f"slug,name,summary\nbookkeeping,{service.name},Books closed each month.\n"
    upload(page, base, audit, "catalog/servicetype", "changed.csv", changed.encode())
    expect(page.locator(".import-totals")).to_contain_text("1 changed row")
    expect(page.locator("table.import-preview tbody tr")).to_have_count(1)
    expect(page.locator("table.import-preview ins").first).to_be_visible()
    audit(page)
    page.get_by_role("button", name="Confirm import").click()
    expect(page.locator(".messagelist")).to_contain_text("1 update")
    audit(page)

    visit(page, f"{base}/admin/catalog/servicetype/{service.pk}/history/", audit)
    expect(page.locator("#change-history .history-changes").first).to_contain_text("Summary:")
    page.locator("#change-history tbody tr").first.locator("a").first.click()
    expect(page.get_by_role("button", name="Revert")).to_be_visible()
    audit(page)

    visit(page, f"{base}/admin/assessments/assessment/{assessment.pk}/change/", audit)
    expect(page.locator(".field-rates_snapshot_table table.json-table").first).to_be_visible()
    console_errors.assert_no_csp_violation()
    assert console_errors == []
