"""Builders for the engine's tests: the default market, contexts, tasks and hypothesis strategies.

Plain functions rather than fixtures, so hypothesis tests can call them per example. Nothing
here imports Django: the engine must run without it.
"""

import signal
from contextlib import contextmanager
from decimal import Decimal

from hypothesis import strategies as st

from assessments.engine import (
    BPO,
    IN_HOUSE,
    KPO,
    Company,
    Context,
    Location,
    Market,
    Profile,
    Rate,
    ServiceTypeInfo,
    TaskInput,
    assess_task,
    assess_tasks,
    summarise,
)
from assessments.engine.model import LOCATION_KINDS

LPO = "lpo"
ONSHORE, NEARSHORE, OFFSHORE = LOCATION_KINDS
# Default rate card, USD per hour: (sourcing model, location) -> (low, typical, high).
DEFAULT_RATES = {
    (BPO, ONSHORE): ("40", "50", "60"),
    (BPO, NEARSHORE): ("12", "23.50", "35"),
    (BPO, OFFSHORE): ("6", "14", "18"),
    (KPO, ONSHORE): ("60", "105", "150"),
    (KPO, NEARSHORE): ("45", "75", "105"),
    (KPO, OFFSHORE): ("30", "45", "60"),
    (LPO, ONSHORE): ("35", "117.50", "200"),
    (LPO, NEARSHORE): ("28", "71.25", "140"),
    (LPO, OFFSHORE): ("21", "25", "80"),
}
# Working hours each location shares with the client's day.
DEFAULT_OVERLAP_HOURS = {ONSHORE: 8, NEARSHORE: 6, OFFSHORE: 2}
# The order in which equal scores are resolved: the answer easiest to undo first.
TIE_ORDER = (IN_HOUSE, KPO, BPO)
SCALE_FACTORS = (
    "complexity",
    "skill_level",
    "standardisation",
    "strategic_importance",
    "data_sensitivity",
)
INDUSTRIES = ("e-commerce", "healthcare", "legal", "finance")
# One task is a few hundred float operations; seconds mean the engine is stuck in a loop.
TIME_LIMIT_SECONDS = 2.0


class EngineTooSlow(AssertionError):
    pass


@contextmanager
def time_limit(seconds=TIME_LIMIT_SECONDS):
    """Turn a hang into a failure: SIGALRM interrupts the engine after `seconds`."""

    def give_up(signum, frame):
        raise EngineTooSlow(f"the engine did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def assess(task, context=None, seconds=TIME_LIMIT_SECONDS):
    with time_limit(seconds):
        return assess_task(task, make_context() if context is None else context)


def assess_portfolio(tasks, context=None, seconds=TIME_LIMIT_SECONDS):
    context = make_context() if context is None else context
    with time_limit(seconds * max(1, len(tasks))):
        results = assess_tasks(tasks, context)
        return results, summarise(results, context)


def default_market(rates=None):
    rates = DEFAULT_RATES if rates is None else rates
    return Market(
        currency="USD",
        locations=tuple(
            Location(kind=kind, name=kind.capitalize(), overlap_hours=DEFAULT_OVERLAP_HOURS[kind])
            for kind in LOCATION_KINDS
        ),
        rates={key: Rate(*(Decimal(value) for value in figures)) for key, figures in rates.items()},
    )


def make_context(company=None, profile=None, market=None):
    return Context(
        Profile() if profile is None else profile,
        default_market() if market is None else market,
        Company() if company is None else company,
    )


def make_task(**fields):
    """A middle-of-the-road task; name the fields that matter to the test."""
    values = {
        "name": "Task",
        "complexity": 3,
        "skill_level": 3,
        "monthly_cost": Decimal("5000"),
        "hours_per_month": Decimal("100"),
        "strategic_importance": 3,
        "data_sensitivity": 3,
        "standardisation": 3,
        "service_type": None,
    }
    values.update(fields)
    for key in ("monthly_cost", "hours_per_month"):
        if isinstance(values[key], int | str):
            values[key] = Decimal(values[key])
    return TaskInput(**values)


def service_type(sourcing_model, office="back", industries=(), slug=None, name=None):
    slug = slug or f"{sourcing_model}-{office}"
    return ServiceTypeInfo(
        slug=slug,
        name=name or slug.replace("-", " ").capitalize(),
        sourcing_model=sourcing_model,
        office=office,
        industries=frozenset(industries),
    )


def winner_by_tie_rule(scores):
    """The best score; among equal scores, the first in TIE_ORDER. Written apart from the engine."""
    best = max(scores.values())
    return next(answer for answer in TIE_ORDER if scores[answer] == best)


def brute_force_break_even(monthly, in_house_monthly, profile, limit=100_000):
    """First month whose running plan cost is no more than staying in-house, month by month.

    Month m of the plan costs the outsourced monthly fee, plus the productivity dip while
    m <= dip months, plus the in-house cost while m <= transition months. A provider that
    costs at least as much as today never breaks even (docs/scoring.md section 6), even
    where the totals happen to be level.
    """
    if monthly >= in_house_monthly:
        return None
    plan = stay = Decimal("0")
    for month in range(1, limit + 1):
        plan += monthly
        if month <= profile.productivity_dip_months:
            plan += profile.productivity_dip * monthly
        if month <= profile.transition_months:
            plan += in_house_monthly
        stay += in_house_monthly
        if plan <= stay:
            return month
    raise AssertionError("no break-even within the loop's limit")


# --- hypothesis strategies ----------------------------------------------------------------

scale = st.integers(min_value=1, max_value=5)
money_amounts = st.integers(min_value=0, max_value=20_000_000).map(
    lambda cents: Decimal(cents) / 100
)
given_hours = st.decimals(min_value=1, max_value=744, places=2)
hours = st.none() | given_hours
service_types = st.none() | st.builds(
    service_type,
    sourcing_model=st.sampled_from((BPO, KPO, LPO)),
    office=st.sampled_from(("front", "back")),
    industries=st.frozensets(st.sampled_from(INDUSTRIES), max_size=2),
)
tasks = st.builds(
    TaskInput,
    name=st.just("Task"),
    complexity=scale,
    skill_level=scale,
    monthly_cost=money_amounts,
    hours_per_month=hours,
    strategic_importance=scale,
    data_sensitivity=scale,
    standardisation=scale,
    service_type=service_types,
)
companies = st.builds(
    Company,
    industry=st.none() | st.sampled_from(INDUSTRIES),
    allowed_locations=st.frozensets(st.sampled_from(LOCATION_KINDS)),
    priority_cost=scale,
    priority_quality=scale,
    priority_control=scale,
)
