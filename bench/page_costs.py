"""What a page costs in-process: queries per page, and the results page's first view, by size.

    python bench/page_costs.py     (run by web_bench.py; DATABASE_URL already migrated)

In its own process (Django is set up here, never in run.py's process), with no server
running: seeds, through seed.py's helpers, a submitted assessment and a draft of each size
in SIZES, then measures with Django's test client, as a browser would see the pages:
page_queries.py (queries per page, first and repeat view) and results_growth.py (the
shared results page's first view at each size). Prints its figures as JSON on the last
line of stdout; `run()` is the parent's side. `cache.clear()` empties the database's cache,
so nothing may be serving from it meanwhile.
"""

import json
import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

import page_queries  # noqa: E402
import results_growth  # noqa: E402

SIZES = (10, 100, 1000)
HOST = "127.0.0.1"  # in DJANGO_ALLOWED_HOSTS, as stack.server_env sets it


def results_path(share):
    return f"/assessments/{share}/results/"


def run(env):
    """The figures of `python bench/page_costs.py` run with `env` (the parent's side)."""
    command = [sys.executable, Path(__file__)]
    # Its errors go to our stderr; its last line of stdout is the figures.
    output = subprocess.run(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, check=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def print_figures(costs):
    print(
        "\nqueries per page, first view (cache cleared) / repeat view, "
        "in-process (Django's test client):"
    )
    print("\n".join(page_queries.table(costs["queries"])))
    verdict = "holds" if page_queries.constant_in_tasks(costs["queries"]) else "MISSES"
    print(f"queries constant in tasks: {verdict}")
    first = costs["results_first_view"]
    print(
        f"\nshared results page, first view (cache cleared before each, median of "
        f"{results_growth.REPEAT}) and repeat view, in-process:"
    )
    print("\n".join(results_growth.table(first)))
    small, large = results_growth.GROWTH_STEP
    ratio = results_growth.growth_ratio(first)
    verdict = "holds" if ratio <= results_growth.GROWTH_GOAL else "MISSES"
    print(
        f"first view, {int(large):,} / {int(small):,} tasks: x{ratio:.1f} "
        f"(goal <= {results_growth.GROWTH_GOAL:.0f}x: {verdict})"
    )


def goals(title, costs):
    return [
        page_queries.goal(title, costs["queries"]),
        results_growth.goal(title, costs["results_first_view"]),
    ]


def main():
    import seed  # sets Django up
    from django.test import Client

    visitor, owner = Client(SERVER_NAME=HOST), Client(SERVER_NAME=HOST)
    paths_by_size, shares = {}, {}
    slug = seed.service_slug()
    for size in SIZES:
        shares[str(size)] = results_path(seed.submitted(size, 0)["share"])
        draft = seed.draft(f"Bench draft, {size} tasks", size)
        owner.get(f"/assessments/resume/{draft}/")  # the session keeps the draft, as a browser's
        paths_by_size[str(size)] = page_queries.page_paths(shares[str(size)], draft, slug)
    queries = page_queries.measure(visitor, owner, paths_by_size)
    first = {size: results_growth.first_views(visitor, path) for size, path in shares.items()}
    figures = {
        "queries": queries,
        "results_first_view": first,
        "results_growth": results_growth.growth(first),
    }
    print(json.dumps(figures))  # the last line of stdout: run() reads it


if __name__ == "__main__":
    main()
