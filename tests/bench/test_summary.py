"""bench/summary.py: the tables of docs/performance.md, built from run.py's figures."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from summary import goals_table, growth_table, pages_table, queries_table


def page(key, endpoint, ratio, goal, holds, errors=0, rps=100.0):
    return {
        "key": key,
        "endpoint": endpoint,
        "ratio_to_floor": ratio,
        "goal_ratio": goal,
        "holds": holds,
        "errors": errors,
        "requests_per_second": rps,
    }


def database(results_ratio, results_first_queries, floor_rps):
    first = {  # in no particular order, as JSON may give them
        "100": {"first_ms": 40.0, "repeat_ms": 9.0},
        "1000": {"first_ms": 120.0, "repeat_ms": 10.0},
        "10": {"first_ms": 20.0, "repeat_ms": 8.0},
    }
    return {
        "pages": [
            page("healthz", "/healthz (floor)", 1.0, None, None, rps=floor_rps),
            page("landing", "landing /", 0.8, 0.5, True),
            page("results", "shared results, 100 tasks", results_ratio, 0.35, False, errors=2),
        ],
        "queries": {
            "results": {
                size: {"first": results_first_queries, "repeat": 3}
                for size in ("10", "100", "1000")
            }
        },
        "results_first_view": first,
    }


WEB = {"sqlite": database(0.3, 9, 1500.0), "postgresql": database(0.2, 8, 1800.0)}


def test_pages_table_puts_the_databases_side_by_side_with_goals_and_the_floor():
    lines = pages_table(WEB)

    assert lines[0] == "| page | goal | SQLite | PostgreSQL |"
    assert lines[2] == "| landing / | >= 50% | 80% holds | 80% holds |"
    assert lines[3] == (
        "| shared results, 100 tasks | >= 35% | 30% **misses**, 2 errors "
        "| 20% **misses**, 2 errors |"
    )
    assert lines[4] == "| `/healthz` (the floor, median) | | 1,500 req/s | 1,800 req/s |"


def test_queries_table_shows_postgresql_and_sqlite_where_it_differs():
    lines = queries_table(WEB)

    assert lines[0] == "| page | 10 tasks | 100 tasks | 1,000 tasks |"
    cell = "8 / 3 (SQLite 9 / 3)"
    assert lines[2] == f"| shared results | {cell} | {cell} | {cell} |"


def test_growth_table_lists_sizes_in_order_and_the_1000_to_100_ratio():
    lines = growth_table(WEB)

    sizes = [line.split(" | ")[0] for line in lines[2:]]
    assert sizes == ["| 10", "| 100", "| 1,000", "| 1,000 / 100"]
    assert lines[-1] == "| 1,000 / 100 | x3.0 |  | x3.0 |  |"


def test_goals_table_leaves_the_pages_to_the_pages_table():
    goals = [
        {"goal": "SQLite: landing / >= 50% of the floor", "figure": "80%", "holds": True},
        {"goal": "scoring 1,000 tasks", "figure": "30 ms", "holds": False},
    ]
    goals[0]["page"] = "landing"

    lines = goals_table(goals)

    assert lines[2:] == ["| scoring 1,000 tasks | 30 ms | **misses** |"]
