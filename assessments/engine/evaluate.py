"""From one task's inputs to its delivery offers, monthly prices and three scores.

Each score is a sum of per-factor points looked up in the context's tables; only the cost
points depend on money, so only they are worked out per task. Points are added in
FACTOR_ORDER starting from 0.0, exactly as a plain `sum` over each answer's points does on
Python 3.11 (left to right), so the tables change no score by a single bit. The what-if
search re-scores a changed sensitivity with `raw_at`. What the task's 1-5 values and
service type decide on their own (offers, table points, their partial sums) is its
`Shape`, looked up once per context and shape. No Django, no database, no clock.
"""

from dataclasses import dataclass

from .costs import ZERO
from .model import BPO, IN_HOUSE, KPO
from .offers import monthly_price
from .scoring import saving_strength

NO_STRENGTHS = (0.0, 0.0)


@dataclass(slots=True)
class Evaluation:
    task: object
    shape: object  # the task's Shape
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
    shape = context.shape_for(task)
    offers, table_points, heads, plan = shape.offers, shape.table_points, shape.heads, shape.plan
    monthly, prices, in_house, strengths = pricing(cost, hours, estimated, offers, context)
    raw = bpo, kpo, in_house_score = raw_at(
        heads, table_points[2], table_points[3], plan, offers, strengths, context
    )
    # shown_score, written out: this runs for every task.
    scores = {
        BPO: round(bpo if bpo < 100.0 else 100.0, 1),
        KPO: round(kpo if kpo < 100.0 else 100.0, 1),
        IN_HOUSE: round(in_house_score if in_house_score < 100.0 else 100.0, 1),
    }
    return Evaluation(
        task,
        shape,
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


class Shape:
    """What a task's five 1-5 values and its service type decide on their own: the
    (BPO, KPO) offers, the table points and the points added up before the cost points,
    and (engine.verdicts) the answer when money cannot change it. One per context and
    shape, made by `Context.shape_for` the first time a task of that shape is scored."""

    __slots__ = ("heads", "offers", "plan", "table_points", "verdicts")

    def __init__(self, task, context, plan):
        self.plan = plan
        self.offers, self.table_points = looked_up(task, context, plan)
        (knowledge_bpo, knowledge_kpo), (standard_bpo, standard_in), strategic, _ = (
            self.table_points
        )
        # Sums start from 0.0 as `sum` does: 0.0 + x turns a -0.0 into 0.0.
        self.heads = (
            0.0 + knowledge_bpo + standard_bpo,
            0.0 + knowledge_kpo,
            0.0 + standard_in + strategic[2],
        )
        self.verdicts = {}  # no positive cost (True) or hours estimated (False) -> Verdict


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
    if estimated:
        # Priced as `Context.price` prices given hours, but not kept: estimated hours
        # follow the in-house cost to the cent and are seldom shared.
        overhead = context.overhead_factor
        bpo = kpo = None
        if offer_bpo is not None:
            bpo = monthly_price(hours, offer_bpo, overhead)
        if offer_kpo is not None:
            kpo = monthly_price(hours, offer_kpo, overhead)
        if cost <= ZERO:
            return (bpo, kpo), None, None, NO_STRENGTHS
        return (
            (bpo, kpo),
            None,
            None,
            (estimated_strength(offer_bpo), estimated_strength(offer_kpo)),
        )
    bpo = kpo = price_bpo = price_kpo = None
    if offer_bpo is not None:
        bpo, price_bpo = context.price(hours, offer_bpo)
    if offer_kpo is not None:
        kpo, price_kpo = context.price(hours, offer_kpo)
    if cost <= ZERO:
        return (bpo, kpo), None, None, NO_STRENGTHS
    in_house, full = float(cost), context.full_saving_ratio
    strength_bpo = strength_kpo = 0.0
    if bpo is not None:
        strength_bpo = saving_strength(price_bpo, in_house, full)
    if kpo is not None:
        strength_kpo = saving_strength(price_kpo, in_house, full)
    return (bpo, kpo), (price_bpo, price_kpo), in_house, (strength_bpo, strength_kpo)


def estimated_strength(offer):
    """With estimated hours the saving share is fixed by the rates alone (hours cancel
    out), so it comes from the offer: rounding the estimate to a hundredth of an hour must
    not make a dearer in-house cost look like a smaller saving."""
    if offer is None:
        return 0.0
    if offer.estimated_strength is None:
        raise ZeroDivisionError("the profile's in-house hourly rate or full saving is zero")
    return offer.estimated_strength


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
