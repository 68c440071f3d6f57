"""Make tests/engine/data/v1_golden.json.gz: method v1's answers, as today's engine gives them.

The fast engine (assessments/engine, docs/scoring.md section 10) is to be deleted; the plain
port in assessments/engine/v1 must then re-score profile v1 assessments exactly as before.
This script records, over a seeded and varied set of profiles, markets, companies and tasks,
every value a caller can read from today's engine (scores to the last bit, reasons, what-if,
costs, portfolio summaries), and tests/engine/test_v1_golden.py holds the port to it.

    .venv/bin/python -m tests.engine.make_v1_golden

The fixture's format (`encode_*`, `decode_*`) lives here and imports only engine.model, so
the test can read it once the old modules are gone; today's engine is imported only inside
`score_with_todays_engine`. Rerunning the script after the old modules are deleted is not
possible, and not needed: the fixture is the record.
"""

import gzip
import json
import random
from decimal import Decimal
from pathlib import Path

from assessments.engine.model import (
    BPO,
    KPO,
    LOCATION_KINDS,
    SCALE_FACTORS,
    Company,
    Location,
    Market,
    Profile,
    Rate,
    ServiceTypeInfo,
    TaskInput,
)

FIXTURE = Path(__file__).parent / "data" / "v1_golden.json.gz"
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


# --- The fixture's format ----------------------------------------------------------------


def encode_value(value):
    """A plain value, tagged so that it comes back as the same type (floats to the bit)."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return {"int": value}
    if isinstance(value, float):
        return {"float": repr(value)}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, frozenset):
        return {"set": sorted(value)}
    raise TypeError(f"cannot encode {value!r}")


def decode_value(value):
    if not isinstance(value, dict):
        return value
    (kind, text), *_ = value.items()
    decoders = {"int": int, "float": float, "decimal": Decimal, "set": frozenset}
    return decoders[kind](text)


def encode_fields(instance):
    return {name: encode_value(getattr(instance, name)) for name in instance.__dataclass_fields__}


def decode_fields(cls, fields):
    return cls(**{name: decode_value(value) for name, value in fields.items()})


def encode_market(market):
    return {
        "currency": market.currency,
        "locations": [encode_fields(location) for location in market.locations],
        "rates": [
            [model, kind, str(rate.low), str(rate.typical), str(rate.high)]
            for (model, kind), rate in market.rates.items()
        ],
    }


def decode_market(data):
    return Market(
        currency=data["currency"],
        locations=tuple(decode_fields(Location, fields) for fields in data["locations"]),
        rates={
            (model, kind): Rate(Decimal(low), Decimal(typical), Decimal(high))
            for model, kind, low, typical, high in data["rates"]
        },
    )


def encode_task(task):
    fields = {
        name: encode_value(getattr(task, name))
        for name in TaskInput.__dataclass_fields__
        if name != "service_type"
    }
    service = task.service_type
    fields["service_type"] = None if service is None else encode_fields(service)
    return fields


def decode_task(fields):
    service = fields["service_type"]
    return TaskInput(
        **{name: decode_value(value) for name, value in fields.items() if name != "service_type"},
        service_type=None if service is None else decode_fields(ServiceTypeInfo, service),
    )


def encode_result(result):
    """Every value a caller can read from a TaskResult: floats and what-if values by repr."""
    what_if = result.what_if
    return {
        "name": result.name,
        "scores": {answer: repr(score) for answer, score in result.scores.items()},
        "recommendation": result.recommendation,
        "confidence": repr(result.confidence),
        "confidence_label": result.confidence_label,
        "reasons": [
            [reason.factor, reason.text, reason.favours, repr(reason.points)]
            for reason in result.reasons
        ],
        "delivery_location": result.delivery_location,
        "costs": {answer: encode_cost(cost) for answer, cost in result.costs.items()},
        "what_if": None
        if what_if is None
        else [
            what_if.factor,
            repr(what_if.current),
            repr(what_if.changed_to),
            what_if.new_recommendation,
            what_if.text,
        ],
        "hours_estimated": result.hours_estimated,
    }


def encode_cost(cost):
    return {
        "answer": cost.answer,
        "available": cost.available,
        "location": cost.location,
        "hourly_rate": repr(cost.hourly_rate),
        "monthly": repr(cost.monthly),
        "transition": repr(cost.transition),
        "year1": repr(cost.year1),
        "year3": repr(cost.year3),
        "break_even_month": repr(cost.break_even_month),
    }


def encode_summary(summary):
    return {
        "task_count": summary.task_count,
        "counts": summary.counts,
        "current": {name: repr(getattr(summary.current, name)) for name in PLAN_FIELDS},
        "plan": {name: repr(getattr(summary.plan, name)) for name in PLAN_FIELDS},
        "break_even_month": repr(summary.break_even_month),
    }


PLAN_FIELDS = ("monthly", "transition", "year1", "year3")


# --- Scoring with today's engine -----------------------------------------------------------


def score_with_todays_engine(profile, market, company, tasks):
    """(encoded results, encoded summaries of every prefix in SUMMARY_PREFIXES)."""
    from assessments.engine import Context, assess_tasks, summarise

    context = Context(profile, market, company)
    results = assess_tasks(tasks, context)
    summaries = [
        {"tasks": count, "summary": encode_summary(summarise(results[:count], context))}
        for count in summary_prefixes(len(results))
    ]
    return [encode_result(result) for result in results], summaries


def summary_prefixes(count):
    """Summaries of the whole batch, of none, of one task and of about a third."""
    return sorted({0, min(1, count), count // 3, count})


def case(profile, market, company, tasks):
    results, summaries = score_with_todays_engine(profile, market, company, tasks)
    return {
        "profile": encode_fields(profile),
        "market": encode_market(market),
        "company": encode_fields(company),
        "tasks": [
            {"input": encode_task(task), "output": result}
            for task, result in zip(tasks, results, strict=True)
        ],
        "summaries": summaries,
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
        **{name: rng.choice(WEIGHTS) for name in Profile.__dataclass_fields__ if "weight" in name},
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
    """docs/scoring.md section 3's worked example, hours given and left out."""
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
    return [task, TaskInput(**{**vars_of(task), "hours_per_month": None})]


def vars_of(task):
    return {name: getattr(task, name) for name in TaskInput.__dataclass_fields__}


def special_profiles():
    """Weights that leave an answer with nothing to weigh, and the default with version 1."""
    zero = {name: 0.0 for name in Profile.__dataclass_fields__ if "weight" in name}
    in_house = {name: 0.0 for name in zero if "in_house" in name}
    return [Profile(version=1), Profile(version=1, **zero), Profile(version=1, **in_house)]


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
    return found


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
