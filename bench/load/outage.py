"""A database outage for run_failure.py: stop and start the throwaway PostgreSQL of
.ci/with-postgres (PG_BINDIR, PG_DATADIR), and probe the site all along.

The cluster is stopped with `pg_ctl -m fast stop` (open connections are cut, as when a
server restarts or fails over) and started again with the options it was first started
with (its postmaster.opts). As root, pg_ctl runs as the cluster's owner, `postgres`, like
.ci/with-postgres does. Only ever used on that throwaway cluster.
"""

import os
import shlex
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg2
from stack import http_get

PROBE_PATHS = ("/readyz", "/healthz", "/assessments/start/")
PROBE_INTERVAL_SECONDS = 0.1
FRIENDLY_503_TEXT = "temporarily unavailable"


def data_dir():
    return Path(os.environ["PG_DATADIR"])


def pg_ctl(*args):
    command = [str(Path(os.environ["PG_BINDIR"]) / "pg_ctl"), "-D", str(data_dir()), *args]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=True, capture_output=True)


def stop_postgres():
    pg_ctl("-m", "fast", "stop")


def start_postgres():
    """Starts the cluster without waiting: wait_until_accepting says when it is ready."""
    log = data_dir().parent / "log"
    pg_ctl("-l", str(log), "-W", "start", "-o", start_options())


def start_options():
    """postmaster.opts holds the server's command line; all but the binary and -D DIR."""
    words = shlex.split((data_dir() / "postmaster.opts").read_text())[1:]
    if "-D" in words:
        index = words.index("-D")
        del words[index : index + 2]
    return shlex.join(words)


def wait_until_accepting(database_url, timeout_seconds=60):
    """The time at which PostgreSQL first accepted a connection."""
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        try:
            psycopg2.connect(database_url, connect_timeout=1).close()
            return time.time()
        except psycopg2.OperationalError:
            time.sleep(0.02)
    raise RuntimeError(f"PostgreSQL did not accept connections in {timeout_seconds} s")


@dataclass
class Probe:
    started: float
    ended: float
    path: str
    status: int
    friendly: bool  # a 503 with the friendly page, Retry-After and no traceback
    traceback: bool


class Prober(threading.Thread):
    """Asks PROBE_PATHS in turn every PROBE_INTERVAL_SECONDS until stopped."""

    def __init__(self, base_url):
        super().__init__(daemon=True)
        self.base_url = base_url
        self.probes = []
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            for path in PROBE_PATHS:
                self.probes.append(probe(self.base_url, path))
            self.stopping.wait(PROBE_INTERVAL_SECONDS)

    def stop(self):
        self.stopping.set()
        self.join()
        return self.probes


def probe(base_url, path):
    started = time.time()
    status, headers, text = http_get(base_url + path, timeout=10)
    friendly = (
        status == 503
        and FRIENDLY_503_TEXT in text
        and "Retry-After" in headers
        and "Traceback" not in text
    )
    return Probe(started, time.time(), path, status, friendly, "Traceback" in text)


def worker_pids(master_pid):
    """Gunicorn's workers (Linux): the same set before and after means none was replaced."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return sorted(int(pid) for pid in children.read_text().split())
