"""The results page's first (uncached) view at each size, and how it grows with the tasks.

The report body of a frozen assessment is cached once rendered (assessments.report_cache),
so the load test sees the cached steady state. Here each seeded assessment that nobody has
viewed yet is requested twice, one request at a time: the first view renders the report,
the second comes from the cache. Growth is linear or better when, from one size to the
next, the time grows by no more than the number of tasks.
"""

import itertools
import statistics

from http_client import Browser


def results_path(share):
    return f"/assessments/{share}/results/"


def first_views(base_url, seeded, sizes):
    """Uncached (first) and cached (second) single-request times of the results page."""
    figures = {}
    for size in sizes:
        uncached, cached = [], []
        for share in seeded["results"][str(size)][1:]:
            browser = Browser(base_url)
            for timings in (uncached, cached):
                response = browser.get(results_path(share))
                if response.status != 200:
                    raise SystemExit(f"results page, {size} tasks: HTTP {response.status}")
                timings.append(response.seconds * 1000)
        figures[size] = {
            "uncached_ms": statistics.median(uncached),
            "cached_ms": statistics.median(cached),
            "uncached_samples_ms": [round(value, 1) for value in uncached],
        }
    return figures


def growth(first):
    """How the uncached render grows from each size to the next (sizes in rising order)."""
    steps = []
    for small, large in itertools.pairwise(first):
        before, after = first[small]["uncached_ms"], first[large]["uncached_ms"]
        steps.append(
            {
                "from": small,
                "to": large,
                "time_ratio": after / before,
                "size_ratio": large / small,
                "ms_per_extra_task": (after - before) / (large - small),
            }
        )
    return steps


def print_growth(first, steps):
    print("\nresults page, first (uncached) and cached view, one request at a time:")
    for size, figures in first.items():
        print(
            f"  {size:>5} tasks: uncached {figures['uncached_ms']:7.1f} ms "
            f"({figures['uncached_ms'] / size:6.2f} ms/task), cached {figures['cached_ms']:6.1f} ms"
        )
    for step in steps:
        print(
            f"  {step['from']} -> {step['to']} tasks: time x{step['time_ratio']:.2f} for "
            f"x{step['size_ratio']:.0f} tasks, {step['ms_per_extra_task']:.2f} ms per extra task"
        )
