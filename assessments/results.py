"""Engine results as JSON-safe data for the database and exports.

Money is written as strings so no float ever touches it.
"""

from decimal import Decimal

from .engine import ANSWERS
from .engine.model import ANSWER_LABELS


def money_text(value):
    return None if value is None else str(value)


def option_cost_data(cost):
    return {
        "available": cost.available,
        "location": cost.location,
        "hourly_rate": money_text(cost.hourly_rate),
        "monthly": money_text(cost.monthly),
        "transition": money_text(cost.transition),
        "year1": money_text(cost.year1),
        "year3": money_text(cost.year3),
        "break_even_month": cost.break_even_month,
        "horizon_total": money_text(cost.horizon_total),
    }


def what_if_data(what_if):
    if what_if is None:
        return None
    return {
        "factor": what_if.factor,
        "current": str(what_if.current),
        "changed_to": str(what_if.changed_to),
        "new_recommendation": what_if.new_recommendation,
        "text": what_if.text,
    }


def task_result_data(result):
    return {
        "confidence_label": result.confidence_label,
        "hours_estimated": result.hours_estimated,
        "reasons": [
            {
                "factor": r.factor,
                "text": r.text,
                "favours": r.favours,
                "favours_label": ANSWER_LABELS[r.favours],
                "points": r.points,
            }
            for r in result.reasons
        ],
        "costs": {answer: option_cost_data(result.costs[answer]) for answer in ANSWERS},
        "what_if": what_if_data(result.what_if),
        "notes": list(result.notes),
        "horizon_months": result.horizon_months,
        "hours": money_text(result.hours),
    }


def task_fields(result):
    """Column values of a scored Task."""
    outsourced = result.outsourced_cost
    return {
        "recommendation": result.recommendation,
        "bpo_score": Decimal(str(result.scores["bpo"])),
        "kpo_score": Decimal(str(result.scores["kpo"])),
        "in_house_score": Decimal(str(result.scores["in_house"])),
        "confidence": result.confidence,
        "delivery_location": result.delivery_location or "",
        "outsourced_monthly_cost": outsourced.monthly if outsourced.available else None,
        "monthly_saving": result.monthly_saving,
        "result": task_result_data(result),
    }


def plan_data(plan):
    return {
        "monthly": money_text(plan.monthly),
        "transition": money_text(plan.transition),
        "year1": money_text(plan.year1),
        "year3": money_text(plan.year3),
    }


def summary_data(summary, horizon_months=36):
    return {
        "task_count": summary.task_count,
        "counts": dict(summary.counts),
        "current": plan_data(summary.current),
        "plan": plan_data(summary.plan),
        "saving_monthly": money_text(summary.saving_monthly),
        "saving_year1": money_text(summary.saving_year1),
        "saving_year3": money_text(summary.saving_year3),
        "break_even_month": summary.break_even_month,
        "horizon_months": horizon_months,
    }
