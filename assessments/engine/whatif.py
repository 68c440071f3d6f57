"""The smallest single change to a task's inputs that gives another answer.

Candidates are tried smallest first (docs/scoring.md section 7): one step on any 1-5 scale,
then two, and so on; at each distance the factors in SCALE_FACTORS order, the lower value
first. A 1-5 factor other than sensitivity moves every score by a constant number of points
per step, so those changes are predicted from the slopes; a sensitivity change is re-priced,
as it can change the permitted locations. The in-house cost is searched last
(engine.costsearch), within the size of the best 1-5 change. No Django, no database, no
clock.

A change is worked out only if it could give another answer: the context's tables
(engine.search) say how far each change can move each other answer towards the top one,
and one that cannot bring any of them within the rounding margin, or to the cap, is passed
over. Such a change would have left the answer as it is, so the first change found is the
one a walk over every candidate finds.
"""

from .costs import ZERO
from .costsearch import cost_change
from .evaluate import estimated_strength, raw_at
from .model import ANSWER_LABELS, FACTOR_LABELS, SCALE_FACTORS, WhatIf
from .scoring import CAP, MARGIN, saving_strength, winner
from .search import ANSWER_ORDER, DISTANCES, LINEAR_FACTORS

# Every what-if a 1-5 change can give, made once and shared (WhatIf is immutable).
SCALE_WHAT_IFS = {
    (factor, current, changed_to, answer): WhatIf(
        factor,
        current,
        changed_to,
        answer,
        f"If {FACTOR_LABELS[factor]} were {changed_to} instead of {current}, "
        f"the answer would be {ANSWER_LABELS[answer]}.",
    )
    for factor in SCALE_FACTORS
    for current in range(1, 6)
    for changed_to in range(1, 6)
    for answer in ANSWER_ORDER
}


def what_if(evaluation, context, top):
    """The smallest single-factor change that changes the answer, or None."""
    best = scale_change(evaluation, context, top)
    cost = cost_change(evaluation, context, top, best[0] if best else None)
    if cost is not None:
        best = cost
    if best is None:
        return None
    _size, factor, value, new_top = best
    return describe(factor, getattr(evaluation.task, factor), value, new_top)


def scale_change(evaluation, context, top):
    """The nearest 1-5 value of any factor that changes the answer, as (size, factor, value,
    new answer), or None."""
    task, offers = evaluation.task, evaluation.offers
    search = context.search[top, offers[0] is not None, offers[1] is not None]
    bpo, kpo, in_house = raw = evaluation.raw
    first, second = search.others
    # The room each other answer has before it comes within the rounding margin of the top
    # one, and before it reaches the cap: a change that gains and rises less leaves the answer.
    room_1, cap_1 = raw[search.top] - raw[first] - MARGIN, CAP - raw[first]
    room_2, cap_2 = raw[search.top] - raw[second] - MARGIN, CAP - raw[second]
    values = (task.complexity, task.skill_level, task.standardisation, task.strategic_importance)
    plan_offers = evaluation.plan.offers
    sensitivity_moves = search.sensitivity_moves[task.data_sensitivity]
    for distance in DISTANCES:
        gain_1, rise_1, gain_2, rise_2 = search.reach[distance]
        if gain_1 >= room_1 or rise_1 >= cap_1 or gain_2 >= room_2 or rise_2 >= cap_2:
            for move in search.moves[distance]:
                index, step, to_bpo, to_kpo, to_in_house, gain_1, rise_1, gain_2, rise_2 = move
                value = values[index] + step
                if 0 < value < 6 and (
                    gain_1 >= room_1 or rise_1 >= cap_1 or gain_2 >= room_2 or rise_2 >= cap_2
                ):
                    new_top = winner(bpo + to_bpo, kpo + to_kpo, in_house + to_in_house)
                    if new_top != top:
                        return (distance / 4, LINEAR_FACTORS[index], value, new_top)
        for value, gain_1, rise_1, gain_2, rise_2 in sensitivity_moves[distance]:
            if plan_offers[value] is offers and not (
                gain_1 >= room_1 or rise_1 >= cap_1 or gain_2 >= room_2 or rise_2 >= cap_2
            ):
                continue  # the same offers: a linear change, screened like the others
            new_top = winner(*raw_at_sensitivity(evaluation, context, value))
            if new_top != top:
                return (distance / 4, "data_sensitivity", value, new_top)
    return None


def raw_at_sensitivity(evaluation, context, sensitivity):
    """The raw scores at another sensitivity, with the locations that level permits."""
    offers, strengths = evaluation.plan.offers[sensitivity], evaluation.strengths
    if offers is not evaluation.offers:
        strengths = (
            strength_at(evaluation, context, 0, offers[0]),
            strength_at(evaluation, context, 1, offers[1]),
        )
    return raw_at(
        evaluation.heads,
        evaluation.table_points[2],
        context.sensitivity_points[sensitivity],
        evaluation.plan,
        offers,
        strengths,
        context,
    )


def strength_at(evaluation, context, index, offer):
    """Cost points at another offer, worked out as `evaluate` does."""
    if offer is None or offer is evaluation.offers[index]:
        return 0.0 if offer is None else evaluation.strengths[index]
    if evaluation.prices is None:  # no positive cost, or hours estimated
        return 0.0 if evaluation.task.monthly_cost <= ZERO else estimated_strength(offer)
    # Priced and credited as `evaluate.pricing` does.
    price = context.price(evaluation.hours, offer)[1]
    return saving_strength(price, evaluation.in_house, context.full_saving_ratio)


def describe(factor, current, changed_to, new_top):
    if factor != "monthly_cost":
        shared = SCALE_WHAT_IFS[factor, current, changed_to, new_top]
        # The shared one holds ints; a task given 3.0 (or True) gets its own values back.
        if shared.current is current and shared.changed_to is changed_to:
            return shared
        return WhatIf(factor, current, changed_to, new_top, shared.text)
    text = (
        f"If the in-house cost were {changed_to:,} a month instead of {current:,}, "
        f"the answer would be {ANSWER_LABELS[new_top]}."
    )
    return WhatIf(factor, current, changed_to, new_top, text)
