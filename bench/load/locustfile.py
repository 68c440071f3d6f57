"""Simulated business owners for `make loadtest` and `make failtest` (run by locust, headless).

Each owner runs the whole questionnaire the way a browser without JavaScript does: the start
page, the company form, a few task rows, review and submit, the results page and the CSV
export, plus one `/healthz` as the trivial baseline. Redirects are not followed, so every
page and every form post is measured on its own; tokens in URLs are named `[token]` so the
figures group by page.

Each response is checked (status, and the content that proves the step worked). A 503 that is
the friendly "database unavailable" page is counted apart from unexpected failures: the
failure test expects some while PostgreSQL is down. When the run stops, the figures, the
failures with their times, and (resume token, tasks posted) for every results page a user
saw are written to $LOAD_RECORD_FILE for run_load.py, run_failure.py and check_data.py.

Locust imports this in its own process (gevent); it must not import Django or the project.
"""

import contextlib
import csv
import io
import json
import os
import random
import re
import time
from urllib.parse import urlencode

from locust import FastHttpUser, between, events, task

THINK_SECONDS = (0.2, 0.8)  # between two pages of one journey
MAX_TASK_ROWS = 6
FRIENDLY_503_TEXT = "temporarily unavailable"
TOKEN_IN_PATH = re.compile(r"/assessments/resume/([0-9a-f-]{36})/")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PREFILL = re.compile(r'<script id="service-type-prefill" type="application/json">(.*?)</script>')
# Browsers post the forms of private pages (Referrer-Policy: same-origin) with this site's
# Origin, which Django's CSRF check compares with the Host.
FORM_TYPE = "application/x-www-form-urlencoded"

RESULTS_SEEN = []  # [resume token, tasks posted] per results page a user saw
FAILURES = []  # {"time", "page", "kind", "detail"}; kind: database-unavailable or unexpected


class JourneyStopped(Exception):
    """A step failed; the owner gives up this journey and starts a new one."""


def page_name(path):
    return TOKEN_IN_PATH.sub("/assessments/resume/[token]/", path.split("?")[0])


def company_form(csrf, company_name):
    return {
        "csrfmiddlewaretoken": csrf,
        "company_name": company_name,
        "industry": "",
        "size_band": random.choice(["1-9", "10-49", "50-249"]),
        "region": "United States",
        "priority_cost": str(random.randint(1, 5)),
        "priority_quality": str(random.randint(1, 5)),
        "priority_control": str(random.randint(1, 5)),
        "allow_onshore": "on",
        "allow_nearshore": "on",
        "allow_offshore": "on",
    }


def task_row(number, service_types):
    return {
        "name": f"Load task {number}",
        "service_type": random.choice(["", *service_types]),
        "complexity": str(random.randint(1, 5)),
        "skill_level": str(random.randint(1, 5)),
        "monthly_cost": f"{random.randint(200, 20000)}.00",
        "hours_per_month": str(random.randint(10, 160)),
        "strategic_importance": str(random.randint(1, 5)),
        "data_sensitivity": str(random.randint(1, 5)),
        "standardisation": str(random.randint(1, 5)),
        "description": "",
    }


def tasks_form(csrf, rows):
    data = {
        "csrfmiddlewaretoken": csrf,
        "tasks-TOTAL_FORMS": str(len(rows)),
        "tasks-INITIAL_FORMS": "0",
        "tasks-MIN_NUM_FORMS": "0",
        "tasks-MAX_NUM_FORMS": "1000",
        "action": "review",
    }
    for index, row in enumerate(rows):
        data.update({f"tasks-{index}-{key}": value for key, value in row.items()})
    return data


def csv_task_rows(text):
    return len(list(csv.reader(io.StringIO(text)))) - 1


class Owner(FastHttpUser):
    """A business owner who answers the questionnaire from start to results."""

    wait_time = between(0.5, 1.5)  # between two journeys

    @task
    def answer_the_questionnaire(self):
        with contextlib.suppress(JourneyStopped):
            self.journey()

    def journey(self):
        self.check("GET", "/healthz", 200, "ok")
        company = f"Load owner {random.randrange(10**9)}"
        page = self.check("GET", "/assessments/start/", 200, "csrfmiddlewaretoken")
        tasks_url = self.post("/assessments/start/", company_form(csrf(page), company), "/tasks/")
        token = TOKEN_IN_PATH.search(tasks_url).group(1)
        page = self.check("GET", tasks_url, 200, "tasks-TOTAL_FORMS")
        service_types = list(json.loads(PREFILL.search(page).group(1)))
        rows = [task_row(n, service_types) for n in range(1, random.randint(1, MAX_TASK_ROWS) + 1)]
        review_url = self.post(tasks_url, tasks_form(csrf(page), rows), "/review/")
        page = self.check("GET", review_url, 200, rows[-1]["name"])
        results_url = self.post(review_url, {"csrfmiddlewaretoken": csrf(page)}, "/results/")
        self.check("GET", results_url, 200, company)
        RESULTS_SEEN.append([token, len(rows)])
        export = self.check("GET", results_url.replace("results/", "results.csv"), 200, "name")
        if csv_task_rows(export) != len(rows):
            self.fail_journey(page_name(results_url), "unexpected", f"CSV rows: {export!r}")

    def post(self, path, data, next_step):
        """Posts a form; the answer must redirect to `next_step`, whose URL is returned."""
        self.think()
        body = urlencode(data)
        headers = {"Content-Type": FORM_TYPE, "Origin": self.host.rstrip("/")}
        return self.check("POST", path, 302, next_step, body=body, headers=headers)

    def check(self, method, path, status, expected="", body=None, headers=None):
        """One request; its text (or redirect target) when it is as expected."""
        if method == "GET":
            self.think()
        name = page_name(path)
        with self.client.request(
            method,
            path,
            name=name,
            data=body,
            headers=headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            problem = response_problem(response, status, expected)
            if problem is None:
                response.success()
                return response.headers.get("Location") if status == 302 else response.text
            response.failure(f"{problem[0]}: {problem[1]}")
        self.fail_journey(name, *problem)

    def fail_journey(self, page, kind, detail):
        FAILURES.append({"time": time.time(), "page": page, "kind": kind, "detail": detail})
        raise JourneyStopped

    def think(self):
        time.sleep(random.uniform(*THINK_SECONDS))


def csrf(page):
    return CSRF_FIELD.search(page).group(1)


def response_problem(response, status, expected):
    """None when the response is what the step expects; otherwise (kind, detail)."""
    text = response.text or ""
    if response.status_code == status and expected in (
        text if status != 302 else response.headers.get("Location", "")
    ):
        return None
    if response.status_code == 503 and is_friendly_503(response, text):
        return ("database-unavailable", "503 with the friendly page")
    if response.status_code == status:
        return ("unexpected", f"{status} without {expected!r}")
    error = getattr(response, "error", None)
    return ("unexpected", f"HTTP {response.status_code} {error or text[:200]!r}")


def is_friendly_503(response, text):
    return (
        FRIENDLY_503_TEXT in text
        and "Traceback" not in text
        and response.headers.get("Retry-After") is not None
    )


@events.test_stop.add_listener
def write_record(environment, **kwargs):
    """Figures per page, failures and results seen, for the scripts that read them."""
    record_file = os.environ.get("LOAD_RECORD_FILE")
    if not record_file:
        return
    stats = environment.stats
    record = {
        "pages": [figures(entry) for entry in stats.entries.values()],  # in journey order
        "total": figures(stats.total),
        "failures": FAILURES,
        "results_seen": RESULTS_SEEN,
    }
    with open(record_file, "w", encoding="utf-8") as output:
        json.dump(record, output, indent=2)


def figures(entry):
    return {
        "method": entry.method,
        "page": entry.name,
        "requests": entry.num_requests,
        "failures": entry.num_failures,
        "median_ms": entry.get_response_time_percentile(0.5),
        "p95_ms": entry.get_response_time_percentile(0.95),
        "max_ms": round(entry.max_response_time or 0),
        "requests_per_second": round(entry.total_rps, 1),
    }
