"""Scored tasks as rows for CSV and JSON exports.

Shared by the `assess_tasks` command and the results page's download. Text that a
spreadsheet would run as a formula is escaped; money stays exact (written as text).
"""

import csv
import io
import json

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
]


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
        "service_type": task.service_type.slug if task.service_type else "",
    }


def write_csv(tasks, stream):
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for task in tasks:
        row = export_row(task)
        writer.writerow([escape_formula(row[column]) for column in EXPORT_COLUMNS])


def csv_text(tasks):
    stream = io.StringIO()
    write_csv(tasks, stream)
    return stream.getvalue()


def json_text(tasks):
    return json.dumps([export_row(task) for task in tasks], indent=2, ensure_ascii=False)
