"""One database's web figures: page costs in-process, then pages on gunicorn against the floor.

    web_bench.bench_database("sqlite" | "postgresql", seconds, rounds)   (run by run.py)

For one database (PostgreSQL: DATABASE_URL from .ci/with-postgres; SQLite: a fresh file in a
temporary folder), in this order:

1. migrate (and collect the static files for production's WhiteNoise storage);
2. page_costs.py in its own process: queries per page and the results page's first view
   at 10, 100 and 1,000 tasks, through Django's test client (no server running);
3. seed.py in its own process: a submitted RESULTS_TASKS-task assessment, a DRAFT_TASKS-task
   draft and empty drafts for the uploads;
4. gunicorn (stack.py: production settings, our config module, WORKERS workers), then every
   endpoint under the same load (load_generator.py: wrk, gzip accepted): a warm-up each,
   then ROUNDS rounds of every endpoint once, the floor `/healthz` included, in alternating
   order (rounds.py); a page's figure is the median of its per-round ratios to the floor;
5. the 1,000-task upload through the web (upload_bench.py).

Returns the figures and the goals (figures, not assertions) to run.py.
"""

import gzip
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

BENCH_DIR = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH_DIR), str(BENCH_DIR / "load")]

import load_generator  # noqa: E402
import page_costs  # noqa: E402
import rounds  # noqa: E402
import stack  # noqa: E402
import upload_bench  # noqa: E402
from http_client import ACCEPT_ENCODING, Browser  # noqa: E402

WORKERS = 2
RESULTS_TASKS = 100
DRAFT_TASKS = 10
FLOOR = "healthz"
PAGE_GOALS = {  # least share of the floor's requests/s
    "landing": 0.50,
    "catalog": 0.50,
    "catalog-detail": 0.50,
    "compare": 0.50,
    "results": 0.35,
    "tasks": 0.25,
    "review": 0.25,
}
DATABASE_TITLES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class Endpoint(NamedTuple):
    key: str
    label: str
    path: str
    owned: bool  # opened by the owner: the private link's session cookie is sent


def endpoints(seeded):
    """The endpoints of the load test, the floor first."""
    draft = f"/assessments/resume/{seeded['draft']}/"
    results = page_costs.results_path(seeded["results"][str(RESULTS_TASKS)][0])
    return [
        Endpoint(FLOOR, "/healthz (floor)", "/healthz", False),
        Endpoint("landing", "landing /", "/", False),
        Endpoint("catalog", "catalog list /catalog/", "/catalog/", False),
        Endpoint("catalog-detail", "catalog detail", f"/catalog/{seeded['service_slug']}/", False),
        Endpoint("compare", "compare /catalog/compare/", "/catalog/compare/", False),
        Endpoint("results", f"shared results, {RESULTS_TASKS} tasks", results, False),
        Endpoint("tasks", f"tasks step, {DRAFT_TASKS} tasks", f"{draft}tasks/", True),
        Endpoint("review", f"review step, {DRAFT_TASKS} tasks", f"{draft}review/", True),
    ]


def database_env(database, folder):
    """The server's environment for `database`: PostgreSQL as given, or a fresh SQLite file."""
    env = stack.server_env(stack.free_port(), workers=WORKERS)
    if database == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
    return env


def seed(env):
    command = [sys.executable, BENCH_DIR / "seed.py", "--sizes", str(RESULTS_TASKS)]
    command += ["--copies", "1", "--draft-tasks", str(DRAFT_TASKS)]
    command += ["--upload-drafts", str(upload_bench.REPEAT)]
    # Its errors go to our stderr; its last line of stdout is what it made.
    output = subprocess.run(
        command, cwd=stack.ROOT, env=env, stdout=subprocess.PIPE, text=True, check=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def check(base_url, endpoint, cookie):
    """The page as a browser gets it (200, gzip accepted): its size sent and unpacked."""
    headers = {"Accept-Encoding": ACCEPT_ENCODING} | ({"Cookie": cookie} if cookie else {})
    response = Browser(base_url).request("GET", endpoint.path, headers=headers)
    if response.status != 200:
        raise SystemExit(f"{endpoint.label}: HTTP {response.status}, expected 200")
    gzipped = response.headers.get("content-encoding") == "gzip"
    body = gzip.decompress(response.body) if gzipped else response.body
    return {"sent_kib": len(response.body) / 1024, "html_kib": len(body) / 1024}


def owner_cookie(base_url, seeded):
    """The session the private link opens, as the owner's browser keeps it."""
    browser = Browser(base_url)
    browser.get(f"/assessments/resume/{seeded['draft']}/")
    return browser.cookie_header()


def measure_rounds(base_url, endpoint_list, cookies, seconds, round_count):
    """[{key: wrk figures}] for each round, every endpoint warmed up once before."""
    by_key = {endpoint.key: (endpoint.path, cookies[endpoint.key]) for endpoint in endpoint_list}
    for path, cookie in by_key.values():
        load_generator.warm(base_url, path, cookie)
    measured = []
    for number in range(round_count):
        figures = {}
        for key in rounds.round_order(by_key, number):
            path, cookie = by_key[key]
            figures[key] = load_generator.measure(base_url, path, seconds, cookie, warm_up=False)
        measured.append(figures)
    return measured


def summarise(endpoint_list, sizes, measured):
    """One row per endpoint: median ratio to the floor, medians of its rounds, its goal."""
    throughputs = [{key: one[key]["requests_per_second"] for key in one} for one in measured]
    ratios = rounds.ratios_to_floor(throughputs, FLOOR)
    medians = rounds.median_ratios(throughputs, FLOOR) | {FLOOR: 1.0}
    summary = []
    for key, label, *_ in endpoint_list:
        runs = [one[key] for one in measured]
        ratio = medians[key]
        errors = sum(run["errors"] for run in runs)
        summary.append(
            {
                "key": key,
                "endpoint": label,
                "requests_per_second": statistics.median(r["requests_per_second"] for r in runs),
                "median_ms": statistics.median(run["median_ms"] for run in runs),
                "p95_ms": statistics.median(run["p95_ms"] for run in runs),
                "errors": errors,
                "ratio_to_floor": ratio,
                "round_ratios": ratios.get(key, [1.0] * len(runs)),
                "goal_ratio": PAGE_GOALS.get(key),
                "holds": rounds.holds(ratio, PAGE_GOALS.get(key), errors),
                **sizes[key],
            }
        )
    return summary


def print_table(database, summary, seconds, round_count):
    print(
        f"\npages on gunicorn ({WORKERS} workers) and {DATABASE_TITLES[database]}: "
        f"{load_generator.CONNECTIONS} connections, gzip accepted; median of {round_count} "
        f"alternated rounds of {seconds} s per endpoint, each page's ratio to the floor "
        "in the same round"
    )
    print("| page | ratio to floor | goal | req/s | median ms | p95 ms | KiB sent (HTML) |")
    print("|---|---:|---|---:|---:|---:|---:|")
    for row in summary:
        goal = "" if row["goal_ratio"] is None else f">= {row['goal_ratio']:.0%}: "
        goal += {None: "", True: "holds", False: "**misses**"}[row["holds"]]
        if row["errors"]:
            goal += f" ({row['errors']} errors)"
        print(
            f"| {row['endpoint']} | {row['ratio_to_floor']:.0%} | {goal} | "
            f"{row['requests_per_second']:,.0f} | {row['median_ms']:.1f} | {row['p95_ms']:.1f} | "
            f"{row['sent_kib']:.1f} ({row['html_kib']:.0f}) |"
        )


def page_goals(database, summary):
    title = DATABASE_TITLES[database]
    return [
        {
            "goal": f"{title}: {row['endpoint']} >= {row['goal_ratio']:.0%} of the floor",
            "figure": f"{row['ratio_to_floor']:.0%} (rounds: "
            + ", ".join(f"{ratio:.0%}" for ratio in row["round_ratios"])
            + ")",
            "holds": row["holds"],
            "page": row["key"],
        }
        for row in summary
        if row["holds"] is not None
    ]


def on_gunicorn(env, seconds, round_count):
    """Seeds, serves, loads every endpoint in rounds, then uploads: (summary, upload)."""
    seeded = seed(env)
    with stack.serving(env, log_name="bench-gunicorn.log") as (base_url, _):
        owner = owner_cookie(base_url, seeded)
        endpoint_list = endpoints(seeded)
        cookies = {endpoint.key: owner if endpoint.owned else None for endpoint in endpoint_list}
        sizes = {e.key: check(base_url, e, cookies[e.key]) for e in endpoint_list}
        measured = measure_rounds(base_url, endpoint_list, cookies, seconds, round_count)
        with tempfile.TemporaryDirectory() as folder:
            upload = upload_bench.measure(base_url, seeded["upload_drafts"], Path(folder))
    return summarise(endpoint_list, sizes, measured), upload


def bench_database(database, seconds, round_count):
    """Every web figure on `database`, printed; returns them with their goals."""
    print(f"\n=== {DATABASE_TITLES[database]} ===", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        env = database_env(database, folder)
        stack.prepare(env, postgres_only=False)
        costs = page_costs.run(env)
        summary, upload = on_gunicorn(env, seconds, round_count)
    page_costs.print_figures(costs)
    print_table(database, summary, seconds, round_count)
    upload_bench.print_figures(upload)
    title = DATABASE_TITLES[database]
    upload_goal = upload_bench.goal(upload)
    return {
        "database": database,
        "gunicorn_workers": WORKERS,
        "pages": summary,
        **costs,
        "upload": upload,
        "goals": [
            *page_goals(database, summary),
            *page_costs.goals(title, costs),
            upload_goal | {"goal": f"{title}: {upload_goal['goal']}"},
        ],
    }
