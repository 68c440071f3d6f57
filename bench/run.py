"""`make bench`: every benchmark in one run, printed and saved to bench/results/latest.json.

Figures, not assertions: each table says whether its goals hold, a last list gives every
goal, and the exit status is 0 either way, so a slow shared machine never fails a build.
In order, under .ci/with-postgres:

1. the engine in-process (engine_bench.py: methods 1 and 2, ms per 1,000 tasks);
2. `assess_tasks` on a 1,000-task file, fresh processes, on PostgreSQL (command_bench.py);
3. for SQLite, then PostgreSQL (web_bench.py): queries per page and the results page's
   first view at 10, 100 and 1,000 tasks in-process (page_costs.py), then every page on
   gunicorn as a ratio to `/healthz` in alternated rounds, then the 1,000-task upload.

BENCH_SECONDS sets the seconds per endpoint per round (DEFAULT_SECONDS), BENCH_ROUNDS the
rounds (ROUNDS; fewer only to try the tooling out). The machine's load average is printed
and saved with the figures: on a busy machine they are not comparable with a quiet run.
"""

import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH_DIR), str(BENCH_DIR / "load")]

import command_bench  # noqa: E402
import engine_bench  # noqa: E402
import load_generator  # noqa: E402
import stack  # noqa: E402
import summary  # noqa: E402
import web_bench  # noqa: E402

DATABASES = ("sqlite", "postgresql")
DEFAULT_SECONDS = 4
ROUNDS = 5


def setting(name, default):
    return max(1, int(os.environ.get(name, default)))


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
    page = web_figures["results_first_view"].get(str(tasks), {}).get("first_ms")
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


def main():
    sys.argv = sys.argv[:1]
    started = time.monotonic()
    seconds = setting("BENCH_SECONDS", DEFAULT_SECONDS)
    round_count = setting("BENCH_ROUNDS", ROUNDS)
    load_before = load_average()
    print(f"load average before: {load_before} on {os.cpu_count()} CPUs", flush=True)
    results = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "cpu_model": stack.cpu_model(),
        "postgresql": stack.postgres_version(),
        "generator": load_generator.generator_name(),
        "connections": load_generator.CONNECTIONS,
        "seconds_per_endpoint": seconds,
        "rounds": round_count,
        "load_average_before": load_before,
        "engine": engine_bench.main(),
        "command": command_bench.main(),
        "web": {
            database: web_bench.bench_database(database, seconds, round_count)
            for database in DATABASES
        },
    }
    results["load_average_after"] = load_average()
    results["minutes"] = (time.monotonic() - started) / 60
    results["goals"] = [
        engine_goal(results["engine"], results["web"]["postgresql"]),
        *command_bench.goals(results["command"]),
    ]
    for figures in results["web"].values():
        results["goals"] += figures.pop("goals")
    summary.print_summary(results)
    output = BENCH_DIR / "results" / "latest.json"
    output.parent.mkdir(exist_ok=True)
    output.write_text(json.dumps(rounded(results), indent=2) + "\n", encoding="utf-8")
    print(f"written: {output.relative_to(BENCH_DIR.parent)}")


if __name__ == "__main__":
    main()
