"""Private assessment tokens (UUIDs in URLs) never reach a log line.

The filter is tested alone, then through the loggers as settings.LOGGING configures them,
then end to end: a real gunicorn with our config module serves private URLs and its access
and error logs are read back.
"""

import http.client
import io
import logging
import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

from outsourcing_advisor.log_filters import RedactPrivateIds, redact
from tests.project.servers import free_local_port, wait_for_port

TOKEN = "0b6f1c2e-8d4a-4f3b-9a7c-5e2d1f0a9b8c"


def filtered(msg, *args):
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, msg, args, None)
    assert RedactPrivateIds().filter(record) is True
    return record.getMessage()


def test_uuid_in_the_message_is_redacted():
    message = filtered(f"Not Found: /assessments/{TOKEN}/results/")
    assert message == "Not Found: /assessments/[redacted]/results/"


def test_uuid_in_the_arguments_is_redacted():
    message = filtered('"%s" %s %s', f"GET /assessments/resume/{TOKEN}/ HTTP/1.1", "200", 5)
    assert message == '"GET /assessments/resume/[redacted]/ HTTP/1.1" 200 5'


def test_uuid_object_argument_is_redacted():
    assert filtered("token %s", uuid.UUID(TOKEN)) == "token [redacted]"


@pytest.mark.parametrize("token", [TOKEN.upper(), TOKEN.lower(), TOKEN.replace("-", "%2D")])
def test_uuid_is_redacted_in_either_case_and_percent_encoded(token):
    assert filtered(f"/assessments/{token}/results/?next=/x") == (
        "/assessments/[redacted]/results/?next=/x"
    )


@pytest.mark.parametrize(
    "text",
    [
        '"GET /catalog/bookkeeping/?page=2 HTTP/1.1" 200 5120',
        "/static/css/site.3f2a9c1b7d4e.css",
        "0b6f1c2e8d4a4f3b9a7c5e2d1f0a9b8c",  # no hyphens: not a URL token here
        "0b6f1c2e-8d4a-4f3b-9a7c",  # too short
    ],
)
def test_text_without_a_uuid_is_untouched(text):
    assert filtered("%s", text) == text
    assert redact(text) == text


def test_traceback_text_is_redacted():
    try:
        raise LookupError(f"no assessment {TOKEN}")
    except LookupError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", (), sys.exc_info())
    RedactPrivateIds().filter(record)
    assert TOKEN not in logging.Formatter().format(record)
    assert "no assessment [redacted]" in record.exc_text


@contextmanager
def captured(logger_name):
    """Points every handler of ours that a record of `logger_name` reaches at one buffer."""
    ours = settings.LOGGING["handlers"]
    handlers, logger = [], logging.getLogger(logger_name)
    while logger:
        handlers += [handler for handler in logger.handlers if handler.name in ours]
        logger = logger.parent if logger.propagate else None
    assert handlers, f"no handler reached from {logger_name}"
    buffer = io.StringIO()
    previous = [handler.setStream(buffer) for handler in handlers]
    try:
        yield buffer
    finally:
        for handler, stream in zip(handlers, previous, strict=True):
            handler.setStream(stream)


@pytest.mark.parametrize("logger_name", ["django.request", "django.security.csrf"])
def test_django_request_loggers_write_no_token(logger_name):
    with captured(logger_name) as output:
        logging.getLogger(logger_name).warning("Not Found: %s", f"/assessments/{TOKEN}/results/")
    assert "Not Found: /assessments/[redacted]/results/" in output.getvalue()
    assert TOKEN not in output.getvalue()


def test_development_server_log_writes_no_token():
    request_line = f"GET /assessments/resume/{TOKEN}/review/ HTTP/1.1"
    with captured("django.server") as output:
        logging.getLogger("django.server").info(
            '"%s" %s %s', request_line, "200", "512", extra={"status_code": 200}
        )
    assert '"GET /assessments/resume/[redacted]/review/ HTTP/1.1" 200 512' in output.getvalue()
    assert TOKEN not in output.getvalue()


@contextmanager
def running_gunicorn(tmp_path, access_log_format):
    """Starts gunicorn with our config module on a migrated SQLite file; stops it on exit,
    so every log line is written when the block ends."""
    port = free_local_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.project.gunicorn_settings",
        "DJANGO_SECRET_KEY": "gunicorn-log-redaction-test-key",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "PYTHONUNBUFFERED": "1",
    }
    for name in ("DJANGO_DEBUG", "DJANGO_SECURE_SSL", "DJANGO_LOG_LEVEL"):
        env.pop(name, None)
    python, root = Path(sys.executable), settings.BASE_DIR
    subprocess.run(
        [python, "manage.py", "migrate", "--noinput", "-v0"], cwd=root, env=env, check=True
    )
    command = [python.with_name("gunicorn"), "-c", "python:outsourcing_advisor.gunicorn_conf"]
    # No control socket: one in the home directory would be shared with any other gunicorn.
    command += ["--no-control-socket", "--access-logformat", access_log_format]
    command.append("outsourcing_advisor.wsgi")
    stdout, stderr = tmp_path / "stdout.log", tmp_path / "stderr.log"
    with stdout.open("wb") as out, stderr.open("wb") as err:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=out, stderr=err)
    try:
        wait_for_port(port, process, stderr)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def get(port, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@pytest.mark.gunicorn
def test_gunicorn_access_and_error_logs_write_no_private_token(tmp_path):
    tokens = [str(uuid.uuid4()) for _ in range(3)]
    # Gunicorn's default format, plus the redirect target: every atom is redacted.
    log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" to=%({location}o)s'
    with running_gunicorn(tmp_path, log_format) as port:
        referer = f"http://127.0.0.1:{port}/assessments/resume/{tokens[0]}/review/"
        assert get(port, f"/healthz?from={tokens[1].upper()}", {"Referer": referer}) == 200
        assert get(port, f"/assessments/{tokens[1]}/results/") == 404
        assert get(port, f"/assessments/resume/{tokens[2]}/results") == 301

    access_log = (tmp_path / "stdout.log").read_text()
    error_log = (tmp_path / "stderr.log").read_text()
    assert '"GET /healthz?from=[redacted] HTTP/1.1" 200' in access_log
    assert f'"http://127.0.0.1:{port}/assessments/resume/[redacted]/review/"' in access_log
    assert '"GET /assessments/[redacted]/results/ HTTP/1.1" 404' in access_log
    assert '"GET /assessments/resume/[redacted]/results HTTP/1.1" 301' in access_log
    assert "to=/assessments/resume/[redacted]/results/" in access_log
    assert "Not Found: /assessments/[redacted]/results/" in error_log
    for token in tokens:
        assert token not in (access_log + error_log).lower()
