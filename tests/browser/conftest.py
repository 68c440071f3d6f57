"""Real-browser tests: Playwright drives a Chromium installed on the machine.

`make test` installs Chromium when it can. Without one, these tests are skipped with a
reason locally and fail under CI (CI=true), so they are never skipped silently there.
"""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# body are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def find_chromium():
    for candidate in (os.environ.get("CHROMIUM_PATH"), "chromium", "chromium-browser"):
        if candidate and (found := shutil.which(candidate)):
            return found
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = find_chromium()
    if executable is None:
        message = "Chromium not found: install it (apt-get install chromium) or set CHROMIUM_PATH"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": executable, "args": LAUNCH_ARGS}


@pytest.fixture
def console_errors(page):
    """Collects every console error and uncaught page error of the test's page."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors
