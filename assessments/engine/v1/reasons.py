"""Why an answer was given: the factors that pull the top answer and the runner-up apart.

docs/scoring-v1.md section 7: each factor's pull is the points it gives the top answer less
those it gives the runner-up; the largest (at most REASONS_SHOWN, none under
MIN_REASON_POINTS) are shown largest first, each favouring the answer its points favour.
A ruled-out outsourcing answer is explained first. This module neither scores nor searches
for what-ifs; it reads an Evaluation.
"""

from dataclasses import dataclass

from ..model import MIN_REASON_POINTS, OUTSOURCED, REASONS_SHOWN, Reason
from .phrases import (
    catalog_phrase,
    cost_phrase,
    knowledge_phrase,
    location_phrase,
    sensitivity_phrase,
    standardisation_phrase,
    strategic_phrase,
)
from .weights import FACTORS


@dataclass(frozen=True)
class Pull:
    factor: str
    size: float  # points, unrounded
    favours: str
    other: str  # the other answer of the two


def reasons_for(evaluation, top, runner_up, currency):
    """The Reasons of a task's answer: ruled-out answers first, then the largest pulls."""
    task = evaluation.task
    ruled_out = [
        Reason(factor="location", text=location_phrase(task, answer), favours=top, points=0.0)
        for answer in OUTSOURCED
        if not evaluation.available(answer)
    ]
    shown = [
        Reason(
            factor=pull.factor,
            text=text_of(pull, evaluation, currency),
            favours=pull.favours,
            points=round(pull.size, 1),
        )
        for pull in largest_pulls(evaluation, top, runner_up)
    ]
    return (*ruled_out, *shown)


def largest_pulls(evaluation, top, runner_up):
    """The pulls shown, largest first; equal sizes in reverse FACTORS order (v1 sorted
    (size, factor's place) pairs from the largest)."""
    pulls = [pull_of(evaluation, factor, top, runner_up) for factor in FACTORS]
    pulls.sort(key=lambda pull: (pull.size, FACTORS.index(pull.factor)), reverse=True)
    return [pull for pull in pulls[:REASONS_SHOWN] if pull.size >= MIN_REASON_POINTS]


def pull_of(evaluation, factor, top, runner_up):
    points = evaluation.points
    pull = getattr(points[top], factor) - getattr(points[runner_up], factor)
    if pull > 0:
        return Pull(factor=factor, size=abs(pull), favours=top, other=runner_up)
    return Pull(factor=factor, size=abs(pull), favours=runner_up, other=top)


def text_of(pull, evaluation, currency):
    if pull.factor == "cost":  # the only phrase that quotes the task's money
        return cost_phrase(evaluation, pull.favours, pull.other, currency)
    return FACTOR_PHRASES[pull.factor](evaluation.task)


FACTOR_PHRASES = {
    "knowledge": knowledge_phrase,
    "standardisation": standardisation_phrase,
    "strategic_importance": strategic_phrase,
    "data_sensitivity": sensitivity_phrase,
    "catalog": catalog_phrase,
}
