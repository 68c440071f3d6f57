"""Money for one task and for a portfolio under method v1: exact Decimals, to the cent.

docs/scoring-v1.md section 6. Each figure is worked out with the Decimal operations v1 used,
in the same order, so every stored figure (and its exponent) comes out the same:
  year n (outsourced) = monthly x (months + dip x dip months within them)
                        + transition months within them x in-house monthly, to the cent
  year n (in-house)   = in-house monthly x months (not rounded: it is exact already)
  break-even month    = the first month whose running plan cost is no more than staying
                        in-house, in closed form (`break_even_month`).
Prices come from the Evaluation; this module scores nothing and keeps nothing.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from math import ceil

from ..model import (
    ANSWERS,
    BPO,
    IN_HOUSE,
    KPO,
    OptionCost,
    PlanTotals,
    PortfolioSummary,
    unavailable_cost,
)

CENT = Decimal("0.01")
ZERO = Decimal("0")
ONE = Decimal("1")
YEAR1, YEAR3 = 12, 36


def money(value):
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def task_costs(evaluation, profile):
    """{answer: OptionCost} for one task: in-house, then BPO and KPO at their offers."""
    in_house = evaluation.task.monthly_cost
    return {
        IN_HOUSE: OptionCost(
            answer=IN_HOUSE,
            available=True,
            location=None,
            hourly_rate=None,
            monthly=in_house,
            transition=ZERO,
            year1=in_house * YEAR1,
            year3=in_house * YEAR3,
            break_even_month=None,
        ),
        BPO: outsourced_cost(BPO, evaluation, profile),
        KPO: outsourced_cost(KPO, evaluation, profile),
    }


def outsourced_cost(answer, evaluation, profile):
    offer, monthly = evaluation.offers[answer], evaluation.monthly[answer]
    if offer is None:
        return unavailable_cost(answer)
    in_house = evaluation.task.monthly_cost
    return OptionCost(
        answer=answer,
        available=True,
        location=offer.kind,
        hourly_rate=offer.typical,
        monthly=monthly,
        transition=money(profile.transition_months * in_house),
        year1=plan_cost(YEAR1, monthly, in_house, profile),
        year3=plan_cost(YEAR3, monthly, in_house, profile),
        break_even_month=break_even_month(monthly, in_house, profile),
    )


def plan_cost(months, monthly, in_house, profile):
    """The outsourced plan's cost over its first `months` months, to the cent."""
    provider_months = months + profile.productivity_dip * min(
        months, profile.productivity_dip_months
    )
    in_house_months = min(months, profile.transition_months)
    return money(monthly * provider_months + in_house_months * in_house)


def break_even_month(monthly, in_house, profile):
    """The first month m whose plan cost is no more than m months in-house; None if the
    provider costs at least as much as today. Solved in closed form on the stretches where
    the running cost is linear: between the transition's end and the dip's end, then
    after both (during the transition both are paid, so only a free provider breaks even)."""
    if in_house <= monthly:
        return None
    if monthly <= ZERO:
        return 1
    transition = profile.transition_months
    transition_cost = transition * in_house
    if profile.productivity_dip_months > transition:
        month = month_within_dip(monthly, in_house, transition_cost, profile)
        if month is not None:
            return month
    return month_after_dip(monthly, in_house, transition_cost, profile)


def month_within_dip(monthly, in_house, transition_cost, profile):
    """The month it happens while the provider still costs monthly x (1 + dip), or None."""
    per_month = in_house - monthly * (ONE + profile.productivity_dip)
    if per_month <= ZERO:
        return None
    # math.ceil of a Decimal is its ROUND_CEILING integral value, as an int.
    month = max(ceil(transition_cost / per_month), profile.transition_months + 1)
    return month if month <= profile.productivity_dip_months else None


def month_after_dip(monthly, in_house, transition_cost, profile):
    dip_months = profile.productivity_dip_months
    overhead = transition_cost + profile.productivity_dip * monthly * dip_months
    month = ceil(overhead / (in_house - monthly))
    return max(month, max(profile.transition_months, dip_months) + 1)


@dataclass
class Totals:
    """Running sums of one plan's figures, from Decimal 0, in task order."""

    monthly: Decimal = ZERO
    transition: Decimal = ZERO
    year1: Decimal = ZERO
    year3: Decimal = ZERO

    def add(self, cost):
        self.monthly = self.monthly + cost.monthly
        self.transition = self.transition + cost.transition
        self.year1 = self.year1 + cost.year1
        self.year3 = self.year3 + cost.year3

    def frozen(self):
        return PlanTotals(
            monthly=self.monthly, transition=self.transition, year1=self.year1, year3=self.year3
        )


def portfolio_summary(results, profile):
    """Today's totals (every task in-house) against the plan (each task at its answer),
    and one break-even month for the outsourced tasks together: every task shares the
    profile's transition and dip months, so their sums follow the single-task formula."""
    counts = dict.fromkeys(ANSWERS, 0)
    today, plan = Totals(), Totals()
    provider = in_house = ZERO  # the outsourced tasks' monthly totals, then and now
    for result in results:
        answer = result.recommendation
        counts[answer] += 1
        today.add(result.costs[IN_HOUSE])
        plan.add(result.costs[answer])
        if answer != IN_HOUSE:
            provider = provider + result.costs[answer].monthly
            in_house = in_house + result.costs[IN_HOUSE].monthly
    outsourced = len(results) - counts[IN_HOUSE]
    return PortfolioSummary(
        task_count=len(results),
        counts=counts,
        current=today.frozen(),
        plan=plan.frozen(),
        break_even_month=break_even_month(provider, in_house, profile) if outsourced else None,
    )
