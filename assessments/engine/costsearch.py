"""The what-if for the in-house cost: the nearest whole amount that gives another answer.

Only when hours are given: with estimated hours the outsourced price moves with the
in-house cost and the saving, as a share, stays the same. Only the outsourcing answers'
cost points move with the in-house cost, and they stop moving once a saving earns full
credit (going up) or is gone (going down), which bounds the search; a binary search over
whole amounts then finds where the answer changes. No Django, no database, no clock.
"""

import math
from decimal import Decimal

from .model import BPO, IN_HOUSE
from .scoring import CAP, MARGIN, saving_strength, winner


def cost_change(evaluation, context, top, limit):
    """The smallest change of the in-house cost, in whole currency units, that changes the
    answer and is smaller (as a share of today's cost) than `limit`, as (size, factor, new
    cost, new answer); None if there is none."""
    current = evaluation.in_house
    if evaluation.prices is None or current <= 0 or settled(evaluation, context, top):
        return None
    # The prices there are (no None, no zero), highest and lowest.
    high, low = evaluation.prices
    if not high:
        if not low:
            return None
        high = low
    elif not low:
        low = high
    elif high < low:
        high, low = low, high
    full = context.full_saving_ratio
    up = math.ceil(high / (1.0 - full)) if full < 1.0 else math.ceil(current * 10)
    down = math.floor(low)
    if limit is not None:
        reach = math.floor(current * limit)
        up, down = min(up, math.floor(current) + reach), max(down, math.ceil(current) - reach)
    probe, found = cost_probe(evaluation, context), None
    for bound in (up, down):
        if bound == current or bound < 0 or answer_at(probe, bound) == top:
            continue
        changed = first_change(probe, top, current, bound)
        size = abs(changed - current) / current
        if found is None or size < found[0]:
            found = (size, "monthly_cost", Decimal(changed), answer_at(probe, changed))
    return found


def settled(evaluation, context, top):
    """Can no in-house cost at all change the answer? A shortcut past the search, never a
    different answer: each outsourcing answer's cost points lie between none and full
    credit, rising with the cost; if the top answer at its lowest still clears every other
    at its highest by the rounding margin, in both directions, and none reaches the cap,
    the search would find nothing."""
    (bpo, kpo, in_house), (bpo_now, kpo_now) = evaluation.raw, evaluation.strengths
    bpo_weight, kpo_weight = context.cost_weights
    bpo_price, kpo_price = evaluation.prices
    bpo_low = bpo_high = bpo
    if bpo_price is not None:
        bpo_low, bpo_high = bpo - bpo_weight * bpo_now, bpo + bpo_weight * (1.0 - bpo_now)
    kpo_low = kpo_high = kpo
    if kpo_price is not None:
        kpo_low, kpo_high = kpo - kpo_weight * kpo_now, kpo + kpo_weight * (1.0 - kpo_now)
    if top == IN_HOUSE:
        floor, highs = in_house - MARGIN, (bpo_high, kpo_high)
    elif top == BPO:
        floor, highs = bpo_low - MARGIN, (kpo_high, in_house)
    else:
        floor, highs = kpo_low - MARGIN, (bpo_high, in_house)
    return highs[0] < floor and highs[1] < floor and highs[0] < CAP and highs[1] < CAP


def cost_probe(evaluation, context):
    """What `answer_at` needs: each outsourcing answer's score without its cost points,
    its cost weight and its monthly price (float, None when not available), then the
    in-house score and the full-saving ratio."""
    (bpo, kpo, in_house), (bpo_now, kpo_now) = evaluation.raw, evaluation.strengths
    bpo_weight, kpo_weight = context.cost_weights
    bpo_price, kpo_price = evaluation.prices
    return (
        bpo - bpo_weight * bpo_now,
        bpo_weight,
        bpo_price,
        kpo - kpo_weight * kpo_now,
        kpo_weight,
        kpo_price,
        in_house,
        context.full_saving_ratio,
    )


def answer_at(probe, cost):
    """The answer at another in-house monthly cost (a float), prices unchanged."""
    bpo, bpo_weight, bpo_price, kpo, kpo_weight, kpo_price, in_house, full = probe
    if cost > 0:  # at no cost at all, no saving: no cost points
        if bpo_price is not None:
            bpo += bpo_weight * saving_strength(bpo_price, cost, full)
        if kpo_price is not None:
            kpo += kpo_weight * saving_strength(kpo_price, cost, full)
    return winner(bpo, kpo, in_house)


def first_change(probe, top, current, bound):
    """The whole amount nearest to `current`, towards `bound` (where the answer is no longer
    `top`), at which the answer changes: a binary search over whole amounts."""
    changed = bound
    kept = math.floor(current) if bound > current else math.ceil(current)
    while abs(changed - kept) > 1:
        middle = (kept + changed) // 2
        if answer_at(probe, middle) == top:
            kept = middle
        else:
            changed = middle
    return changed
