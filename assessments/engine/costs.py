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
"""

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from .model import IN_HOUSE, OptionCost, PlanTotals

CENT = Decimal("0.01")
ZERO = Decimal("0")
ONE = Decimal("1")
MONTHS_YEAR1 = 12
MONTHS_YEAR3 = 36


def money(value):
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def in_house_cost(monthly):
    return OptionCost(
        IN_HOUSE,
        True,
        None,
        None,
        monthly,
        ZERO,
        monthly * MONTHS_YEAR1,
        monthly * MONTHS_YEAR3,
        None,
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
    """First month m whose plan total is no more than m months in-house; None if never.

    Solved in closed form on the three stretches where the running cost is linear:
    during transition (only when the provider costs nothing), between the end of the
    transition and the end of the productivity dip, and after both.
    """
    if in_house_monthly <= monthly:
        return None
    if monthly <= 0:
        return 1
    transition, dip_months = profile.transition_months, profile.productivity_dip_months
    dip = profile.productivity_dip
    if dip_months > transition:
        per_month = in_house_monthly - monthly * (ONE + dip)
        if per_month > 0:
            month = max(transition + 1, _ceil(transition * in_house_monthly / per_month))
            if month <= dip_months:
                return month
    after = max(transition, dip_months)
    overhead = transition * in_house_monthly + dip * monthly * dip_months
    return max(after + 1, _ceil(overhead / (in_house_monthly - monthly)))


def _ceil(value):
    return int(value.to_integral_value(rounding=ROUND_CEILING))


_YEAR_FACTORS = {}


def year_factors(profile):
    """(provider months, transition months) that year 1 and years 1-3 add up to.

    `cumulative` for 12 and 36 months, folded into two multipliers per period once per
    profile, since every task of an assessment needs them. Keyed by identity; the entry
    holds the profile so its id cannot be reused while cached.
    """
    entry = _YEAR_FACTORS.get(id(profile))
    if entry is None or entry[0] is not profile:
        factors = tuple(
            (
                months + profile.productivity_dip * min(months, profile.productivity_dip_months),
                min(months, profile.transition_months),
            )
            for months in (MONTHS_YEAR1, MONTHS_YEAR3)
        )
        entry = _YEAR_FACTORS[id(profile)] = (profile, factors)
    return entry[1]


def option_cost(answer, location, hourly_rate, monthly, in_house_monthly, profile):
    (provider1, transition1), (provider3, transition3) = year_factors(profile)
    return OptionCost(
        answer,
        True,
        location,
        hourly_rate,
        monthly,
        money(profile.transition_months * in_house_monthly),
        money(monthly * provider1 + transition1 * in_house_monthly),
        money(monthly * provider3 + transition3 * in_house_monthly),
        break_even_month(monthly, in_house_monthly, profile),
    )


def plan_totals(option_costs):
    """Sum of the chosen answers' costs over a portfolio."""
    monthly = transition = year1 = year3 = ZERO
    for cost in option_costs:
        monthly += cost.monthly
        transition += cost.transition
        year1 += cost.year1
        year3 += cost.year3
    return PlanTotals(monthly=monthly, transition=transition, year1=year1, year3=year3)


def portfolio_break_even(outsourced, profile):
    """Break-even of a portfolio's outsourced tasks together.

    Every task shares the profile's transition and dip months, so the running totals add
    up stretch by stretch and the single-task solution applies to the sums.
    """
    monthly = sum((cost.monthly for _, cost in outsourced), ZERO)
    in_house_monthly = sum((in_house for in_house, _ in outsourced), ZERO)
    if not outsourced:
        return None
    return break_even_month(monthly, in_house_monthly, profile)
