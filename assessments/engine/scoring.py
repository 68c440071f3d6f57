"""Scores for one task: factor values, delivery locations and the three 0-100 scores.

`Context` holds everything that is the same for every task of an assessment (weights
normalised per answer, the location chosen for each sensitivity level), so scoring a task
is a handful of float operations. No Django, no database, no clock.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

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
HOURS_PRECISION = Decimal("0.01")  # estimated hours, to the hundredth of an hour
NEUTRAL_CATALOG_FIT = 0.5
OTHER_INDUSTRY_CATALOG_FIT = 0.75
NORMAL_PRIORITY = 3


def priority_multiplier(priority):
    return priority / NORMAL_PRIORITY


class Context:
    """Per-assessment constants: coefficients are score points for a factor at full strength."""

    def __init__(self, profile, market, company):
        self.profile, self.market, self.company = profile, market, company
        p = profile
        bpo = {
            "knowledge": p.weight_fit,
            "standardisation": p.weight_standardisation_bpo,
            "cost": p.weight_cost,
            "strategic_importance": p.weight_strategic_outsourced,
            "data_sensitivity": p.weight_sensitivity_outsourced,
            "catalog": p.weight_catalog,
        }
        kpo = {key: bpo[key] for key in bpo if key != "standardisation"}
        in_house = {
            "strategic_importance": p.weight_strategic_in_house,
            "data_sensitivity": p.weight_sensitivity_in_house,
            "standardisation": p.weight_standardisation_in_house,
        }
        priorities = {
            "knowledge": priority_multiplier(company.priority_quality),
            "cost": priority_multiplier(company.priority_cost),
        }
        control = {
            "strategic_importance": priority_multiplier(company.priority_control),
            "data_sensitivity": priority_multiplier(company.priority_control),
        }
        self.coefficients = {
            BPO: normalise(bpo, priorities),
            KPO: normalise(kpo, priorities),
            IN_HOUSE: normalise(in_house, control),
        }
        self.bpo_weights = weights_in_order(self.coefficients[BPO])
        self.kpo_weights = weights_in_order(self.coefficients[KPO])
        self.in_house_weights = weights_in_order(self.coefficients[IN_HOUSE])
        self.full_saving_ratio = p.full_saving_ratio
        # Raw score change per one-step rise of each 1-5 factor, as (BPO, KPO, in-house).
        self.slopes = {
            factor: tuple(
                ORIENTATION[key][answer] * share * self.coefficients[answer].get(key, 0.0)
                for answer in (BPO, KPO, IN_HOUSE)
            )
            for factor, (key, share) in STEP_EFFECTS.items()
        }
        # For each top answer and 1-5 factor: can lowering / raising it let another answer
        # gain on the top one? (If not, the what-if search need not look that way.)
        self.directions = {
            top: {
                factor: (
                    any(slopes[other] < slopes[top] for other in range(3) if other != top),
                    any(slopes[other] > slopes[top] for other in range(3) if other != top),
                )
                for factor, slopes in self.slopes.items()
            }
            for top in (0, 1, 2)
        }
        self.directions = {
            answer: self.directions[index] for index, answer in enumerate((BPO, KPO, IN_HOUSE))
        }
        # Sensitivity values on either side of the rules that rule out locations.
        self.location_thresholds = {
            value
            for threshold in (p.no_offshore_sensitivity, p.onshore_only_sensitivity)
            for value in (threshold - 1, threshold)
        }
        self._locations = {}
        self._signatures = {}

    def location_for(self, rate_model, sensitivity, front_office):
        """(location, rate) with the lowest typical rate among those permitted, or None."""
        key = (rate_model, sensitivity, front_office)
        if key not in self._locations:
            self._locations[key] = self._choose_location(*key)
        return self._locations[key]

    def locations_at(self, rate_models, sensitivity, front_office):
        """The (location, rate) choice of each outsourcing answer, as one cached tuple."""
        key = (rate_models, sensitivity, front_office)
        if key not in self._signatures:
            self._signatures[key] = tuple(
                self.location_for(model, sensitivity, front_office) for _, model in rate_models
            )
        return self._signatures[key]

    def _choose_location(self, rate_model, sensitivity, front_office):
        candidates = [
            (rate.typical, -location.overlap_hours, location.kind, location, rate)
            for location in self.market.locations
            if self._permitted(location, sensitivity, front_office)
            and (rate := self.market.rates.get((rate_model, location.kind))) is not None
        ]
        if not candidates:
            return None
        *_, location, rate = min(candidates)
        return location, rate

    def _permitted(self, location, sensitivity, front_office):
        p = self.profile
        if location.kind not in self.company.allowed_locations:
            return False
        if sensitivity >= p.onshore_only_sensitivity and location.kind != "onshore":
            return False
        if sensitivity >= p.no_offshore_sensitivity and location.kind == "offshore":
            return False
        return not (front_office and location.overlap_hours < p.front_office_min_overlap_hours)


FACTOR_ORDER = (
    "knowledge",
    "standardisation",
    "cost",
    "strategic_importance",
    "data_sensitivity",
    "catalog",
)
NO_TERMS = (0.0,) * len(FACTOR_ORDER)


def weights_in_order(coefficients):
    return tuple(coefficients.get(name, 0.0) for name in FACTOR_ORDER)


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


def shown_score(raw):
    """A score as shown and compared: capped at 100, one decimal."""
    return round(raw if raw < 100.0 else 100.0, 1)


@dataclass(slots=True)
class Factors:
    """A task's factors scaled to 0..1 (1 = the highest value on its scale)."""

    knowledge: float
    standardisation: float
    strategic_importance: float
    data_sensitivity: float
    cost_bpo: float
    cost_kpo: float
    catalog_bpo: float
    catalog_kpo: float
    available_bpo: bool
    available_kpo: bool

    def available(self, answer):
        return answer == IN_HOUSE or (self.available_kpo if answer == KPO else self.available_bpo)

    def cost_strength(self, answer):
        return self.cost_kpo if answer == KPO else self.cost_bpo


def saving_strength(in_house_monthly, outsourced_monthly, full_saving_ratio):
    """0..1: how much of the full cost credit a saving earns (none when it costs more).

    A score, not money: computed in floats.
    """
    if outsourced_monthly is None or in_house_monthly <= 0:
        return 0.0
    ratio = (1.0 - float(outsourced_monthly) / float(in_house_monthly)) / full_saving_ratio
    return 0.0 if ratio < 0.0 else (ratio if ratio < 1.0 else 1.0)


def catalog_fit(service_type, company):
    if service_type is None:
        return NEUTRAL_CATALOG_FIT, NEUTRAL_CATALOG_FIT
    fit = 1.0
    if service_type.industries and company.industry not in service_type.industries:
        fit = OTHER_INDUSTRY_CATALOG_FIT
    return (fit, 0.0) if service_type.sourcing_model == BPO else (0.0, fit)


def score_terms(factors, context):
    """Points each factor gives each answer, in FACTOR_ORDER; all 0 when not available."""
    knowledge, standardisation = factors.knowledge, factors.standardisation
    strategic, sensitivity = factors.strategic_importance, factors.data_sensitivity
    in_house = context.in_house_weights
    terms = {
        IN_HOUSE: (
            0.0,
            in_house[1] * (1.0 - standardisation),
            0.0,
            in_house[3] * strategic,
            in_house[4] * sensitivity,
            0.0,
        )
    }
    if factors.available_bpo:
        bpo = context.bpo_weights
        terms[BPO] = (
            bpo[0] * (1.0 - knowledge),
            bpo[1] * standardisation,
            bpo[2] * factors.cost_bpo,
            bpo[3] * (1.0 - strategic),
            bpo[4] * (1.0 - sensitivity),
            bpo[5] * factors.catalog_bpo,
        )
    else:
        terms[BPO] = NO_TERMS
    if factors.available_kpo:
        kpo = context.kpo_weights
        terms[KPO] = (
            kpo[0] * knowledge,
            0.0,
            kpo[2] * factors.cost_kpo,
            kpo[3] * (1.0 - strategic),
            kpo[4] * (1.0 - sensitivity),
            kpo[5] * factors.catalog_kpo,
        )
    else:
        terms[KPO] = NO_TERMS
    return terms


def ranked(scores):
    """Answers best first; equal scores go to the answer easiest to undo (TIE_PREFERENCE)."""
    return sorted(scores, key=lambda answer: (scores[answer], TIE_PREFERENCE[answer]), reverse=True)


# Raw scores further apart than this are ordered the same once rounded to one decimal
# (rounding moves each by at most 0.05), so only closer pairs need rounding.
CLEAR_GAP = 0.15


def leads(challenger, holder):
    """Does `challenger` beat `holder` as shown (capped, one decimal; ties stay)?"""
    gap = challenger - holder
    if gap > CLEAR_GAP and holder < 100.0:
        return True
    if gap < -CLEAR_GAP and challenger < 100.0:
        return False
    return shown_score(challenger) > shown_score(holder)


def winner(bpo, kpo, in_house):
    """The top answer for three unrounded scores, as shown (capped, one decimal), ties by
    TIE_PREFERENCE: the hot path of the what-if search."""
    best, best_score = IN_HOUSE, in_house
    if leads(kpo, best_score):
        best, best_score = KPO, kpo
    return BPO if leads(bpo, best_score) else best


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


def scale(value):
    return (value - 1) / 4.0


def estimated_hours(task, profile):
    if task.hours_per_month is not None:
        return task.hours_per_month, False
    if profile.in_house_hourly_rate <= 0:
        return Decimal("0"), True
    hours = task.monthly_cost / profile.in_house_hourly_rate
    return hours.quantize(HOURS_PRECISION, rounding=ROUND_HALF_UP), True
