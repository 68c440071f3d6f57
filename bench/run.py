"""`make bench`: every benchmark in one run, printed and saved to bench/results/latest.json.

Figures, not assertions: each line says whether it meets its goal, a last table lists every
goal, and the exit status is 0 either way, so a slow shared machine never fails a build.
Goals and method are in engine_bench.py (SHARE_GOAL), command_bench.py
(GOAL_SECONDS) and web_bench.py (pages against the `/healthz` floor on gunicorn, results
page growth, the 1,000-task upload; BENCH_SECONDS sets the seconds per endpoint). The
engine runs first, before the web server starts. The machine's load average is printed and
saved with the figures: on a busy machine they are not comparable with a quiet run.
"""

import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import command_bench  # noqa: E402
import engine_bench  # noqa: E402
import web_bench  # noqa: E402


def load_average():
    """1, 5 and 15 minute load averages, or None where the platform has none."""
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return None


def engine_goal(engine_figures, web_figures):
    """Scoring an assessment against its results page's first render, same task count."""
    tasks = engine_figures["tasks"]
    scoring = engine_figures["methods"]["method 2"]["median_ms"]
    page = web_figures["results_first_view"].get(str(tasks), {}).get("uncached_ms")
    goal = engine_bench.SHARE_GOAL
    if page is None:
        return {"goal": "scoring share of the results page", "figure": "no page", "holds": False}
    share = scoring / page
    return {
        "goal": f"scoring {tasks:,} tasks <= {goal:.0%} of their results page's first render",
        "figure": f"{scoring:.0f} ms scoring, {page:.0f} ms page ({share:.0%})",
        "holds": share <= goal,
    }


def rounded(value):
    """Figures with three decimals at most, for a readable JSON file."""
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {key: rounded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [rounded(item) for item in value]
    return value


def print_goals(goals):
    print("\ngoals (figures, not assertions):")
    for goal in goals:
        verdict = "holds " if goal["holds"] else "MISSES"
        print(f"  {verdict}  {goal['goal']}: {goal['figure']}")


def main():
    sys.argv = sys.argv[:1]
    load_before = load_average()
    print(f"load average before: {load_before} on {os.cpu_count()} CPUs")
    results = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "database": "postgresql"
        if os.environ.get("DATABASE_URL", "").startswith("postgres")
        else "sqlite",
        "engine": engine_bench.main(),
        "command": command_bench.main(),
        "web": web_bench.main(),
        "load_average_before": load_before,
        "load_average_after": load_average(),
    }
    results["goals"] = [
        engine_goal(results["engine"], results["web"]),
        *results["web"].pop("goals"),
    ]
    print_goals(results["goals"])
    print(f"load average after: {results['load_average_after']}")
    output = BENCH_DIR / "results" / "latest.json"
    output.parent.mkdir(exist_ok=True)
    output.write_text(json.dumps(rounded(results), indent=2) + "\n", encoding="utf-8")
    print(f"written: {output.relative_to(BENCH_DIR.parent)}")


if __name__ == "__main__":
    main()
