"""The what-if for the in-house cost: the nearest whole amount that gives another answer.

docs/scoring-v1.md section 7, step 4. Only with hours given: with estimated hours the price
moves with the in-house cost and the saving share stays the same. Only the outsourcing
answers' cost points move with the in-house cost, and they stop moving once a saving earns
full credit (going up) or is gone (going down), which bounds the search; a binary search
over whole amounts then finds where the answer changes. Prices, points and the other
scores stay as evaluated; this module changes no input and keeps nothing.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from ..model import IN_HOUSE, OUTSOURCED
from .evaluation import saving_strength
from .ranking import winner


@dataclass(frozen=True)
class Change:
    """A change to one input that gives another answer (for 1-5 factors too)."""

    size: float  # a share of a 1-5 scale's range, or of today's in-house cost
    factor: str
    value: object
    answer: str  # the answer it gives


@dataclass(frozen=True)
class CostRace:
    """The scores as functions of the in-house cost: each outsourcing answer's score
    without its cost points, its cost weight and its monthly price (a float; None when not
    available), and the in-house score, which no cost moves."""

    base: dict
    weight: dict
    price: dict
    in_house: float
    full_saving_ratio: float

    @classmethod
    def of(cls, evaluation, scoring):
        weight = {answer: scoring.weights[answer].cost for answer in OUTSOURCED}
        monthly = evaluation.monthly
        return cls(
            base={
                answer: evaluation.raw[answer] - weight[answer] * evaluation.strengths[answer]
                for answer in OUTSOURCED
            },
            weight=weight,
            price={a: None if monthly[a] is None else float(monthly[a]) for a in OUTSOURCED},
            in_house=evaluation.raw[IN_HOUSE],
            full_saving_ratio=scoring.profile.full_saving_ratio,
        )

    def answer_at(self, cost):
        """The answer at another in-house monthly cost (a number), prices unchanged."""
        raw = {**self.base, IN_HOUSE: self.in_house}
        for answer in OUTSOURCED:
            price = self.price[answer]
            if price is not None and cost > 0:  # at no cost at all, no saving
                strength = saving_strength(price, cost, self.full_saving_ratio)
                raw[answer] = raw[answer] + self.weight[answer] * strength
        return winner(raw)


def cost_change(evaluation, scoring, top, limit):
    """The smallest change of the in-house cost, in whole currency units, that gives
    another answer and is no larger (as a share of today's cost) than `limit`; or None."""
    current = float(evaluation.task.monthly_cost)
    if evaluation.hours_estimated or current <= 0:
        return None
    race = CostRace.of(evaluation, scoring)
    prices = [price for price in race.price.values() if price]  # neither None nor 0
    if not prices:
        return None
    found = None
    for bound in bounds(current, prices, scoring.profile.full_saving_ratio, limit):
        if bound == current or bound < 0 or race.answer_at(bound) == top:
            continue
        changed = first_change(race, top, current, bound)
        size = abs(changed - current) / current
        if found is None or size < found.size:
            found = Change(size, "monthly_cost", Decimal(changed), race.answer_at(changed))
    return found


def bounds(current, prices, full_saving_ratio, limit):
    """(up, down): where the cost points stop moving (full credit above the dearest price
    / (1 - full-saving ratio), none below the cheapest price), within `limit` if set."""
    if full_saving_ratio < 1.0:
        up = math.ceil(max(prices) / (1.0 - full_saving_ratio))
    else:  # full credit only at no price at all: ten times today's cost is far enough
        up = math.ceil(current * 10)
    down = math.floor(min(prices))
    if limit is not None:
        reach = math.floor(current * limit)
        up = min(up, math.floor(current) + reach)
        down = max(down, math.ceil(current) - reach)
    return up, down


def first_change(race, top, current, bound):
    """The whole amount nearest to `current`, towards `bound` (where the answer is no
    longer `top`), at which the answer changes: a binary search over whole amounts."""
    changed = bound
    kept = math.floor(current) if bound > current else math.ceil(current)
    while abs(changed - kept) > 1:
        middle = (kept + changed) // 2
        if race.answer_at(middle) == top:
            kept = middle
        else:
            changed = middle
    return changed
