"""Real-browser tests: Playwright drives a Chromium installed on the machine.

`make test` installs Chromium when it can. Without one, these tests are skipped with a
reason locally and fail under CI (CI=true), so they are never skipped silently there.
Every test that loads a page asks for `console_errors` and ends with
`console_errors.assert_no_csp_violation()` and `assert console_errors == []`: no page it
visited broke the Content-Security-Policy or logged an error. A test that opens its own
browser context passes it to `console_errors.watch(context)`. `axe` audits a page's
accessibility.
"""

import os
import shutil

import pytest
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections

from tests.browser import axe_audit
from tests.browser.console_watch import ConsoleErrors

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


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Pages open asking for reduced motion, so Bootstrap draws a button's hover and checked
    colours at once instead of fading through in-between shades that axe could sample (a
    button just clicked under the pointer, measured mid-fade, fails its contrast check)."""
    return {**browser_context_args, "reduced_motion": "reduce"}


@pytest.fixture(scope="session", autouse=True)
def _serialized_default_content(request, django_db_setup, django_db_blocker):
    """Lets `django_db(serialized_rollback=True)` restore the migrations' content.

    Playwright's sync API marks an event loop as running in this thread, and from then on
    Django keeps database connections per context instead of per thread: the connection
    that serialized the test database at setup (when a test without a browser ran first)
    is no longer the one a browser test gets, and the content would silently not come
    back after a flush. Hand the content serialized at setup to the connection browser
    tests use, taken before Playwright starts (a transactional test run earlier may have
    flushed the database by now), and empty the tables: such a flush recreates content
    types and permissions under other keys, which the first restore would collide with.
    """
    contents = getattr(connections[DEFAULT_DB_ALIAS], "_test_serialized_contents", None)
    request.getfixturevalue("playwright")
    connection = connections[DEFAULT_DB_ALIAS]
    with django_db_blocker.unblock():
        if not hasattr(connection, "_test_serialized_contents"):
            if contents is None:
                contents = connection.creation.serialize_db_to_string()
            connection._test_serialized_contents = contents
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)


@pytest.fixture
def console_errors(context):
    """Console errors, uncaught errors and CSP violations of every page of the test's
    browser context (the one `page` belongs to); see tests/browser/console_watch.py."""
    errors = ConsoleErrors()
    errors.watch(context)
    return errors


# The owner's journeys are tested at a phone's width and at a desktop's.
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(params=[PHONE, DESKTOP], ids=["390px", "1280px"])
def at_both_widths(request, page):
    """Runs a test twice, its page at a phone's width and then at a desktop's; a module
    asks for it with `pytest.mark.usefixtures("at_both_widths")`."""
    page.set_viewport_size(request.param)
    return request.param


@pytest.fixture(scope="session")
def axe():
    """`axe(page, context=None)` runs axe-core on the page as it is now and returns its
    serious and critical violations; `assert axe(page) == []` prints a readable summary."""
    return axe_audit.Axe(axe_audit.axe_source())


def pytest_assertrepr_compare(op, left, right):
    if op == "==" and isinstance(left, axe_audit.Violations) and right == []:
        return left.summary()
    return None
