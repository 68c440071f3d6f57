"""The scoring rules themselves: weights, factor scales, shown scores, ties and winners.

Small functions the rest of the engine builds on; `Context` (engine.context) turns them into
per-assessment tables. No Django, no database, no clock.
"""

from decimal import Decimal

from .model import BPO, IN_HOUSE, KPO, TIE_PREFERENCE

# Score change per one-step rise of a 1-5 factor: (factor it moves, share of its range).
STEP_EFFECTS = {
    "complexity": ("knowledge", 1 / 8),
    "skill_level": ("knowledge", 1 / 8),
    "standardisation": ("standardisation", 1 / 4),
    "strategic_importance": ("strategic_importance", 1 / 4),
    "data_sensitivity": ("data_sensitivity", 1 / 4),
}
# +1: a higher factor value raises that answer's score; -1 lowers it; 0 leaves it alone.
ORIENTATION = {
    "knowledge": {BPO: -1, KPO: 1, IN_HOUSE: 0},
    "standardisation": {BPO: 1, KPO: 0, IN_HOUSE: -1},
    "strategic_importance": {BPO: -1, KPO: -1, IN_HOUSE: 1},
    "data_sensitivity": {BPO: -1, KPO: -1, IN_HOUSE: 1},
}
FACTOR_ORDER = (
    "knowledge",
    "standardisation",
    "cost",
    "strategic_importance",
    "data_sensitivity",
    "catalog",
)
HOURS_PRECISION = Decimal("0.01")  # estimated hours, to the hundredth of an hour
NEUTRAL_CATALOG_FIT = 0.5
OTHER_INDUSTRY_CATALOG_FIT = 0.75
NORMAL_PRIORITY = 3
# Raw scores further apart than this are ordered the same once rounded to one decimal
# (rounding moves each by at most 0.05), so only closer pairs need rounding.
CLEAR_GAP = 0.15
# A what-if shortcut passes over a change only if every other answer stays more than MARGIN
# below the top one and under CAP: CLEAR_GAP plus SLACK, far above the float error of a
# score (about 1e-13) and far below any difference that shows.
SLACK = 1e-9
MARGIN = CLEAR_GAP + SLACK
CAP = 100.0 - SLACK


def saving_strength(price, in_house, full_saving_ratio):
    """Cost points, 0..1: how much of the full cost credit a saving earns (none when the
    provider costs more). A score, not money: floats, from the monthly price rounded to
    the cent (or, for estimated hours, the hourly prices)."""
    ratio = (1.0 - price / in_house) / full_saving_ratio
    return 0.0 if ratio < 0.0 else (ratio if ratio < 1.0 else 1.0)


def priority_multiplier(priority):
    return priority / NORMAL_PRIORITY


def normalise(weights, multipliers):
    """Points per factor: weights scaled so that, at normal priorities, they add up to 100.

    A company's priorities multiply some weights after scaling, so a stronger priority
    raises the answers it favours instead of only reshuffling their factors; scores are
    capped at 100 when shown (`shown_score`).
    """
    total = sum(weights.values())
    if not total:
        return {}
    return {
        key: 100.0 * weight * multipliers.get(key, 1.0) / total for key, weight in weights.items()
    }


def weights_in_order(coefficients):
    return tuple(coefficients.get(name, 0.0) for name in FACTOR_ORDER)


def shown_score(raw):
    """A score as shown and compared: capped at 100, one decimal."""
    return round(raw if raw < 100.0 else 100.0, 1)


def winner(bpo, kpo, in_house):
    """The top answer for three unrounded scores, as shown (capped, one decimal), ties by
    TIE_PREFERENCE: KPO must beat in-house, then BPO the better of the two. Scores more
    than CLEAR_GAP apart (and under the cap) are compared without rounding them: this is
    the hot path of the what-if search."""
    gap = kpo - in_house  # does KPO lead in-house?
    if gap > CLEAR_GAP and in_house < 100.0:
        best, best_score = KPO, kpo
    elif (gap < -CLEAR_GAP and kpo < 100.0) or shown_score(kpo) <= shown_score(in_house):
        best, best_score = IN_HOUSE, in_house
    else:
        best, best_score = KPO, kpo
    gap = bpo - best_score  # does BPO lead the better of the two?
    if gap > CLEAR_GAP and best_score < 100.0:
        return BPO
    if gap < -CLEAR_GAP and bpo < 100.0:
        return best
    return BPO if shown_score(bpo) > shown_score(best_score) else best


def ranked(scores):
    """Answers best first; equal scores go to the answer easiest to undo (TIE_PREFERENCE)."""
    return sorted(scores, key=lambda answer: (scores[answer], TIE_PREFERENCE[answer]), reverse=True)


def top_two(scores):
    """(best, runner-up) of the three answers: `ranked` without the sort, for the hot path."""
    bpo, kpo, in_house = scores[BPO], scores[KPO], scores[IN_HOUSE]
    # Walk the answers in tie-preference order: a later one must be strictly higher to lead.
    first, first_score, second, second_score = IN_HOUSE, in_house, None, -1.0
    for answer, score in ((KPO, kpo), (BPO, bpo)):
        if score > first_score:
            first, first_score, second, second_score = answer, score, first, first_score
        elif score > second_score:
            second, second_score = answer, score
    return first, second


def confidence_percent(margin, profile):
    """50 when the top two are level, 75 at the high-confidence margin, 100 at twice it."""
    return min(100, round(50 + 25 * margin / profile.confidence_high_margin))


def confidence_label(margin, profile):
    if margin >= profile.confidence_high_margin:
        return "high"
    if margin >= profile.confidence_medium_margin:
        return "medium"
    return "low"


def scale(value):
    return (value - 1) / 4.0
