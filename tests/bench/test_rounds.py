"""bench/rounds.py and page_queries.py: alternated rounds, median ratios, constant queries."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from page_queries import constant_in_tasks, goal, table
from rounds import holds, median_ratios, ratios_to_floor, round_order

KEYS = ["healthz", "landing", "catalog", "results"]


def test_rounds_alternate_forwards_and_backwards():
    orders = [round_order(KEYS, number) for number in range(5)]

    assert orders[0] == orders[2] == orders[4] == KEYS
    assert orders[1] == orders[3] == ["results", "catalog", "landing", "healthz"]


def test_every_round_measures_every_endpoint_once():
    for number in range(5):
        assert sorted(round_order(KEYS, number)) == sorted(KEYS)


def test_round_order_does_not_change_the_list_it_is_given():
    keys = list(KEYS)

    round_order(keys, 1)

    assert keys == KEYS


def test_a_ratio_is_taken_against_the_floor_of_its_own_round():
    rounds = [
        {"healthz": 1000.0, "landing": 600.0},
        {"healthz": 500.0, "landing": 400.0},  # a busy round: both slower
    ]

    assert ratios_to_floor(rounds, "healthz") == {"landing": [0.6, 0.8]}


def test_the_figure_is_the_median_of_the_rounds_ratios():
    floors = [1000.0, 1000.0, 400.0, 1000.0, 1000.0]
    pages = [500.0, 700.0, 390.0, 600.0, 550.0]  # ratios .5, .7, .975, .6, .55
    rounds = [{"healthz": f, "landing": p} for f, p in zip(floors, pages, strict=True)]

    assert median_ratios(rounds, "healthz") == {"landing": 0.6}


def test_one_disturbed_round_does_not_move_the_median():
    steady = [{"healthz": 1000.0, "results": 400.0} for _ in range(5)]
    disturbed = [*steady[:2], {"healthz": 1000.0, "results": 50.0}, *steady[3:]]

    assert (
        median_ratios(disturbed, "healthz") == median_ratios(steady, "healthz") == {"results": 0.4}
    )


@pytest.mark.parametrize(
    ("ratio", "goal", "errors", "verdict"),
    [
        (0.50, 0.50, 0, True),
        (0.49, 0.50, 0, False),
        (0.90, 0.50, 3, False),  # fast but failing requests do not meet a goal
        (0.30, None, 0, None),
    ],
)
def test_a_goal_holds_at_its_share_of_the_floor_without_errors(ratio, goal, errors, verdict):
    assert holds(ratio, goal, errors) is verdict


def queries(results_first_at_1000):
    return {
        "landing": {size: {"first": 4, "repeat": 2} for size in ("10", "100", "1000")},
        "results": {
            "10": {"first": 9, "repeat": 3},
            "100": {"first": 9, "repeat": 3},
            "1000": {"first": results_first_at_1000, "repeat": 3},
        },
    }


def test_queries_are_constant_when_every_size_runs_the_same_number():
    assert constant_in_tasks(queries(9)) is True
    assert constant_in_tasks(queries(10)) is False


def test_queries_table_has_a_row_per_page_and_a_column_per_size():
    lines = table(queries(9))

    assert lines[0] == "| page | 10 tasks | 100 tasks | 1,000 tasks |"
    assert lines[2] == "| landing / | 4 / 2 | 4 / 2 | 4 / 2 |"
    assert lines[3] == "| shared results | 9 / 3 | 9 / 3 | 9 / 3 |"


def test_the_queries_goal_names_the_pages_that_grow():
    verdict = goal("PostgreSQL", queries(40))

    assert verdict["holds"] is False
    assert verdict["figure"] == "shared results, first view: 9, 9, 40"
    assert goal("PostgreSQL", queries(9))["figure"] == "every page the same at every size"
