"""End-to-end time of `manage.py assess_tasks` on a 1,000-task file.

    python bench/command_bench.py [--tasks 1000] [--repeat 5]

Runs the real command in a fresh process each time (interpreter start, Django set-up,
parsing, validation, scoring and output), against the database in DATABASE_URL, which
must already be migrated. Reports the median and best wall-clock times, without and with
--save.
"""

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
GOAL_SECONDS = 2.0
SERVICE_TYPES = ["", "data-entry", "customer-support", "market-research", "legal-research"]


def write_task_file(path, task_count, seed=7):
    rng = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "name",
                "complexity",
                "skill_level",
                "monthly_cost",
                "hours_per_month",
                "strategic_importance",
                "data_sensitivity",
                "standardisation",
                "service_type",
            ]
        )
        for number in range(task_count):
            writer.writerow(
                [
                    f"Task {number}",
                    *(rng.randint(1, 5) for _ in range(2)),
                    f"{rng.randint(500, 40000)}.{rng.randint(0, 99):02d}",
                    rng.choice(["", str(rng.randint(20, 300))]),
                    *(rng.randint(1, 5) for _ in range(3)),
                    rng.choice(SERVICE_TYPES),
                ]
            )


def run_once(arguments):
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "manage.py", "assess_tasks", *arguments],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=False,
        env=os.environ.copy(),
    )
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"assess_tasks failed:\n{completed.stderr}")
    return elapsed


def measure(task_count, repeat):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tasks.csv"
        write_task_file(path, task_count)
        plain = [run_once([str(path)]) for _ in range(repeat)]
        saved = [
            run_once([str(path), "--save", "--company", f"Bench {index}"])
            for index in range(repeat)
        ]
    return plain, saved


def goals(figures):
    return [
        {
            "goal": f"{label} on 1,000 tasks < {GOAL_SECONDS:.0f} s",
            "figure": f"{figure['median_s']:.2f} s (median)",
            "holds": figure["median_s"] < GOAL_SECONDS,
        }
        for label, figure in figures.items()
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    plain, saved = measure(args.tasks, args.repeat)
    database = (
        "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    )
    figures = {}
    for label, timings in (("assess_tasks", plain), ("assess_tasks --save", saved)):
        median = statistics.median(timings)
        verdict = "meets" if median < GOAL_SECONDS else "MISSES"
        print(
            f"{label}: {args.tasks} tasks on {database}: median {median:.2f} s, "
            f"best {min(timings):.2f} s ({verdict} the goal of {GOAL_SECONDS:.0f} s)"
        )
        figures[label] = {"median_s": round(median, 3), "best_s": round(min(timings), 3)}
    return figures


if __name__ == "__main__":
    main()
