"""The end of `make bench`: its figures as the Markdown tables of docs/performance.md.

    python bench/summary.py [bench/results/latest.json]     (the tables again, no new run)

Reads the figures run.py gathered and prints, in the doc's order, the run (when, on what,
how busy), pages against the floor (both databases side by side), queries per page, the
results page's first view by size, and every other goal with its verdict. Each table can be
pasted into the doc as it is.
"""

import json
import sys
from pathlib import Path

from page_queries import PAGES

DATABASES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
VERDICTS = {True: "holds", False: "**misses**", None: ""}


def run_line(results):
    before, after = results["load_average_before"], results["load_average_after"]
    return (
        f"Run of {results['when']} UTC: {results['cpus']} CPUs ({results['cpu_model']}), "
        f"Python {results['python']}, PostgreSQL {results['postgresql']}, load by "
        f"{results['generator']} ({results['connections']} connections), "
        f"{results['rounds']} rounds of {results['seconds_per_endpoint']} s per endpoint; "
        f"load average {before} before, {after} after (1, 5, 15 min); "
        f"{results['minutes']:.1f} minutes in all."
    )


def pages_table(web):
    """Each page's median ratio to the floor, a column per database; the floor's req/s last."""
    databases = [name for name in DATABASES if name in web]
    lines = [
        "| page | goal | " + " | ".join(DATABASES[name] for name in databases) + " |",
        "|---|---|" + "---:|" * len(databases),
    ]
    rows = {name: {row["key"]: row for row in web[name]["pages"]} for name in databases}
    first = rows[databases[0]]
    for key, row in first.items():
        if row["goal_ratio"] is None:
            continue
        cells = []
        for name in databases:
            page = rows[name][key]
            errors = f", {page['errors']} errors" if page["errors"] else ""
            cells.append(f"{page['ratio_to_floor']:.0%} {VERDICTS[page['holds']]}{errors}")
        goal = f">= {row['goal_ratio']:.0%}"
        lines.append(f"| {row['endpoint']} | {goal} | " + " | ".join(cells) + " |")
    floors = [f"{rows[name]['healthz']['requests_per_second']:,.0f} req/s" for name in databases]
    lines.append("| `/healthz` (the floor, median) | | " + " | ".join(floors) + " |")
    return lines


def queries_table(web):
    """Queries per page, first / repeat view, by size; SQLite's in brackets where it differs."""
    main, other = web.get("postgresql"), web.get("sqlite")
    main = main or other
    queries = main["queries"]
    sizes = list(next(iter(queries.values())))
    lines = [
        "| page | " + " | ".join(f"{int(size):,} tasks" for size in sizes) + " |",
        "|---|" + "---:|" * len(sizes),
    ]
    for page, by_size in queries.items():
        cells = []
        for size in sizes:
            cell = f"{by_size[size]['first']} / {by_size[size]['repeat']}"
            if other is not None and other is not main:
                theirs = other["queries"][page][size]
                if theirs != by_size[size]:
                    cell += f" (SQLite {theirs['first']} / {theirs['repeat']})"
            cells.append(cell)
        lines.append(f"| {PAGES.get(page, page)} | " + " | ".join(cells) + " |")
    return lines


def growth_table(web):
    """The results page's first and repeat view by size, a pair of columns per database."""
    databases = [name for name in DATABASES if name in web]
    sizes = sorted(web[databases[0]]["results_first_view"], key=int)
    header = " | ".join(f"{DATABASES[name]} first | {DATABASES[name]} repeat" for name in databases)
    lines = [f"| tasks | {header} |", "|---:|" + "---:|---:|" * len(databases)]
    for size in sizes:
        cells = []
        for name in databases:
            figures = web[name]["results_first_view"][size]
            cells += [f"{figures['first_ms']:.0f} ms", f"{figures['repeat_ms']:.0f} ms"]
        lines.append(f"| {int(size):,} | " + " | ".join(cells) + " |")
    ratios = []
    for name in databases:
        first = web[name]["results_first_view"]
        ratios += [f"x{first[sizes[-1]]['first_ms'] / first[sizes[-2]]['first_ms']:.1f}", ""]
    lines.append(f"| {int(sizes[-1]):,} / {int(sizes[-2]):,} | " + " | ".join(ratios) + " |")
    return lines


def goals_table(goals):
    """Every goal but the pages' (the pages table has those)."""
    lines = ["| goal | figure | verdict |", "|---|---|---|"]
    lines += [
        f"| {g['goal']} | {g['figure']} | {VERDICTS[g['holds']]} |"
        for g in goals
        if "page" not in g
    ]
    return lines


def print_summary(results):
    web = results["web"]
    sections = (
        ("run", [run_line(results)]),
        ("pages: median ratio to the floor's req/s", pages_table(web)),
        ("queries per page: first view (cache cleared) / repeat view", queries_table(web)),
        ("shared results page: first view (cache cleared) and repeat view", growth_table(web)),
        ("other goals (figures, not assertions)", goals_table(results["goals"])),
    )
    print("\n=== summary, as in docs/performance.md ===")
    for title, lines in sections:
        print(f"\n{title}:\n")
        print("\n".join(lines))


def main():
    default = Path(__file__).resolve().parent / "results" / "latest.json"
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    print_summary(json.loads(path.read_text(encoding="utf-8")))


if __name__ == "__main__":
    main()
