"""Make tests/engine/data/v1_golden.json.gz: method v1's answers, as today's engine gives them.

The fast engine (assessments/engine, docs/scoring-v1.md section 10) is to be deleted; the
plain port in assessments/engine/v1 must then re-score profile v1 assessments exactly as
before. This script records, over seeded and varied profiles, markets, companies and tasks,
every value a caller can read from today's engine (scores to the last bit, reasons,
what-ifs, costs, portfolio summaries); tests/engine/test_v1_golden.py, which defines the
fixture's format, holds the port to it.

    .venv/bin/python -m tests.engine.make_v1_golden

Today's engine is called through its own modules (context, evaluate, verdicts, costs),
imported inside the functions that use them: `assessments.engine.assess_task` now picks a
method, and for method 1 that is the port under test, which must not grade itself. Once
the old modules are deleted this script cannot run again, and need not: the fixture is
the record.
"""

import gzip
import json
import math
import random
from dataclasses import dataclass, replace
from decimal import Decimal

from assessments.engine.model import (
    BPO,
    IN_HOUSE,
    KPO,
    LOCATION_KINDS,
    SCALE_FACTORS,
    Company,
    Location,
    Market,
    PortfolioSummary,
    Profile,
    Rate,
    ServiceTypeInfo,
    TaskInput,
    TaskResult,
)
from tests.engine.test_v1_golden import (
    FIXTURE,
    V1_PROFILE_FIELDS,
    V1_WEIGHTS,
    encode_fields,
    encode_market,
    encode_result,
    encode_summary,
    encode_task,
)

SEED = 20260211
RANDOM_CONTEXTS, TASKS_PER_CONTEXT = 70, 25
DEFAULT_PROFILE_COMPANIES, TASKS_PER_COMPANY = 20, 20
DEFAULT_CONTEXT_TASKS = 300
LPO = "lpo"
INDUSTRIES = ("e-commerce", "healthcare", "legal", "finance")
SERVICE_NAMES = ("Data entry", "Market research", "Legal research", "Contract drafting and review")
WEIGHTS = (0.0, 5.0, 7.3, 10.0, 12.5, 25.0, 30.0, 35.0, 50.0, 100.0)
# Default rate card, USD per hour (as tests/engine/conftest.py): (model, kind) -> figures.
DEFAULT_RATES = {
    (BPO, "onshore"): ("40", "50", "60"),
    (BPO, "nearshore"): ("12", "23.50", "35"),
    (BPO, "offshore"): ("6", "14", "18"),
    (KPO, "onshore"): ("60", "105", "150"),
    (KPO, "nearshore"): ("45", "75", "105"),
    (KPO, "offshore"): ("30", "45", "60"),
    (LPO, "onshore"): ("35", "117.50", "200"),
    (LPO, "nearshore"): ("28", "71.25", "140"),
    (LPO, "offshore"): ("21", "25", "80"),
}
DEFAULT_OVERLAP_HOURS = {"onshore": 8, "nearshore": 6, "offshore": 2}
ROUND_COSTS = (400, 800, 1000, 2000, 4000, 6000, 8000, 12_000)
ROUND_HOURS = (10, 20, 40, 50, 80, 100, 160)


# --- Scoring with today's engine -----------------------------------------------------------


def old_context(profile, market, company):
    from assessments.engine.context import Context

    return Context(profile, market, company)


def old_assess_task(task, context):
    """The fast engine's `assess_task`, through its own modules."""
    from assessments.engine import costs
    from assessments.engine.evaluate import evaluate
    from assessments.engine.verdicts import verdict_of

    evaluation = evaluate(task, context)
    top, runner_up, confidence, label, reasons, what_if = verdict_of(evaluation, context)
    task_costs = costs.task_costs(
        task.monthly_cost, evaluation.offers, evaluation.monthly, context.cost_terms
    )
    return TaskResult(
        name=task.name,
        scores=evaluation.scores,
        recommendation=top,
        confidence=confidence,
        confidence_label=label,
        reasons=reasons,
        delivery_location=task_costs[top if top != IN_HOUSE else runner_up].location,
        costs=task_costs,
        what_if=what_if,
        hours_estimated=evaluation.hours_estimated,
    )


def old_summarise(results, context):
    """The fast engine's `summarise`, through its own modules."""
    from assessments.engine import costs

    counts, current, plan, outsourced = costs.portfolio_totals(results)
    return PortfolioSummary(
        task_count=len(results),
        counts=counts,
        current=current,
        plan=plan,
        break_even_month=None
        if outsourced is None
        else costs.break_even_month(*outsourced, context.profile),
    )


def case(profile, market, company, tasks):
    """One context's inputs, every task's result and summaries of a few of its prefixes."""
    context = old_context(profile, market, company)
    results = [old_assess_task(task, context) for task in tasks]
    prefixes = sorted({0, min(1, len(results)), len(results) // 3, len(results)})
    return {
        "profile": encode_fields(profile, V1_PROFILE_FIELDS),
        "market": encode_market(market),
        "company": encode_fields(company),
        "tasks": [
            {"input": encode_task(task), "output": encode_result(result)}
            for task, result in zip(tasks, results, strict=True)
        ],
        "summaries": [
            {"tasks": count, "summary": encode_summary(old_summarise(results[:count], context))}
            for count in prefixes
        ],
    }


# --- Inputs --------------------------------------------------------------------------------


def default_market():
    return Market(
        currency="USD",
        locations=tuple(
            Location(kind=kind, name=kind.capitalize(), overlap_hours=DEFAULT_OVERLAP_HOURS[kind])
            for kind in LOCATION_KINDS
        ),
        rates={
            key: Rate(*(Decimal(value) for value in figures))
            for key, figures in DEFAULT_RATES.items()
        },
    )


def random_profile(rng):
    no_offshore = rng.randint(1, 6)
    high = rng.choice((0.1, 5.0, 12.3, 15.0, 100.0))
    return Profile(
        version=1,
        **{name: rng.choice(WEIGHTS) for name in V1_WEIGHTS},
        full_saving_ratio=rng.choice((0.05, 0.25, 0.33, 0.5, 0.75, 1.0)),
        no_offshore_sensitivity=no_offshore,
        onshore_only_sensitivity=rng.randint(no_offshore, 6),
        front_office_min_overlap_hours=rng.randint(0, 8),
        governance_overhead=Decimal(rng.randint(0, 500)) / 1000,
        transition_months=rng.choice((0, 0, *range(1, 13))),
        productivity_dip=Decimal(rng.randint(0, 500)) / 1000,
        productivity_dip_months=rng.choice((0, 0, *range(1, 37))),
        in_house_hourly_rate=rng.choice(
            (Decimal("44.67"), Decimal("35.27"), Decimal(rng.randint(1, 20_000)) / 100)
        ),
        confidence_high_margin=high,
        confidence_medium_margin=rng.choice((0.0, high / 3, high)),
    )


def random_market(rng):
    if rng.random() < 0.25:
        return default_market()
    rates = {}
    for model in (BPO, KPO, LPO):
        for kind in LOCATION_KINDS:
            if rng.random() < 0.9:  # now and then a card is missing
                typical = Decimal(rng.choice((rng.randint(100, 20_000), 2350, 5000))) / 100
                rates[(model, kind)] = Rate(typical / 2, typical, typical * 2)
    overlap = rng.choice((lambda: rng.randint(0, 8), lambda: 4))  # equal overlaps too
    return Market(
        currency=rng.choice(("EUR", "USD", "GBP")),
        locations=tuple(
            Location(kind, kind.capitalize(), overlap())
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


def random_service(rng):
    if rng.random() < 0.2:
        return None
    model = rng.choice((BPO, KPO, LPO))
    return ServiceTypeInfo(
        slug=f"{model}-service",
        name=rng.choice(SERVICE_NAMES),
        sourcing_model=model,
        office=rng.choice(("front", "back")),
        industries=frozenset(rng.sample(INDUSTRIES, rng.randint(0, 2))),
    )


def random_money(rng):
    return rng.choice(
        (
            Decimal(0),
            Decimal(rng.randint(1, 300)) / 100,
            Decimal(rng.randint(0, 200_000)),
            Decimal(rng.randint(0, 20_000_000)) / 100,
            Decimal(rng.choice((1000, 2500, 5000, 6000, 12_000))),
        )
    )


def random_hours(rng):
    return rng.choice(
        (
            None,
            Decimal(rng.randint(100, 74_400)) / 100,
            Decimal(rng.choice((10, 20, 40, 50, 80, 160))),
        )
    )


def random_task(rng, number):
    values = {factor: rng.randint(1, 5) for factor in SCALE_FACTORS}
    if rng.random() < 0.03:  # a 1-5 value given as a float, as a caller might
        factor = rng.choice(SCALE_FACTORS)
        values[factor] = float(values[factor])
    return TaskInput(
        name=f"Task {number}",
        monthly_cost=random_money(rng),
        hours_per_month=random_hours(rng),
        service_type=random_service(rng),
        **values,
    )


def worked_example():
    """docs/scoring-v1.md section 3's worked example, hours given and left out."""
    service = ServiceTypeInfo("contract-drafting", "Contract drafting and review", LPO)
    task = TaskInput(
        name="Supplier contract review",
        complexity=3,
        skill_level=4,
        monthly_cost=Decimal("6000.00"),
        hours_per_month=Decimal("50"),
        strategic_importance=2,
        data_sensitivity=4,
        standardisation=3,
        service_type=service,
    )
    return [task, replace(task, hours_per_month=None)]


def special_profiles():
    """Weights that leave an answer with nothing to weigh, and the default with version 1."""
    zero = dict.fromkeys(V1_WEIGHTS, 0.0)
    in_house = {name: 0.0 for name in zero if "in_house" in name}
    return [Profile(version=1), Profile(version=1, **zero), Profile(version=1, **in_house)]


def half_percent_savings():
    """Tasks whose saving is exactly x.5 %: the cost reason's whole percent rounds half
    to even there. 100 h of offshore BPO is USD 1,512.00, of offshore KPO 4,860.00."""
    costs = ("1728", "2419.20", "4032", "12096", "7776", "1512", "0")
    return [
        TaskInput(
            name=f"Half {number}",
            complexity=complexity,
            skill_level=complexity,
            monthly_cost=Decimal(cost),
            hours_per_month=Decimal("100"),
            standardisation=6 - complexity,
            strategic_importance=strategic,
            data_sensitivity=1,
        )
        for number, (cost, complexity, strategic) in enumerate(
            (cost, complexity, strategic)
            for cost in costs
            for complexity in (1, 3, 5)
            for strategic in (1, 4)
        )
    ]


def cases(rng):
    found = [case(Profile(), default_market(), Company(), worked_example())]
    tasks = [random_task(rng, number) for number in range(DEFAULT_CONTEXT_TASKS)]
    found.append(case(Profile(), default_market(), Company(), tasks))
    for _ in range(DEFAULT_PROFILE_COMPANIES):
        tasks = [random_task(rng, number) for number in range(TASKS_PER_COMPANY)]
        found.append(case(Profile(), default_market(), random_company(rng), tasks))
    for profile in special_profiles():
        tasks = [random_task(rng, number) for number in range(TASKS_PER_COMPANY)]
        found.append(case(profile, random_market(rng), random_company(rng), tasks))
    for _ in range(RANDOM_CONTEXTS):
        profile, market, company = random_profile(rng), random_market(rng), random_company(rng)
        tasks = [random_task(rng, number) for number in range(TASKS_PER_CONTEXT)]
        found.append(case(profile, market, company, tasks))
    found.append(case(Profile(), default_market(), Company(), half_percent_savings()))
    return found + [picked_case(rng, target) for target in TARGETS for _ in range(target.contexts)]


# --- Tasks picked where a port would most easily slip ----------------------------------------


def what_if_overruled(task, context):
    """Would re-scoring the what-if's changed task give another answer than it names? v1's
    rule for scores near the cap (engine.v1.ranking.leads) makes that happen."""
    what_if = old_assess_task(task, context).what_if
    if what_if is None:
        return False
    changed = replace(task, **{what_if.factor: what_if.changed_to})
    return old_assess_task(changed, context).recommendation != what_if.new_recommendation


def at_rounding_edge(task, context):
    """Is a raw score within a hair of a one-decimal rounding boundary? There the order
    in which its points are added decides the last bit, and so the score shown."""
    from assessments.engine.evaluate import evaluate

    tenths = [raw * 10 for raw in evaluate(task, context).raw]
    return any(abs(value - math.floor(value) - 0.5) < 1e-9 for value in tenths)


def cost_ties_scale_change(task, context):
    """Is the what-if a cost change exactly as large as the 1-5 change it displaced?
    (Equal sizes go to the cost change.)"""
    from assessments.engine.evaluate import evaluate
    from assessments.engine.scoring import top_two
    from assessments.engine.whatif import scale_change

    what_if = old_assess_task(task, context).what_if
    if what_if is None or what_if.factor != "monthly_cost":
        return False
    evaluation = evaluate(task, context)
    scale = scale_change(evaluation, context, top_two(evaluation.scores)[0])
    size = abs(what_if.changed_to - task.monthly_cost) / task.monthly_cost
    return scale is not None and size == Decimal(scale[0])


def round_money_task(rng, number):
    """A random task with round in-house cost and hours, where whole-amount ties happen."""
    task = random_task(rng, number)
    return replace(
        task,
        monthly_cost=Decimal(rng.choice(ROUND_COSTS)),
        hours_per_month=Decimal(rng.choice(ROUND_HOURS)),
    )


@dataclass(frozen=True)
class Target:
    wanted: object  # (task, old context) -> bool
    make_task: object  # (rng, number) -> TaskInput
    contexts: int
    tasks: int  # per context: a third random, the rest picked (if found within `tries`)
    tries: int
    company: Company | None = None  # None: a random company


TARGETS = (
    Target(
        what_if_overruled,
        random_task,
        contexts=8,
        tasks=12,
        tries=4000,
        company=Company(priority_cost=5, priority_quality=5, priority_control=5),
    ),
    Target(at_rounding_edge, random_task, contexts=4, tasks=12, tries=2000),
    Target(cost_ties_scale_change, round_money_task, contexts=6, tasks=3, tries=12_000),
)


def picked_case(rng, target):
    profile, market = random_profile(rng), random_market(rng)
    company = target.company or random_company(rng)
    context = old_context(profile, market, company)
    tasks = [target.make_task(rng, number) for number in range(target.tasks // 3)]
    for number in range(len(tasks), target.tries):
        task = target.make_task(rng, number)
        if target.wanted(task, context):
            tasks.append(task)
            if len(tasks) == target.tasks:
                break
    return case(profile, market, company, tasks)


def main():
    rng = random.Random(SEED)  # noqa: S311  (seeded test data, not a secret)
    found = cases(rng)
    text = json.dumps({"seed": SEED, "cases": found}, separators=(",", ":"))
    FIXTURE.parent.mkdir(exist_ok=True)
    FIXTURE.write_bytes(gzip.compress(text.encode(), compresslevel=9, mtime=0))
    tasks = sum(len(each["tasks"]) for each in found)
    summaries = sum(len(each["summaries"]) for each in found)
    print(f"{len(found)} contexts, {tasks} tasks, {summaries} summaries -> {FIXTURE}")


if __name__ == "__main__":
    main()
