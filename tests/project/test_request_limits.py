"""Request bodies over the limit are refused from their headers, before anything reads them.

Through Django's test client first, with a body that fails the test if anything reads it,
then end to end on a real gunicorn (production settings, static files from the finders),
whose temporary directory is watched: a 1 GB declared upload must get its 413 at once and
leave nothing there, while a real 2 MiB task file still goes through.
"""

import os
import re
import socket
import subprocess
import sys
import time
import uuid
from contextlib import closing
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client

from assessments import task_file
from assessments.views.questionnaire import UPLOAD_BODY_ALLOWANCE
from tests.assessments.questionnaire_helpers import company_data, task_row, tasks_post
from tests.project.servers import free_local_port, wait_for_port

LIMIT = settings.REQUEST_BODY_MAX_BYTES
ONE_GIGABYTE = 1024**3
NGINX_RECIPE = settings.BASE_DIR / "docs" / "production" / "nginx.conf"
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "X-Frame-Options",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Resource-Policy",
)
DRAFT_PATH = re.compile(r"^/assessments/resume/([0-9a-f-]{36})/tasks/")
URLS = [
    "/",
    "/assessments/start/",
    "/catalog/",
    "/healthz",
    "/static/css/site.css",
    f"/{settings.ADMIN_PATH}login/",
    "/assessments/resume/0b6f1c2e-8d4a-4f3b-9a7c-5e2d1f0a9b8c/upload/",
    "/no-such-page/",
]


class UnreadableBody:
    """A request body that fails the test as soon as anything tries to read it."""

    def read(self, *args):
        raise AssertionError("the request body was read")

    readline = read


def declared_body(length, **extra):
    return {
        "CONTENT_LENGTH": str(length),
        "CONTENT_TYPE": "multipart/form-data; boundary=x",
        "wsgi.input": UnreadableBody(),
        **extra,
    }


# --- The middleware ---------------------------------------------------------------------
# No database mark: the refusal must not need the database either.


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("method", ["POST", "GET"])
def test_a_body_over_the_limit_is_refused_unread_on_every_url(method, url):
    response = Client().generic(method, url, **declared_body(LIMIT + 1))

    assert response.status_code == 413


def test_the_413_page_is_friendly_html_with_the_security_headers():
    response = Client().post("/assessments/start/", **declared_body(ONE_GIGABYTE))

    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "What you sent is too large" in page
    assert "at most 3 MiB in one go" in page
    assert 'href="/"' in page
    for header in SECURITY_HEADERS:
        assert response.has_header(header), header


def test_a_client_that_takes_no_html_gets_the_refusal_as_plain_text():
    response = Client().post(
        "/assessments/start/", HTTP_ACCEPT="application/json", **declared_body(ONE_GIGABYTE)
    )

    assert response.status_code == 413
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content == b"Request body too large: the limit is 3 MiB.\n"


def test_a_body_at_the_limit_goes_on_to_the_view():
    response = Client().get("/healthz", **declared_body(LIMIT))

    assert response.status_code == 200


@pytest.mark.parametrize("url", ["/assessments/start/", "/catalog/", "/healthz"])
def test_a_body_without_a_length_is_refused_with_411(url):
    response = Client().post(
        url,
        HTTP_TRANSFER_ENCODING="chunked",
        CONTENT_TYPE="application/x-www-form-urlencoded",
        **{"wsgi.input": UnreadableBody()},
    )

    assert response.status_code == 411
    assert b"Content-Length" in response.content


def longest_tasks_step_body():
    """The tasks step's POST for 1,000 saved tasks with every field at its longest, as a
    browser encodes it (a plain English description: punctuation is percent-encoded)."""
    sentence = "Keying supplier invoices, checking totals & VAT (20%) for the sales team. "
    description = (sentence * 20)[:1000]
    rows = [
        task_row(
            name=f"Invoice data entry for region {number}".ljust(120, "x"),
            description=description,
            monthly_cost="9999999.99",
            hours_per_month="199999.99",
            complexity="5",
            skill_level="5",
            service_type="123",
            DELETE="on",
        )
        for number in range(1000)
    ]
    data = tasks_post(rows) | {"csrfmiddlewaretoken": "x" * 64, "form_key": str(uuid.uuid4())}
    data["revision"] = "999999"
    data |= {f"tasks-{index}-id": str(100_000 + index) for index in range(1000)}
    return urlencode(data).encode()


def test_the_limit_is_above_every_legitimate_request():
    tasks_body = len(longest_tasks_step_body())

    assert LIMIT > task_file.MAX_FILE_BYTES + UPLOAD_BODY_ALLOWANCE
    # Django refuses form fields above its own cap; the limit must not be the tighter one.
    assert LIMIT >= settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert tasks_body < settings.DATA_UPLOAD_MAX_MEMORY_SIZE < LIMIT
    assert tasks_body > 1_500_000  # the measure above is the real worst case, not a stub


def test_the_nginx_recipe_limits_bodies_as_the_app_does():
    sizes = re.findall(r"^\s*client_max_body_size\s+(\d+)m;", NGINX_RECIPE.read_text(), re.M)

    assert [int(size) * 1024 * 1024 for size in sizes] == [LIMIT]


# --- On gunicorn ------------------------------------------------------------------------


class Gunicorn:
    def __init__(self, port, spool):
        self.port = port
        self.spool = spool  # gunicorn's TMPDIR: where Django would spool uploaded files

    def exchange(self, head, body=b"", timeout=10):
        """Sends `head` (the request line and headers) and `body`, which may be shorter
        than the length it declares; returns (status, headers, body, seconds)."""
        started = time.perf_counter()
        with closing(socket.create_connection(("127.0.0.1", self.port), timeout=timeout)) as sock:
            sock.sendall(head + b"\r\n" + body)
            response = read_response(sock)
        return (*response, time.perf_counter() - started)

    def request(self, method, path, body=b"", headers=None):
        lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        if body:
            lines.append(f"Content-Length: {len(body)}")
        return self.exchange(("\r\n".join(lines) + "\r\n").encode(), body)


def read_response(sock):
    """(status, headers, body) of the response on `sock`, read until the server closes."""
    received = b""
    while chunk := sock.recv(65536):
        received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), []).append(value.strip())
    return int(status_line.split()[1]), headers, body


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    """Production settings on gunicorn, a migrated SQLite file, its own empty TMPDIR."""
    work = tmp_path_factory.mktemp("request-limits")
    spool = work / "spool"
    spool.mkdir()
    port = free_local_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.project.gunicorn_settings",
        "DJANGO_SECRET_KEY": "request-limits-test-key",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "TMPDIR": str(spool),
        "PYTHONUNBUFFERED": "1",
    }
    for name in ("DJANGO_DEBUG", "DJANGO_SECURE_SSL", "DJANGO_LOG_LEVEL"):
        env.pop(name, None)
    python, root = Path(sys.executable), settings.BASE_DIR
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=root, env=env, check=True)
    command = [python.with_name("gunicorn"), "-c", "python:outsourcing_advisor.gunicorn_conf"]
    command += ["--no-control-socket", "outsourcing_advisor.wsgi"]
    log = work / "gunicorn.log"
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=output, stderr=output)
    try:
        wait_for_port(port, process, log)
        yield Gunicorn(port, spool)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class HiddenFields(HTMLParser):
    """The hidden inputs of a page's first form, as a browser sends them with it."""

    def __init__(self, page):
        super().__init__()
        self.fields, self.forms = {}, 0
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.forms += tag == "form"
        if tag == "input" and attrs.get("type") == "hidden" and self.forms == 1:
            self.fields[attrs["name"]] = attrs.get("value") or ""


def hidden_fields(page):
    return HiddenFields(page).fields


@pytest.fixture(scope="module")
def upload_path(gunicorn):
    """A new draft's upload page, made as a browser makes it (CSRF cookie and token)."""
    status, headers, page, _ = gunicorn.request("GET", "/assessments/start/")
    assert status == 200
    cookies = {}
    for value in headers.get("set-cookie", []):
        cookies |= {name: morsel.value for name, morsel in SimpleCookie(value).items()}
    fields = company_data() | hidden_fields(page.decode())
    status, headers, _, _ = gunicorn.request(
        "POST",
        "/assessments/start/",
        urlencode(fields).encode(),
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items()),
        },
    )
    assert status == 302, headers
    token = DRAFT_PATH.match(headers["location"][0])[1]
    return f"/assessments/resume/{token}/upload/", cookies


BOUNDARY = "b0undary"
FILE_PART = (
    f"--{BOUNDARY}\r\n"
    'Content-Disposition: form-data; name="file"; filename="tasks.csv"\r\n'
    "Content-Type: text/csv\r\n\r\n"
).encode()


def multipart(fields, content):
    """A task-file upload's body: the form's fields, then the file."""
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    return "".join(parts).encode() + FILE_PART + content + f"\r\n--{BOUNDARY}--\r\n".encode()


def upload_head(path, length, cookies=None):
    lines = [
        f"POST {path} HTTP/1.1",
        "Host: 127.0.0.1",
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}",
        f"Content-Length: {length}",
    ]
    if cookies:
        lines.append("Cookie: " + "; ".join(f"{name}={value}" for name, value in cookies.items()))
    return ("\r\n".join(lines) + "\r\n").encode()


@pytest.mark.gunicorn
@pytest.mark.parametrize("where", ["upload", "/assessments/start/", "/catalog/"])
def test_gunicorn_refuses_a_1_gb_upload_at_once_and_spools_nothing(gunicorn, upload_path, where):
    path, cookies = upload_path
    head = upload_head(path if where == "upload" else where, ONE_GIGABYTE, cookies)

    # The first MiB of the gigabyte. Without the limit, the CSRF check (which has its cookie
    # here) would spool it to a temporary file, then hold a worker waiting for the rest.
    first_mib = FILE_PART + b"name,complexity\r\n" + b"x" * (1024 * 1024)
    status, _, body, seconds = gunicorn.exchange(head, first_mib)

    assert status == 413
    assert seconds < 1
    assert b"What you sent is too large" in body
    assert list(gunicorn.spool.iterdir()) == []


@pytest.mark.gunicorn
def test_gunicorn_refuses_a_chunked_3_mib_body(gunicorn):
    chunk = b"x" * 65536
    body = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    head = (
        b"POST /assessments/start/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n"
    )

    # The first 64 KiB of 3 MiB: the answer comes before the rest is even sent.
    status, _, body, seconds = gunicorn.exchange(head, body)

    assert status == 411
    assert seconds < 1
    assert list(gunicorn.spool.iterdir()) == []


def task_file_of(size):
    """A valid task file of just under `size` bytes: 3-byte characters in long descriptions
    (1,000 characters, the most a description holds)."""
    header = "name,complexity,skill_level,monthly_cost,description\r\n"
    row = "Task {:04},2,2,100," + "業" * 1000 + "\r\n"
    rows = (size - len(header)) // len(row.format(0).encode())
    return (header + "".join(row.format(number) for number in range(rows))).encode()


def upload(gunicorn, upload_path, content):
    """Opens the upload page, then sends its form with `content` as the file."""
    path, cookies = upload_path
    cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
    status, _, page, _ = gunicorn.request("GET", path, headers={"Cookie": cookie})
    assert status == 200
    body = multipart(hidden_fields(page.decode()) | {"mode": "replace"}, content)
    return gunicorn.exchange(upload_head(path, len(body), cookies), body, timeout=60)


@pytest.mark.gunicorn
def test_a_2_mib_task_file_still_uploads_on_gunicorn(gunicorn, upload_path):
    content = task_file_of(task_file.MAX_FILE_BYTES)
    assert task_file.MAX_FILE_BYTES - 4096 < len(content) <= task_file.MAX_FILE_BYTES

    status, headers, _, _ = upload(gunicorn, upload_path, content)

    assert status == 302
    assert headers["location"][0].endswith("/tasks/?imported=1")  # the import's summary


@pytest.mark.gunicorn
def test_a_file_over_2_mib_under_the_limit_gets_the_upload_pages_own_message(gunicorn, upload_path):
    content = task_file_of(LIMIT - UPLOAD_BODY_ALLOWANCE)

    status, _, body, _ = upload(gunicorn, upload_path, content)

    assert status == 200
    assert "The file is larger than the 2 MiB limit." in body.decode()
