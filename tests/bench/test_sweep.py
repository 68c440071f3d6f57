"""bench/sweep.py: its figures add up over a few tasks scored against the test database."""

import sys
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from sweep import BUCKETS, SETTINGS, bucket, load_inputs, make_tasks, sweep, table

pytestmark = pytest.mark.django_db

TASK_COUNT = 30


def test_tasks_are_seeded_and_within_the_ranges():
    _, _, service_types = load_inputs()

    tasks = make_tasks(TASK_COUNT, 7, service_types)

    assert tasks == make_tasks(TASK_COUNT, 7, service_types)
    assert tasks != make_tasks(TASK_COUNT, 8, service_types)
    for task in tasks:
        assert 300 <= task.monthly_cost <= 60_000
        assert task.monthly_cost == task.monthly_cost.quantize(Decimal("0.01"))
        assert task.hours_per_month is None or (
            task.hours_per_month >= 1 and (task.hours_per_month * 2) % 1 == 0
        )
        assert task.service_type is None or task.service_type in service_types
        values = (task.complexity, task.skill_level, task.strategic_importance)
        assert all(1 <= value <= 5 for value in (*values, task.data_sensitivity))


def test_sweep_figures_add_up():
    profile, market, service_types = load_inputs()
    tasks = make_tasks(TASK_COUNT, 20261207, service_types)

    figures = sweep(tasks, profile, market)

    assert list(figures) == list(SETTINGS)
    for setting in figures.values():
        answers = setting["answers"]
        assert setting["tasks"] == TASK_COUNT
        assert sum(answers.values()) == TASK_COUNT
        assert setting["outsourced"] == answers["bpo"] + answers["kpo"]
        for more in (setting["year3_more"], setting["monthly_more"]):
            assert more["total"] == more["bpo"] + more["kpo"] <= setting["outsourced"]
            assert more["bpo"] <= answers["bpo"]
            assert more["kpo"] <= answers["kpo"]
        confidence = setting["confidence"]
        assert sum(confidence["labels"].values()) == TASK_COUNT
        assert list(confidence["histogram"]) == list(BUCKETS)
        assert sum(confidence["histogram"].values()) == TASK_COUNT
        assert confidence["at_100"] == confidence["histogram"]["100"]
        assert confidence["high_year3_more"] <= min(
            confidence["labels"]["high"], setting["year3_more"]["total"]
        )
        assert confidence["high_monthly_more"] <= setting["monthly_more"]["total"]
    assert "all three" in table(figures)


@pytest.mark.parametrize(
    ("percent", "name"),
    [
        (0, "<50"),
        (49, "<50"),
        (50, "50-59"),
        (59, "50-59"),
        (90, "90-99"),
        (99, "90-99"),
        (100, "100"),
    ],
)
def test_confidence_buckets(percent, name):
    assert bucket(percent) == name
