"""Method 2's what-if: the smallest realistic change to one input that changes the answer.

Plain on purpose: every candidate is scored again in full, smallest first. A step on a 1-5
scale counts as a quarter of its range, a change of the in-house cost as its share of
today's cost, so a 20 % change of cost is tried before one step and 25 % after it. Ratings
move one step either way, the cost 5 to 25 % in steps of 5 %. A direction that cannot change
the answer is not tried: more strategic importance or sensitivity, or a lower cost, only
ever moves an answer toward keeping the work, so those are skipped for an in-house answer
and their opposites for an outsourcing one (tests/engine/test_v2_properties.py holds the
engine to that). Must not change the answer it explains.
"""

from dataclasses import replace

from ..model import ANSWER_LABELS, FACTOR_LABELS, IN_HOUSE, SCALE_FACTORS, WhatIf
from . import decision
from .explain import amount
from .money import money

STEP_SIZE = 0.25
COST_CHANGES = (5, 10, 15, 20, 25)  # percent
# +1: rising only ever keeps the work; the answer can change only the other way when kept.
TOWARD_KEEPING = {"strategic_importance": 1, "data_sensitivity": 1, "monthly_cost": -1}


def may_change(factor, sign, kept):
    """Can moving `factor` in direction `sign` change an answer that keeps (or outsources)
    the work?"""
    toward = TOWARD_KEEPING.get(factor)
    if toward is None:
        return True
    return sign != toward if kept else sign == toward


def candidates(task, kept):
    """(size, factor, new value), smallest first; ties in the order of SCALE_FACTORS, cost
    last, lower values first."""
    found = []
    for order, factor in enumerate(SCALE_FACTORS):
        current = getattr(task, factor)
        for sign in (-1, 1):
            if 1 <= current + sign <= 5 and may_change(factor, sign, kept):
                found.append((STEP_SIZE, order, current + sign, factor))
    if task.monthly_cost > 0:
        for change in COST_CHANGES:
            for sign in (-1, 1):
                if may_change("monthly_cost", sign, kept):
                    value = money(task.monthly_cost * (100 + sign * change) / 100)
                    found.append((change / 100, len(SCALE_FACTORS), value, "monthly_cost"))
    return [(size, factor, value) for size, _order, value, factor in sorted(found)]


def what_if(evaluation, context):
    task = evaluation.task
    found = candidates(task, evaluation.answer == IN_HOUSE)
    if not cost_may_change(found, evaluation, context):
        found = [candidate for candidate in found if candidate[1] != "monthly_cost"]
    for _size, factor, value in found:
        changed = replace(task, **{factor: value})
        answer = decision.evaluate(changed, context).answer
        if answer != evaluation.answer:
            current = getattr(task, factor)
            words = text(factor, current, value, answer, context)
            return WhatIf(factor, current, value, answer, words)
    return None


def cost_may_change(found, evaluation, context):
    """Would the largest cost change tried give another answer? The answer moves only one
    way as the in-house cost does, so when the largest change leaves it, every smaller one
    does too, and the cost candidates need not be scored one by one."""
    costs = [value for _size, factor, value in found if factor == "monthly_cost"]
    if not costs:
        return False
    farthest = max(costs, key=lambda value: abs(value - evaluation.task.monthly_cost))
    changed = replace(evaluation.task, monthly_cost=farthest)
    return decision.evaluate(changed, context).answer != evaluation.answer


def text(factor, current, value, answer, context):
    new = ANSWER_LABELS[answer]
    if factor == "monthly_cost":
        return (
            f"If the in-house cost were {amount(value, context.market)} a month instead of "
            f"{amount(current, context.market)}, the answer would be {new}"
        )
    return (
        f"If you rated {FACTOR_LABELS[factor]} {value} instead of {current}, "
        f"the answer would be {new}"
    )
