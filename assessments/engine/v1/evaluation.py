"""From one task's inputs to its offers, monthly prices, points and three scores.

docs/scoring-v1.md sections 3, 5 and 6: hours (given or estimated), the delivery offer of
each outsourcing answer, its monthly price to the cent, the cost points a saving earns,
every factor's points and the scores, unrounded and as shown. Everything is worked out
afresh for each call: nothing is kept between tasks. Answers, reasons, what-ifs and cost
totals are made elsewhere from the Evaluation.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..model import ANSWERS, BPO, IN_HOUSE, KPO, OUTSOURCED, SCALE_FACTORS
from .offers import best_offer, is_front_office, rate_models
from .ranking import shown
from .weights import Points, weights_for

CENT = Decimal("0.01")
ONE_TO_FIVE = (1, 2, 3, 4, 5)
NEUTRAL_CATALOG_FIT = 0.5  # no service type chosen: both outsourcing answers half
OTHER_INDUSTRY_CATALOG_FIT = 0.75  # a service made for other industries


@dataclass(frozen=True)
class Scoring:
    """What every task of an assessment is scored against: the caller's profile, market
    and company, with the weights they give (worked out once per `assess_task` call)."""

    profile: object
    market: object
    company: object
    weights: dict  # answer -> Points at full strength

    @classmethod
    def of(cls, context):
        weights = weights_for(context.profile, context.company)
        return cls(context.profile, context.market, context.company, weights)


@dataclass(frozen=True)
class Evaluation:
    task: object  # model.TaskInput
    hours: Decimal  # as given, or estimated
    hours_estimated: bool
    offers: dict  # BPO, KPO -> Offer, or None when no location is permitted
    monthly: dict  # BPO, KPO -> monthly price (Decimal), None when not available
    strengths: dict  # BPO, KPO -> cost points earned, 0..1
    points: dict  # answer -> Points
    raw: dict  # answer -> unrounded score
    scores: dict  # answer -> score as shown and compared: capped at 100, one decimal

    def available(self, answer):
        return answer == IN_HOUSE or self.offers[answer] is not None


def evaluate(task, scoring):
    check_scales(task)
    hours, estimated = hours_of(task, scoring.profile)
    service = task.service_type
    models = rate_models(service)
    offers = {
        answer: best_offer(scoring, models[answer], task.data_sensitivity, is_front_office(service))
        for answer in OUTSOURCED
    }
    monthly = {
        answer: monthly_price(hours, offers[answer], scoring.profile) for answer in OUTSOURCED
    }
    strengths = {
        answer: cost_strength(task, estimated, offers[answer], monthly[answer], scoring.profile)
        for answer in OUTSOURCED
    }
    points = points_of(task, scoring, offers, strengths)
    raw = {answer: points[answer].total() for answer in ANSWERS}
    scores = {answer: shown(raw[answer]) for answer in ANSWERS}
    return Evaluation(task, hours, estimated, offers, monthly, strengths, points, raw, scores)


def check_scales(task):
    # `in` compares by value, so 3.0 passes as 3 did in v1.
    if any(getattr(task, factor) not in ONE_TO_FIVE for factor in SCALE_FACTORS):
        raise ValueError(f"{task.name}: every 1-5 scale needs a value from 1 to 5")


def hours_of(task, profile):
    """(hours, estimated?): estimated as in-house cost / in-house hourly rate, to 0.01 h."""
    if task.hours_per_month is not None:
        return task.hours_per_month, False
    rate = profile.in_house_hourly_rate
    if rate <= 0:
        return Decimal("0"), True
    return (task.monthly_cost / rate).quantize(CENT, rounding=ROUND_HALF_UP), True


def monthly_price(hours, offer, profile):
    """Hours x typical rate x (1 + governance overhead), to the cent; None with no offer."""
    if offer is None:
        return None
    overhead_factor = 1 + profile.governance_overhead
    return (hours * offer.typical * overhead_factor).quantize(CENT, ROUND_HALF_UP)


def cost_strength(task, estimated, offer, monthly, profile):
    """Cost points (0..1). With estimated hours the saving share is fixed by the rates
    (hours cancel out), so it comes from the hourly prices, not the rounded estimate."""
    if offer is None or task.monthly_cost <= 0:
        return 0.0
    if estimated:
        price = float(offer.typical * (1 + profile.governance_overhead))
        in_house = float(profile.in_house_hourly_rate)
    else:
        price, in_house = float(monthly), float(task.monthly_cost)
    return saving_strength(price, in_house, profile.full_saving_ratio)


def saving_strength(price, in_house, full_saving_ratio):
    """How much of the full cost credit a saving earns: none when the provider costs more,
    all of it from the full-saving ratio on."""
    ratio = (1.0 - price / in_house) / full_saving_ratio
    return 0.0 if ratio < 0.0 else (ratio if ratio < 1.0 else 1.0)


def points_of(task, scoring, offers, strengths):
    """{answer: Points}; an outsourcing answer with no permitted location gets none."""
    factors = Factors.of(task, scoring.company)
    weights = scoring.weights
    points = {
        BPO: bpo_points(weights[BPO], factors, strengths[BPO]),
        KPO: kpo_points(weights[KPO], factors, strengths[KPO]),
        IN_HOUSE: in_house_points(weights[IN_HOUSE], factors),
    }
    for answer in OUTSOURCED:
        if offers[answer] is None:
            points[answer] = Points()
    return points


@dataclass(frozen=True)
class Factors:
    """A task's factors on 0..1 (docs/scoring-v1.md section 3) and its catalog fits."""

    knowledge: float  # k = (complexity + skill level - 2) / 8
    standardisation: float
    strategic_importance: float
    data_sensitivity: float
    catalog: dict  # BPO, KPO -> fit

    @classmethod
    def of(cls, task, company):
        return cls(
            knowledge=(task.complexity + task.skill_level - 2) / 8.0,
            standardisation=scale(task.standardisation),
            strategic_importance=scale(task.strategic_importance),
            data_sensitivity=scale(task.data_sensitivity),
            catalog=catalog_fits(task.service_type, company),
        )


def bpo_points(weights, factors, strength):
    return Points(
        knowledge=weights.knowledge * (1.0 - factors.knowledge),
        standardisation=weights.standardisation * factors.standardisation,
        cost=weights.cost * strength,
        strategic_importance=weights.strategic_importance * (1.0 - factors.strategic_importance),
        data_sensitivity=weights.data_sensitivity * (1.0 - factors.data_sensitivity),
        catalog=weights.catalog * factors.catalog[BPO],
    )


def kpo_points(weights, factors, strength):
    # KPO is neutral on standardisation: it has no points for it.
    return Points(
        knowledge=weights.knowledge * factors.knowledge,
        cost=weights.cost * strength,
        strategic_importance=weights.strategic_importance * (1.0 - factors.strategic_importance),
        data_sensitivity=weights.data_sensitivity * (1.0 - factors.data_sensitivity),
        catalog=weights.catalog * factors.catalog[KPO],
    )


def in_house_points(weights, factors):
    # Keeping the work has no knowledge, cost or catalog points.
    return Points(
        standardisation=weights.standardisation * (1.0 - factors.standardisation),
        strategic_importance=weights.strategic_importance * factors.strategic_importance,
        data_sensitivity=weights.data_sensitivity * factors.data_sensitivity,
    )


def scale(value):
    """A 1-5 value on the 0..1 scale."""
    return (value - 1) / 4.0


def catalog_fits(service_type, company):
    """{BPO, KPO: catalog fit}: 1 for the catalog's model, 0.75 if made for other
    industries, 0 for the other model; 0.5 each with no service type."""
    if service_type is None:
        return {BPO: NEUTRAL_CATALOG_FIT, KPO: NEUTRAL_CATALOG_FIT}
    fit = 1.0
    if service_type.industries and company.industry not in service_type.industries:
        fit = OTHER_INDUSTRY_CATALOG_FIT
    if service_type.sourcing_model == BPO:
        return {BPO: fit, KPO: 0.0}
    return {BPO: 0.0, KPO: fit}
