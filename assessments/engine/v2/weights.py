"""Method 2's weights and factor values: one weight per factor, the same for every answer.

Each factor gives every answer a value between 0 and 1 (the location factor takes points
away instead); an answer's score is the sum of weight x value. The weights are scaled once,
by one total, so that a factor counts the same for BPO, KPO and in-house: an answer that a
factor does not favour gets a low value, never a larger share of the other factors. Must not
price anything or decide the answer.
"""

from ..model import BPO, IN_HOUSE, KPO

FACTORS = (
    "knowledge",
    "standardisation",
    "cost",
    "strategic_importance",
    "data_sensitivity",
    "catalog",
    "location",
)
NORMAL_PRIORITY = 3
NEUTRAL = 0.5
OTHER_INDUSTRY_CATALOG_FIT = 0.75


def shared_weights(profile, company):
    """Points each factor is worth at full strength, scaled once so the six factors that
    give points add up to 100 at normal priorities. A company priority multiplies its
    factors' weights for every answer alike."""
    raw = {
        "knowledge": profile.weight_fit * company.priority_quality / NORMAL_PRIORITY,
        "standardisation": profile.weight_standardisation,
        "cost": profile.weight_cost * company.priority_cost / NORMAL_PRIORITY,
        "strategic_importance": profile.weight_strategic
        * company.priority_control
        / NORMAL_PRIORITY,
        "data_sensitivity": profile.weight_sensitivity * company.priority_control / NORMAL_PRIORITY,
        "catalog": profile.weight_catalog,
    }
    total = (
        profile.weight_fit
        + profile.weight_standardisation
        + profile.weight_cost
        + profile.weight_strategic
        + profile.weight_sensitivity
        + profile.weight_catalog
    )
    scale = 100.0 / total if total else 0.0
    weights = {factor: weight * scale for factor, weight in raw.items()}
    weights["location"] = profile.weight_location * scale
    return weights


def scaled(value):
    """A 1-5 rating on 0..1."""
    return (value - 1) / 4


def knowledge(task):
    """0 for the same few steps done by a newcomer, 1 for expert analysis."""
    return (task.complexity + task.skill_level - 2) / 8


def catalog_fit(task, company, answer):
    """The catalog's sourcing model for the chosen service type earns its answer points
    (less when the service is made for other industries); no service type, no points."""
    service = task.service_type
    if service is None or answer == IN_HOUSE:
        return 0.0
    model = BPO if service.sourcing_model == BPO else KPO
    if model != answer:
        return 0.0
    if service.industries and company.industry not in service.industries:
        return OTHER_INDUSTRY_CATALOG_FIT
    return 1.0


def work_values(task, company, answer):
    """The factors that describe the work itself: which provider model fits it.

    Routine work fits BPO, knowledge work KPO; written-down work fits BPO and work that
    cannot be written down stays in-house (transaction-cost reasoning: what cannot be
    specified is costly to buy), with KPO in between, since expert work is rarely standard
    yet can be bought when its outcome can be judged. In-house can do any of it.
    """
    k, s = knowledge(task), scaled(task.standardisation)
    fit = {BPO: 1 - k, KPO: k, IN_HOUSE: NEUTRAL}[answer]
    standard = {BPO: s, KPO: NEUTRAL, IN_HOUSE: 1 - s}[answer]
    return {
        "knowledge": fit,
        "standardisation": standard,
        "catalog": catalog_fit(task, company, answer),
    }


def control_values(task, answer):
    """Strategic importance and data sensitivity: what they give the answer."""
    g, d = scaled(task.strategic_importance), scaled(task.data_sensitivity)
    if answer == IN_HOUSE:
        return {"strategic_importance": g, "data_sensitivity": d}
    return {"strategic_importance": 1 - g, "data_sensitivity": 1 - d}


def money_value(saving, profile):
    """0.5 when an option costs what keeping the work costs over the horizon, 1 at the
    profile's full-saving share, 0 when it costs that share more; beyond, unbounded."""
    if saving is None:
        return 0.0
    return NEUTRAL + NEUTRAL * saving / profile.full_saving_ratio


def cost_value(saving, profile):
    """The money value held to 0..1 for the score. Keeping the work is the 0.5 everything
    is measured against, so money counts for in-house too."""
    return min(1.0, max(0.0, money_value(saving, profile)))


def points(values, weights):
    return {factor: weights[factor] * values.get(factor, 0.0) for factor in FACTORS}
