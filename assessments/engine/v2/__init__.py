"""Scoring method 2: advice that agrees with its own money (docs/scoring.md).

    result = assess_task(task, context)        # context: .profile, .market, .company
    summary = summarise(results, context)

Plain functions over plain dataclasses; no Django, no database, no clock, no caches: every
task is worked out from its own inputs, so the same inputs always give the same answer.
"""

from ..model import ANSWERS, IN_HOUSE, OUTSOURCED, PlanTotals, PortfolioSummary, TaskResult
from . import explain, money
from .confidence import confidence, cost_uncertain
from .decision import Scoring, evaluate
from .whatif import what_if


def assess_task(task, context):
    context = Scoring.of(context)
    evaluation = evaluate(task, context)
    uncertain = cost_uncertain(evaluation, context)
    percent, label = confidence(evaluation, context.profile, uncertain)
    costs = option_costs(evaluation, context)
    shown_option = evaluation.answer if evaluation.answer != IN_HOUSE else evaluation.runner_up
    return TaskResult(
        name=task.name,
        scores=dict(evaluation.scores),
        recommendation=evaluation.answer,
        confidence=percent,
        confidence_label=label,
        reasons=explain.reasons(evaluation, context),
        delivery_location=costs[shown_option].location,
        costs=costs,
        what_if=what_if(evaluation, context),
        hours_estimated=evaluation.hours_estimated,
        notes=explain.notes(evaluation, context, uncertain),
        horizon_months=context.profile.horizon_months,
        hours=evaluation.hours,
    )


def option_costs(evaluation, context):
    task, profile = evaluation.task, context.profile
    costs = {IN_HOUSE: money.in_house_cost(task, profile)}
    for answer in OUTSOURCED:
        option = evaluation.options[answer]
        costs[answer] = money.outsourced_cost(answer, option.offer, option.monthly, task, profile)
    return costs


def assess_tasks(tasks, context):
    return [assess_task(task, context) for task in tasks]


def summarise(results, context):
    """Today's costs against the recommended plan, and when the plan as a whole pays back."""
    counts = dict.fromkeys(ANSWERS, 0)
    for result in results:
        counts[result.recommendation] += 1
    today = [result.costs[IN_HOUSE] for result in results]
    chosen = [result.recommended_cost for result in results]
    return PortfolioSummary(
        task_count=len(results),
        counts=counts,
        current=totals(today),
        plan=totals(chosen),
        break_even_month=plan_break_even(results, context.profile),
    )


def totals(costs):
    return PlanTotals(
        monthly=sum((cost.monthly for cost in costs), money.ZERO),
        transition=sum((cost.transition for cost in costs), money.ZERO),
        year1=sum((cost.year1 for cost in costs), money.ZERO),
        year3=sum((cost.year3 for cost in costs), money.ZERO),
    )


def plan_break_even(results, profile):
    """First month within the horizon in which the outsourced tasks together have cost no
    more than keeping them; None when nothing is outsourced or it does not pay back."""
    outsourced = [result for result in results if result.recommendation != IN_HOUSE]
    if not outsourced:
        return None
    for month in range(1, profile.horizon_months + 1):
        spent = sum(plan_to_month(result, month, profile) for result in outsourced)
        kept = sum(result.costs[IN_HOUSE].monthly * month for result in outsourced)
        if spent <= kept:
            return month
    return None


def plan_to_month(result, month, profile):
    cost = result.recommended_cost
    in_house = result.costs[IN_HOUSE].monthly
    return money.outsourced_to_month(month, cost.monthly, in_house, cost.transfer_months, profile)
