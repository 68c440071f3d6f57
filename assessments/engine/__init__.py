"""The scoring engine: BPO, KPO or in-house for each task, with reasons, costs and what-ifs.

Pure Python on purpose: standard library only, no Django, no database, no clock. Fed plain
dataclasses (`engine.model`), it returns plain dataclasses, so the same inputs always give
the same answer. The method is documented in docs/scoring.md; how it is computed quickly
(per-assessment tables, a what-if search that passes over changes which cannot change the
answer) in its section 10.

    context = Context(profile, market, company)     # once per assessment
    results = [assess_task(task, context) for task in tasks]
    summary = summarise(results, context)
"""

import gc

from . import costs
from .context import Context
from .evaluate import evaluate
from .model import (
    ANSWERS,
    BPO,
    IN_HOUSE,
    KPO,
    OUTSOURCED,
    Company,
    Location,
    Market,
    PortfolioSummary,
    Profile,
    Rate,
    ServiceTypeInfo,
    TaskInput,
    TaskResult,
)
from .scoring import confidence_label, confidence_percent, ranked  # noqa: F401  (public)
from .verdicts import verdict_of

__all__ = [
    "ANSWERS",
    "BPO",
    "IN_HOUSE",
    "KPO",
    "OUTSOURCED",
    "Company",
    "Context",
    "Location",
    "Market",
    "PortfolioSummary",
    "Profile",
    "Rate",
    "ServiceTypeInfo",
    "TaskInput",
    "TaskResult",
    "assess_task",
    "assess_tasks",
    "summarise",
]


def assess_task(task, context):
    evaluation = evaluate(task, context)
    top, runner_up, confidence, label, reasons, what_if = verdict_of(evaluation, context)
    task_costs = costs.task_costs(
        task.monthly_cost, evaluation.offers, evaluation.monthly, context.cost_terms
    )
    return TaskResult(  # positional: this runs for every task (see TaskResult for the order)
        task.name,
        evaluation.scores,
        top,
        confidence,
        label,
        reasons,
        task_costs[top if top != IN_HOUSE else runner_up].location,
        task_costs,
        what_if,
        evaluation.hours_estimated,
    )


def assess_tasks(tasks, context):
    """Every task's result, in order.

    The cyclic garbage collector is paused meanwhile: a batch makes a few long-lived
    objects per task (results, their costs and reasons) and no reference cycles, yet each
    collection would walk all the results made so far, which took about a third of the
    time. Reference counting still frees everything short-lived at once; the previous
    state is restored however the batch ends. (The first young collection after the batch
    still walks its objects once; moving them to the oldest generation unwalked, with
    `gc.freeze()` and `gc.unfreeze()`, was tried and dropped: objects moved that way do
    not count towards the next full collection, so other garbage cycles piled up.)
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return [assess_task(task, context) for task in tasks]
    finally:
        if collecting:
            gc.enable()


def summarise(results, context):
    """Totals over every task: today's cost against the recommended plan."""
    counts, current, plan, outsourced = costs.portfolio_totals(results)
    return PortfolioSummary(
        task_count=len(results),
        counts=counts,
        current=current,
        plan=plan,
        break_even_month=None
        if outsourced is None
        else costs.break_even_month(*outsourced, context.profile),
    )
