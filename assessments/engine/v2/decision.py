"""Method 2's evaluation of one task: offers, prices, points, scores and the answer.

The answer is reached in two steps. First the work decides which provider model fits it
(BPO or KPO), from the work alone: knowledge, standardisation, the catalog, and BPO's skill
ceiling; money, location, strategy and sensitivity do not enter, so a more sensitive or
more strategic task can never move from KPO to BPO. Then that model, at its best delivery
location, is weighed against keeping the work on every factor, money included, and the
rules that keep the advice in line with its own money apply. Must not word anything.
"""

from dataclasses import dataclass, field

from ..model import BPO, IN_HOUSE, KPO, OUTSOURCED
from . import money, offers, weights

# Why an outsourcing answer cannot be the answer (shown first among the reasons).
NOT_OFFERED = "not_offered"  # above BPO's skill ceiling
TOO_SMALL = "too_small"  # under the minimum hours for a provider contract
NO_LOCATION = "no_location"  # no allowed, priced delivery location
COSTS_MORE = "costs_more"  # costs more over the horizon, with no non-cost reason
SAVES_TOO_LITTLE = "saves_too_little"  # BPO saving under the profile's minimum


@dataclass
class Option:
    """One outsourcing answer at its best delivery location."""

    answer: str
    offer: offers.Offer | None = None
    monthly: object = None  # Decimal
    saving: float | None = None  # share of the in-house total saved over the horizon
    blocked: str | None = None
    premium: bool = False  # KPO that costs more, recommended for skills


@dataclass
class Evaluation:
    task: object
    hours: object
    hours_estimated: bool
    fitting_model: str
    options: dict
    points: dict = field(default_factory=dict)
    scores: dict = field(default_factory=dict)
    answer: str = IN_HOUSE
    runner_up: str = BPO


@dataclass(frozen=True)
class Scoring:
    """An assessment's context with its shared weights worked out once."""

    profile: object
    market: object
    company: object
    weights: dict

    @classmethod
    def of(cls, context):
        weight = weights.shared_weights(context.profile, context.company)
        return cls(context.profile, context.market, context.company, weight)


def evaluate(task, context, price="typical"):
    """`context` is a Scoring."""
    profile = context.profile
    hours, estimated = money.task_hours(task, profile)
    evaluation = Evaluation(
        task=task,
        hours=hours,
        hours_estimated=estimated,
        fitting_model=fitting_model(task, context),
        options={answer: best_option(answer, task, hours, context, price) for answer in OUTSOURCED},
    )
    score(evaluation, context)
    decide(evaluation, context)
    return evaluation


def fitting_model(task, context):
    """BPO or KPO, from the work alone; equal fits go to KPO, the easier to undo."""
    weight = context.weights
    if not offers.offered(BPO, task, context.profile):
        return KPO
    fit = {}
    for answer in OUTSOURCED:
        values = weights.work_values(task, context.company, answer)
        fit[answer] = sum(weights.points(values, weight).values())
    return BPO if round(fit[BPO], 6) > round(fit[KPO], 6) else KPO


def best_option(answer, task, hours, context, price):
    """The answer at the location where its money, less the cost of distance, is best."""
    profile = context.profile
    if not offers.offered(answer, task, profile):
        return Option(answer, blocked=NOT_OFFERED)
    weight = context.weights
    transfer = money.transfer_months(task, profile)
    best, best_net = None, None
    for offer in offers.candidate_offers(answer, task, context, price):
        monthly = money.provider_monthly(hours, offer.hourly_rate, profile)
        saving = money.horizon_saving(monthly, task, transfer, profile)
        # Unclipped, so that among options that all cost too much the cheaper still wins.
        net = weight["cost"] * weights.money_value(saving, profile)
        net -= weight["location"] * offer.distance_penalty
        if best_net is None or net > best_net + 1e-9:
            best, best_net = Option(answer, offer, monthly, saving), net
    if best is None:
        return Option(answer, blocked=NO_LOCATION)
    best.blocked = money_rule(best, task, hours, profile)
    best.premium = answer == KPO and best.blocked is None and best.saving < 0
    return best


def money_rule(option, task, hours, profile):
    """Why a priced option may not be the answer: too small, or not worth its money."""
    if hours < profile.min_contract_hours:
        return TOO_SMALL
    saving = option.saving
    if option.answer == BPO:
        if saving is None or saving < 0:
            return COSTS_MORE
        return SAVES_TOO_LITTLE if saving < profile.bpo_min_saving else None
    if saving is None:
        return COSTS_MORE
    skills = task.skill_level >= profile.kpo_premium_min_skill
    if saving < 0 and not (skills and -saving <= profile.kpo_max_premium):
        return COSTS_MORE
    return None


def score(evaluation, context):
    weight = context.weights
    task, company = evaluation.task, context.company
    for answer in (BPO, KPO, IN_HOUSE):
        values = weights.work_values(task, company, answer) | weights.control_values(task, answer)
        if answer == IN_HOUSE:
            values["cost"] = weights.NEUTRAL
        else:
            option = evaluation.options[answer]
            if option.offer is None:
                evaluation.points[answer] = dict.fromkeys(weights.FACTORS, 0.0)
                continue
            values["cost"] = weights.cost_value(option.saving, context.profile)
            values["location"] = -option.offer.distance_penalty
        evaluation.points[answer] = weights.points(values, weight)
    for answer, answer_points in evaluation.points.items():
        evaluation.scores[answer] = shown(sum(answer_points.values()))


def shown(raw):
    """A score as shown and compared: within 0..100, one decimal."""
    return round(min(100.0, max(0.0, raw)), 1)


def decide(evaluation, context):
    """The fitting model if it may be the answer and scores above keeping the work (equal
    scores keep the work: the easiest to undo); else in-house."""
    model = evaluation.fitting_model
    option = evaluation.options[model]
    scores = evaluation.scores
    if option.blocked is None and scores[model] > scores[IN_HOUSE]:
        evaluation.answer, evaluation.runner_up = model, IN_HOUSE
    else:
        evaluation.answer, evaluation.runner_up = IN_HOUSE, model
