"""The shared results page's first view at each size, and how it grows with the tasks.

Measured in-process by page_costs.py through Django's test client, one request at a time:
REPEAT times per size, `cache.clear()` before each, so each is a first (uncached) render of
the whole page; the median is the figure. The repeat view right after each is timed too (the
cached steady state every later reader gets). The goal: from 100 to 1,000 tasks the first
view grows by at most GROWTH_GOAL times. The timing function imports Django itself; the
rest is pure, for the parent process and tests.
"""

import itertools
import statistics
import time

REPEAT = 5
GROWTH_GOAL = 12.0
GROWTH_STEP = ("100", "1000")


def timed_get(client, path):
    started = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path}: HTTP {response.status_code}, expected 200")
    return elapsed


def first_views(client, path, repeat=REPEAT):
    """{"first_ms", "repeat_ms", "first_samples_ms"}: medians of `repeat` first views (the
    cache cleared before each) and of the repeat view after each."""
    from django.core.cache import cache

    first, again = [], []
    for _ in range(repeat):
        cache.clear()
        first.append(timed_get(client, path))
        again.append(timed_get(client, path))
    return {
        "first_ms": statistics.median(first),
        "repeat_ms": statistics.median(again),
        "first_samples_ms": [round(value, 1) for value in first],
    }


def growth(first):
    """From each size to the next: how the first view's time grows against the tasks.
    `first` is {size: {"first_ms": ...}}, sizes as numbers or strings."""
    sizes = sorted(first, key=int)
    steps = []
    for small, large in itertools.pairwise(sizes):
        before, after = first[small]["first_ms"], first[large]["first_ms"]
        steps.append(
            {
                "from": int(small),
                "to": int(large),
                "time_ratio": after / before,
                "size_ratio": int(large) / int(small),
                "ms_per_extra_task": (after - before) / (int(large) - int(small)),
            }
        )
    return steps


def growth_ratio(first, step=GROWTH_STEP):
    """First view at the larger size over the smaller (1,000 over 100 tasks)."""
    small, large = step
    return first[large]["first_ms"] / first[small]["first_ms"]


def table(first):
    """Markdown table lines: first and repeat view at each size, then the growth."""
    lines = ["| tasks | first view (median) | first views | repeat view |", "|---:|---:|---|---:|"]
    for size in sorted(first, key=int):
        figures = first[size]
        samples = ", ".join(f"{value:.0f}" for value in figures["first_samples_ms"])
        lines.append(
            f"| {int(size):,} | {figures['first_ms']:.0f} ms | {samples} | "
            f"{figures['repeat_ms']:.0f} ms |"
        )
    return lines


def goal(title, first):
    small, large = GROWTH_STEP
    ratio = growth_ratio(first)
    return {
        "goal": f"{title}: results first view, {int(large):,} tasks <= {GROWTH_GOAL:.0f}x "
        f"{int(small):,} tasks",
        "figure": f"x{ratio:.1f} ({first[small]['first_ms']:.0f} ms -> "
        f"{first[large]['first_ms']:.0f} ms)",
        "holds": ratio <= GROWTH_GOAL,
    }
