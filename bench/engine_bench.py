"""Engine throughput: tasks scored per second, reasons, costs and what-if included.

    python bench/engine_bench.py [--tasks 50000] [--repeat 5]

Builds a fixed, seeded mix of tasks (every scale value, with and without hours, service
types of each sourcing model and office) against the default market and profile, then
times `assess_tasks` over them several times and reports the best and median runs.
Standard library only, like the engine.
"""

import argparse
import gc
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assessments import engine

GOAL_TASKS_PER_SECOND = 50_000
SEED = 20261123
RATES = {  # USD per hour: low, typical, high (the default catalog's rate cards)
    ("bpo", "onshore"): ("40", "50", "60"),
    ("bpo", "nearshore"): ("12", "23.50", "35"),
    ("bpo", "offshore"): ("6", "14", "18"),
    ("kpo", "onshore"): ("60", "105", "150"),
    ("kpo", "nearshore"): ("45", "75", "105"),
    ("kpo", "offshore"): ("30", "45", "60"),
    ("lpo", "onshore"): ("35", "117.50", "200"),
    ("lpo", "nearshore"): ("28", "71.25", "140"),
    ("lpo", "offshore"): ("21", "25", "80"),
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


def measure(task_count, repeat):
    rng = random.Random(SEED)
    tasks = [random_task(rng, number) for number in range(task_count)]
    timings, results = [], None
    for _ in range(repeat):
        # Free the run before's results and caches first: their clean-up is not this run's.
        results = context = None
        gc.collect()
        started = time.perf_counter()
        # A fresh context each run, as each assessment gets: nothing learnt by a run before.
        context = engine.Context(engine.Profile(), default_market(), engine.Company())
        results = engine.assess_tasks(tasks, context)
        engine.summarise(results, context)
        timings.append(time.perf_counter() - started)
    answers = dict.fromkeys(engine.ANSWERS, 0)
    for result in results:
        answers[result.recommendation] += 1
    return task_count / min(timings), task_count / statistics.median(timings), answers


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    best, median, answers = measure(args.tasks, args.repeat)
    verdict = "meets" if best >= GOAL_TASKS_PER_SECOND else "MISSES"
    print(f"engine: {args.tasks} tasks x {args.repeat} runs, answers {answers}")
    print(
        f"engine: best {best:,.0f} tasks/s, median {median:,.0f} tasks/s "
        f"({verdict} the goal of {GOAL_TASKS_PER_SECOND:,} tasks/s)"
    )
    return {
        "engine_tasks_per_second_best": round(best),
        "engine_tasks_per_second_median": round(median),
    }


if __name__ == "__main__":
    main()
