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

from . import costs
from .context import Context
from .evaluate import evaluate
from .explain import reasons
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
from .scoring import ranked, top_two  # noqa: F401  (ranked is public)
from .whatif import what_if

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
    scores = evaluation.scores
    top, runner_up = top_two(scores)
    # Scores are shown to one decimal; so is their difference (no float residue).
    margin = round(scores[top] - scores[runner_up], 1)
    profile = context.profile
    task_costs = costs.task_costs(
        task.monthly_cost, evaluation.offers, evaluation.monthly, context.cost_terms
    )
    return TaskResult(  # positional: this runs for every task (see TaskResult for the order)
        task.name,
        scores,
        top,
        confidence_percent(margin, profile),
        confidence_label(margin, profile),
        reasons(evaluation, context, top, runner_up, context.market.currency),
        task_costs[top if top != IN_HOUSE else runner_up].location,
        task_costs,
        what_if(evaluation, context, top),
        evaluation.hours_estimated,
    )


def confidence_percent(margin, profile):
    """50 when the top two are level, 75 at the high-confidence margin, 100 at twice it."""
    return min(100, round(50 + 25 * margin / profile.confidence_high_margin))


def confidence_label(margin, profile):
    if margin >= profile.confidence_high_margin:
        return "high"
    if margin >= profile.confidence_medium_margin:
        return "medium"
    return "low"


def assess_tasks(tasks, context):
    return [assess_task(task, context) for task in tasks]


def summarise(results, context):
    """Totals over every task: today's cost against the recommended plan."""
    counts = dict.fromkeys(ANSWERS, 0)
    outsourced = []
    for result in results:
        counts[result.recommendation] += 1
        if result.recommendation != IN_HOUSE:
            outsourced.append((result.costs[IN_HOUSE].monthly, result.recommended_cost))
    return PortfolioSummary(
        task_count=len(results),
        counts=counts,
        current=costs.plan_totals(result.costs[IN_HOUSE] for result in results),
        plan=costs.plan_totals(result.recommended_cost for result in results),
        break_even_month=costs.portfolio_break_even(outsourced, context.profile),
    )
