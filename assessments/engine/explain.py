"""Why an answer was given, and the smallest single change that would give another.

Reasons are the factors that pull the top answer and the runner-up apart, largest first,
each in plain words with the answer it favours and its weight in score points.

The what-if search works from slopes: a 1-5 factor moves every score by a constant number
of points per step, so the number of steps that lets another answer overtake follows by
division; the in-house cost moves only the cost points of the outsourcing answers, and a
sensitivity change can also change the permitted delivery locations, whose prices are then
looked up again. Candidates are checked smallest first (a step on a 1-5 scale counts as a
quarter of its range; a cost change as its share of today's cost). No Django, no database,
no clock.
"""

import math
from decimal import Decimal

from . import costs
from .evaluate import is_front_office, rate_models, strength
from .model import (
    ANSWER_LABELS,
    BPO,
    FACTOR_LABELS,
    IN_HOUSE,
    KPO,
    MIN_REASON_POINTS,
    OUTSOURCED,
    REASONS_SHOWN,
    SCALE_FACTORS,
    Reason,
    WhatIf,
)
from .phrases import location_phrase, phrase_for
from .scoring import FACTOR_ORDER, Factors, score_terms, winner

ANSWER_INDEX = {BPO: 0, KPO: 1, IN_HOUSE: 2}
SENSITIVITY_ORDER = SCALE_FACTORS.index("data_sensitivity")
OTHERS = {
    answer: tuple(other for other in ANSWER_INDEX if other != answer) for answer in ANSWER_INDEX
}
COST_INDEX = FACTOR_ORDER.index("cost")
FACTOR_INDEXES = tuple(range(len(FACTOR_ORDER)))
WHOLE = Decimal("1")
EPSILON = 1e-9


def reasons(task, evaluation, top, runner_up, currency):
    top_terms, other_terms = evaluation.terms[top], evaluation.terms[runner_up]
    pulls = [top_terms[index] - other_terms[index] for index in FACTOR_INDEXES]
    ordered = sorted(zip(map(abs, pulls), FACTOR_INDEXES, strict=True), reverse=True)[
        :REASONS_SHOWN
    ]
    found = [
        Reason(
            FACTOR_ORDER[index],
            phrase_for(FACTOR_ORDER[index], task, evaluation, *pair, currency),
            pair[0],
            round(size, 1),
        )
        for size, index in ordered
        if size >= MIN_REASON_POINTS
        # (favoured answer, the other one): the phrase speaks of the answer it favours
        and (pair := (top, runner_up) if pulls[index] > 0 else (runner_up, top))
    ]
    if evaluation.factors.available_bpo and evaluation.factors.available_kpo:
        return tuple(found)
    blocked = [
        Reason("location", location_phrase(task, answer), top, 0.0)
        for answer in OUTSOURCED
        if evaluation.choices[answer] is None
    ]
    return tuple(blocked + found)


def what_if(task, evaluation, context, top):
    """The smallest single-factor change that changes the answer, or None."""
    best = scale_change(task, evaluation, context, top)
    cost = cost_change(task, evaluation, context, top, best[0] if best else None)
    if cost is not None:
        best = cost
    if best is None:
        return None
    _size, factor, value, new_top = best
    return describe(factor, getattr(task, factor), value, new_top)


def top_after_change(task, evaluation, context, factor, value):
    """The answer once one 1-5 factor takes a new value, predicted from the slopes."""
    raw = evaluation.raw
    bpo, kpo, in_house = raw[BPO], raw[KPO], raw[IN_HOUSE]
    factors = evaluation.factors
    if factor == "data_sensitivity" and locations_change(task, context, value):
        terms = score_terms(factors_at_sensitivity(task, evaluation, context, value), context)
        return winner(sum(terms[BPO]), sum(terms[KPO]), sum(terms[IN_HOUSE]))
    steps = value - getattr(task, factor)
    slope_bpo, slope_kpo, slope_in_house = context.slopes[factor]
    if factors.available_bpo:
        bpo += slope_bpo * steps
    if factors.available_kpo:
        kpo += slope_kpo * steps
    return winner(bpo, kpo, in_house + slope_in_house * steps)


def cost_probe(evaluation, context):
    """A function: in-house monthly cost (float) -> the answer, prices unchanged.

    Only the outsourcing answers' cost points move with the in-house cost, so everything
    else is taken out once; the search below calls this a dozen times per task.
    """
    raw, factors, monthly = evaluation.raw, evaluation.factors, evaluation.monthly
    full = context.full_saving_ratio
    in_house = raw[IN_HOUSE]
    parts = []
    for answer, weight, points_now, available in (
        (BPO, context.bpo_weights[COST_INDEX], factors.cost_bpo, factors.available_bpo),
        (KPO, context.kpo_weights[COST_INDEX], factors.cost_kpo, factors.available_kpo),
    ):
        price = float(monthly[answer]) if available else None
        parts.append((raw[answer] - weight * points_now, weight, price))
    (bpo_base, bpo_weight, bpo_price), (kpo_base, kpo_weight, kpo_price) = parts

    def points(base, weight, price, cost):
        if price is None:
            return base
        ratio = (1.0 - price / cost) / full if cost > 0 else 0.0
        return base + weight * (0.0 if ratio < 0.0 else (ratio if ratio < 1.0 else 1.0))

    def top_at(cost):
        return winner(
            points(bpo_base, bpo_weight, bpo_price, cost),
            points(kpo_base, kpo_weight, kpo_price, cost),
            in_house,
        )

    return top_at, [price for price in (bpo_price, kpo_price) if price]


def cost_change(task, evaluation, context, top, limit):
    """The smallest change of the in-house cost, in whole currency units, that changes the
    answer and is smaller (as a share of today's cost) than `limit`; None if there is none.

    Only when hours are given: with estimated hours the outsourced price moves with the
    in-house cost and the saving, as a share, stays the same. The cost points stop moving
    once a saving earns full credit (going up) or is gone (going down), which bounds the
    search; a binary search then finds the first whole amount with another answer.
    """
    current = float(task.monthly_cost)
    if evaluation.hours_estimated or current <= 0:
        return None
    top_at, prices = cost_probe(evaluation, context)
    if not prices:
        return None
    full = context.full_saving_ratio
    up = math.ceil(max(prices) / (1.0 - full)) if full < 1.0 else math.ceil(current * 10)
    down = math.floor(min(prices))
    if limit is not None:
        reach = math.floor(current * limit)
        up, down = min(up, math.floor(current) + reach), max(down, math.ceil(current) - reach)
    found = None
    for bound in (up, down):
        if bound == current or bound < 0 or top_at(bound) == top:
            continue
        changed = first_change(top_at, top, current, bound)
        size = abs(changed - current) / current
        if found is None or size < found[0]:
            found = (size, "monthly_cost", Decimal(changed), top_at(changed))
    return found


def first_change(top_at, top, current, bound):
    """The whole amount nearest to `current`, towards `bound` (where the answer is no longer
    `top`), at which the answer changes: a binary search over whole amounts."""
    changed = bound
    kept = math.floor(current) if bound > current else math.ceil(current)
    while abs(changed - kept) > 1:
        middle = (kept + changed) // 2
        if top_at(middle) == top:
            kept = middle
        else:
            changed = middle
    return changed


def factors_at_sensitivity(task, evaluation, context, sensitivity):
    """The task's factors at another sensitivity, with the locations that level permits."""
    front_office = is_front_office(task)
    found = {}
    for answer, model in rate_models(task.service_type):
        choice = context.location_for(model, sensitivity, front_office)
        if choice is None:
            monthly = None
        elif choice is evaluation.choices[answer]:
            monthly = evaluation.monthly[answer]
        else:
            monthly = costs.outsourced_monthly(evaluation.hours, choice[1].typical, context.profile)
        found[answer] = (
            choice is not None,
            strength(task, evaluation.hours_estimated, choice, monthly, context),
        )
    factors = evaluation.factors
    return Factors(
        knowledge=factors.knowledge,
        standardisation=factors.standardisation,
        strategic_importance=factors.strategic_importance,
        data_sensitivity=(sensitivity - 1) / 4.0,
        cost_bpo=found[BPO][1],
        cost_kpo=found[KPO][1],
        catalog_bpo=factors.catalog_bpo,
        catalog_kpo=factors.catalog_kpo,
        available_bpo=found[BPO][0],
        available_kpo=found[KPO][0],
    )


def scale_change(task, evaluation, context, top):
    """The nearest 1-5 value of any factor that changes the answer, as (size, factor, value,
    new answer), or None.

    Every value is tried nearest first (one step, then two, ...; factors in SCALE_FACTORS
    order, lower value first), each predicted exactly: scores move linearly with a factor,
    and a sensitivity value that changes the permitted locations is re-priced. Directions in
    which no other answer gains on `top` are skipped, except for sensitivity.
    """
    directions = context.directions[top]
    for distance in (1, 2, 3, 4):
        for factor in SCALE_FACTORS:
            current = getattr(task, factor)
            can_fall, can_rise = directions[factor]
            for value, allowed in ((current - distance, can_fall), (current + distance, can_rise)):
                if 1 <= value <= 5 and (allowed or factor == "data_sensitivity"):
                    new_top = top_after_change(task, evaluation, context, factor, value)
                    if new_top != top:
                        return (distance / 4, factor, value, new_top)
    return None


def locations_change(task, context, sensitivity):
    models, front_office = rate_models(task.service_type), is_front_office(task)
    return context.locations_at(models, sensitivity, front_office) is not (
        context.locations_at(models, task.data_sensitivity, front_office)
    )


def describe(factor, current, changed_to, new_top):
    answer = ANSWER_LABELS[new_top]
    if factor == "monthly_cost":
        text = (
            f"If the in-house cost were {changed_to:,} a month instead of {current:,}, "
            f"the answer would be {answer}."
        )
    else:
        text = (
            f"If {FACTOR_LABELS[factor]} were {changed_to} instead of {current}, "
            f"the answer would be {answer}."
        )
    return WhatIf(factor, current, changed_to, new_top, text)
