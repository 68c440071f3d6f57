"""`make screenshots`: full-page PNGs of both owner journeys and the main admin pages at a
phone and a desktop width, and each page's full height, for review without a server.

A throwaway SQLite database in a temporary folder is migrated and served by
`manage.py runserver --noreload` on a free loopback port (DEBUG on, as `make run`, so the
static files need no collecting; rate limits off), with a consultant superuser. Chromium,
driven by Playwright's sync API, then at each width in WIDTHS:

A. a 12-person accounting firm types six tasks (bench/owner_tasks.py), reviews, submits
   and opens its results and one task's card;
B. the same firm uploads a 25-task CSV file, then the page the upload lands on, the tasks
   step, review and results;
C. a consultant signs in to the admin: index, service types, rate cards, assessments (a list
   and one change page each) and the catalog import page.

Writes build/screenshots/<width>/NN-name.png and build/screenshots/heights.md and .json.
Forms are filled by their fields' `name`s and sent with the page's own buttons (they carry
one-time keys and CSRF tokens), so the script keeps working while a page's layout changes:
a field inside a closed <details> is shown first by clicking its summary, as a person would.
It measures and records; it asserts nothing about the pages.
"""

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import owner_tasks  # noqa: E402

from tests.browser.conftest import LAUNCH_ARGS, find_chromium  # noqa: E402

OUTPUT = ROOT / "build" / "screenshots"
WIDTHS = {390: {"width": 390, "height": 844}, 1280: {"width": 1280, "height": 800}}
ADMIN = "/admin/"
USERNAME = "consultant"
STARTUP_SECONDS = 60
TIMEOUT_MS = 30_000
TOKEN = re.compile(r"/resume/([0-9a-f-]{36})/")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env, *arguments):
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, check=True)


@contextmanager
def server():
    """A migrated throwaway SQLite site on a free port; yields its base URL and password."""
    with tempfile.TemporaryDirectory(prefix="oa-screenshots-") as folder:
        password = secrets.token_urlsafe(18)
        env = os.environ | {
            "DATABASE_URL": f"sqlite:///{folder}/db.sqlite3",
            "DJANGO_DEBUG": "1",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_RATE_LIMIT_CREATE": "off",
            "DJANGO_RATE_LIMIT_UPLOAD": "off",
            "DJANGO_SUPERUSER_PASSWORD": password,
        }
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "createsuperuser", "--noinput", "--username", USERNAME, "--email", "")
        port = free_port()
        log = Path(folder) / "server.log"
        with log.open("w") as output:
            process = subprocess.Popen(
                [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        try:
            wait_for(port, process, log)
            yield f"http://127.0.0.1:{port}", password
        finally:
            process.terminate()
            process.wait(timeout=10)


def wait_for(port, process, log):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"the server exited with {process.returncode}:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"the server did not listen in {STARTUP_SECONDS} s:\n{log.read_text()}")


class Camera:
    """Numbered full-page screenshots of one width, and each page's full height."""

    def __init__(self, page, width):
        self.page, self.folder, self.heights = page, OUTPUT / str(width), {}
        self.folder.mkdir(parents=True, exist_ok=True)

    def shoot(self, name):
        self.page.wait_for_load_state("networkidle")
        step = f"{len(self.heights) + 1:02d}-{name}"
        self.page.screenshot(path=self.folder / f"{step}.png", full_page=True)
        self.heights[step] = self.page.evaluate("document.documentElement.scrollHeight")
        print(f"  {step}: {self.heights[step]} px", flush=True)


def submit(page, button):
    with page.expect_navigation():
        page.locator(button).first.click()


def reveal(target):
    """Opens the closed <details> around a field, outermost first, until it shows."""
    for _ in range(5):
        if target.is_visible():
            return
        summary = target.locator("xpath=ancestor::details[not(@open)][last()]/summary")
        if summary.count() == 0:
            return
        summary.first.click()


def fill(page, name, value):
    field = page.locator(f"[name='{name}']").first
    reveal(field)
    if field.evaluate("element => element.tagName") == "SELECT":
        field.select_option(value)
    else:
        field.fill(value)


def choose(page, name, value):
    """Ticks a radio button by clicking its label, or the button itself when it has none."""
    radio = page.locator(f"input[name='{name}'][value='{value}']").first
    label = page.locator(f"label[for='{radio.get_attribute('id')}']")
    target = label.first if label.count() else radio
    reveal(target)
    target.click()


def pick_service(page, name, label):
    field = page.locator(f"[name='{name}']").first
    reveal(field)
    if field.evaluate("element => element.tagName") == "SELECT":
        if label in field.locator("option").all_inner_texts():
            field.select_option(label=label)
    else:  # a text field with suggestions
        field.fill(label)


def start(page, base_url, camera=None):
    """The company step, from the landing page; returns the assessment's resume token."""
    page.goto(base_url + "/")
    if camera:
        camera.shoot("landing")
    with page.expect_navigation():
        page.locator("a[href$='/assessments/start/']:visible").first.click()
    if camera:
        camera.shoot("start")
    fill(page, "company_name", owner_tasks.COMPANY)
    fill(page, "size_band", owner_tasks.SIZE_BAND)
    fill(page, "country", owner_tasks.COUNTRY)
    industries = page.locator("select[name='industry'] option")
    for label in industries.all_inner_texts():
        if any(word in label.lower() for word in owner_tasks.INDUSTRY_WORDS):
            page.locator("select[name='industry']").select_option(label=label)
            break
    submit(page, "form:has([name='company_name']) [type='submit']")
    return TOKEN.search(page.url).group(1)


def type_task(page, index, task):
    name, service, cost, hours, ratings = task
    prefix = f"tasks-{index}-"
    if page.locator(f"[name='{prefix}name']").count() == 0:
        page.locator("button[name='action'][value='add']").first.click()
        page.locator(f"[name='{prefix}name']").wait_for(state="attached")
    fill(page, prefix + "name", name)
    if service:
        pick_service(page, prefix + "service_type", service)
    for field, rating in zip(owner_tasks.RATING_FIELDS, ratings, strict=True):
        choose(page, prefix + field, rating)
    fill(page, prefix + "monthly_cost", cost)
    fill(page, prefix + "hours_per_month", hours)


def review_and_results(page, base_url, token, camera, tasks):
    """From the tasks step: review, submit and the results page."""
    submit(page, "button[name='action'][value='review']")
    if "/review/" not in page.url:  # the tasks step refused: show why, then review anyway
        camera.shoot(f"tasks-{tasks}-refused")
        page.goto(f"{base_url}/assessments/resume/{token}/review/")
    camera.shoot(f"review-{tasks}")
    submit(page, "form[method='post'] button[type='submit']:has-text('Submit')")
    camera.shoot(f"results-{tasks}")


def typed_journey(page, base_url, camera):
    token = start(page, base_url, camera)
    camera.shoot("tasks-empty")
    for index, task in enumerate(owner_tasks.TYPED_TASKS):
        type_task(page, index, task)
    submit(page, "button[name='action'][value='save']")
    camera.shoot("tasks-6")
    review_and_results(page, base_url, token, camera, 6)
    card = page.locator("a[href$='/results/tasks/1/']")
    if card.count():
        with page.expect_navigation():
            card.first.click()
    else:
        page.goto(page.url.split("#")[0] + "tasks/1/")
    camera.shoot("task-card")


def upload_journey(page, base_url, camera):
    token = start(page, base_url)
    with page.expect_navigation():
        page.locator(f"a[href$='/resume/{token}/upload/']").first.click()
    camera.shoot("upload")
    page.locator("input[type='file']").set_input_files(
        {"name": "tasks.csv", "mimeType": "text/csv", "buffer": owner_tasks.upload_csv()}
    )
    submit(page, "form:has(input[type='file']) [type='submit']")
    camera.shoot("uploaded-25")
    page.goto(f"{base_url}/assessments/resume/{token}/tasks/")
    camera.shoot("tasks-25")
    review_and_results(page, base_url, token, camera, 25)


def open_first(page, base_url, model, camera, name):
    page.goto(f"{base_url}{ADMIN}{model}/")
    camera.shoot(f"admin-{name}-list")
    with page.expect_navigation():
        page.locator("#result_list tbody tr a").first.click()
    camera.shoot(f"admin-{name}-change")


def admin_pages(page, base_url, password, camera):
    page.goto(f"{base_url}{ADMIN}login/")
    camera.shoot("admin-login")
    fill(page, "username", USERNAME)
    fill(page, "password", password)
    submit(page, "#login-form [type='submit']")
    camera.shoot("admin-index")
    open_first(page, base_url, "catalog/servicetype", camera, "service-type")
    open_first(page, base_url, "catalog/ratecard", camera, "rate-card")
    open_first(page, base_url, "assessments/assessment", camera, "assessment")
    page.goto(f"{base_url}{ADMIN}catalog/servicetype/import/")
    camera.shoot("admin-catalog-import")


def photograph(browser, base_url, password, width):
    context = browser.new_context(viewport=WIDTHS[width])
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    camera = Camera(page, width)
    print(f"{width} px:", flush=True)
    typed_journey(page, base_url, camera)
    upload_journey(page, base_url, camera)
    admin_pages(page, base_url, password, camera)
    context.close()
    return camera.heights


def write_heights(heights):
    (OUTPUT / "heights.json").write_text(json.dumps(heights, indent=2) + "\n")
    widths = list(heights)
    lines = [
        "# Full page heights (px)",
        "",
        "| Step | " + " | ".join(f"{width} px" for width in widths) + " |",
        "|---|" + "---:|" * len(widths),
    ]
    steps = dict.fromkeys(step for width in widths for step in heights[width])
    for step in steps:
        row = [f"{heights[width][step]:,}" if step in heights[width] else "-" for width in widths]
        lines.append(f"| {step} | " + " | ".join(row) + " |")
    (OUTPUT / "heights.md").write_text("\n".join(lines) + "\n")


def main():
    executable = find_chromium()
    if executable is None:
        sys.exit("Chromium not found: run .ci/ensure-chromium or set CHROMIUM_PATH")
    shutil.rmtree(OUTPUT, ignore_errors=True)
    with server() as (base_url, password), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        heights = {str(w): photograph(browser, base_url, password, w) for w in WIDTHS}
        browser.close()
    write_heights(heights)
    print(f"Screenshots and heights in {OUTPUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
