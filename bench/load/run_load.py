"""`make loadtest`: simulated owners run the whole questionnaire against gunicorn on PostgreSQL.

For --seconds (60) --users (20) owners go through start, company, tasks, review and submit,
results and CSV export (locustfile.py) against gunicorn with several workers and production
settings (stack.py). Then check_data.py proves that every assessment a user saw reach its
results page is in the database, submitted, with all its tasks, and that none is half-saved.

Prints requests, failures, median and 95th percentile per page and writes them, with the
data check and the machine, to bench/results/load-latest.json (figures for
docs/reliability.md). Exits 1 when any request failed, no journey completed, or the data
check failed.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import stack

DEFAULT_USERS = 20
DEFAULT_SECONDS = 60


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=DEFAULT_USERS)
    parser.add_argument("--seconds", type=int, default=DEFAULT_SECONDS)
    return parser.parse_args()


def verdict(record, data):
    """The reasons the run failed; empty when it passed."""
    reasons = []
    if record["total"]["failures"]:
        reasons.append(f"{record['total']['failures']} requests failed: see failures")
    if not record["results_seen"]:
        reasons.append("no user reached a results page")
    if not data["ok"]:
        reasons.append("data check failed: see data")
    return reasons


def main():
    args = parse_args()
    load_before = stack.load_average()
    env = stack.server_env(stack.free_port())
    stack.prepare(env)
    with stack.serving(env) as (base_url, _):
        print(f"{args.users} owners for {args.seconds} s against {base_url} ...", flush=True)
        process, record_file = stack.start_locust(base_url, args.users, args.seconds)
        record = stack.finish_locust(process, record_file, args.seconds)
    data = stack.check_data(record_file, env)
    reasons = verdict(record, data)
    stack.print_pages(record)
    print(f"journeys completed: {len(record['results_seen'])}; data check: {data}")
    stack.save(
        "load",
        {
            "machine": stack.machine(),
            "load_average_before": load_before,
            "users": args.users,
            "seconds": args.seconds,
            "pages": record["pages"],
            "total": record["total"],
            "failures": record["failures"][:50],
            "journeys_completed": len(record["results_seen"]),
            "data": data,
            "passed": not reasons,
        },
    )
    if reasons:
        sys.exit("load test FAILED: " + "; ".join(reasons))
    print("load test passed: no failed request, nothing lost")


if __name__ == "__main__":
    main()
