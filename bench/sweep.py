"""Answer sweep: what the scoring method answers over many realistic tasks, per location setting.

    DJANGO_SECRET_KEY=dev python bench/sweep.py [--tasks 1000] [--seed 20261207] [--json out.json]

Made to compare scoring methods before and after a change (bench/results/sweep-v1.json is
the first method's run): the same seeded tasks are scored with the current default scoring
profile and the catalog's USD market at four delivery location settings (onshore only,
nearshore only, offshore only, all three allowed). For each setting it counts:

- the answers (BPO, KPO, in-house);
- outsourcing answers (BPO or KPO) that cost more than keeping the work in-house over the
  three-year horizon (the recommended option's `year3` > in-house `year3`), split BPO / KPO,
  and those that cost more every month (monthly > in-house monthly);
- confidence: counts by label, a histogram of the percent (<50, 50-59, ..., 90-99, 100),
  the answers at 100, and the "high" answers that cost more than in-house.

Tasks: each 1-5 value uniform; in-house monthly cost log-uniform from 300 to 60,000 USD, in
cents; hours for about 80 % of tasks, as cost / a loaded hourly cost uniform in 25-120 USD/h
(to the half hour, at least 1 h); a published service type for about 70 % (uniform over the
catalog, by slug). Figures only, no assertions.

Uses only entry points that outlive a change of method: `ScoringProfile.objects.current()`,
`market_snapshot` / `market_from_snapshot`, `service_type_info` and `engine.assess_task`.
By default it scores against a throwaway SQLite database that it migrates itself (the
migrations load the default profile and catalog); --database-url-env uses DATABASE_URL as
it is (already migrated). `sweep()` and `make_tasks()` need no Django set-up of their own.
"""

import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(ROOT))

from assessments import engine  # noqa: E402

SEED = 20261207
TASKS = 1000
CURRENCY = "USD"
LOCATIONS = ("onshore", "nearshore", "offshore")
SETTINGS = {  # name -> allowed delivery locations
    "onshore": frozenset({"onshore"}),
    "nearshore": frozenset({"nearshore"}),
    "offshore": frozenset({"offshore"}),
    "all": frozenset(LOCATIONS),
}
SETTING_TITLES = {
    "onshore": "onshore only",
    "nearshore": "nearshore only",
    "offshore": "offshore only",
    "all": "all three",
}
ANSWERS = (engine.BPO, engine.KPO, engine.IN_HOUSE)
OUTSOURCED = (engine.BPO, engine.KPO)
LABELS = ("high", "medium", "low")
BUCKETS = ("<50", "50-59", "60-69", "70-79", "80-89", "90-99", "100")
COST_LOW, COST_HIGH = 300, 60_000  # in-house monthly, USD, log-uniform
HOURLY_LOW, HOURLY_HIGH = 25, 120  # loaded in-house hourly cost, USD/h, uniform
HOURS_SHARE = 0.8
SERVICE_TYPE_SHARE = 0.7
CENT = Decimal("0.01")
HALF = Decimal("0.5")


# --- Tasks -------------------------------------------------------------------------------


def make_tasks(count, seed, service_types):
    """`count` seeded tasks; `service_types` is a list of engine.ServiceTypeInfo (may be
    empty), drawn from uniformly for about 70 % of the tasks."""
    rng = random.Random(seed)
    low, high = math.log(COST_LOW), math.log(COST_HIGH)
    tasks = []
    for number in range(1, count + 1):
        complexity, skill, strategic, sensitivity, standardisation = (
            rng.randint(1, 5) for _ in range(5)
        )
        cost = Decimal(math.exp(rng.uniform(low, high))).quantize(CENT, ROUND_HALF_UP)
        hours = None
        if rng.random() < HOURS_SHARE:
            hourly = Decimal(rng.uniform(HOURLY_LOW, HOURLY_HIGH))
            halves = (cost / hourly / HALF).quantize(Decimal(1), ROUND_HALF_UP)
            hours = max(Decimal(1), halves * HALF)
        service_type = None
        if service_types and rng.random() < SERVICE_TYPE_SHARE:
            service_type = rng.choice(service_types)
        tasks.append(
            engine.TaskInput(
                name=f"Sweep task {number}",
                complexity=complexity,
                skill_level=skill,
                monthly_cost=cost,
                hours_per_month=hours,
                strategic_importance=strategic,
                data_sensitivity=sensitivity,
                standardisation=standardisation,
                service_type=service_type,
            )
        )
    return tasks


def task_mix(tasks):
    """What the generated tasks look like, to check a rerun used the same ones."""
    costs = sorted(task.monthly_cost for task in tasks)
    return {
        "tasks": len(tasks),
        "with_hours": sum(task.hours_per_month is not None for task in tasks),
        "with_service_type": sum(task.service_type is not None for task in tasks),
        "monthly_cost_total": str(sum(costs, Decimal(0))),
        "monthly_cost_median": str(costs[len(costs) // 2]) if costs else None,
    }


# --- Sweep -------------------------------------------------------------------------------


def bucket(percent):
    if percent >= 100:
        return "100"
    if percent < 50:
        return "<50"
    tens = percent // 10 * 10
    return f"{tens}-{tens + 9}"


def setting_figures(results):
    answers = dict.fromkeys(ANSWERS, 0)
    year3_more = dict.fromkeys(OUTSOURCED, 0)
    monthly_more = dict.fromkeys(OUTSOURCED, 0)
    labels = dict.fromkeys(LABELS, 0)
    histogram = dict.fromkeys(BUCKETS, 0)
    high_year3_more = high_monthly_more = 0
    for result in results:
        answer = result.recommendation
        answers[answer] += 1
        labels[result.confidence_label] = labels.get(result.confidence_label, 0) + 1
        histogram[bucket(result.confidence)] += 1
        if answer == engine.IN_HOUSE:
            continue
        chosen, in_house = result.costs[answer], result.costs[engine.IN_HOUSE]
        if chosen.year3 > in_house.year3:
            year3_more[answer] += 1
            high_year3_more += result.confidence_label == "high"
        if chosen.monthly > in_house.monthly:
            monthly_more[answer] += 1
            high_monthly_more += result.confidence_label == "high"
    return {
        "tasks": len(results),
        "answers": answers,
        "outsourced": answers[engine.BPO] + answers[engine.KPO],
        "year3_more": {"total": sum(year3_more.values()), **year3_more},
        "monthly_more": {"total": sum(monthly_more.values()), **monthly_more},
        "confidence": {
            "labels": labels,
            "histogram": histogram,
            "at_100": histogram["100"],
            "high_year3_more": high_year3_more,
            "high_monthly_more": high_monthly_more,
        },
    }


def sweep(tasks, profile, market):
    """Each location setting's figures for `tasks` (engine.TaskInput), scored with `profile`
    (engine.Profile) and `market` (engine.Market) for a company of no particular industry."""
    figures = {}
    for name, allowed in SETTINGS.items():
        context = engine.Context(profile, market, engine.Company(allowed_locations=allowed))
        figures[name] = setting_figures([engine.assess_task(task, context) for task in tasks])
    return figures


# --- Table -------------------------------------------------------------------------------


def share(part, whole):
    return f"{part} ({100 * part / whole:.0f}%)" if whole else str(part)


def table(figures):
    """The sweep's figures as a plain-text table, one column per location setting."""
    columns = list(figures)
    rows = [("setting", [SETTING_TITLES.get(name, name) for name in columns])]

    def add(label, value):
        rows.append((label, [value(figures[name]) for name in columns]))

    def blank(label=""):
        rows.append((label, ["" for _ in columns]))

    blank("(c) answers")
    add("  BPO", lambda f: str(f["answers"][engine.BPO]))
    add("  KPO", lambda f: str(f["answers"][engine.KPO]))
    add("  in-house", lambda f: str(f["answers"][engine.IN_HOUSE]))
    blank("(a) outsourcing costing more than in-house")
    add("  outsourcing answers", lambda f: str(f["outsourced"]))
    add("  3-year cost more", lambda f: share(f["year3_more"]["total"], f["outsourced"]))
    add("    of BPO", lambda f: share(f["year3_more"][engine.BPO], f["answers"][engine.BPO]))
    add("    of KPO", lambda f: share(f["year3_more"][engine.KPO], f["answers"][engine.KPO]))
    add("  monthly cost more", lambda f: share(f["monthly_more"]["total"], f["outsourced"]))
    add("    of BPO", lambda f: share(f["monthly_more"][engine.BPO], f["answers"][engine.BPO]))
    add("    of KPO", lambda f: share(f["monthly_more"][engine.KPO], f["answers"][engine.KPO]))
    blank("(b) confidence")
    for label in LABELS:
        add(f"  {label}", lambda f, label=label: str(f["confidence"]["labels"].get(label, 0)))
    for name in BUCKETS:
        add(f"  {name} %", lambda f, name=name: str(f["confidence"]["histogram"][name]))
    add("  at 100 %", lambda f: str(f["confidence"]["at_100"]))
    add("  high, 3-year cost more", lambda f: str(f["confidence"]["high_year3_more"]))
    add("  high, monthly cost more", lambda f: str(f["confidence"]["high_monthly_more"]))

    label_width = max(len(label) for label, _ in rows)
    widths = [max(len(values[index]) for _, values in rows) for index in range(len(columns))]
    lines = []
    for number, (label, values) in enumerate(rows):
        cells = [value.rjust(width) for value, width in zip(values, widths, strict=True)]
        lines.append(f"{label.ljust(label_width)}  " + "  ".join(cells).rstrip())
        if number == 0:
            lines.append("-" * len(lines[0]))
    return "\n".join(line.rstrip() for line in lines)


# --- Django set-up and the command line --------------------------------------------------


def git_commit():
    """The short commit the sweep ran on, or None outside a checkout."""
    git = shutil.which("git")
    if git is None:
        return None
    try:
        completed = subprocess.run(
            [git, "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return completed.stdout.strip() or None


def setup_django(database_file):
    """Django on a fresh, migrated SQLite file, or on DATABASE_URL when `database_file` is None."""
    if database_file is not None:
        os.environ["DATABASE_URL"] = f"sqlite:///{database_file}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outsourcing_advisor.settings")
    import django

    django.setup()
    if database_file is not None:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)


def load_inputs():
    """The current profile, the USD market and the published service types, by slug."""
    from assessments.profiles import ScoringProfile
    from assessments.snapshots import market_from_snapshot, market_snapshot, service_type_info
    from catalog.models import ServiceType

    profile = ScoringProfile.objects.current().as_engine_profile()
    market = market_from_snapshot(market_snapshot(CURRENCY))
    published = ServiceType.objects.published().prefetch_related("industries").order_by("slug")
    return profile, market, [service_type_info(item) for item in published]


def run(task_count, seed):
    profile, market, service_types = load_inputs()
    tasks = make_tasks(task_count, seed, service_types)
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "seed": seed,
        "profile_version": profile.version,
        "currency": market.currency,
        "service_types": len(service_types),
        "task_mix": task_mix(tasks),
        "settings": sweep(tasks, profile, market),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=TASKS)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--json", type=Path, help="write every figure to this JSON file")
    parser.add_argument(
        "--database-url-env",
        action="store_true",
        help="use DATABASE_URL (already migrated) instead of a throwaway SQLite database",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        setup_django(None if args.database_url_env else Path(folder) / "sweep.sqlite3")
        results = run(args.tasks, args.seed)
    mix = results["task_mix"]
    print(
        f"sweep: {mix['tasks']} tasks, seed {results['seed']}, profile version "
        f"{results['profile_version']}, {results['currency']}, commit {results['commit']}"
    )
    print(
        f"tasks: {mix['with_hours']} with hours, {mix['with_service_type']} with a service type "
        f"(of {results['service_types']} published), in-house monthly median "
        f"{mix['monthly_cost_median']}, total {mix['monthly_cost_total']}"
    )
    print()
    print(table(results["settings"]))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"\nwritten: {args.json}")
    return results


if __name__ == "__main__":
    main()
