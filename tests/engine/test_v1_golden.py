"""The plain port of method v1 (assessments/engine/v1) gives what the old fast engine gave.

tests/engine/data/v1_golden.json.gz holds, for about a hundred seeded profile, market and
company combinations and some 2,600 tasks, every value the old engine returned, and about
400 portfolio summaries. Its generator (tests/engine/make_v1_golden.py, commit e057da6) ran
the fast engine of commit 0b39a0b, and went with it. Assessments scored with profile v1
must re-score exactly as before, so each value is compared by repr: floats to the last bit,
ints apart from floats, Decimals with their exponent. The fixture's format is defined here,
with its reader. Plain functions, no database.
"""

import gzip
import json
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from assessments.engine.model import (
    SCALE_FACTORS,
    Company,
    Location,
    Market,
    Profile,
    Rate,
    ServiceTypeInfo,
    TaskInput,
)
from assessments.engine.v1 import assess_task, summarise

FIXTURE = Path(__file__).parent / "data" / "v1_golden.json.gz"

# The profile's method 1 weights (it has method 2's too, which method 1 ignores).
V1_WEIGHTS = (
    "weight_fit",
    "weight_standardisation_bpo",
    "weight_cost",
    "weight_strategic_outsourced",
    "weight_sensitivity_outsourced",
    "weight_catalog",
    "weight_strategic_in_house",
    "weight_sensitivity_in_house",
    "weight_standardisation_in_house",
)
# What method 1 reads of a profile and a task: only these are stored, so that fields
# added for later methods (with their defaults) do not tie the fixture to them.
V1_PROFILE_FIELDS = (
    "version",
    *V1_WEIGHTS,
    "full_saving_ratio",
    "no_offshore_sensitivity",
    "onshore_only_sensitivity",
    "front_office_min_overlap_hours",
    "governance_overhead",
    "transition_months",
    "productivity_dip",
    "productivity_dip_months",
    "in_house_hourly_rate",
    "confidence_high_margin",
    "confidence_medium_margin",
)
V1_TASK_FIELDS = ("name", *SCALE_FACTORS, "monthly_cost", "hours_per_month")


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


def encode_fields(instance, names=None):
    names = instance.__dataclass_fields__ if names is None else names
    return {name: encode_value(getattr(instance, name)) for name in names}


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
    fields = encode_fields(task, V1_TASK_FIELDS)
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


# --- The tests ----------------------------------------------------------------------------


class Context:
    """The three inputs the engine reads, as an assessment's scoring passes them."""

    def __init__(self, profile, market, company):
        self.profile, self.market, self.company = profile, market, company


@cache
def golden_cases():
    # Read once per test session: the file is a few megabytes of JSON once unzipped.
    return json.loads(gzip.decompress(FIXTURE.read_bytes()))["cases"]


def context_of(case):
    return Context(
        decode_fields(Profile, case["profile"]),
        decode_market(case["market"]),
        decode_fields(Company, case["company"]),
    )


def test_the_fixture_holds_enough_varied_cases():
    cases = golden_cases()
    tasks = [task["output"] for case in cases for task in case["tasks"]]
    assert len(tasks) > 2_000
    assert {task["recommendation"] for task in tasks} == {"bpo", "kpo", "in_house"}
    what_ifs = {task["what_if"][0] for task in tasks if task["what_if"] is not None}
    assert what_ifs == {*SCALE_FACTORS, "monthly_cost"}


@pytest.mark.parametrize("index", range(len(golden_cases())))
def test_every_task_scores_as_the_old_engine_scored_it(index):
    case = golden_cases()[index]
    context = context_of(case)
    for task in case["tasks"]:
        assert encode_result(assess_task(decode_task(task["input"]), context)) == task["output"]


@pytest.mark.parametrize("index", range(len(golden_cases())))
def test_every_portfolio_summary_is_as_the_old_engine_made_it(index):
    case = golden_cases()[index]
    context = context_of(case)
    results = [assess_task(decode_task(task["input"]), context) for task in case["tasks"]]
    for expected in case["summaries"]:
        summary = summarise(results[: expected["tasks"]], context)
        assert encode_summary(summary) == expected["summary"]
