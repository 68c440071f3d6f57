"""Money for one task and for a portfolio: exact Decimal arithmetic, rounded to cents.

The cost model (docs/scoring.md, "Costs"):
  outsourced monthly  = hours x hourly rate x (1 + governance overhead)
  transition          = transition months x in-house monthly (your team keeps working
                        while the provider learns the work)
  productivity dip    = dip x outsourced monthly, for each of the first dip months
  plan cost, month m  = outsourced monthly (+ dip while m <= dip months)
                        (+ in-house monthly while m <= transition months)
  break-even month    = first month whose running total is no more than staying in-house
Hours not given are estimated as in-house monthly / the profile's in-house hourly rate.

`CostTerms` folds a profile's assumptions into the few multipliers every task needs, once
per assessment; each Decimal operation is the one the formulas above write, in the same
order, so the figures are exact to the cent whichever way they are reached.
"""

from decimal import ROUND_HALF_UP, Decimal
from math import ceil

from .model import ANSWERS, BPO, IN_HOUSE, KPO, OptionCost, PlanTotals

CENT = Decimal("0.01")
ZERO = Decimal("0")
ONE = Decimal("1")
MONTHS_YEAR1 = 12
MONTHS_YEAR3 = 36


def money(value):
    return value.quantize(CENT, ROUND_HALF_UP)  # positional: twice as fast as rounding=


class CostTerms:
    """A profile's cost assumptions as per-task multipliers: (provider months, transition
    months) that year 1 and years 1-3 add up to, and the break-even's constants."""

    __slots__ = (
        "dip",
        "dip_factor",
        "dip_months",
        "dip_stretch",
        "settled",
        "transition_months",
        "year1",
        "year3",
    )

    def __init__(self, profile):
        self.transition_months = profile.transition_months
        self.dip_months = profile.productivity_dip_months
        self.dip = profile.productivity_dip
        self.dip_factor = ONE + profile.productivity_dip
        # The dip outlasts the transition: a stretch where the provider costs P (1 + dip).
        self.dip_stretch = self.dip_months > self.transition_months
        self.settled = max(self.transition_months, self.dip_months)
        self.year1, self.year3 = (
            (months + self.dip * min(months, self.dip_months), min(months, self.transition_months))
            for months in (MONTHS_YEAR1, MONTHS_YEAR3)
        )


def unavailable_cost(answer):
    return OptionCost(answer, False, None, None, ZERO, ZERO, ZERO, ZERO, None)


def outsourced_monthly(hours, hourly_rate, profile):
    return money(hours * hourly_rate * (ONE + profile.governance_overhead))


def cumulative(months, monthly, in_house_monthly, profile):
    """Running cost of the outsourced plan over its first `months` months."""
    dip_months = min(months, profile.productivity_dip_months)
    transition_months = min(months, profile.transition_months)
    return money(
        months * monthly
        + profile.productivity_dip * monthly * dip_months
        + transition_months * in_house_monthly
    )


def break_even_month(monthly, in_house_monthly, profile):
    """First month m whose plan total is no more than m months in-house; None if never."""
    terms = CostTerms(profile)
    return _break_even(monthly, in_house_monthly, terms.transition_months * in_house_monthly, terms)


def _break_even(monthly, in_house_monthly, transition_cost, terms):
    """Solved in closed form on the three stretches where the running cost is linear:
    during transition (only when the provider costs nothing), between the end of the
    transition and the end of the productivity dip, and after both."""
    if in_house_monthly <= monthly:
        return None
    if monthly <= ZERO:
        return 1
    if terms.dip_stretch:
        per_month = in_house_monthly - monthly * terms.dip_factor
        if per_month > ZERO:
            # math.ceil of a Decimal is its ROUND_CEILING integral value, as an int.
            month = ceil(transition_cost / per_month)
            if month <= terms.transition_months:
                month = terms.transition_months + 1
            if month <= terms.dip_months:
                return month
    overhead = transition_cost + terms.dip * monthly * terms.dip_months
    month = ceil(overhead / (in_house_monthly - monthly))
    return month if month > terms.settled else terms.settled + 1


def option_cost(answer, location, hourly_rate, monthly, in_house_monthly, profile):
    terms = CostTerms(profile)
    shared = shared_costs(in_house_monthly, terms)
    return _option_cost(answer, location, hourly_rate, monthly, in_house_monthly, shared, terms)


def shared_costs(in_house, terms):
    """The products of the in-house cost that both outsourcing answers use: transition
    months x in-house (unrounded and to the cent), and the in-house months in year 1 and
    years 1-3."""
    transition_cost = terms.transition_months * in_house
    return (
        transition_cost,
        money(transition_cost),
        terms.year1[1] * in_house,
        terms.year3[1] * in_house,
    )


def _option_cost(answer, location, hourly_rate, monthly, in_house, shared, terms):
    transition_cost, transition, in_house_year1, in_house_year3 = shared
    return OptionCost(
        answer,
        True,
        location,
        hourly_rate,
        monthly,
        transition,
        (monthly * terms.year1[0] + in_house_year1).quantize(CENT, ROUND_HALF_UP),
        (monthly * terms.year3[0] + in_house_year3).quantize(CENT, ROUND_HALF_UP),
        _break_even(monthly, in_house, transition_cost, terms),
    )


def task_costs(in_house, offers, monthly, terms):
    """Every answer's costs for one task: in-house, then BPO and KPO at their offers."""
    transition_cost = terms.transition_months * in_house
    # shared_costs and the in-house costs, written out: this runs for every task.
    shared = (
        transition_cost,
        transition_cost.quantize(CENT, ROUND_HALF_UP),
        terms.year1[1] * in_house,
        terms.year3[1] * in_house,
    )
    offer_bpo, offer_kpo = offers
    return {
        IN_HOUSE: OptionCost(
            IN_HOUSE,
            True,
            None,
            None,
            in_house,
            ZERO,
            in_house * MONTHS_YEAR1,
            in_house * MONTHS_YEAR3,
            None,
        ),
        BPO: unavailable_cost(BPO)
        if offer_bpo is None
        else _option_cost(
            BPO, offer_bpo.kind, offer_bpo.typical, monthly[0], in_house, shared, terms
        ),
        KPO: unavailable_cost(KPO)
        if offer_kpo is None
        else _option_cost(
            KPO, offer_kpo.kind, offer_kpo.typical, monthly[1], in_house, shared, terms
        ),
    }


def portfolio_totals(results):
    """(answer counts, today's PlanTotals, the plan's, and the outsourced tasks' (provider,
    in-house) monthly totals or None if there are none), in one pass over the results.

    One pass and no per-task objects: this runs over every result of an assessment. Each
    total adds up the chosen costs in task order, starting from 0. Every task shares the
    profile's transition and dip months, so the running totals of the outsourced tasks add
    up stretch by stretch and the single-task break-even applies to their sums.
    """
    counts = dict.fromkeys(ANSWERS, 0)
    monthly = transition = year1 = year3 = ZERO
    chosen_monthly = chosen_transition = chosen_year1 = chosen_year3 = ZERO
    provider = in_house = ZERO
    any_outsourced = False
    for result in results:
        answer = result.recommendation
        counts[answer] += 1
        today, chosen = result.costs[IN_HOUSE], result.costs[answer]
        monthly, transition = monthly + today.monthly, transition + today.transition
        year1, year3 = year1 + today.year1, year3 + today.year3
        chosen_monthly, chosen_year1 = chosen_monthly + chosen.monthly, chosen_year1 + chosen.year1
        chosen_transition, chosen_year3 = (
            chosen_transition + chosen.transition,
            chosen_year3 + chosen.year3,
        )
        if answer != IN_HOUSE:
            provider, in_house = provider + chosen.monthly, in_house + today.monthly
            any_outsourced = True
    return (
        counts,
        PlanTotals(monthly, transition, year1, year3),
        PlanTotals(chosen_monthly, chosen_transition, chosen_year1, chosen_year3),
        (provider, in_house) if any_outsourced else None,
    )
