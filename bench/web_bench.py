"""The site under load: pages against the framework's floor, report growth, a 1,000-task upload.

    python bench/web_bench.py          (run by run.py; BENCH_SECONDS=3 for a quick run)

Under .ci/with-postgres: stack.py migrates, collects the static files and starts gunicorn
(production settings, our config module) with WORKERS workers; seed.py, in its own process,
makes submitted assessments of 10, 100 and 1,000 tasks, a draft with a few tasks and empty
drafts for the uploads. Then, in one run:

1. every endpoint under the same fixed load (load_generator.py: wrk, CONNECTIONS
   connections, sending what a browser sends, gzip accepted): after a warm-up, PAIRS
   alternating runs of `/healthz` (the floor: the framework doing nothing) and the page,
   BENCH_SECONDS in all for each; requests/s as a ratio to the floor run just before it,
   the median of the pairs, so that a ratio survives the drift of a shared machine's load
   better than absolute figures; median and p95 latency;
2. the first, uncached view of the results page at each size (the report body is cached per
   frozen assessment, so the load figures are the cached steady state), one request at a
   time on fresh assessments (results_growth.py), to see how real rendering grows;
3. a 1,000-task CSV through the web upload and its submission (upload imports into the
   draft; the review POST scores and saves), timed apart and together, several times.

Returns the figures and the goals (figures, not assertions) to run.py.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH_DIR), str(BENCH_DIR / "load")]

import load_generator  # noqa: E402
import stack  # noqa: E402
import upload_bench  # noqa: E402
from http_client import Browser  # noqa: E402
from results_growth import first_views, growth, print_growth, results_path  # noqa: E402

WORKERS = 2
SIZES = (10, 100, 1000)
FRESH_COPIES = 3  # uncached first views per size (one more copy serves the load test)
DRAFT_TASKS = 5
CSV_SIZE = 100
DEFAULT_SECONDS = 10
PAGE_GOALS = {"landing": 0.6, "catalog": 0.6, "tasks": 0.6, "results-100": 0.5}
PAIRS = 3  # alternating floor and page runs per endpoint; the median pair is reported


def bench_seconds():
    return max(1, int(os.environ.get("BENCH_SECONDS", DEFAULT_SECONDS)))


def seed(env):
    command = [sys.executable, BENCH_DIR / "seed.py", "--sizes", *map(str, SIZES)]
    command += ["--copies", str(FRESH_COPIES + 1), "--draft-tasks", str(DRAFT_TASKS)]
    command += ["--upload-drafts", str(upload_bench.REPEAT)]
    # Its errors go to our stderr; its last line of stdout is what it made.
    output = subprocess.run(
        command, cwd=stack.ROOT, env=env, stdout=subprocess.PIPE, text=True, check=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def endpoints(seeded):
    """(key, label, path, needs a session cookie) for the load test, in order."""
    draft = f"/assessments/resume/{seeded['draft']}/tasks/"
    rows = [
        ("landing", "landing page /", "/", False),
        ("catalog", "catalog list /catalog/", "/catalog/", False),
        ("tasks", f"tasks step, {DRAFT_TASKS} tasks (owner's session)", draft, True),
        ("tasks-new-session", f"tasks step, {DRAFT_TASKS} tasks (no cookie)", draft, False),
    ]
    for size in SIZES:
        share = seeded["results"][str(size)][0]
        label = f"results page, {size} tasks"
        rows.append((f"results-{size}", label, results_path(share), False))
    share = seeded["results"][str(CSV_SIZE)][0]
    export = f"/assessments/{share}/results.csv"
    rows.append(("csv-export", f"CSV export, {CSV_SIZE} tasks", export, False))
    return rows


def load_test(base_url, seeded, seconds):
    """Every endpoint under load, each right after a run of the floor it is compared with."""
    floors, rows = [], []
    for key, label, path, needs_cookie in endpoints(seeded):
        browser = Browser(base_url)
        if needs_cookie:  # the owner's browser: the private link opened it, with a session
            browser.get(path.removesuffix("tasks/"))
        page = browser.get(path)  # checks the page; the first results view fills the cache
        if page.status != 200:
            raise SystemExit(f"{label}: HTTP {page.status}, expected 200")
        cookie = browser.cookie_header() if needs_cookie else None
        floor, figures = compared_with_floor(base_url, path, seconds, cookie)
        floors.append(floor)
        row = {"key": key, "endpoint": label, "kilobytes": len(page.body) / 1024} | figures
        row["floor_requests_per_second"] = floor["requests_per_second"]
        row["ratio_to_floor"] = figures["requests_per_second"] / floor["requests_per_second"]
        row["goal_ratio"] = PAGE_GOALS.get(key)
        row["holds"] = None
        if row["goal_ratio"] is not None:
            row["holds"] = row["ratio_to_floor"] >= row["goal_ratio"] and not row["errors"]
        rows.append(row)
    return floor_row(floors), rows


def compared_with_floor(base_url, path, seconds, cookie):
    """(floor, page) figures of the pair, among PAIRS alternating runs, whose ratio is the
    median: a burst of load from elsewhere on a shared machine then moves one pair, not
    the figure."""
    load_generator.warm(base_url, "/healthz")
    load_generator.warm(base_url, path, cookie)
    run_seconds = max(1, round(seconds / PAIRS))
    pairs = []
    for _ in range(PAIRS):
        floor = load_generator.measure(base_url, "/healthz", run_seconds, warm_up=False)
        page = load_generator.measure(base_url, path, run_seconds, cookie, warm_up=False)
        pairs.append((page["requests_per_second"] / floor["requests_per_second"], floor, page))
    pairs.sort(key=lambda pair: pair[0])
    _ratio, floor, page = pairs[len(pairs) // 2]
    return floor, page | {"pair_ratios": [round(pair[0], 3) for pair in pairs]}


def floor_row(floors):
    """The floor's runs summed up: medians, and the spread that shows the machine's drift."""
    throughputs = [floor["requests_per_second"] for floor in floors]
    median = statistics.median(throughputs)
    return {
        "key": "healthz",
        "endpoint": "/healthz (floor, median of runs)",
        "kilobytes": 0.0,
        "requests": sum(floor["requests"] for floor in floors),
        "requests_per_second": median,
        "median_ms": statistics.median(floor["median_ms"] for floor in floors),
        "p95_ms": statistics.median(floor["p95_ms"] for floor in floors),
        "errors": sum(floor["errors"] for floor in floors),
        "floor_requests_per_second": median,
        "floor_runs_requests_per_second": [round(value, 1) for value in throughputs],
        "ratio_to_floor": 1.0,
        "goal_ratio": None,
        "holds": None,
    }


def print_table(floor, rows, generator, seconds):
    print(
        f"\nweb: gunicorn {WORKERS} workers on PostgreSQL; load by {generator}, "
        f"{load_generator.CONNECTIONS} connections, gzip accepted; after a "
        f"{load_generator.WARM_UP_SECONDS} s warm-up, {PAIRS} runs of the floor then the page, "
        f"{seconds} s in all; the pair with the median ratio is shown"
    )
    header = f"{'endpoint':40} {'req/s':>7} {'floor':>7} {'ratio':>6} {'median':>9} {'p95':>9}"
    header += f" {'KiB':>6}  goal"
    print(header)
    print("-" * (len(header) + 14))
    for row in [floor, *rows]:
        goal = "" if row["goal_ratio"] is None else f">= {row['goal_ratio']:.0%} "
        goal += {None: "", True: "holds", False: "MISSES"}[row["holds"]]
        errors = f"  ({row['errors']} errors)" if row["errors"] else ""
        print(
            f"{row['endpoint']:40} {row['requests_per_second']:7.1f} "
            f"{row['floor_requests_per_second']:7.1f} {row['ratio_to_floor']:6.0%} "
            f"{row['median_ms']:6.1f} ms {row['p95_ms']:6.1f} ms "
            f"{row['kilobytes']:6.1f}  {goal}{errors}"
        )
    runs = floor["floor_runs_requests_per_second"]
    print(f"floor runs: {min(runs):.0f} to {max(runs):.0f} req/s (the machine's drift)")


def ratio_goal(row):
    short = "" if row["holds"] else f" (needs x{row['goal_ratio'] / row['ratio_to_floor']:.2f})"
    return {
        "goal": f"{row['endpoint']}: >= {row['goal_ratio']:.0%} of the floor's req/s",
        "figure": f"{row['ratio_to_floor']:.0%}{short}",
        "holds": row["holds"],
    }


def goals(rows, steps, upload):
    verdicts = [ratio_goal(row) for row in rows if row["holds"] is not None]
    verdicts.append(
        {
            "goal": "results page time grows no more than linearly (uncached render)",
            "figure": ", ".join(
                f"x{step['time_ratio']:.2f} for x{step['size_ratio']:.0f} tasks" for step in steps
            ),
            "holds": all(step["time_ratio"] <= step["size_ratio"] for step in steps),
        }
    )
    verdicts.append(upload_bench.goal(upload))
    return verdicts


def main():
    seconds = bench_seconds()
    env = stack.server_env(stack.free_port(), workers=WORKERS)
    stack.prepare(env)
    seeded = seed(env)
    generator = load_generator.generator_name()
    with stack.serving(env, log_name="bench-gunicorn.log") as (base_url, _):
        floor, rows = load_test(base_url, seeded, seconds)
        first = first_views(base_url, seeded, SIZES)
        with tempfile.TemporaryDirectory() as folder:
            upload = upload_bench.measure(base_url, seeded["upload_drafts"], Path(folder))
    steps = growth(first)
    print_table(floor, rows, generator, seconds)
    print_growth(first, steps)
    upload_bench.print_figures(upload)
    return {
        "cpu_model": stack.cpu_model(),
        "postgresql": stack.postgres_version(),
        "generator": generator,
        "gunicorn_workers": WORKERS,
        "connections": load_generator.CONNECTIONS,
        "threads": load_generator.THREADS,
        "seconds_per_endpoint": seconds,
        "floor": floor,
        "endpoints": rows,
        "results_first_view": {str(size): figures for size, figures in first.items()},
        "results_growth": steps,
        "upload": upload,
        "goals": goals(rows, steps, upload),
    }


if __name__ == "__main__":
    main()
