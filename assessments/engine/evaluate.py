"""From one task's inputs to its delivery offers, monthly prices and three scores.

Each score is a sum of per-factor points looked up in the context's tables; only the cost
points depend on money, so only they are worked out per task. Points are added in
FACTOR_ORDER starting from 0.0, exactly as a plain `sum` over each answer's points does on
Python 3.11 (left to right), so the tables change no score by a single bit. The what-if
search re-scores a changed sensitivity with `raw_at`. No Django, no database, no clock.
"""

from dataclasses import dataclass

from . import costs
from .model import BPO, IN_HOUSE, KPO
from .scoring import shown_score

NO_POINTS = (0.0,) * 6  # an outsourcing answer with no permitted location
NO_STRENGTHS = (0.0, 0.0)


@dataclass(slots=True)
class Evaluation:
    task: object
    plan: object  # the context's ServicePlan for the task's service type
    hours: object  # Decimal, entered or estimated
    hours_estimated: bool
    offers: tuple  # (BPO, KPO): Offer, or None when no location is permitted
    monthly: tuple  # (BPO, KPO): Decimal monthly price, None when not available
    prices: tuple | None  # the same as floats, with hours given and a positive cost
    in_house: float | None  # the in-house monthly cost as a float, whenever `prices` is set
    strengths: tuple  # (BPO, KPO): cost points earned, 0..1
    table_points: tuple  # the task's knowledge, standardisation, strategic and sensitivity points
    heads: tuple  # (BPO, KPO, in-house): the points added up before the cost points
    raw: tuple  # (BPO, KPO, in-house): unrounded scores
    scores: dict  # answer -> score as shown and compared, one decimal


def evaluate(task, context):
    cost, hours = task.monthly_cost, task.hours_per_month
    estimated = hours is None
    if estimated:
        hours = context.estimated_hours(cost)
    plan = context.plan_for(task.service_type)
    offers, table_points = looked_up(task, context, plan)
    monthly, prices, in_house, strengths = pricing(cost, hours, estimated, offers, context)
    (knowledge_bpo, knowledge_kpo), (standard_bpo, standard_in), strategic, _ = table_points
    # Sums start from 0.0 as `sum` does: 0.0 + x turns a -0.0 into 0.0.
    heads = (
        0.0 + knowledge_bpo + standard_bpo,
        0.0 + knowledge_kpo,
        0.0 + standard_in + strategic[2],
    )
    raw = raw_at(heads, strategic, table_points[3], plan, offers, strengths, context)
    scores = {BPO: shown_score(raw[0]), KPO: shown_score(raw[1]), IN_HOUSE: shown_score(raw[2])}
    return Evaluation(
        task,
        plan,
        hours,
        estimated,
        offers,
        monthly,
        prices,
        in_house,
        strengths,
        table_points,
        heads,
        raw,
        scores,
    )


def looked_up(task, context, plan):
    """The task's offers, and its knowledge, standardisation, strategic and sensitivity
    points, from the context's tables (which hold the 1-5 values)."""
    try:
        return plan.offers[task.data_sensitivity], (
            context.knowledge_points[task.complexity][task.skill_level],
            context.standardisation_points[task.standardisation],
            context.strategic_points[task.strategic_importance],
            context.sensitivity_points[task.data_sensitivity],
        )
    except KeyError:
        raise ValueError(f"{task.name}: every 1-5 scale needs a value from 1 to 5") from None


def pricing(cost, hours, estimated, offers, context):
    """(BPO, KPO) monthly prices, the same as floats, the in-house cost as a float (these
    two only with hours given and a positive cost), and (BPO, KPO) cost points."""
    offer_bpo, offer_kpo = offers
    monthly = (monthly_price(offer_bpo, hours, context), monthly_price(offer_kpo, hours, context))
    if cost <= 0:
        return monthly, None, None, NO_STRENGTHS
    if estimated:
        return monthly, None, None, (estimated_strength(offer_bpo), estimated_strength(offer_kpo))
    in_house, full = float(cost), context.full_saving_ratio
    price_bpo = None if monthly[0] is None else float(monthly[0])
    price_kpo = None if monthly[1] is None else float(monthly[1])
    strengths = (
        saving_strength(price_bpo, in_house, full),
        saving_strength(price_kpo, in_house, full),
    )
    return monthly, (price_bpo, price_kpo), in_house, strengths


def monthly_price(offer, hours, context):
    """Hours x typical rate x (1 + governance overhead), to the cent; None without offer."""
    if offer is None:
        return None
    return costs.money(hours * offer.typical * context.overhead_factor)


def estimated_strength(offer):
    """With estimated hours the saving share is fixed by the rates alone (hours cancel
    out), so it comes from the offer: rounding the estimate to a hundredth of an hour must
    not make a dearer in-house cost look like a smaller saving."""
    if offer is None:
        return 0.0
    if offer.estimated_strength is None:
        raise ZeroDivisionError("the profile's in-house hourly rate or full saving is zero")
    return offer.estimated_strength


def saving_strength(price, in_house, full_saving_ratio):
    """0..1: how much of the full cost credit a saving earns (none when it costs more).
    A score, not money: floats, from the monthly price already rounded to the cent."""
    if price is None:
        return 0.0
    ratio = (1.0 - price / in_house) / full_saving_ratio
    return 0.0 if ratio < 0.0 else (ratio if ratio < 1.0 else 1.0)


def raw_at(heads, strategic, sensitive, plan, offers, strengths, context):
    """(BPO, KPO, in-house) unrounded: the heads plus the remaining points in FACTOR_ORDER
    (cost, strategic importance, sensitivity, catalog); 0 with no offer."""
    bpo = kpo = 0.0
    if offers[0] is not None:
        bpo = (
            heads[0]
            + context.cost_weights[0] * strengths[0]
            + strategic[0]
            + sensitive[0]
            + plan.catalog_bpo
        )
    if offers[1] is not None:
        kpo = (
            heads[1]
            + context.cost_weights[1] * strengths[1]
            + strategic[1]
            + sensitive[1]
            + plan.catalog_kpo
        )
    return bpo, kpo, heads[2] + sensitive[2]


def points(evaluation, context, answer):
    """The points each factor gives `answer`, in FACTOR_ORDER (for the reasons)."""
    knowledge, standard, strategic, sensitive = evaluation.table_points
    if answer == IN_HOUSE:
        return (0.0, standard[1], 0.0, strategic[2], sensitive[2], 0.0)
    if answer == BPO:
        if evaluation.offers[0] is None:
            return NO_POINTS
        cost = context.cost_weights[0] * evaluation.strengths[0]
        catalog = evaluation.plan.catalog_bpo
        return (knowledge[0], standard[0], cost, strategic[0], sensitive[0], catalog)
    if evaluation.offers[1] is None:
        return NO_POINTS
    cost = context.cost_weights[1] * evaluation.strengths[1]
    return (knowledge[1], 0.0, cost, strategic[1], sensitive[1], evaluation.plan.catalog_kpo)
