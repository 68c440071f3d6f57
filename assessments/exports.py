"""Scored tasks as rows for CSV and JSON exports.

Shared by the `assess_tasks` command and the results page's download. Every value is exact
text (money with two decimals, no float ever touches it); a blank is "".

In the CSV, the columns in NUMERIC_COLUMNS are written as plain numbers, negative ones
included (-686.05), so that a spreadsheet reads and sums them; every other column is text
and gets formula escaping (a name such as "=SUM(A1)" is written as "'=SUM(A1)"). Which
columns are numbers is declared once, here, never guessed from a value: "-1 backlog" is a
name, "-686.05" a saving.

The JSON export has the same columns with the same text, numbers included as strings (as
they have always been: exact, and the same as the CSV's cells), and no formula escaping,
since nothing runs JSON as a spreadsheet.

`three_year_saving` is the in-house three-year total less the recommended answer's (0.00
when the answer is in-house). `break_even_month` is the recommended answer's month of
paying back its transition, blank when it is in-house or does not pay back within the
scoring horizon. `currency` is the assessment's ISO 4217 code, which every money column
is in.
"""

import csv
import io
import json
from decimal import Decimal

from outsourcing_advisor.spreadsheets import escape_formula

EXPORT_COLUMNS = [
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
    # Added last, so that the columns before them keep their places in existing sheets.
    "three_year_saving",
    "break_even_month",
    "currency",
]
NUMERIC_COLUMNS = frozenset(
    {
        "bpo_score",
        "kpo_score",
        "in_house_score",
        "confidence",
        "in_house_monthly_cost",
        "outsourced_monthly_cost",
        "monthly_saving",
        "three_year_saving",
        "break_even_month",
    }
)
IN_HOUSE = "in_house"
# Scorings stored before the horizon was recorded used three years.
DEFAULT_HORIZON_MONTHS = 36


def money(value):
    return "" if value is None else f"{value:.2f}"


def export_row(task):
    """One scored Task as a dict of EXPORT_COLUMNS (numbers as exact text)."""
    return {
        "name": task.name,
        "recommendation": task.recommendation,
        "bpo_score": str(task.bpo_score),
        "kpo_score": str(task.kpo_score),
        "in_house_score": str(task.in_house_score),
        "confidence": str(task.confidence),
        "delivery_location": task.delivery_location,
        "in_house_monthly_cost": money(task.monthly_cost),
        "outsourced_monthly_cost": money(task.outsourced_monthly_cost),
        "monthly_saving": money(task.monthly_saving),
        # The catalog's published slug: stable, unlike the service type's display name.
        "service_type": task.service_type.slug if task.service_type else "",
        "three_year_saving": money(three_year_saving(task)),
        "break_even_month": break_even_text(task),
        # The ISO 4217 code every money column is in, on each row so that rows from
        # several exports can be put together.
        "currency": task.assessment.currency,
    }


def answer_costs(task, answer):
    """The stored costs of one answer ({} when the task has none, e.g. not yet scored)."""
    return (task.result or {}).get("costs", {}).get(answer) or {}


def three_year_saving(task):
    """In-house three-year total less the recommended answer's; None when unknown."""
    in_house = answer_costs(task, IN_HOUSE).get("year3")
    recommended = answer_costs(task, task.recommendation).get("year3")
    if in_house is None or recommended is None:
        return None
    return Decimal(in_house) - Decimal(recommended)


def break_even_text(task):
    """The month the recommended answer pays back, blank when in-house or past the horizon."""
    if task.recommendation == IN_HOUSE:  # nothing to pay back
        return ""
    month = answer_costs(task, task.recommendation).get("break_even_month")
    horizon = (task.result or {}).get("horizon_months", DEFAULT_HORIZON_MONTHS)
    if month is None or month > horizon:
        return ""
    return str(month)


def csv_cell(column, value):
    """Numbers go out as they are; text is escaped so that no spreadsheet runs it."""
    return value if column in NUMERIC_COLUMNS else escape_formula(value)


def write_csv(tasks, stream):
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for task in tasks:
        row = export_row(task)
        writer.writerow([csv_cell(column, row[column]) for column in EXPORT_COLUMNS])


def csv_text(tasks):
    stream = io.StringIO()
    write_csv(tasks, stream)
    return stream.getvalue()


def json_text(tasks):
    return json.dumps([export_row(task) for task in tasks], indent=2, ensure_ascii=False)
