"""Scoring method 1 in plain Python: BPO, KPO or in-house for each task.

A readable port of the fast engine that scored method 1 profiles (docs/scoring-v1.md). It
gives the same results to the last bit of every score and the last cent of every figure,
so that assessments scored with method 1 re-score exactly as before
(tests/engine/test_v1_golden.py holds it to the old engine's recorded answers). Plain on
purpose: each task is worked out from its own inputs, with no tables, caches or shortcuts
beyond those the method itself defines. Standard library and engine.model only: no
Django, no database, no clock, and none of the old fast modules.

    results = [assess_task(task, context) for task in tasks]
    summary = summarise(results, context)

`context` is any object with `.profile` (model.Profile), `.market` (model.Market) and
`.company` (model.Company).
"""

from ..model import IN_HOUSE, TaskResult
from .costs import portfolio_summary, task_costs
from .evaluation import Scoring, evaluate
from .ranking import confidence_label, confidence_percent, ranked
from .reasons import reasons_for
from .whatif import what_if

__all__ = ["assess_task", "summarise"]


def assess_task(task, context):
    """The model.TaskResult of one model.TaskInput."""
    scoring = Scoring.of(context)
    evaluation = evaluate(task, scoring)
    scores = evaluation.scores
    top, runner_up = ranked(scores)[:2]
    # Scores are shown to one decimal; so is their difference (no float residue).
    margin = round(scores[top] - scores[runner_up], 1)
    costs = task_costs(evaluation, context.profile)
    # For an in-house answer, where the better outsourcing answer would deliver.
    located = runner_up if top == IN_HOUSE else top
    return TaskResult(
        name=task.name,
        scores=scores,
        recommendation=top,
        confidence=confidence_percent(margin, context.profile),
        confidence_label=confidence_label(margin, context.profile),
        reasons=reasons_for(evaluation, top, runner_up, context.market.currency),
        delivery_location=costs[located].location,
        costs=costs,
        what_if=what_if(evaluation, scoring, top),
        hours_estimated=evaluation.hours_estimated,
    )


def summarise(results, context):
    """The model.PortfolioSummary of a list of TaskResults: today against the plan."""
    return portfolio_summary(results, context.profile)
