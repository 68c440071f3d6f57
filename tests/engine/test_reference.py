"""The fast engine gives exactly what a plain evaluation gives, to the last bit.

The engine is made fast with per-context tables, partial sums and a what-if search that
passes over changes which cannot change the answer (docs/scoring.md section 10). None of
that may change a result, so here it is checked against tests/engine/reference.py, which
has no tables and tries every what-if candidate in order: scores, answer, reasons (factor,
favoured answer, points), monthly prices and what-if, across seeded random profiles,
markets and companies, and over hypothesis-drawn tasks and companies.
"""

import math
import random
from decimal import Decimal

from hypothesis import given, settings

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
    costsearch,
    whatif,
)
from assessments.engine.evaluate import evaluate
from assessments.engine.model import LOCATION_KINDS
from tests.engine.conftest import INDUSTRIES, companies, default_market, make_context, tasks
from tests.engine.reference import Reference

SEED = 20261125
# Enough to meet the rare tasks whose scores sit exactly on a rounding margin: the search's
# shortcuts must leave room for float error there (a few in every ten thousand).
CONTEXTS, TASKS_PER_CONTEXT = 300, 50
SHORTCUT_CONTEXTS = 600
WEIGHTS = (0.0, 5.0, 7.3, 10.0, 12.5, 25.0, 30.0, 35.0, 50.0, 100.0)


def engine_view(result):
    what_if = result.what_if
    return (
        result.scores,
        result.recommendation,
        [(reason.factor, reason.favours, reason.points) for reason in result.reasons],
        {
            answer: result.costs[answer].monthly if result.costs[answer].available else None
            for answer in (BPO, KPO)
        },
        None
        if what_if is None
        else (what_if.factor, what_if.changed_to, what_if.new_recommendation),
    )


def reference_view(reference, task):
    scores, top, reasons, what_if = reference.assess(task)
    monthly = reference.evaluate(task)["monthly"]
    return scores, top, reasons, {answer: monthly[answer] for answer in (BPO, KPO)}, what_if


def assert_same(context, task, reference=None):
    reference = reference or Reference(context.profile, context.market, context.company)
    # repr: floats to the last bit (and the sign of zero), Decimals with their exponent
    assert repr(engine_view(assess_task(task, context))) == repr(reference_view(reference, task))
    # The unrounded scores too: the tables and partial sums add up the same points in the
    # same order, so not even a bit may differ.
    raw = reference.evaluate(task)["raw"]
    assert evaluate(task, context).raw == (raw[BPO], raw[KPO], raw[IN_HOUSE])


def random_profile(rng):
    no_offshore = rng.randint(1, 6)
    high = rng.choice((0.1, 5.0, 12.3, 15.0, 100.0))
    return Profile(
        **{name: rng.choice(WEIGHTS) for name in Profile.__dataclass_fields__ if "weight" in name},
        full_saving_ratio=rng.choice((0.05, 0.25, 0.33, 0.5, 0.75, 1.0)),
        no_offshore_sensitivity=no_offshore,
        onshore_only_sensitivity=rng.randint(no_offshore, 6),
        front_office_min_overlap_hours=rng.randint(0, 8),
        governance_overhead=Decimal(rng.randint(0, 500)) / 1000,
        transition_months=rng.randint(0, 12),
        productivity_dip=Decimal(rng.randint(0, 500)) / 1000,
        productivity_dip_months=rng.randint(0, 36),
        in_house_hourly_rate=Decimal(rng.randint(1, 20_000)) / 100,
        confidence_high_margin=high,
        confidence_medium_margin=rng.choice((0.0, high / 3, high)),
    )


def random_market(rng):
    if rng.random() < 0.3:
        return default_market()
    rates = {}
    for model in (BPO, KPO, "lpo"):
        for kind in LOCATION_KINDS:
            if rng.random() < 0.9:  # now and then a card is missing
                typical = Decimal(rng.choice((rng.randint(100, 20_000), 2350, 5000))) / 100
                rates[(model, kind)] = Rate(typical / 2, typical, typical * 2)
    return Market(
        currency="EUR",
        locations=tuple(
            Location(kind, kind.capitalize(), rng.randint(0, 8))
            for kind in LOCATION_KINDS
            if rng.random() < 0.9
        ),
        rates=rates,
    )


def random_company(rng):
    return Company(
        industry=rng.choice((None, *INDUSTRIES)),
        allowed_locations=frozenset(kind for kind in LOCATION_KINDS if rng.random() < 0.8),
        priority_cost=rng.randint(1, 5),
        priority_quality=rng.randint(1, 5),
        priority_control=rng.randint(1, 5),
    )


def random_task(rng):
    scale = lambda: rng.randint(1, 5)  # noqa: E731
    cost = rng.choice(
        (
            Decimal(0),
            Decimal(rng.randint(1, 300)) / 100,
            Decimal(rng.randint(0, 200_000)),
            Decimal(rng.randint(0, 20_000_000)) / 100,
        )
    )
    service = None
    if rng.random() < 0.8:
        service = ServiceTypeInfo(
            "service",
            "Service",
            rng.choice((BPO, KPO, "lpo")),
            rng.choice(("front", "back")),
            frozenset(rng.sample(INDUSTRIES, rng.randint(0, 2))),
        )
    return TaskInput(
        name="Task",
        complexity=scale(),
        skill_level=scale(),
        monthly_cost=cost,
        hours_per_month=None if rng.random() < 0.3 else Decimal(rng.randint(100, 74_400)) / 100,
        strategic_importance=scale(),
        data_sensitivity=scale(),
        standardisation=scale(),
        service_type=service,
    )


def test_the_engine_matches_the_plain_reference_across_profiles_markets_and_companies():
    rng = random.Random(SEED)  # noqa: S311  (seeded test data, not a secret)
    for _ in range(CONTEXTS):
        context = Context(random_profile(rng), random_market(rng), random_company(rng))
        reference = Reference(context.profile, context.market, context.company)
        for _ in range(TASKS_PER_CONTEXT):
            assert_same(context, random_task(rng), reference)


@settings(max_examples=500, deadline=None)
@given(task=tasks, company=companies)
def test_the_engine_matches_the_plain_reference_on_the_default_profile(task, company):
    assert_same(make_context(company), task)


def test_the_what_if_shortcuts_never_change_a_what_if(monkeypatch):
    # The shortcuts pass over changes that cannot give another answer; with an infinite
    # margin every change counts as possible, and the search walks every candidate. Fresh
    # contexts for that walk: a context keeps the what-ifs it has worked out.
    fast = [what_if_of(context, task) for context, task in shortcut_cases()]
    for module in (whatif, costsearch):
        monkeypatch.setattr(module, "MARGIN", math.inf)
    assert [what_if_of(context, task) for context, task in shortcut_cases()] == fast


def shortcut_cases():
    rng = random.Random(SEED + 1)  # noqa: S311  (seeded test data, not a secret)
    cases = []
    for _ in range(SHORTCUT_CONTEXTS):
        context = Context(random_profile(rng), random_market(rng), random_company(rng))
        cases += [(context, random_task(rng)) for _ in range(TASKS_PER_CONTEXT)]
    return cases


def what_if_of(context, task):
    result = assess_task(task, context).what_if
    return None if result is None else repr((result.factor, result.changed_to, result.text))
