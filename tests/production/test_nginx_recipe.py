"""The deployment README.md describes, measured: clients reach the app only through nginx
(docs/production/nginx.conf) over TLS, as a browser would, and the figures are printed.

- Slow request bodies wait in nginx, so /healthz stays quick; the same clients sent
  straight to gunicorn hold all its sync workers (the last test, which shows the first
  one's figure is the proxy's doing).
- A body over the limit is refused by nginx from its headers, before gunicorn sees it.
- The app's security headers and compressed pages come through; forms pass the CSRF check
  with the proxy's Host and X-Forwarded-Proto; the rate limits count the client nginx saw,
  never an X-Forwarded-For the client wrote.
"""

import gzip
import http.client
import re
import socket
import ssl
import statistics
import threading
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from tests.assessments.questionnaire_helpers import company_data
from tests.production.stack import SERVER_NAME
from tests.project.test_request_limits import BOUNDARY, hidden_fields, multipart, task_file_of

pytestmark = pytest.mark.prodtest

SLOW_CLIENTS = 8
SLOW_BYTE_SECONDS = 2
PROBE_SECONDS = 12
PROBE_INTERVAL_SECONDS = 0.2
DIRECT_PROBE_TIMEOUT_SECONDS = 3
ONE_GIGABYTE = 1024**3
CSRF_SECRET = "a" * 32  # any well-formed secret makes Django's CSRF check read the body
CSS_LINK = re.compile(r'href="(/static/[^"]+\.css)"')
DRAFT_TASKS = re.compile(r"^/assessments/resume/[0-9a-f-]{36}/tasks/$")
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Strict-Transport-Security": "max-age=",
}


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    seconds: float

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def cookies(self):
        jar = SimpleCookie()
        for value in self.headers.get_all("Set-Cookie") or []:
            jar.load(value)
        return {name: morsel.value for name, morsel in jar.items()}


def request(stack, method, path, body=None, headers=None, *, scheme="https", source="127.0.0.1"):
    """One request on a connection of its own, through nginx (HTTPS unless `scheme`)."""
    port = stack.https_port if scheme == "https" else stack.http_port
    options = {"timeout": 30, "source_address": (source, 0)}
    if scheme == "https":
        context = ssl.create_default_context(cafile=stack.certificate)
        connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, **options)
    else:
        connection = http.client.HTTPConnection("127.0.0.1", port, **options)
    try:
        started = time.perf_counter()
        connection.request(method, path, body, {"Host": f"localhost:{port}", **(headers or {})})
        response = connection.getresponse()
        content = response.read()
        return Response(response.status, response.headers, content, time.perf_counter() - started)
    finally:
        connection.close()


def form_headers(stack, cookies, content_type="application/x-www-form-urlencoded"):
    origin = f"https://{stack.host}"
    return {
        "Content-Type": content_type,
        "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items()),
        "Origin": origin,
        "Referer": f"{origin}/assessments/start/",
    }


def new_draft(stack, source="127.0.0.1", forwarded_for=None, chunked=False):
    """Saves the company step as a browser does: the page first, then the form (sent
    without a length, in chunks, when `chunked`)."""
    page = request(stack, "GET", "/assessments/start/", source=source)
    cookies = page.cookies()
    fields = company_data() | hidden_fields(page.text)
    headers = form_headers(stack, cookies)
    if forwarded_for:
        headers["X-Forwarded-For"] = forwarded_for
    body = urlencode(fields).encode()
    if chunked:
        body = iter([body[:100], body[100:]])  # http.client sends an iterable in chunks
    return request(stack, "POST", "/assessments/start/", body, headers, source=source), cookies


def open_tls(stack):
    sock = socket.create_connection(("127.0.0.1", stack.https_port), timeout=30)
    context = ssl.create_default_context(cafile=stack.certificate)
    return context.wrap_socket(sock, server_hostname="127.0.0.1")


def status_of(sock):
    """The status code of the response on `sock`, read as soon as its first line is in."""
    received = b""
    while b"\r\n" not in received:
        chunk = sock.recv(4096)
        if not chunk:
            raise AssertionError(f"connection closed after {received!r}")
        received += chunk
    return int(received.split()[1])


def app_log_mentions(stack, marker):
    time.sleep(0.5)  # a request that did reach gunicorn is logged once answered
    return marker in stack.log("gunicorn-access.log")


# --- Slow clients ------------------------------------------------------------------------


def slow_form_head(host):
    """A form post whose 1,000-byte body will come one byte every SLOW_BYTE_SECONDS."""
    return (
        f"POST /assessments/start/?probe=slow-body HTTP/1.1\r\nHost: {host}\r\n"
        f"Origin: https://{host}\r\nX-Forwarded-Proto: https\r\n"
        f"Cookie: __Host-csrftoken={CSRF_SECRET}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n"
    ).encode()


def send_slowly(sockets, head, stop):
    def run(sock):
        try:
            sock.sendall(head)
            while True:
                sock.sendall(b"x")
                if stop.wait(SLOW_BYTE_SECONDS):
                    return
        except OSError:
            return

    threads = [threading.Thread(target=run, args=(sock,), daemon=True) for sock in sockets]
    for thread in threads:
        thread.start()
    return threads


def stop_slow_clients(sockets, threads, stop):
    stop.set()
    for thread in threads:
        thread.join(timeout=SLOW_BYTE_SECONDS + 5)
    for sock in sockets:
        sock.close()


def test_slow_bodies_do_not_delay_healthz_through_the_proxy(stack, figures):
    stop = threading.Event()
    sockets = [open_tls(stack) for _ in range(SLOW_CLIENTS)]
    threads = send_slowly(sockets, slow_form_head(stack.host), stop)
    try:
        time.sleep(SLOW_BYTE_SECONDS)  # every slow client has sent its headers and a byte
        latencies, statuses = [], set()
        deadline = time.monotonic() + PROBE_SECONDS
        while time.monotonic() < deadline:
            probe = request(stack, "GET", "/healthz")
            latencies.append(probe.seconds)
            statuses.add(probe.status)
            time.sleep(PROBE_INTERVAL_SECONDS)
    finally:
        stop_slow_clients(sockets, threads, stop)

    figures["slow bodies through nginx"] = (
        f"{SLOW_CLIENTS} clients at 1 byte/{SLOW_BYTE_SECONDS} s; /healthz over "
        f"{PROBE_SECONDS} s: {len(latencies)} probes, median "
        f"{statistics.median(latencies) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms"
    )
    assert statuses == {200}
    assert max(latencies) < 1
    assert not app_log_mentions(stack, "probe=slow-body")  # the bodies never reached gunicorn


# --- Bodies over the limit ---------------------------------------------------------------


def test_a_1_gb_body_is_refused_by_the_proxy_before_the_app(stack, figures):
    head = (
        f"POST /assessments/start/?probe=one-gigabyte HTTP/1.1\r\nHost: {stack.host}\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        f"Content-Length: {ONE_GIGABYTE}\r\nConnection: close\r\n\r\n"
    ).encode()
    with open_tls(stack) as sock:
        started = time.perf_counter()
        sock.sendall(head + b"x" * 1024)
        status = status_of(sock)
        seconds = time.perf_counter() - started

    figures["1 GB Content-Length through nginx"] = (
        f"{status} after {seconds * 1000:.1f} ms; in gunicorn's access log: "
        f"{'yes' if app_log_mentions(stack, 'probe=one-gigabyte') else 'nothing'}"
    )
    assert status == 413
    assert seconds < 0.5
    assert not app_log_mentions(stack, "probe=one-gigabyte")


def test_a_chunked_body_over_the_limit_is_refused_by_the_proxy(stack):
    head = (
        f"POST /assessments/start/?probe=chunked HTTP/1.1\r\nHost: {stack.host}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    chunk = b"x" * 65536
    with open_tls(stack) as sock:
        sock.sendall(head)
        try:
            for _ in range(64):  # 4 MiB, no length given in advance
                sock.sendall(b"10000\r\n" + chunk + b"\r\n")
            sock.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # nginx may stop reading once it has answered
        status = status_of(sock)

    assert status == 413
    assert not app_log_mentions(stack, "probe=chunked")


# --- What comes through -----------------------------------------------------------------


def test_the_app_security_headers_come_through_the_proxy(stack, figures):
    response = request(stack, "GET", "/", headers={"Accept": "text/html"})

    assert response.status == 200
    for name, expected in SECURITY_HEADERS.items():
        assert expected in (response.headers.get(name) or ""), name
    assert response.headers["Server"] == "nginx"  # no version
    figures["security headers on / through nginx"] = "; ".join(
        f"{name}: {response.headers[name]}" for name in SECURITY_HEADERS
    )


def compressed_by_the_app(stack, path):
    """Whether gunicorn itself answers `path` gzip-compressed (Django's GZipMiddleware)."""
    connection = http.client.HTTPConnection("127.0.0.1", stack.app_port, timeout=30)
    headers = {"Host": SERVER_NAME, "X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.headers["Content-Encoding"] == "gzip"
    finally:
        connection.close()


def test_pages_and_static_files_come_back_compressed_once(stack, figures):
    plain = request(stack, "GET", "/")
    page = request(stack, "GET", "/", headers={"Accept-Encoding": "gzip"})
    stylesheet = CSS_LINK.search(plain.text)[1]
    css = request(stack, "GET", stylesheet, headers={"Accept-Encoding": "gzip"})

    assert page.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in page.headers["Vary"]
    assert gzip.decompress(page.body).lstrip().lower().startswith(b"<!doctype html")
    assert css.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(css.body).decode()  # one layer of gzip, then the text
    by = "the app" if compressed_by_the_app(stack, "/") else "nginx"
    figures["compression through nginx"] = (
        f"/ {len(plain.body)} bytes, gzip {len(page.body)} (compressed by {by}); "
        f"{stylesheet.split('/')[-1]} {len(gzip.decompress(css.body))} bytes, "
        f"gzip {len(css.body)} (WhiteNoise's file)"
    )


def test_form_posts_pass_csrf_and_count_the_client_nginx_saw(stack):
    # The create limit is 3 a window (tests.production.stack.CREATE_LIMIT); each post claims
    # another X-Forwarded-For, which must not make it another client.
    answers = [
        new_draft(stack, source="127.0.0.2", forwarded_for=f"203.0.113.{n}")[0].status
        for n in range(1, 5)
    ]
    another_client, _ = new_draft(stack, source="127.0.0.3", forwarded_for="203.0.113.1")

    assert answers == [302, 302, 302, 429]
    assert another_client.status == 302
    assert DRAFT_TASKS.match(another_client.headers["Location"])


def test_a_chunked_form_post_reaches_the_app_with_a_length(stack):
    # The app refuses bodies without a Content-Length (411); nginx reads a chunked one whole
    # and passes it on with its length.
    created, _ = new_draft(stack, chunked=True)

    assert created.status == 302
    assert DRAFT_TASKS.match(created.headers["Location"])


def test_a_2_mib_task_file_uploads_through_the_proxy(stack, figures):
    created, cookies = new_draft(stack)
    upload_path = created.headers["Location"].replace("/tasks/", "/upload/")
    headers = form_headers(stack, cookies, f"multipart/form-data; boundary={BOUNDARY}")
    page = request(stack, "GET", upload_path, headers={"Cookie": headers["Cookie"]})
    fields = hidden_fields(page.text) | {"mode": "replace"}
    body = multipart(fields, task_file_of(2 * 1024**2))

    response = request(stack, "POST", upload_path, body, headers)

    assert response.status == 302
    assert response.headers["Location"].endswith("/tasks/?imported=1")  # the import's summary
    figures["2 MiB task file through nginx"] = (
        f"{len(body)} bytes posted: {response.status} in {response.seconds:.2f} s"
    )


def test_plain_http_redirects_pages_to_https_and_answers_probes(stack):
    page = request(stack, "GET", "/catalog/", scheme="http")
    probe = request(stack, "GET", "/healthz", scheme="http")

    assert page.status == 301
    assert page.headers["Location"].startswith("https://localhost")
    assert (probe.status, probe.body.strip()) == (200, b"ok")


# --- Without the proxy -------------------------------------------------------------------


def test_the_same_slow_bodies_sent_straight_to_gunicorn_hold_every_worker(stack, figures):
    host = f"localhost:{stack.app_port}"
    stop = threading.Event()
    sockets = [
        socket.create_connection(("127.0.0.1", stack.app_port), timeout=30)
        for _ in range(SLOW_CLIENTS)
    ]
    threads = send_slowly(sockets, slow_form_head(host), stop)
    try:
        time.sleep(SLOW_BYTE_SECONDS)
        connection = http.client.HTTPConnection(
            "127.0.0.1", stack.app_port, timeout=DIRECT_PROBE_TIMEOUT_SECONDS
        )
        try:
            connection.request("GET", "/healthz", headers={"Host": host})
            answered = connection.getresponse().status
        except TimeoutError:
            answered = None
        finally:
            connection.close()
    finally:
        stop_slow_clients(sockets, threads, stop)

    figures["the same slow bodies straight to gunicorn"] = (
        f"/healthz: {'no answer' if answered is None else answered} "
        f"within {DIRECT_PROBE_TIMEOUT_SECONDS} s"
    )
    assert answered is None
