"""The scoring engine: BPO, KPO or in-house for each task, with reasons, costs and what-ifs.

Pure Python on purpose: standard library only, no Django, no database, no clock. Fed plain
dataclasses (`engine.model`), it returns plain dataclasses, so the same inputs always give
the same answer. Two methods live side by side (docs/scoring.md): method 2 (`engine.v2`)
for new scoring, method 1 (`engine.v1`) so that assessments scored with a method 1
profile re-score exactly as before. The profile says which one applies.

    context = Context(profile, market, company)
    results = assess_tasks(tasks, context)
    summary = summarise(results, context)
"""

from dataclasses import dataclass

from . import v1, v2
from .model import (
    ANSWERS,
    BPO,
    IN_HOUSE,
    KPO,
    OUTSOURCED,
    Company,
    Location,
    Market,
    PortfolioSummary,
    Profile,
    Rate,
    ServiceTypeInfo,
    TaskInput,
    TaskResult,
    method_2_profile,
)

__all__ = [
    "ANSWERS",
    "BPO",
    "IN_HOUSE",
    "KPO",
    "OUTSOURCED",
    "Company",
    "Context",
    "Location",
    "Market",
    "PortfolioSummary",
    "Profile",
    "Rate",
    "ServiceTypeInfo",
    "TaskInput",
    "TaskResult",
    "assess_task",
    "assess_tasks",
    "method_2_profile",
    "summarise",
]
METHODS = {1: v1, 2: v2}


@dataclass(frozen=True)
class Context:
    """What every task of one assessment is scored with."""

    profile: Profile
    market: Market
    company: Company

    @property
    def method(self):
        return METHODS[self.profile.method]


def assess_task(task, context):
    return context.method.assess_task(task, context)


def assess_tasks(tasks, context):
    """Every task's result, in order."""
    return [assess_task(task, context) for task in tasks]


def summarise(results, context):
    """Totals over every task: today's cost against the recommended plan."""
    return context.method.summarise(results, context)
