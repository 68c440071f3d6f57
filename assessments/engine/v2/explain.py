"""Method 2's reasons and notes, in plain words and one number format.

A reason is a factor that really separates the answer from its alternative, listed for the
answer it favours, with the owner's own value so they can check it. A rule that decided
comes first. Notes say what the answer rests on (estimated hours, inputs not rated), what
the law asks when data travels, and when a plan costs more. Amounts are whole currency
units with thousands separators everywhere. Must not change any score or answer.
"""

from decimal import ROUND_HALF_UP, Decimal

from ..model import ANSWER_LABELS, FACTOR_LABELS, IN_HOUSE, KPO, Reason
from . import decision, offers
from .phrases import KNOWLEDGE, SENSITIVITY, STANDARDISATION, STRATEGIC

REASONS_SHOWN = 4
MIN_REASON_POINTS = 1.0
HEALTH_INDUSTRIES = {"healthcare"}


def amount(value, market):
    """'£12,345' (or 'GBP 12,345' with no symbol): whole units, half up, one format for
    every sentence."""
    prefix = market.symbol or f"{market.currency} "
    return f"{prefix}{Decimal(value).quantize(Decimal('1'), ROUND_HALF_UP):,}"


def percent(share):
    return f"{abs(share) * 100:.0f} %"


def label(answer):
    return ANSWER_LABELS[answer]


def factor_text(factor, evaluation, context):
    task = evaluation.task
    if factor in task.assumed:  # the owner did not say: no words as if they had
        value = getattr(task, factor)
        return f"{FACTOR_LABELS[factor].capitalize()}: not rated, assumed {value}"
    if factor == "knowledge":
        k = (task.complexity + task.skill_level - 2) / 8
        words = next(text for limit, text in KNOWLEDGE if k <= limit)
        return f"Complexity {task.complexity}/5 and skill level {task.skill_level}/5: {words}"
    if factor == "standardisation":
        value = task.standardisation
        return f"Standardisation {value}/5: {STANDARDISATION[value]}"
    if factor == "strategic_importance":
        value = task.strategic_importance
        return f"Strategic importance {value}/5: {STRATEGIC[value]}"
    if factor == "data_sensitivity":
        value = task.data_sensitivity
        return f"Data sensitivity {value}/5: {SENSITIVITY[value]}"
    if factor == "catalog":
        return catalog_text(task.service_type)
    if factor == "location":
        return location_text(evaluation)
    return cost_text(evaluation, context)


def catalog_text(service):
    model = "legal KPO (LPO)" if service.sourcing_model == "lpo" else label(service.sourcing_model)
    return f"The catalog lists {service.name} as {model} work"


def outsourced_option(evaluation):
    other = evaluation.answer if evaluation.answer != IN_HOUSE else evaluation.runner_up
    return evaluation.options[other]


def sensitivity_text(task):
    """'data sensitivity 4/5', or 'data sensitivity not rated (assumed 3)'."""
    if "data_sensitivity" in task.assumed:
        return f"data sensitivity not rated (assumed {task.data_sensitivity})"
    return f"data sensitivity {task.data_sensitivity}/5"


def location_text(evaluation):
    option = outsourced_option(evaluation)
    task = evaluation.task
    where = option.offer.location.kind
    if offers.front_office(task) and option.offer.location.overlap_hours < 8:
        return (
            f"Delivered {where} with {sensitivity_text(task)}, serving "
            f"customers from {option.offer.location.overlap_hours} shared working hours"
        )
    return f"Delivered {where} with {sensitivity_text(task)}"


def cost_text(evaluation, context):
    option, market = outsourced_option(evaluation), context.market
    task, profile_years = evaluation.task, context.profile.horizon_months // 12
    name, where = label(option.answer), option.offer.location.kind
    monthly = (
        f"{name} {where} would cost about {amount(option.monthly, market)} a month against "
        f"{amount(task.monthly_cost, market)} in-house"
    )
    if option.saving is None:
        return f"{monthly}; nothing is spent on it in-house, so there is nothing to save"
    verb = "saving" if option.saving >= 0 else "costing"
    return (
        f"{monthly}; over {profile_years} years, transition included, {verb} "
        f"{percent(option.saving)} {'on' if option.saving >= 0 else 'more than'} keeping it"
    )


def rule_reason(option, evaluation, profile):
    """The rule that stopped the fitting model, in words (None when none did)."""
    task, name = evaluation.task, label(option.answer)
    years = profile.horizon_months // 12
    hours = f"{evaluation.hours:,.0f}"
    texts = {
        decision.TOO_SMALL: f"Too small for a provider contract: {hours} people-hours a month, "
        f"under the {profile.min_contract_hours:,.0f} a provider needs; a freelancer or an "
        "online marketplace may suit occasional work",
        decision.NO_LOCATION: f"{name} is ruled out: none of the delivery locations you allow is "
        f"priced and permitted for {sensitivity_text(task)}",
        decision.COSTS_MORE: f"{name} would cost more than keeping the work over {years} years",
        decision.SAVES_TOO_LITTLE: f"{name} would save only {percent(option.saving or 0)} over "
        f"{years} years, under the {percent(profile.bpo_min_saving)} that pays for handing "
        "over a running process",
    }
    text = texts.get(option.blocked)
    return None if text is None else Reason("rule", text, IN_HOUSE, 0.0)


def reasons(evaluation, context):
    """The rule that decided, if any, then up to four factors, largest pull first."""
    found = []
    if evaluation.answer == IN_HOUSE:
        rule = rule_reason(evaluation.options[evaluation.runner_up], evaluation, context.profile)
        found += [rule] if rule else []
    mine = evaluation.points[evaluation.answer]
    theirs = evaluation.points[evaluation.runner_up]
    if outsourced_option(evaluation).offer is None:
        return tuple(found)
    pulls = sorted(
        ((mine[factor] - theirs[factor], factor) for factor in mine),
        key=lambda pull: -abs(pull[0]),
    )
    for pull, factor in pulls[:REASONS_SHOWN]:
        if abs(pull) >= MIN_REASON_POINTS:
            favours = evaluation.answer if pull > 0 else evaluation.runner_up
            text = factor_text(factor, evaluation, context)
            found.append(Reason(factor, text, favours, round(abs(pull), 1)))
    return tuple(found)


def model_note(evaluation, profile):
    """Why this kind of provider: the work decides between BPO and KPO."""
    task = evaluation.task
    if offers.above_bpo_ceiling(task, profile):
        return (
            f"A KPO provider, not BPO: complexity {task.complexity}/5 and skill level "
            f"{task.skill_level}/5 are above what BPO providers staff for (up to "
            f"{profile.bpo_complexity_ceiling}/5 and {profile.bpo_skill_ceiling}/5), so only "
            "knowledge-work rates are quoted"
        )
    if evaluation.fitting_model == KPO:
        return "A KPO provider, not BPO: the work needs judgement more than a fixed procedure"
    return "A BPO provider, not KPO: routine, rule-based work is what BPO providers run"


def regulatory_notes(evaluation, context):
    """What the law asks when the recommended work takes data outside the company."""
    option = evaluation.options.get(evaluation.answer)
    if option is None or option.offer is None:
        return []
    task, notes = evaluation.task, []
    service = task.service_type
    if service is not None and service.sourcing_model == "lpo":
        notes.append(
            "Legal work: keep legal privilege by having your own lawyers instruct and "
            "supervise the provider, and check its conflict checks"
        )
    if context.company.industry in HEALTH_INDUSTRIES or (
        service is not None and HEALTH_INDUSTRIES & service.industries
    ):
        notes.append(
            "Health data: in the US the provider signs a business associate agreement "
            "(HIPAA) before it sees patient data"
        )
    if task.data_sensitivity >= 3 and option.offer.location.kind != "onshore":
        notes.append(
            "Personal or confidential data would leave the country "
            f"({option.offer.location.name}): put the transfer under contract, for example "
            "the EU's standard contractual clauses under the GDPR, and check the "
            "provider's security certification"
        )
    return notes


def notes(evaluation, context, cost_uncertain):
    profile, task = context.profile, evaluation.task
    found = []
    if evaluation.answer != IN_HOUSE:
        found.append(model_note(evaluation, profile))
        option = evaluation.options[evaluation.answer]
        if option.premium:
            found.append(
                f"{label(option.answer)} costs {percent(option.saving)} more than keeping the "
                f"work over {profile.horizon_months // 12} years: it is advised for the "
                f"specialist skills the work needs (skill level {task.skill_level}/5), not to "
                "save money; check first whether your own team has them"
            )
        if offers.front_office(task) and option.offer.location.overlap_hours < 8:
            found.append(
                "Customer-facing work from another time zone: the provider must staff your "
                "customers' hours (shifts) and their languages; put both in the contract"
            )
        found += regulatory_notes(evaluation, context)
    if evaluation.hours_estimated:
        found.append(
            f"Hours were not given: estimated at {evaluation.hours:,.0f} a month from the "
            f"in-house cost at {amount(profile.in_house_hourly_rate, context.market)} an hour; "
            "enter them for a firmer answer"
        )
    if task.assumed:
        names = ", ".join(FACTOR_LABELS[name] for name in sorted(task.assumed))
        found.append(f"Not rated, so taken as 3/5: {names}")
    if cost_uncertain:
        found.append("The answer changes within the rate card's range: get quotes before deciding")
    return tuple(found)
