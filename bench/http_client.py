"""A small HTTP client for the web benchmark: timed single requests, forms, and a fallback
load generator for machines without wrk.

Standard library only; never imports Django. Redirects are not followed, so every request
is timed on its own (a form post is its 302, not the page after it). One connection per
request, as gunicorn's sync workers close the connection after each response anyway.
"""

import http.client
import re
import statistics
import threading
import time
import uuid
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TIMEOUT_SECONDS = 60

# What every browser sends: pages kept compressed are served compressed, as to a visitor.
ACCEPT_ENCODING = "gzip, deflate, br"


class Response:
    def __init__(self, status, headers, body, seconds):
        self.status = status
        self.headers = headers
        self.body = body
        self.seconds = seconds

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self):
        return self.headers.get("location", "")


class Browser:
    """Keeps cookies like a browser (one site, no expiry), sends no Referer."""

    def __init__(self, base_url):
        self.base = urlsplit(base_url)
        self.cookies = {}

    def cookie_header(self):
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = self.cookie_header()
        connection = http.client.HTTPConnection(
            self.base.hostname, self.base.port, timeout=TIMEOUT_SECONDS
        )
        try:
            started = time.perf_counter()
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            seconds = time.perf_counter() - started
        finally:
            connection.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(value).items():
                self.cookies[name] = morsel.value
        headers = {name.lower(): value for name, value in response.getheaders()}
        return Response(response.status, headers, content, seconds)

    def get(self, path):
        return self.request("GET", path)

    def post_form(self, path, fields):
        body = urlencode(fields).encode()
        return self.request(
            "POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"}
        )

    def post_multipart(self, path, fields, files):
        """`files`: {field: (filename, bytes, content type)}."""
        boundary = uuid.uuid4().hex
        body = multipart_body(boundary, fields, files)
        content_type = f"multipart/form-data; boundary={boundary}"
        return self.request("POST", path, body, {"Content-Type": content_type})


def multipart_body(boundary, fields, files):
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    for name, (filename, content, content_type) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts)


def form_fields(page):
    """The hidden fields a questionnaire page gives its form, CSRF token included: the
    one-time form key and the draft's revision (assessments.once)."""
    fields = {"csrfmiddlewaretoken": csrf_token(page)}
    for name in ("form_key", "revision"):
        match = re.search(rf'name="{name}" value="([^"]+)"', page.text)
        if match:
            fields[name] = match.group(1)
    return fields


def csrf_token(page):
    match = CSRF_FIELD.search(page.text)
    if match is None:
        raise RuntimeError("no CSRF token on the page")
    return match.group(1)


def python_load(base_url, path, seconds, connections, cookie=None):
    """wrk's figures, from `connections` threads each sending requests back to back.

    Much slower than wrk (the GIL and Python's HTTP stack): a fallback only.
    """
    latencies, failures = [], []
    deadline = time.perf_counter() + seconds
    headers = {"Accept-Encoding": ACCEPT_ENCODING} | ({"Cookie": cookie} if cookie else {})

    def worker():
        browser = Browser(base_url)
        while time.perf_counter() < deadline:
            try:
                response = browser.request("GET", path, headers=headers)
            except OSError:
                failures.append(1)
                continue
            latencies.append(response.seconds)
            if response.status >= 400:
                failures.append(1)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return load_figures(latencies, len(failures), elapsed)


def load_figures(latencies, failures, elapsed):
    ordered = sorted(latencies) or [0.0]
    return {
        "requests": len(latencies),
        "requests_per_second": len(latencies) / elapsed,
        "median_ms": statistics.median(ordered) * 1000,
        "p95_ms": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000,
        "errors": failures,
    }
