"""`make failtest`: PostgreSQL is stopped and started again while owners answer the questionnaire.

Timeline: the load of run_load.py starts (locustfile.py, --users owners for --seconds);
after --down-after seconds PostgreSQL is stopped (`pg_ctl -m fast stop`), stays down for
--down-for seconds, then is started again; gunicorn keeps running throughout. A prober asks
/readyz, /healthz and the start page every 0.1 s (outage.py).

The run passes when:
- while the database is down, /readyz answers 503, the start page the friendly 503 page
  (Retry-After, no traceback) and /healthz 200;
- no response anywhere is a 500, a traceback or no answer; the owners' only failures are the
  friendly 503, seen between the stop and RECOVERY_GOAL_SECONDS after the restart;
- RECOVERY_GOAL_SECONDS after PostgreSQL accepts connections again, /readyz and the start
  page answer 200 and keep doing so, with the same gunicorn workers;
- check_data.py: every results page seen is saved whole, no assessment is half-saved.

Prints the timeline and writes it to bench/results/failure-latest.json; exits 1 on failure.
"""

import argparse
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import outage
import stack

RECOVERY_GOAL_SECONDS = 5.0
ACCESS_LOG_STATUS = re.compile(r'HTTP/1\.[01]" (\d{3}) ')


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--down-after", type=float, default=20)
    parser.add_argument("--down-for", type=float, default=10)
    return parser.parse_args()


def run_outage(args, base_url, gunicorn):
    """Load, stop, restart; the moments of the outage, the probes and locust's record."""
    prober = outage.Prober(base_url)
    prober.start()
    locust, record_file = stack.start_locust(base_url, args.users, args.seconds)
    workers_before = outage.worker_pids(gunicorn.pid)
    time.sleep(args.down_after)
    moments = {"stop": time.time()}
    outage.stop_postgres()
    moments["stopped"] = time.time()
    print("PostgreSQL stopped", flush=True)
    time.sleep(args.down_for)
    moments["start"] = time.time()
    outage.start_postgres()
    moments["accepting"] = outage.wait_until_accepting(os.environ["DATABASE_URL"])
    print("PostgreSQL accepting connections again", flush=True)
    record = stack.finish_locust(locust, record_file, args.seconds)
    probes = prober.stop()
    replaced = sorted(set(workers_before) - set(outage.worker_pids(gunicorn.pid)))
    return moments, probes, record, record_file, replaced


def while_down(probes, moments):
    """Counts of the probes answered while the database was down, by path and status."""
    down = [p for p in probes if moments["stopped"] <= p.started and p.ended <= moments["start"]]
    counts = Counter(f"{p.path} {p.status}{' friendly' if p.friendly else ''}" for p in down)
    expected = {"/readyz": "/readyz 503", "/healthz": "/healthz 200"}
    wrong = [
        key
        for key in counts
        if key != expected.get(key.split()[0], "/assessments/start/ 503 friendly")
    ]
    return dict(sorted(counts.items())), wrong


def recovery(probes, moments, path):
    """Seconds from PostgreSQL accepting to the first 200 and to the last failure on `path`."""
    after = [p for p in probes if p.path == path and p.started >= moments["accepting"]]
    first_ok = next((p.ended for p in after if p.status == 200), None)
    last_bad = max((p.ended for p in after if p.status != 200), default=moments["accepting"])
    return {
        "first_200_after_seconds": round(first_ok - moments["accepting"], 2) if first_ok else None,
        "stable_after_seconds": round(last_bad - moments["accepting"], 2),
        "probes_after": len(after),
    }


def unexpected_owner_failures(record, moments):
    late = moments["accepting"] + RECOVERY_GOAL_SECONDS
    return [
        failure
        for failure in record["failures"]
        if failure["kind"] != "database-unavailable"
        or not moments["stop"] <= failure["time"] <= late
    ]


def access_log_statuses():
    text = (stack.WORK_DIR / "gunicorn.log").read_text(errors="replace")
    statuses = Counter(ACCESS_LOG_STATUS.findall(text))
    return dict(sorted(statuses.items())), text.count("Traceback")


def verdict(summary, data):
    """The reasons the run failed; empty when it passed."""
    reasons = []
    if summary["wrong_while_down"]:
        reasons.append(f"unexpected answers while down: {summary['wrong_while_down']}")
    bad = {s: n for s, n in summary["probe_statuses"].items() if s == "500" or s == "0"}
    if bad or summary["probe_tracebacks"]:
        reasons.append(f"probes saw 500s, tracebacks or no answer: {bad}")
    if summary["access_log_statuses"].get("500"):
        reasons.append(f"{summary['access_log_statuses']['500']} responses were 500")
    for path, seconds in summary["recovery"].items():
        if seconds["first_200_after_seconds"] is None:
            reasons.append(f"{path} never answered 200 again")
        elif seconds["stable_after_seconds"] > RECOVERY_GOAL_SECONDS:
            reasons.append(f"{path} recovered after {seconds['stable_after_seconds']} s")
    if summary["unexpected_owner_failures"]:
        reasons.append(f"{summary['unexpected_owner_failures']} unexpected owner failures")
    if summary["workers_replaced"]:
        reasons.append(f"gunicorn workers replaced: {summary['workers_replaced']}")
    if not data["ok"]:
        reasons.append("data check failed")
    return reasons


def summarise(moments, probes, record, replaced):
    statuses, server_tracebacks = access_log_statuses()
    counts_down, wrong = while_down(probes, moments)
    owner_503s = sum(f["kind"] == "database-unavailable" for f in record["failures"])
    unexpected = unexpected_owner_failures(record, moments)
    return {
        "downtime_seconds": round(moments["accepting"] - moments["stop"], 2),
        "stop_seconds": round(moments["stopped"] - moments["stop"], 2),
        "start_seconds": round(moments["accepting"] - moments["start"], 2),
        "probes_while_down": counts_down,
        "wrong_while_down": wrong,
        "probe_statuses": dict(Counter(str(p.status) for p in probes)),
        "probe_tracebacks": sum(p.traceback for p in probes),
        "recovery": {
            path: recovery(probes, moments, path) for path in ("/readyz", "/assessments/start/")
        },
        "owner_friendly_503s": owner_503s,
        "unexpected_owner_failures": len(unexpected),
        "unexpected_owner_failure_examples": unexpected[:20],
        "access_log_statuses": statuses,
        "server_log_tracebacks": server_tracebacks,
        "workers_replaced": replaced,
        "journeys_completed": len(record["results_seen"]),
        "pages": record["pages"],
        "total": record["total"],
    }


PRINTED = (
    "downtime_seconds",
    "probes_while_down",
    "recovery",
    "owner_friendly_503s",
    "access_log_statuses",
    "server_log_tracebacks",
    "journeys_completed",
)


def main():
    args = parse_args()
    load_before = stack.load_average()
    env = stack.server_env(stack.free_port())
    stack.prepare(env)
    with stack.serving(env) as (base_url, gunicorn):
        print(
            f"{args.users} owners for {args.seconds} s against {base_url}; PostgreSQL "
            f"stops after {args.down_after} s for {args.down_for} s ...",
            flush=True,
        )
        moments, probes, record, record_file, replaced = run_outage(args, base_url, gunicorn)
    data = stack.check_data(record_file, env)
    summary = summarise(moments, probes, record, replaced)
    reasons = verdict(summary, data)
    stack.print_pages(record)
    for key in PRINTED:
        print(f"{key}: {summary[key]}")
    print(f"data check: {data}")
    settings = {key: getattr(args, key) for key in ("users", "seconds", "down_after", "down_for")}
    stack.save(
        "failure",
        {
            "machine": stack.machine(),
            "load_average_before": load_before,
            **settings,
            **summary,
            "data": data,
            "passed": not reasons,
            "reasons": reasons,
        },
    )
    if reasons:
        sys.exit("failure test FAILED: " + "; ".join(reasons))
    print("failure test passed: friendly 503s while down, recovered in time, nothing half-saved")


if __name__ == "__main__":
    main()
