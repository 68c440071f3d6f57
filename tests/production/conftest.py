"""The production recipe's tests run only when asked for: `make prodtest`, which runs
`pytest -m prodtest tests/production` under .ci/with-postgres once .ci/ensure-nginx has
found or installed nginx. In any other run they are skipped, saying so.

The figures the tests measure are printed at the end of the run.
"""

import os
import subprocess

import pytest

from tests.production import stack as recipe

FIGURES = {}


def pytest_collection_modifyitems(config, items):
    if "prodtest" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="the production recipe runs with `make prodtest`")
    for item in items:
        if "prodtest" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    if not FIGURES:
        return
    terminalreporter.section("production recipe: figures")
    for name, value in FIGURES.items():
        terminalreporter.write_line(f"{name}: {value}")


@pytest.fixture(scope="session")
def figures():
    return FIGURES


@pytest.fixture(scope="session")
def stack():
    """PostgreSQL (from .ci/with-postgres), gunicorn and nginx, all stopped at the end."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.fail("DATABASE_URL must point at PostgreSQL: run `make prodtest`")
    if recipe.nginx_binary() is None:
        pytest.fail("nginx was not found: `make prodtest` installs it (.ci/ensure-nginx)")
    running = recipe.start_stack()
    FIGURES["versions"] = versions(running)
    try:
        yield running
    finally:
        recipe.stop_stack(running)


def versions(running):
    nginx = subprocess.run([recipe.nginx_binary(), "-v"], capture_output=True, text=True)
    gunicorn = running.log("gunicorn-error.log").split("Starting gunicorn ", 1)[-1].split()[0]
    return (
        f"{nginx.stderr.strip().removeprefix('nginx version: ')}, gunicorn {gunicorn} "
        f"with {recipe.APP_WORKERS} sync workers, PostgreSQL on {os.environ.get('PGPORT')}"
    )
