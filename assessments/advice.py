"""Advice around the scores: the catalog risks that apply and the next steps to take.

Part of the results report (`assessments.report`): reads the scored tasks, and the catalog
risks in a constant number of queries; writes nothing, holds no scoring rules.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from catalog.models import Risk, ServiceType
from catalog.money import format_money

from .models import Answer

OUTSOURCED = (Answer.BPO, Answer.KPO)
NAMES_SHOWN = 5
SENSITIVE = 4  # data sensitivity from which a task handles confidential data
ZERO = Decimal("0")


def amount(value):
    """A stored amount (JSON text, Decimal or None) as a Decimal; None stays None."""
    return None if value in (None, "") else Decimal(str(value))


def money(value, currency, country=None):
    """A stored amount in whole units, written for its currency and the company's
    country: "$12,345", "£12,345", "¥12,345", "₹12,34,567"."""
    return format_money(amount(value), currency, country, whole=True)


@dataclass
class RiskReport:
    risk: object
    task_names: list
    more: int


# --- Risks -------------------------------------------------------------------------------


def applicable_risks(tasks):
    """Catalog risks of the outsourced tasks' service types, in two queries at most.

    When an outsourced task has no service type we cannot tell which risks it carries,
    so every catalog risk is shown. Nothing outsourced: no risks.
    """
    outsourced = [task for task in tasks if task.recommendation in OUTSOURCED]
    if not outsourced:
        return []
    type_ids = {task.service_type_id for task in outsourced if task.service_type_id}
    untyped = [task.name for task in outsourced if not task.service_type_id]
    risks = Risk.objects.all() if untyped else Risk.objects.filter(service_types__in=type_ids)
    matched = Prefetch(
        "service_types",
        queryset=ServiceType.objects.filter(pk__in=type_ids).only("pk"),
        to_attr="matched_types",
    )
    reports = []
    for risk in risks.distinct().prefetch_related(matched):
        ids = {service_type.pk for service_type in risk.matched_types}
        names = [task.name for task in outsourced if task.service_type_id in ids] + untyped
        reports.append(RiskReport(risk, names[:NAMES_SHOWN], max(0, len(names) - NAMES_SHOWN)))
    return sorted(reports, key=lambda report: -(len(report.task_names) + report.more))


# --- Next steps --------------------------------------------------------------------------


@dataclass
class NextSteps:
    """The facts the next steps are worded from (the wording lives in the template)."""

    pilot: object  # the outsourced task to try first, or None
    pilot_saving: str  # its monthly saving as text, empty when it saves nothing
    bpo_tasks: str
    kpo_tasks: str
    sensitive_tasks: str
    close_calls: str
    break_even_month: int | None
    plan_year1: str
    plan_extra_cost: str  # how much more the plan costs over years 1-3; empty when it saves


def names_text(tasks):
    """Task names for a sentence: the first few quoted, the rest counted."""
    names = [f"\u201c{task.name}\u201d" for task in tasks[:NAMES_SHOWN]]
    if len(tasks) > NAMES_SHOWN:
        names.append(f"{len(tasks) - NAMES_SHOWN} more")
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


def three_year_saving(task):
    """What keeping the work costs over years 1-3 less what the recommended answer costs."""
    costs = task.result.get("costs", {})
    chosen = costs.get(task.recommendation)
    if not chosen or "in_house" not in costs:
        return ZERO
    return amount(costs["in_house"]["year3"]) - amount(chosen["year3"])


def paid_back_month(summary):
    """The plan's break-even month when it falls within the horizon, else None."""
    month = summary.get("break_even_month")
    return month if month and month <= summary.get("horizon_months", 36) else None


def next_steps(summary, tasks, currency, country=None):
    """Pick the pilot and the tasks each next step names.

    A plan that costs more over three years than keeping the work gets no pilot to open
    with: its first step says what it costs, and the pilot, if any, is a task that saves.
    """
    outsourced = [task for task in tasks if task.recommendation in OUTSOURCED]
    saving_year3 = amount(summary["saving_year3"])
    loses_money = bool(outsourced) and saving_year3 < 0
    candidates = [task for task in outsourced if three_year_saving(task) > 0]
    pilot = max(
        candidates if loses_money else outsourced,
        key=lambda task: (task.monthly_saving or ZERO, task.confidence or 0),
        default=None,
    )
    saving = pilot.monthly_saving if pilot else None
    return NextSteps(
        pilot=pilot,
        pilot_saving=money(saving, currency, country) if saving and saving > 0 else "",
        bpo_tasks=names_text([task for task in outsourced if task.recommendation == Answer.BPO]),
        kpo_tasks=names_text([task for task in outsourced if task.recommendation == Answer.KPO]),
        sensitive_tasks=names_text(
            [task for task in outsourced if task.data_sensitivity >= SENSITIVE]
        ),
        close_calls=names_text(
            [task for task in tasks if task.result.get("confidence_label") == "low"]
        ),
        break_even_month=paid_back_month(summary) if outsourced else None,
        plan_year1=money(summary["plan"]["year1"], currency, country),
        plan_extra_cost=money(-saving_year3, currency, country) if loses_money else "",
    )
