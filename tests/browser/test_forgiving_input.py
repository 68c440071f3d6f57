"""Numbers as an owner types them and an Excel workbook, in a real browser at 390 and 1280 px
(issue 18, point 5): a cost with the assessment's own currency and thousands separators, and
hours with a decimal comma, are read as meant; a cost in another currency is refused with a
message naming the sign to remove, and nothing is saved until it is corrected; an .xlsx file
gets the row-and-column messages a CSV file gets, then imports."""

import io
from decimal import Decimal

import openpyxl
import pytest
from babel.numbers import get_currency_symbol
from playwright.sync_api import expect

from assessments.models import Assessment
from assessments.numbers import AmountRefused, parse_amount
from catalog.money import format_money
from tests.browser.test_questionnaire import fill_task, start_assessment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("at_both_widths"),
]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ["name", "complexity", "skill_level", "monthly_cost", "hours_per_month"]


def workbook(*rows):
    book = openpyxl.Workbook()
    for row in (HEADER, *rows):
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(page, content):
    page.get_by_label("CSV file of tasks (or an Excel .xlsx workbook)").set_input_files(
        files=[{"name": "tasks.xlsx", "mimeType": XLSX, "buffer": content}]
    )
    page.get_by_role("button", name="Upload and check").click()


def test_amounts_are_read_as_typed_or_refused_by_name(live_server, page, console_errors, axe):
    start_assessment(page, live_server.url, company="Typed Figures Ltd")
    currency = Assessment.objects.get().currency
    foreign = "€" if currency == "GBP" else "£"
    fill_task(page, 0, "Payroll run", "Payroll processing", {}, f"{currency} 3,200", "1.200,50")
    fill_task(
        page,
        1,
        "Legal research",
        None,
        {"complexity": 5, "skill_level": 5, "standardisation": 2},
        f"{foreign}8,000",
        "12,5",
    )
    page.get_by_role("button", name="Save and review").click()

    errors = page.locator(".alert-danger").first
    expect(errors).to_contain_text(f"remove the {foreign} sign")
    expect(page.locator("#id_tasks-1-monthly_cost")).to_have_attribute("aria-invalid", "true")
    assert axe(page) == []
    assert not Assessment.objects.get().tasks.exists()  # nothing half-saved

    symbol = get_currency_symbol(currency, "en")
    page.fill("#id_tasks-1-monthly_cost", f"{symbol}8,000.00")
    page.get_by_role("button", name="Save and review").click()
    expect(page.get_by_role("heading", name="Review and submit")).to_be_visible()
    saved = {
        task.name: (task.monthly_cost, task.hours_per_month)
        for task in Assessment.objects.get().tasks.all()
    }
    assert saved == {
        "Payroll run": (Decimal("3200.00"), Decimal("1200.50")),
        "Legal research": (Decimal("8000.00"), Decimal("12.50")),
    }
    console_errors.assert_no_csp_violation()
    assert console_errors == []


TYPED_COSTS = [
    "3,200", "3 200", "3'200", "1.200,50", "1,200.50", "1.200.000", "1,5", ".5", "3200.",
    "{code} 3,200", "{symbol}3,200", "1.200", "12.345", "1234.567", "-3200", "{foreign}3,200",
    "3200 JPY", "1,20,000", "1,23,456.50", "1.20.000", "3,2OO", "{symbol} 3200 {code}",
]  # fmt: skip


def server_reads(text, currency):
    """What the tasks step saves for `text` as a monthly cost, or None if it is refused."""
    try:
        value = parse_amount(text, currency=currency)
    except AmountRefused:
        return None
    return value if value >= 0 and -value.as_tuple().exponent <= 2 else None


def test_the_running_total_reads_a_cost_as_the_server_will(live_server, page, console_errors):
    """The total under the list counts what a save would store, and no more."""
    start_assessment(page, live_server.url, company="Running Total Ltd")
    assessment = Assessment.objects.get()
    symbol = get_currency_symbol(assessment.currency, "en")
    foreign = "€" if assessment.currency == "GBP" else "£"
    page.fill("#id_tasks-0-name", "Payroll run")
    totals = page.locator("#task-totals")
    for pattern in TYPED_COSTS:
        typed = pattern.format(code=assessment.currency, symbol=symbol, foreign=foreign)
        page.fill("#id_tasks-0-monthly_cost", typed)
        value = server_reads(typed, assessment.currency)
        if value is None:
            expect(totals).to_contain_text("1 cost not counted until corrected")
        else:
            money = format_money(value, assessment.currency, assessment.country)
            expect(totals).to_have_text(f"Total of 1 task: {money} a month.")
    console_errors.assert_no_csp_violation()
    assert console_errors == []


def test_an_excel_workbook_gets_row_messages_then_imports(live_server, page, console_errors, axe):
    start_assessment(page, live_server.url, company="Workbook Ltd")
    page.get_by_role("link", name="Upload your tasks").click()

    upload(page, workbook(["Payroll run", 2, 2, 3000, 20], ["Legal research", "seven", 5, 8000]))
    problems = page.locator("#file-problems")
    expect(problems).to_contain_text("Row 3, column complexity")
    expect(problems).to_contain_text("Nothing was saved")
    assert axe(page) == []
    assert not Assessment.objects.get().tasks.exists()

    upload(page, workbook(["Payroll run", 2, 2, 3000, 20], ["Legal research", 5, 5, 8000]))
    summary = page.get_by_role("region", name="Your task list after the upload")
    expect(summary).to_be_visible()
    expect(summary.locator("dd").first).to_have_text("2")
    expect(summary.locator("dd").nth(2)).to_contain_text("given for 1 of 2 tasks")
    assert axe(page) == []
    assert sorted(Assessment.objects.get().tasks.values_list("name", "monthly_cost")) == [
        ("Legal research", Decimal("8000.00")),
        ("Payroll run", Decimal("3000.00")),
    ]
    console_errors.assert_no_csp_violation()
    assert console_errors == []
