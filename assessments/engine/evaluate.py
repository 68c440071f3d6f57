"""From one task's inputs to its factors, monthly costs and scores.

The what-if search reuses these pieces to predict the scores of a changed task. No Django,
no database, no clock.
"""

from dataclasses import dataclass

from . import costs
from .model import BPO, IN_HOUSE, KPO
from .scoring import (
    Factors,
    catalog_fit,
    estimated_hours,
    saving_strength,
    score_terms,
    shown_score,
)

LPO = "lpo"
RATE_MODELS = ((BPO, BPO), (KPO, KPO))
LEGAL_RATE_MODELS = ((BPO, BPO), (KPO, LPO))  # legal work is priced with LPO rates


@dataclass(slots=True)
class Evaluation:
    factors: Factors
    terms: dict  # answer -> points per factor, in FACTOR_ORDER
    raw: dict  # answer -> unrounded score
    scores: dict  # answer -> score as shown and compared, one decimal
    hours: object
    hours_estimated: bool
    choices: dict  # answer -> (Location, Rate), or None when no location is permitted
    monthly: dict  # answer -> Decimal monthly cost, None when not available


def rate_models(service_type):
    if service_type is not None and service_type.sourcing_model == LPO:
        return LEGAL_RATE_MODELS
    return RATE_MODELS


def is_front_office(task):
    return task.service_type is not None and task.service_type.office == "front"


def evaluate(task, context):
    profile = context.profile
    hours, hours_estimated = estimated_hours(task, profile)
    front_office = is_front_office(task)
    choices, monthly = {}, {IN_HOUSE: task.monthly_cost}
    for answer, rate_model in rate_models(task.service_type):
        choice = context.location_for(rate_model, task.data_sensitivity, front_office)
        choices[answer] = choice
        monthly[answer] = (
            None if choice is None else costs.outsourced_monthly(hours, choice[1].typical, profile)
        )
    catalog_bpo, catalog_kpo = catalog_fit(task.service_type, context.company)
    factors = Factors(  # positional: this runs for every task (see Factors for the order)
        (task.complexity + task.skill_level - 2) / 8.0,
        (task.standardisation - 1) / 4.0,
        (task.strategic_importance - 1) / 4.0,
        (task.data_sensitivity - 1) / 4.0,
        strength(task, hours_estimated, choices[BPO], monthly[BPO], context),
        strength(task, hours_estimated, choices[KPO], monthly[KPO], context),
        catalog_bpo,
        catalog_kpo,
        choices[BPO] is not None,
        choices[KPO] is not None,
    )
    terms = score_terms(factors, context)
    raw = {BPO: sum(terms[BPO]), KPO: sum(terms[KPO]), IN_HOUSE: sum(terms[IN_HOUSE])}
    scores = {BPO: shown_score(raw[BPO]), KPO: shown_score(raw[KPO])}
    scores[IN_HOUSE] = shown_score(raw[IN_HOUSE])
    return Evaluation(factors, terms, raw, scores, hours, hours_estimated, choices, monthly)


def strength(task, hours_estimated, choice, monthly, context):
    """Cost points earned (0..1). With estimated hours the saving share is fixed by the
    rates alone (hours cancel out), so it is computed from them: rounding the estimate to
    a hundredth of an hour must not make a dearer in-house cost look like a smaller saving.
    """
    if not hours_estimated or choice is None or task.monthly_cost <= 0:
        return saving_strength(task.monthly_cost, monthly, context.full_saving_ratio)
    profile = context.profile
    price = float(choice[1].typical * (1 + profile.governance_overhead))
    ratio = (1.0 - price / float(profile.in_house_hourly_rate)) / context.full_saving_ratio
    return 0.0 if ratio < 0.0 else (ratio if ratio < 1.0 else 1.0)


def option_costs(task, evaluation, profile):
    """Full cost picture of every answer for this task."""
    result = {IN_HOUSE: costs.in_house_cost(task.monthly_cost)}
    for answer in (BPO, KPO):
        choice = evaluation.choices[answer]
        if choice is None:
            result[answer] = costs.unavailable_cost(answer)
            continue
        location, rate = choice
        result[answer] = costs.option_cost(
            answer,
            location.kind,
            rate.typical,
            evaluation.monthly[answer],
            task.monthly_cost,
            profile,
        )
    return result
