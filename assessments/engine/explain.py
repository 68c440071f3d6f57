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
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from . import costs
from .evaluate import is_front_office, rate_models
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
    TIE_PREFERENCE,
    Reason,
    WhatIf,
)
from .phrases import location_phrase, phrase_for
from .scoring import FACTOR_ORDER, Factors, saving_strength, score_terms

ANSWER_INDEX = {BPO: 0, KPO: 1, IN_HOUSE: 2}
OTHERS = {
    answer: tuple(other for other in ANSWER_INDEX if other != answer) for answer in ANSWER_INDEX
}
COST_INDEX = FACTOR_ORDER.index("cost")
WHOLE = Decimal("1")
EPSILON = 1e-9
MAX_SAVING_RATIO = 0.999


def reasons(task, evaluation, top, runner_up, currency):
    top_terms, other_terms = evaluation.terms[top], evaluation.terms[runner_up]
    pulls = sorted(
        (
            (top_points - other_points, index)
            for index, (top_points, other_points) in enumerate(
                zip(top_terms, other_terms, strict=True)
            )
        ),
        key=lambda pull: -abs(pull[0]),
    )
    found = [
        Reason(
            key,
            phrase_for(key, task, evaluation, top, runner_up, currency),
            top if pull > 0 else runner_up,
            round(abs(pull), 1),
        )
        for pull, index in pulls[:REASONS_SHOWN]
        if abs(pull) >= MIN_REASON_POINTS and (key := FACTOR_ORDER[index])
    ]
    blocked = [
        Reason("location", location_phrase(task, answer), top, 0.0)
        for answer in OUTSOURCED
        if evaluation.choices[answer] is None
    ]
    return tuple(blocked + found)


def best_of(bpo, kpo, in_house):
    """The winner among raw scores, compared to one decimal with the tie rule."""
    shown = ((round(bpo, 1), TIE_PREFERENCE[BPO], BPO), (round(kpo, 1), TIE_PREFERENCE[KPO], KPO))
    return max((*shown, (round(in_house, 1), TIE_PREFERENCE[IN_HOUSE], IN_HOUSE)))[2]


def what_if(task, evaluation, context, top):
    """The smallest single-factor change that changes the answer, or None."""
    candidates = scale_candidates(task, evaluation, context, top)
    candidates += cost_candidates(task, evaluation, context, top)
    for _size, _order, factor, value in sorted(set(candidates)):
        new_top = top_after_change(task, evaluation, context, factor, value)
        if new_top != top:
            return describe(factor, getattr(task, factor), value, new_top)
    return None


def top_after_change(task, evaluation, context, factor, value):
    raw = evaluation.raw
    bpo, kpo, in_house = raw[BPO], raw[KPO], raw[IN_HOUSE]
    factors = evaluation.factors
    if factor == "data_sensitivity" and locations_change(task, context, value):
        terms = score_terms(factors_at_sensitivity(task, evaluation, context, value), context)
        return best_of(sum(terms[BPO]), sum(terms[KPO]), sum(terms[IN_HOUSE]))
    if factor == "monthly_cost":
        full = context.full_saving_ratio
        if factors.available_bpo:
            strength = saving_strength(value, evaluation.monthly[BPO], full)
            bpo += context.bpo_weights[COST_INDEX] * (strength - factors.cost_bpo)
        if factors.available_kpo:
            strength = saving_strength(value, evaluation.monthly[KPO], full)
            kpo += context.kpo_weights[COST_INDEX] * (strength - factors.cost_kpo)
        return best_of(bpo, kpo, in_house)
    steps = value - getattr(task, factor)
    slope_bpo, slope_kpo, slope_in_house = context.slopes[factor]
    if factors.available_bpo:
        bpo += slope_bpo * steps
    if factors.available_kpo:
        kpo += slope_kpo * steps
    return best_of(bpo, kpo, in_house + slope_in_house * steps)


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
            saving_strength(task.monthly_cost, monthly, context.full_saving_ratio),
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


def scale_candidates(task, evaluation, context, top):
    """For each 1-5 factor, the values at which the slopes say another answer overtakes."""
    scores = evaluation.scores
    top_index = ANSWER_INDEX[top]
    gaps = [(ANSWER_INDEX[other], scores[top] - scores[other]) for other in OTHERS[top]]
    found = []
    for order, factor in enumerate(SCALE_FACTORS):
        current = getattr(task, factor)
        slopes = context.slopes[factor]
        for index, gap in gaps:
            rate = slopes[index] - slopes[top_index]
            if rate > EPSILON:
                value = current + max(1, math.ceil(gap / rate - EPSILON))
            elif rate < -EPSILON:
                value = current - max(1, math.ceil(gap / -rate - EPSILON))
            else:
                continue
            if 1 <= value <= 5:
                found.append((abs(value - current) / 4, order, factor, value))
    sensitivity = task.data_sensitivity
    order = SCALE_FACTORS.index("data_sensitivity")
    found += [
        (abs(value - sensitivity) / 4, order, "data_sensitivity", value)
        for value in context.location_thresholds
        if value != sensitivity and locations_change(task, context, value)
    ]
    return found


def locations_change(task, context, sensitivity):
    models, front_office = rate_models(task.service_type), is_front_office(task)
    return context.locations_at(models, sensitivity, front_office) is not (
        context.locations_at(models, task.data_sensitivity, front_office)
    )


def cost_candidates(task, evaluation, context, top):
    """In-house costs at which an outsourcing answer and in-house trade places.

    Only when hours are given: with estimated hours the outsourced price moves with the
    in-house cost and the saving, as a share, stays the same.
    """
    current = task.monthly_cost
    if evaluation.hours_estimated or current <= 0:
        return []
    found = []
    for answer in OUTSOURCED:
        weight = context.coefficients[answer].get("cost", 0.0)
        if evaluation.monthly[answer] is None or not weight:
            continue
        without_cost = evaluation.raw[answer] - evaluation.terms[answer][COST_INDEX]
        needed = (evaluation.raw[IN_HOUSE] - without_cost) / weight
        if top == IN_HOUSE and 0 < needed <= 1:  # in-house dearer until this answer wins
            rounding = ROUND_CEILING
        elif top == answer and 0 <= needed < 1:  # in-house cheaper until it wins
            rounding = ROUND_FLOOR
        else:
            continue
        ratio = Decimal(repr(min(needed * context.full_saving_ratio, MAX_SAVING_RATIO)))
        target = (evaluation.monthly[answer] / (1 - ratio)).quantize(WHOLE, rounding=rounding)
        if target != current:
            size = float(abs(target - current) / current)
            found.append((size, len(SCALE_FACTORS), "monthly_cost", target))
    return found


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
