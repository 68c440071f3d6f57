"""Method 2's money: hours, provider prices, transition, totals over the horizon, break-even.

Exact `Decimal` arithmetic, amounts rounded half-up to the cent. Everything a decision rests
on is a total over the profile's horizon (three years by default): the provider's monthly
price with governance, the productivity dip while it learns the work, and a transition whose
size follows the difficulty of handing the work over. Must not score or word anything.
"""

from decimal import ROUND_HALF_UP, Decimal

from ..model import IN_HOUSE, OptionCost, unavailable_cost

CENT = Decimal("0.01")
ZERO = Decimal("0")
ONE = Decimal("1")
YEAR1, YEAR3 = 12, 36


def money(value):
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def task_hours(task, profile):
    """(people-hours a month, estimated?): as entered, else in-house cost / hourly rate."""
    if task.hours_per_month is not None:
        return task.hours_per_month, False
    return money(task.monthly_cost / profile.in_house_hourly_rate), True


def provider_monthly(hours, hourly_rate, profile):
    return money(hours * hourly_rate * (ONE + profile.governance_overhead))


def handover_difficulty(task):
    """0 for simple, fully written-down work, 1 for expert work with no fixed procedure.

    Knowledge transfer takes longer the more judgement the work needs and the less of it
    is written down; an exact fraction of sixteenths, so Decimal keeps it exact.
    """
    knowledge = Decimal(task.complexity + task.skill_level - 2) / 8
    unwritten = Decimal(5 - task.standardisation) / 4
    return (knowledge + unwritten) / 2


def transfer_months(task, profile):
    """Months of knowledge transfer, from the profile's minimum to its maximum."""
    span = profile.transfer_months_max - profile.transfer_months_min
    return profile.transfer_months_min + span * handover_difficulty(task)


def transition_cost(task, profile):
    """Selecting and contracting a provider (fixed) plus the in-house team's time while it
    hands the work over (a share of its cost for each transfer month)."""
    parallel = task.monthly_cost * profile.parallel_running_share
    return money(profile.transition_fixed_cost + parallel * transfer_months(task, profile))


def outsourced_to_month(months, monthly, in_house_monthly, transfer, profile):
    """What the outsourced plan has cost after `months` months: provider fees, the dip
    while it learns, and the transition: fixed at the start, then the in-house team's share
    of time for each of the `transfer` months (the last one may be part of a month)."""
    dip_months = min(months, profile.productivity_dip_months)
    parallel = in_house_monthly * profile.parallel_running_share * min(Decimal(months), transfer)
    return money(
        months * monthly
        + profile.productivity_dip * monthly * dip_months
        + profile.transition_fixed_cost
        + parallel
    )


def break_even_month(monthly, in_house_monthly, transfer, profile):
    """First month within the horizon whose running total is no more than staying
    in-house; None when the plan does not pay back within the horizon."""
    for month in range(1, profile.horizon_months + 1):
        spent = outsourced_to_month(month, monthly, in_house_monthly, transfer, profile)
        if spent <= month * in_house_monthly:
            return month
    return None


def in_house_cost(task, profile):
    cost = task.monthly_cost
    return OptionCost(
        answer=IN_HOUSE,
        available=True,
        location=None,
        hourly_rate=None,
        monthly=cost,
        transition=ZERO,
        year1=cost * YEAR1,
        year3=cost * YEAR3,
        break_even_month=None,
        horizon_total=cost * profile.horizon_months,
    )


def outsourced_cost(answer, offer, monthly, task, profile):
    """An answer's costs at its delivery offer and monthly price (no offer: not priced)."""
    if offer is None:
        return unavailable_cost(answer)
    in_house, transfer = task.monthly_cost, transfer_months(task, profile)

    def to_month(months):
        return outsourced_to_month(months, monthly, in_house, transfer, profile)

    return OptionCost(
        answer=answer,
        available=True,
        location=offer.location.kind,
        hourly_rate=offer.hourly_rate,
        monthly=monthly,
        transition=transition_cost(task, profile),
        year1=to_month(YEAR1),
        year3=to_month(YEAR3),
        break_even_month=break_even_month(monthly, in_house, transfer, profile),
        horizon_total=to_month(profile.horizon_months),
        transfer_months=transfer,
    )


def horizon_saving(monthly, task, transfer, profile):
    """The share of the in-house total an option at `monthly` saves over the horizon
    (negative: it costs more), with `transfer` months of knowledge transfer; a float, as it
    feeds the scores. None when nothing is spent in-house, so there is nothing to save."""
    in_house = task.monthly_cost * profile.horizon_months
    if in_house <= ZERO:
        return None
    total = outsourced_to_month(
        profile.horizon_months, monthly, task.monthly_cost, transfer, profile
    )
    return float(1 - total / in_house)
