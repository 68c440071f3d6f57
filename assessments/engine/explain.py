"""Why an answer was given: the factors that pull the top answer and the runner-up apart.

Largest first, each in plain words with the answer it favours and its weight in score
points (docs/scoring.md section 7); a ruled-out outsourcing answer is explained first. The
smallest change that would give another answer is `engine.whatif`. No Django, no database,
no clock.

Only the cost factor's pull depends on money. Every other factor's pull, and so its
reason, follows from the factor's own 1-5 value (or the service type) once the top answer,
the runner-up and which outsourcing answers have a location are known: a `ReasonTable`
holds them for each such race, made the first time a task needs it (at most 24 per
context), each reason made once and shared. Per task the reasons found are sorted as
before, and only the cost reason is worded.
"""

from .model import BPO, IN_HOUSE, KPO, MIN_REASON_POINTS, OUTSOURCED, REASONS_SHOWN, Reason
from .phrases import (
    KNOWLEDGE_PHRASES,
    PHRASES,
    SENSITIVITY_PHRASES,
    STANDARDISATION_PHRASES,
    STRATEGIC_PHRASES,
    catalog_phrase,
    location_phrase,
)
from .scoring import FACTOR_ORDER

KNOWLEDGE, STANDARDISATION, COST, STRATEGIC, SENSITIVITY, CATALOG = range(6)
# Where each answer's points sit in a factor's row of the context's tables (the catalog's
# row is the plan's (BPO, KPO) points); an answer missing here gets 0.0 for the factor.
COLUMNS = {
    KNOWLEDGE: {BPO: 0, KPO: 1},
    STANDARDISATION: {BPO: 0, IN_HOUSE: 1},
    STRATEGIC: {BPO: 0, KPO: 1, IN_HOUSE: 2},
    SENSITIVITY: {BPO: 0, KPO: 1, IN_HOUSE: 2},
    CATALOG: {BPO: 0, KPO: 1},
}
# A factor that pulls less than MIN_REASON_POINTS: sorts after every reason, and stops the
# walk over them.
NO_REASON = (-1.0, -1, None)


def reasons(evaluation, context, top, runner_up, currency):
    """The reasons for a task's answer, largest first (a ruled-out answer's first)."""
    pull, shown, complete = ranked(evaluation, context, top, runner_up)
    return worded(evaluation, top, runner_up, pull, shown, complete, currency)


def ranked(evaluation, context, top, runner_up):
    """(the cost factor's pull, the (size, index, Reason) shown, largest first, with the
    cost's Reason None, and whether both outsourcing answers have a location)."""
    offers = evaluation.offers
    key = (top, runner_up, offers[0] is not None, offers[1] is not None)
    table = context.reason_tables.get(key) or context.reason_tables.setdefault(
        key, ReasonTable(context, *key)
    )
    task, plan, service_type = evaluation.task, evaluation.plan, evaluation.task.service_type
    catalog_key = (
        (plan, None, None)
        if service_type is None
        else (plan, service_type.name, service_type.sourcing_model)
    )
    mine, theirs, strengths = table.mine_cost, table.theirs_cost, evaluation.strengths
    pull = (0.0 if mine is None else mine[0] * strengths[mine[1]]) - (
        0.0 if theirs is None else theirs[0] * strengths[theirs[1]]
    )
    found = [
        table.knowledge[task.complexity][task.skill_level],
        table.standardisation[task.standardisation],
        table.strategic[task.strategic_importance],
        table.sensitivity[task.data_sensitivity],
        table.catalogs.get(catalog_key) or table.catalog_entry(catalog_key, service_type),
        (abs(pull), COST, None),
    ]
    # Largest first; equal sizes in reverse FACTOR_ORDER, as sorting (size, index) gives.
    found.sort(reverse=True)
    shown = []
    for entry in found[:REASONS_SHOWN]:
        if entry[0] < MIN_REASON_POINTS:
            break  # the rest are smaller still
        shown.append(entry)
    return pull, shown, table.complete


def worded(evaluation, top, runner_up, pull, shown, complete, currency):
    """The Reasons of `ranked`'s entries, the cost's worded for this task."""
    found = [
        reason or cost_reason(evaluation, top, runner_up, pull, size, currency)
        for size, _, reason in shown
    ]
    if complete:
        return tuple(found)
    return (*blocked_reasons(evaluation.task, evaluation.offers, top), *found)


def cost_reason(evaluation, top, runner_up, pull, size, currency):
    # The phrase speaks of the answer the factor favours, then of the other one.
    favoured, other = (top, runner_up) if pull > 0 else (runner_up, top)
    text = PHRASES[COST](evaluation.task, evaluation, favoured, other, currency)
    return Reason("cost", text, favoured, round(size, 1))


def blocked_reasons(task, offers, top):
    """Rare, and worded with the task's own sensitivity value: made per task."""
    return tuple(
        Reason("location", location_phrase(task, answer), top, 0.0)
        for answer, offer in zip(OUTSOURCED, offers, strict=True)
        if offer is None
    )


class ReasonTable:
    """Each factor's (size, index, Reason) in one race, or NO_REASON where it pulls less
    than MIN_REASON_POINTS: `knowledge[complexity][skill]`, `standardisation[value]`,
    `strategic[value]`, `sensitivity[value]`, and the catalog's per plan and service type
    (`catalog_entry`). Pulls are the top answer's points less the runner-up's, each side's
    points taken from the context's tables: an in-house answer has no knowledge, cost or
    catalog points, KPO no standardisation points, and an answer ruled out none at all."""

    __slots__ = (
        "available",
        "catalogs",
        "complete",
        "knowledge",
        "mine_cost",
        "runner_up",
        "sensitivity",
        "standardisation",
        "strategic",
        "theirs_cost",
        "top",
    )

    def __init__(self, context, top, runner_up, bpo_available, kpo_available):
        self.top, self.runner_up = top, runner_up
        self.complete = bpo_available and kpo_available
        self.available = {BPO: bpo_available, KPO: kpo_available, IN_HOUSE: True}
        self.knowledge = {
            complexity: {
                skill: self.entry(KNOWLEDGE, points, KNOWLEDGE_PHRASES[complexity, skill])
                for skill, points in row.items()
            }
            for complexity, row in context.knowledge_points.items()
        }
        self.standardisation, self.strategic, self.sensitivity = (
            {value: self.entry(index, row, phrases[value]) for value, row in table.items()}
            for index, table, phrases in (
                (STANDARDISATION, context.standardisation_points, STANDARDISATION_PHRASES),
                (STRATEGIC, context.strategic_points, STRATEGIC_PHRASES),
                (SENSITIVITY, context.sensitivity_points, SENSITIVITY_PHRASES),
            )
        )
        self.catalogs = {}
        self.mine_cost, self.theirs_cost = (
            cost_term(context, answer, self.available[answer]) for answer in (top, runner_up)
        )

    def entry(self, index, row, text):
        """(size, index, Reason) for a factor's row of points, or NO_REASON if it pulls
        too little; the reason speaks of the answer the factor favours."""
        pull = self.side(index, row, self.top) - self.side(index, row, self.runner_up)
        size = abs(pull)
        if size < MIN_REASON_POINTS:
            return NO_REASON
        favoured = self.top if pull > 0 else self.runner_up
        return size, index, Reason(FACTOR_ORDER[index], text, favoured, round(size, 1))

    def side(self, index, row, answer):
        column = COLUMNS[index].get(answer)
        return 0.0 if column is None or not self.available[answer] else row[column]

    def catalog_entry(self, key, service_type):
        """The catalog's entry, made once per (plan, service type name, sourcing model):
        the plan gives the points, the name and model the phrase."""
        plan = key[0]
        row = (plan.catalog_bpo, plan.catalog_kpo)
        entry = self.catalogs[key] = self.entry(CATALOG, row, catalog_phrase(service_type))
        return entry


def cost_term(context, answer, available):
    """(cost weight, index into the strengths) of an answer that earns cost points."""
    if answer == IN_HOUSE or not available:
        return None
    index = OUTSOURCED.index(answer)
    return context.cost_weights[index], index
