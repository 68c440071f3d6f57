"""Starting a real server in tests: a free loopback port, and waiting until it listens."""

import socket
import time

import pytest

STARTUP_SECONDS = 30


def free_local_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process, log):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited with {process.returncode}:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"gunicorn did not listen on {port} in {STARTUP_SECONDS} s:\n{log.read_text()}")
