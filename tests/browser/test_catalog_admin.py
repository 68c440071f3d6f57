"""A consultant edits the catalog in the admin and the public page shows the change."""

import pytest
from playwright.sync_api import expect

from tests.factories import ConsultantFactory

# serialized_rollback: the pages show the default catalog the migrations load, which a
# transactional test's flush would otherwise remove for the tests after it.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_consultant_edits_a_service_type_and_sees_it_on_the_public_page(
    live_server, page, console_errors
):
    consultant = ConsultantFactory(username="dana")
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill(consultant.username)
    page.get_by_label("Password").fill("a-long-test-passphrase")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Service types")).to_be_visible()

    page.get_by_role("link", name="Service types").click()
    page.get_by_role("searchbox").fill("bookkeeping")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Bookkeeping", exact=True).click()
    page.get_by_label("Summary").fill("Monthly books closed by a specialist team abroad.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(f"{live_server.url}/catalog/bookkeeping/")
    expect(page.get_by_text("Monthly books closed by a specialist team abroad.")).to_be_visible()
    console_errors.assert_no_csp_violation()
    assert console_errors == []


def test_consultant_reviews_a_large_assessment_through_its_task_list(
    live_server, page, console_errors
):
    from assessments import services
    from assessments.admin import INLINE_TASKS_LIMIT
    from assessments.models import Task
    from tests.factories import SubmittedAssessmentFactory, TaskFactory

    consultant = ConsultantFactory(username="robin")
    assessment = SubmittedAssessmentFactory(company_name="Big Inventory Ltd")
    count = INLINE_TASKS_LIMIT + 30
    Task.objects.bulk_create(
        TaskFactory.build(assessment=assessment, position=n, name=f"Inventory task {n}")
        for n in range(1, count + 1)
    )
    services.score_assessment(assessment)
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill(consultant.username)
    page.get_by_label("Password").fill("a-long-test-passphrase")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/admin/assessments/assessment/{assessment.pk}/change/")
    expect(page.get_by_text(f"{count} tasks:")).to_contain_text("too many to list here")
    expect(page.get_by_text("Inventory task 1", exact=True)).to_have_count(0)

    page.get_by_role("link", name="Open them in the task list").click()
    expect(page.locator("#result_list tbody tr")).to_have_count(count)  # under a page's 100
    expect(page.locator("#changelist-filter")).to_contain_text("Big Inventory Ltd")
    page.get_by_role("link", name="Inventory task 7", exact=True).click()

    expect(page.get_by_text("What would change the answer")).to_be_visible()
    expect(page.locator(".field-reasons li").first).to_contain_text("points)")
    expect(page.get_by_role("button", name="Save")).to_have_count(0)
    console_errors.assert_no_csp_violation()
    assert console_errors == []
