"""The smallest single change to a task's inputs that gives another answer (the what-if).

docs/scoring-v1.md section 7: one step on any 1-5 scale first, then two, and so on; at each
distance the factors in SCALE_FACTORS order, the lower value first. A 1-5 factor other than
data sensitivity moves each available answer's score by a fixed number of points per step,
so its change is predicted from those slopes, and only in a direction where some other
answer gains on the top one; a sensitivity change is scored in full, as it can change the
permitted locations and prices. The in-house cost is searched last (engine.v1.costsearch),
no further than the 1-5 change found. This module reads an Evaluation and re-evaluates;
it keeps nothing between tasks.
"""

from dataclasses import dataclass, replace

from ..model import ANSWERS, BPO, FACTOR_LABELS, IN_HOUSE, KPO, SCALE_FACTORS, WhatIf
from .costsearch import Change, cost_change
from .evaluation import evaluate
from .phrases import cost_what_if_phrase, scale_what_if_phrase
from .ranking import winner

DISTANCES = (1, 2, 3, 4)
STEPS_IN_RANGE = 4  # a step counts as a quarter of a 1-5 scale's range


@dataclass(frozen=True)
class Step:
    """What one step up a 1-5 factor does: the points it moves, by what share of their
    range, and in which direction for each answer (+1 raises, -1 lowers, 0 leaves)."""

    points: str
    share: float
    direction: dict


STEPS = {
    "complexity": Step("knowledge", 1 / 8, {BPO: -1, KPO: 1, IN_HOUSE: 0}),
    "skill_level": Step("knowledge", 1 / 8, {BPO: -1, KPO: 1, IN_HOUSE: 0}),
    "standardisation": Step("standardisation", 1 / 4, {BPO: 1, KPO: 0, IN_HOUSE: -1}),
    "strategic_importance": Step("strategic_importance", 1 / 4, {BPO: -1, KPO: -1, IN_HOUSE: 1}),
}


def what_if(evaluation, scoring, top):
    """The WhatIf of the smallest change that gives another answer, or None."""
    found = scale_change(evaluation, scoring, top)
    cost = cost_change(evaluation, scoring, top, None if found is None else found.size)
    if cost is not None:  # within the 1-5 change's size, equal sizes included
        found = cost
    return None if found is None else described(evaluation.task, found)


def scale_change(evaluation, scoring, top):
    """The nearest 1-5 value of any factor that changes the answer, or None."""
    task = evaluation.task
    for distance in DISTANCES:
        for factor in SCALE_FACTORS:
            for step in (-distance, distance):
                value = changed_value(task, factor, step)
                if value is None:
                    continue
                answer = answer_after(evaluation, scoring, top, factor, step, value)
                if answer is not None and answer != top:
                    return Change(distance / STEPS_IN_RANGE, factor, value, answer)
    return None


def changed_value(task, factor, step):
    """The factor's value `step` away, or None beyond 1-5. v1 walked sensitivity over
    its 1-5 table, so that value is an int even when the task gives 3.0."""
    current = getattr(task, factor)
    if factor == "data_sensitivity":
        current = int(current)
    value = current + step
    return value if 1 <= value <= 5 else None


def answer_after(evaluation, scoring, top, factor, step, value):
    """The answer after the change, or None for a change not worth trying."""
    if factor == "data_sensitivity":
        changed = replace(evaluation.task, data_sensitivity=value)
        return winner(evaluate(changed, scoring).raw)
    if not may_gain(scoring.weights, factor, top, step):
        return None
    return winner(predicted(evaluation, scoring.weights, factor, step))


def slope(weights, factor, answer):
    """Raw points an answer's score moves by per step up the factor."""
    step = STEPS[factor]
    return step.direction[answer] * step.share * getattr(weights[answer], step.points)


def may_gain(weights, factor, top, step):
    """Could moving the factor this way let any other answer gain on the top one?"""
    sign = 1 if step > 0 else -1
    mine = slope(weights, factor, top)
    return any(
        slope(weights, factor, other) * sign > mine * sign for other in ANSWERS if other != top
    )


def predicted(evaluation, weights, factor, step):
    """{answer: raw score} after `step` steps; a ruled-out answer stays at 0."""
    return {
        answer: evaluation.raw[answer] + slope(weights, factor, answer) * step
        if evaluation.available(answer)
        else evaluation.raw[answer]
        for answer in ANSWERS
    }


def described(task, change):
    current = getattr(task, change.factor)
    if change.factor == "monthly_cost":
        text = cost_what_if_phrase(current, change.value, change.answer)
    else:
        label = FACTOR_LABELS[change.factor]
        text = scale_what_if_phrase(label, current, change.value, change.answer)
    return WhatIf(
        factor=change.factor,
        current=current,
        changed_to=change.value,
        new_recommendation=change.answer,
        text=text,
    )
