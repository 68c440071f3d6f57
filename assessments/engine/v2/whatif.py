"""Method 2's what-if: the smallest realistic change to one input that changes the answer.

Plain on purpose: every candidate is scored again in full, smallest first. A step on a 1-5
scale counts as a quarter of its range, a change of the in-house cost as its share of
today's cost, so a 20 % change of cost is tried before one step and 30 % after it. Changes
go one and two steps either way, and the cost 5 to 50 % either way in steps of 5 %. Must
not change the answer it explains.
"""

from dataclasses import replace

from ..model import ANSWER_LABELS, FACTOR_LABELS, SCALE_FACTORS, WhatIf
from . import decision
from .explain import amount
from .money import money

SCALE_STEPS = (1, 2)
STEP_SIZE = 0.25
COST_CHANGES = tuple(range(5, 55, 5))  # percent


def candidates(task):
    """(size, factor, new value), smallest first; ties in the order of SCALE_FACTORS, cost
    last, lower values first."""
    found = []
    for order, factor in enumerate(SCALE_FACTORS):
        current = getattr(task, factor)
        for steps in SCALE_STEPS:
            for value in (current - steps, current + steps):
                if 1 <= value <= 5:
                    found.append((steps * STEP_SIZE, order, value, factor))
    if task.monthly_cost > 0:
        for change in COST_CHANGES:
            for sign in (-1, 1):
                value = money(task.monthly_cost * (100 + sign * change) / 100)
                found.append((change / 100, len(SCALE_FACTORS), value, "monthly_cost"))
    return [(size, factor, value) for size, _order, value, factor in sorted(found)]


def what_if(evaluation, context):
    task = evaluation.task
    for _size, factor, value in candidates(task):
        changed = replace(task, **{factor: value})
        answer = decision.evaluate(changed, context).answer
        if answer != evaluation.answer:
            current = getattr(task, factor)
            words = text(factor, current, value, answer, context)
            return WhatIf(factor, current, value, answer, words)
    return None


def text(factor, current, value, answer, context):
    new = ANSWER_LABELS[answer]
    if factor == "monthly_cost":
        currency = context.market.currency
        return (
            f"If the in-house cost were {amount(value, currency)} a month instead of "
            f"{amount(current, currency)}, the answer would be {new}"
        )
    return (
        f"If you rated {FACTOR_LABELS[factor]} {value} instead of {current}, "
        f"the answer would be {new}"
    )
