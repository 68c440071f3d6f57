"""Engine cost: milliseconds to score 1,000 tasks, reasons, costs and what-if included.

    python bench/engine_bench.py [--tasks 1000] [--rounds 7]

Builds a fixed, seeded mix of tasks (every scale value, with and without hours, service
types of each sourcing model and office) against the default market, then scores them with
each method's default profile in alternated rounds and reports the median and best round.
The goal is relative: scoring an assessment must stay a small share (SHARE_GOAL) of its
results page's first render, which `make bench` measures in-process (page_costs.py) and
compares in run.py. Standard library only, like the engine.
"""

import argparse
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assessments import engine

SHARE_GOAL = 0.25  # of the results page's first render for the same number of tasks
METHODS = {"method 2": engine.method_2_profile(), "method 1": engine.Profile()}
SEED = 20261123
RATES = {  # USD per hour: low, typical, high (the default catalog's rate cards, docs/rates.md)
    ("bpo", "onshore"): ("45", "52.50", "60"),
    ("bpo", "nearshore"): ("28", "31.50", "35"),
    ("bpo", "offshore"): ("12", "15", "18"),
    ("kpo", "onshore"): ("75", "110", "150"),
    ("kpo", "nearshore"): ("47.50", "80", "115"),
    ("kpo", "offshore"): ("20", "50", "80"),
    ("lpo", "onshore"): ("54", "62", "70"),
    ("lpo", "nearshore"): ("37.50", "56", "75"),
    ("lpo", "offshore"): ("21", "50", "80"),
}
SERVICE_TYPES = [
    None,
    engine.ServiceTypeInfo("data-entry", "Data entry", "bpo", "back"),
    engine.ServiceTypeInfo("customer-support", "Customer support", "bpo", "front"),
    engine.ServiceTypeInfo("market-research", "Market research", "kpo", "back"),
    engine.ServiceTypeInfo("contract-review", "Contract review", "lpo", "back"),
    engine.ServiceTypeInfo(
        "medical-coding", "Medical coding", "bpo", "back", frozenset({"healthcare"})
    ),
]


def default_market():
    return engine.Market(
        currency="USD",
        locations=(
            engine.Location("onshore", "Onshore", 8),
            engine.Location("nearshore", "Nearshore", 6),
            engine.Location("offshore", "Offshore", 2),
        ),
        rates={key: engine.Rate(*map(Decimal, values)) for key, values in RATES.items()},
    )


def random_task(rng, number):
    scale = lambda: rng.randint(1, 5)  # noqa: E731
    return engine.TaskInput(
        name=f"Task {number}",
        complexity=scale(),
        skill_level=scale(),
        monthly_cost=Decimal(rng.randint(0, 4_000_000)) / 100,
        hours_per_month=None if rng.random() < 0.3 else Decimal(rng.randint(10, 400)),
        strategic_importance=scale(),
        data_sensitivity=scale(),
        standardisation=scale(),
        service_type=rng.choice(SERVICE_TYPES),
    )


def measure(task_count, rounds):
    """Milliseconds per `task_count` tasks for each method: median and best round, with
    the methods alternated round by round so both see the same machine."""
    rng = random.Random(SEED)
    tasks = [random_task(rng, number) for number in range(task_count)]
    timings = {name: [] for name in METHODS}
    answers = {}
    for _ in range(rounds):
        for name, profile in METHODS.items():
            started = time.perf_counter()
            context = engine.Context(profile, default_market(), engine.Company())
            results = engine.assess_tasks(tasks, context)
            engine.summarise(results, context)
            timings[name].append((time.perf_counter() - started) * 1000)
            answers[name] = {
                answer: sum(result.recommendation == answer for result in results)
                for answer in engine.ANSWERS
            }
    return {
        name: {
            "median_ms": statistics.median(values),
            "best_ms": min(values),
            "answers": answers[name],
        }
        for name, values in timings.items()
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    figures = measure(args.tasks, args.rounds)
    for name, figure in figures.items():
        print(
            f"engine, {name}: {args.tasks} tasks in {figure['median_ms']:.0f} ms (median of "
            f"{args.rounds} rounds, best {figure['best_ms']:.0f} ms), answers {figure['answers']}"
        )
    return {"tasks": args.tasks, "methods": figures}


if __name__ == "__main__":
    main()
