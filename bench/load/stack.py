"""The system under load for run_load.py and run_failure.py, and what both report.

Run from `make loadtest` / `make failtest`, under .ci/with-postgres (DATABASE_URL, PG_BINDIR,
PG_DATADIR). The database is migrated and the static files collected into staticfiles/
(git-ignored; production's WhiteNoise manifest storage needs them). Gunicorn then serves
production settings (DEBUG off) with our config module and WORKERS workers; the rate limits
are off so that one load generator on one address is not throttled. Locust runs
locustfile.py headless in its own process. Logs and locust's record stay in build/load/ to
look at after a run. Nothing here imports Django: check_data.py runs in its own process.
"""

import json
import os
import platform
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

LOAD_DIR = Path(__file__).resolve().parent
ROOT = LOAD_DIR.parents[1]
WORK_DIR = ROOT / "build" / "load"
RESULTS_DIR = ROOT / "bench" / "results"
BIN = Path(sys.executable).parent
WORKERS = 4
STARTUP_SECONDS = 60
STOP_TIMEOUT_SECONDS = 10  # users finish the journey under way when the run ends


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(port, workers=WORKERS):
    """Production settings on 127.0.0.1:port; DJANGO_SECRET_KEY and DATABASE_URL inherited."""
    env = {key: value for key, value in os.environ.items() if key not in ("DJANGO_DEBUG",)}
    env.pop("DJANGO_SECURE_SSL", None)
    return env | {
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "DJANGO_RATE_LIMIT_CREATE": "off",
        "DJANGO_RATE_LIMIT_UPLOAD": "off",
        "PYTHONUNBUFFERED": "1",
    }


def prepare(env, postgres_only=True):
    """Migrate the throwaway database and collect the static files."""
    if postgres_only and not env.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("DATABASE_URL must point at PostgreSQL: run under .ci/with-postgres")
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput", "--clear"]):
        subprocess.run(
            [sys.executable, "manage.py", *command, "-v0"], cwd=ROOT, env=env, check=True
        )


@contextmanager
def serving(env, log_name="gunicorn.log"):
    """Gunicorn with our config module; yields (base URL, master process) once /readyz is 200."""
    base_url = f"http://{env['GUNICORN_BIND']}"
    command = [BIN / "gunicorn", "-c", "python:outsourcing_advisor.gunicorn_conf"]
    command += ["--no-control-socket", "outsourcing_advisor.wsgi"]
    with (WORK_DIR / log_name).open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        wait_until_ready(base_url, process, log_name)
        yield base_url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_ready(base_url, process, log_name="gunicorn.log"):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn exited with {process.returncode}: see {WORK_DIR / log_name}")
        if http_get(f"{base_url}/readyz", timeout=2)[0] == 200:
            return
        time.sleep(0.2)
    sys.exit(f"gunicorn was not ready in {STARTUP_SECONDS} s: see {WORK_DIR / log_name}")


def http_get(url, timeout=10):
    """(status, headers, text); status 0 when no HTTP answer came."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback)
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode(errors="replace")
    except OSError as error:
        return 0, {}, str(error)


def start_locust(base_url, users, seconds):
    """Locust in its own process; returns (process, record file)."""
    record_file = WORK_DIR / "locust-record.json"
    record_file.unlink(missing_ok=True)
    command = [BIN / "locust", "-f", LOAD_DIR / "locustfile.py", "--headless"]
    command += ["--users", str(users), "--spawn-rate", str(max(1, users // 4))]
    command += ["--run-time", f"{seconds}s", "--stop-timeout", f"{STOP_TIMEOUT_SECONDS}s"]
    # Our scripts judge the failures (the failure test expects some 503s), not locust.
    command += ["--host", base_url, "--exit-code-on-error", "0", "--only-summary"]
    env = os.environ | {"LOAD_RECORD_FILE": str(record_file)}
    with (WORK_DIR / "locust.log").open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    return process, record_file


def finish_locust(process, record_file, seconds):
    """Waits for locust to end; its record (pages, total, failures, results seen)."""
    process.wait(timeout=seconds + STOP_TIMEOUT_SECONDS + 60)
    if process.returncode != 0 or not record_file.exists():
        sys.exit(f"locust failed ({process.returncode}): see {WORK_DIR / 'locust.log'}")
    return json.loads(record_file.read_text(encoding="utf-8"))


def check_data(record_file, env):
    """check_data.py's report on the record's results; exits if it could not run."""
    command = [sys.executable, LOAD_DIR / "check_data.py", record_file]
    finished = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if finished.returncode not in (0, 1):
        sys.exit(f"check_data.py failed:\n{finished.stderr}")
    return json.loads(finished.stdout)


def machine():
    """What the figures were measured on."""
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "cpu_model": cpu_model(),
        "python": platform.python_version(),
        "postgresql": postgres_version(),
        "gunicorn_workers": WORKERS,
        "load_average_after": load_average(),
    }


def load_average():
    """1, 5 and 15 minute load averages: other work on the machine skews the figures."""
    return [round(value, 2) for value in os.getloadavg()]


def cpu_model():
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return platform.processor()
    names = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    return names[0] if names else platform.processor()


def postgres_version():
    postgres = Path(os.environ.get("PG_BINDIR", "")) / "postgres"
    if not postgres.exists():
        return None
    output = subprocess.run([postgres, "--version"], capture_output=True, text=True).stdout
    return output.split()[2] if output else None  # "postgres (PostgreSQL) 15.18 ..."


def print_pages(record):
    print(f"{'page':58} {'requests':>8} {'failures':>8} {'median':>7} {'p95':>7}")
    for row in [*record["pages"], record["total"]]:
        name = f"{row['method']} {row['page']}"
        print(
            f"{name:58} {row['requests']:>8} {row['failures']:>8} "
            f"{row['median_ms']:>5}ms {row['p95_ms']:>5}ms"
        )


def save(name, results):
    RESULTS_DIR.mkdir(exist_ok=True)
    output = RESULTS_DIR / f"{name}-latest.json"
    output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written: {output.relative_to(ROOT)}")
