"""A catalog service fills a row's blank ratings in the browser, says so under the row,
and never changes a rating the owner picked."""

import pytest
from playwright.sync_api import expect

from assessments.models import Assessment
from catalog.models import ServiceType
from tests.browser.test_questionnaire import rate, start_assessment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("at_both_widths"),
]


def test_a_service_fills_only_blank_ratings_and_the_note_names_them(
    live_server, page, console_errors
):
    service = ServiceType.objects.get(slug="bookkeeping")
    picked = service.typical_complexity % 5 + 1  # not the service's own
    start_assessment(page, live_server.url, company="Prefill Ltd")
    note = page.locator("#task-1 .prefill-note")
    expect(note).to_be_hidden()

    page.fill("#id_tasks-0-name", "Monthly books")
    rate(page, 0, "complexity", picked)
    page.select_option("#id_tasks-0-service_type", label=service.name)

    expect(page.locator(f"#id_tasks-0-complexity_{picked - 1}")).to_be_checked()
    expect(
        page.locator(f"#id_tasks-0-skill_level_{service.typical_skill_level - 1}")
    ).to_be_checked()
    expect(note).to_be_visible()
    expect(note).to_have_text(
        f"Filled from {service.name}: skill {service.typical_skill_level}, standardisation "
        f"{service.typical_standardisation} \N{EM DASH} change any of them."
    )

    # A filled rating the owner then changes is theirs: the note drops it.
    rate(page, 0, "skill_level", service.typical_skill_level % 5 + 1)
    expect(note).to_have_text(
        f"Filled from {service.name}: standardisation {service.typical_standardisation} "
        "\N{EM DASH} change any of them."
    )
    rate(page, 0, "strategic_importance", "unsure")
    rate(page, 0, "data_sensitivity", 2)
    page.fill("#id_tasks-0-monthly_cost", "3000")
    page.get_by_role("button", name="Save and review").click()
    expect(page.get_by_role("heading", name="Review and submit")).to_be_visible()

    task = Assessment.objects.get().tasks.get()
    assert task.complexity == picked
    assert task.skill_level == service.typical_skill_level % 5 + 1
    assert task.prefilled_inputs == ["standardisation"]
    assert task.assumed_inputs == ["strategic_importance"]

    # Back on the tasks step, the saved row still says where its rating came from.
    page.get_by_role("link", name="Tasks", exact=True).click()
    expect(note).to_have_text(
        f"Filled from {service.name}: standardisation {service.typical_standardisation} "
        "\N{EM DASH} change any of them."
    )
    expect(page.locator("#id_tasks-0-strategic_importance_5")).to_be_checked()
    console_errors.assert_no_csp_violation()
    assert console_errors == []


def test_a_row_must_answer_strategic_importance_and_data_sensitivity(
    live_server, page, console_errors
):
    start_assessment(page, live_server.url, company="Unanswered Ltd")
    page.fill("#id_tasks-0-name", "Payroll")
    rate(page, 0, "complexity", 2)
    rate(page, 0, "skill_level", 2)
    page.fill("#id_tasks-0-monthly_cost", "3000")
    page.get_by_role("button", name="Save and review").click()

    expect(page.locator("#id_tasks-0-strategic_importance_errors")).to_have_text(
        "Choose 1 to 5, or Not sure."
    )
    expect(page.locator("#id_tasks-0-data_sensitivity_errors")).to_have_text(
        "Choose 1 to 5, or Not sure."
    )
    assert not Assessment.objects.get().tasks.exists()
    assert console_errors == []
