"""The CSV and JSON exports: numbers a spreadsheet can sum, text it will not run as a formula."""

import csv
import io
import json
from decimal import Decimal

import pytest

from assessments.exports import EXPORT_COLUMNS, csv_text, json_text
from assessments.models import Assessment, Task
from catalog.models import ServiceType

IN_HOUSE_YEAR3 = "216000.00"  # 6,000.00 a month for 36 months


def costs(year3, break_even_month=None):
    return {"available": True, "year3": year3, "break_even_month": break_even_month}


def scored_task(
    name="Payroll run", recommendation="kpo", *, year3="165744.00", currency="USD", **result
):
    """An unsaved Task as scoring leaves it; `year3` is the recommended answer's total."""
    answer_costs = {
        "in_house": costs(IN_HOUSE_YEAR3),
        "bpo": costs("200000.00", 20),
        "kpo": costs("165744.00", 13),
    }
    if recommendation != "in_house":
        answer_costs[recommendation] = costs(year3, result.pop("break_even_month", 13))
    return Task(
        assessment=Assessment(company_name="Acme", currency=currency),
        name=name,
        recommendation=recommendation,
        bpo_score=Decimal("41.5"),
        kpo_score=Decimal("72.0"),
        in_house_score=Decimal("55.5"),
        confidence=64,
        delivery_location="" if recommendation == "in_house" else "nearshore",
        monthly_cost=Decimal("6000.00"),
        outsourced_monthly_cost=Decimal("3847.50"),
        monthly_saving=result.pop("monthly_saving", Decimal("2152.50")),
        result={"costs": answer_costs, **result},
    )


def spreadsheet_rows(text):
    """Read as a spreadsheet would: the header names the columns."""
    return list(csv.DictReader(io.StringIO(text)))


def only_row(task):
    (row,) = spreadsheet_rows(csv_text([task]))
    return row


# --- Numbers ------------------------------------------------------------------------------


def test_a_negative_saving_is_a_plain_number_a_spreadsheet_can_sum():
    dearer = scored_task("Quality review", monthly_saving=Decimal("-686.05"), year3="240000.00")
    cheaper = scored_task("Payroll run", monthly_saving=Decimal("1000.00"))

    text = csv_text([dearer, cheaper])

    assert "Quality review,kpo,41.5,72.0,55.5,64,nearshore,6000.00,3847.50,-686.05," in text
    assert "'-" not in text
    rows = spreadsheet_rows(text)
    assert sum(Decimal(row["monthly_saving"]) for row in rows) == Decimal("313.95")
    assert sum(Decimal(row["three_year_saving"]) for row in rows) == Decimal("26256.00")


def test_every_numeric_column_reads_as_a_number():
    row = only_row(scored_task(monthly_saving=Decimal("-0.01")))

    numbers = [
        "bpo_score",
        "kpo_score",
        "in_house_score",
        "confidence",
        "in_house_monthly_cost",
        "outsourced_monthly_cost",
        "monthly_saving",
        "three_year_saving",
        "break_even_month",
    ]
    assert [Decimal(row[column]) for column in numbers] == [
        Decimal("41.5"),
        Decimal("72.0"),
        Decimal("55.5"),
        Decimal("64"),
        Decimal("6000.00"),
        Decimal("3847.50"),
        Decimal("-0.01"),
        Decimal("50256.00"),
        Decimal("13"),
    ]


# --- Text ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["=SUM(A1:A9)", "+44 callbacks", "-1 backlog", "@mention triage"])
def test_a_name_that_a_spreadsheet_would_run_is_still_escaped(name):
    assert only_row(scored_task(name))["name"] == f"'{name}"


def test_text_that_looks_like_a_negative_number_is_still_text():
    # Escaping goes by column, not by value: this is a task's name, not a saving.
    assert only_row(scored_task("-686.05"))["name"] == "'-686.05"


def test_the_service_type_column_is_the_catalogs_published_slug():
    task = scored_task()
    task.service_type = ServiceType(name="Data entry and processing", slug="data-entry")

    assert only_row(task)["service_type"] == "data-entry"


# --- Three-year saving and break-even month ----------------------------------------------


def test_the_new_columns_come_last_so_existing_columns_keep_their_places():
    header = csv_text([]).rstrip("\r\n").split(",")

    assert header == EXPORT_COLUMNS
    assert header[:11] == [
        "name",
        "recommendation",
        "bpo_score",
        "kpo_score",
        "in_house_score",
        "confidence",
        "delivery_location",
        "in_house_monthly_cost",
        "outsourced_monthly_cost",
        "monthly_saving",
        "service_type",
    ]
    assert header[11:] == ["three_year_saving", "break_even_month", "currency"]


# --- Currency -----------------------------------------------------------------------------


def test_every_row_names_the_currency_its_money_is_in_and_the_numbers_stay_plain():
    row = only_row(scored_task(currency="GBP", monthly_saving=Decimal("-686.05")))

    assert row["currency"] == "GBP"
    assert row["in_house_monthly_cost"] == "6000.00"
    assert row["monthly_saving"] == "-686.05"
    assert json.loads(json_text([scored_task(currency="JPY")]))[0]["currency"] == "JPY"


def test_three_year_saving_is_in_house_less_the_recommended_answer_over_three_years():
    row = only_row(scored_task(recommendation="kpo", year3="165744.00"))

    assert row["three_year_saving"] == "50256.00"  # 216,000.00 - 165,744.00
    assert row["break_even_month"] == "13"


def test_an_in_house_answer_saves_nothing_and_has_no_break_even():
    row = only_row(scored_task(recommendation="in_house"))

    assert row["three_year_saving"] == "0.00"
    assert row["break_even_month"] == ""


@pytest.mark.parametrize(
    ("break_even_month", "result", "expected"),
    [
        (36, {}, "36"),  # the last month of the default three-year horizon
        (37, {}, ""),  # past it: does not pay back within the horizon
        (None, {}, ""),  # never pays back
        (37, {"horizon_months": 60}, "37"),
        (61, {"horizon_months": 60}, ""),
        (24, {"horizon_months": 24}, "24"),
        (25, {"horizon_months": 24}, ""),
    ],
)
def test_break_even_month_is_blank_when_it_does_not_pay_back_within_the_horizon(
    break_even_month, result, expected
):
    task = scored_task(break_even_month=break_even_month, **result)

    assert only_row(task)["break_even_month"] == expected


def test_a_recommendation_dearer_over_three_years_shows_a_negative_saving():
    row = only_row(scored_task(recommendation="bpo", year3="216686.05", break_even_month=None))

    assert row["three_year_saving"] == "-686.05"
    assert row["break_even_month"] == ""


# --- JSON ---------------------------------------------------------------------------------


def test_json_has_the_same_columns_and_text_without_formula_escaping():
    tasks = [scored_task("=HYPERLINK(evil)", monthly_saving=Decimal("-686.05")), scored_task()]

    exported = json.loads(json_text(tasks))
    rows = spreadsheet_rows(csv_text(tasks))

    assert [list(item) for item in exported] == [EXPORT_COLUMNS] * 2
    assert exported[0]["name"] == "=HYPERLINK(evil)"
    assert rows[0]["name"] == "'=HYPERLINK(evil)"
    assert [{**item, "name": ""} for item in exported] == [{**row, "name": ""} for row in rows]
    assert exported[0]["monthly_saving"] == "-686.05"
    assert exported[1]["break_even_month"] == "13"
