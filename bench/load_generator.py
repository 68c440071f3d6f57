"""Throughput and latency of one URL under a fixed load: wrk, or a Python fallback.

Every endpoint gets the same load: CONNECTIONS connections from THREADS threads, a short
warm-up whose figures are thrown away, then `seconds` of measurement. wrk reports through
wrk_report.lua (median and 95th percentile, which `wrk --latency` does not print). When wrk
is missing (.ci/ensure-wrk could not install it), http_client.python_load stands in and
every figure says so: its absolute figures are far lower, its ratios flatter.
"""

import json
import shutil
import subprocess
from pathlib import Path

from http_client import ACCEPT_ENCODING, python_load

CONNECTIONS = 8
THREADS = 2
WARM_UP_SECONDS = 1
REPORT_SCRIPT = Path(__file__).resolve().parent / "wrk_report.lua"
WRK_MARKER = "WRK_JSON "


def generator_name():
    return "wrk" if shutil.which("wrk") else "python (wrk missing)"


def measure(base_url, path, seconds, cookie=None, warm_up=True):
    """{"requests", "requests_per_second", "median_ms", "p95_ms", "errors"}, after a warm-up
    unless told the server is already warm."""
    if warm_up:
        warm(base_url, path, cookie)
    return runner()(base_url, path, seconds, cookie)


def warm(base_url, path, cookie=None):
    """WARM_UP_SECONDS of load whose figures are thrown away."""
    runner()(base_url, path, WARM_UP_SECONDS, cookie)


def runner():
    return run_wrk if shutil.which("wrk") else run_python


def run_wrk(base_url, path, seconds, cookie):
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "30s"]
    command += ["-s", str(REPORT_SCRIPT), "-H", f"Accept-Encoding: {ACCEPT_ENCODING}"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(base_url + path)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return wrk_figures(output)


def wrk_figures(output):
    """Our figures from wrk's output (the line wrk_report.lua writes)."""
    line = next(line for line in output.splitlines() if line.startswith(WRK_MARKER))
    raw = json.loads(line.removeprefix(WRK_MARKER))
    latency = raw["latency_us"]
    return {
        "requests": raw["requests"],
        "requests_per_second": raw["requests"] / (raw["duration_us"] / 1_000_000),
        "median_ms": latency["p50"] / 1000,
        "p95_ms": latency["p95"] / 1000,
        "errors": sum(raw["errors"].values()),
    }


def run_python(base_url, path, seconds, cookie):
    return python_load(base_url, path, seconds, CONNECTIONS, cookie)
