"""What makes the engine fast changes no result (docs/scoring.md section 10).

A context keeps what it has worked out for each shape of task and gives it to the next task
of that shape, and `assess_tasks` pauses the cyclic garbage collector for the batch. So a
task must score exactly the same in a context that has already scored others of its shape
as in a fresh one, and the collector must be left as it was found, however the batch ends.
"""

import gc
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.engine import assess_task, assess_tasks
from tests.engine.conftest import companies, hours, make_context, make_task, money_amounts, tasks


def full_view(result):
    """Every value a caller can read, with repr: floats to the last bit, ints apart from
    floats, Decimals with their exponent."""
    what_if = result.what_if
    return repr(
        (
            result.name,
            result.scores,
            result.recommendation,
            result.confidence,
            result.confidence_label,
            [(r.factor, r.text, r.favours, r.points) for r in result.reasons],
            result.delivery_location,
            {answer: vars_of(cost) for answer, cost in result.costs.items()},
            None if what_if is None else vars_of(what_if),
            result.hours_estimated,
        )
    )


def vars_of(value):
    return tuple(getattr(value, name) for name in value.__slots__)


@settings(max_examples=150, deadline=None)
@given(
    task=tasks,
    money=st.lists(st.tuples(money_amounts, hours), min_size=1, max_size=6),
    company=companies,
)
def test_a_task_scores_the_same_after_others_of_its_shape_as_in_a_fresh_context(
    task, money, company
):
    # The same 1-5 values and service type with other money (no cost, hours estimated or
    # given), and once with a scale value given as a float.
    batch = [replace(task, monthly_cost=cost, hours_per_month=given) for cost, given in money]
    batch += [
        replace(task, monthly_cost=Decimal(0)),
        replace(task, hours_per_month=None),
        replace(task, hours_per_month=None, complexity=float(task.complexity)),
        task,
    ]
    shared = make_context(company)
    together = [full_view(result) for result in assess_tasks(batch * 2, shared)]
    alone = [full_view(assess_task(each, make_context(company))) for each in batch * 2]
    assert together == alone


class Watched:
    """A task that notes, whenever the engine reads it, whether the collector is running."""

    def __init__(self, task, seen):
        self._task, self._seen = task, seen

    def __getattr__(self, name):
        self._seen.append(gc.isenabled())
        return getattr(self._task, name)


@pytest.fixture
def collector_state():
    was_enabled = gc.isenabled()
    yield
    (gc.enable if was_enabled else gc.disable)()


@pytest.mark.usefixtures("collector_state")
def test_assess_tasks_pauses_the_collector_for_the_batch_and_restarts_it():
    gc.enable()
    seen = []
    assess_tasks([Watched(make_task(), seen), Watched(make_task(), seen)], make_context())
    assert seen  # the engine did read the tasks
    assert not any(seen)
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_state")
def test_assess_tasks_restarts_the_collector_when_a_task_is_refused():
    gc.enable()
    with pytest.raises(ValueError, match="1-5"):
        assess_tasks([make_task(), make_task(complexity=7)], make_context())
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_state")
def test_assess_tasks_leaves_a_stopped_collector_stopped():
    gc.disable()
    assess_tasks([make_task()], make_context())
    with pytest.raises(ValueError, match="1-5"):
        assess_tasks([make_task(skill_level=0)], make_context())
    assert not gc.isenabled()
