"""The production recipe, run on loopback ports: gunicorn with our config module on the
PostgreSQL that .ci/with-postgres started, behind nginx with docs/production/nginx.conf.

The site file is used as written, with its placeholders filled and its listen addresses
moved to free loopback ports; a minimal nginx.conf around it keeps nginx's pid, logs and
temporary files in a directory of its own, so nothing needs root but Debian's package.
As root, nginx's workers run as `nobody`, as Debian's run as www-data. Standard library
only: it never imports Django.
"""

import grp
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RECIPE = ROOT / "docs" / "production" / "nginx.conf"
LOG_COPIES = ROOT / "build" / "prodtest"
BIN = Path(sys.executable).parent
SERVER_NAME = "localhost"
APP_WORKERS = 4  # as in the finding this recipe answers: four sync workers
CREATE_LIMIT = "3/86400"  # low enough for a test to reach; a day, so no window ends mid-test
STARTUP_SECONDS = 60

MAIN_CONFIG = """\
{user}daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log info;
events {{ worker_connections 256; }}
http {{
    access_log {work}/nginx-access.log;
    client_body_temp_path {work}/nginx-body;
    proxy_temp_path {work}/nginx-proxy;
    fastcgi_temp_path {work}/nginx-fastcgi;
    uwsgi_temp_path {work}/nginx-uwsgi;
    scgi_temp_path {work}/nginx-scgi;
    include {work}/site.conf;
}}
"""


@dataclass
class Stack:
    work: Path
    app_port: int
    http_port: int
    https_port: int
    certificate: Path
    processes: list = field(default_factory=list)

    @property
    def host(self):
        return f"{SERVER_NAME}:{self.https_port}"

    def log(self, name):
        return (self.work / name).read_text(errors="replace")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def site_config(stack):
    """The recipe with its placeholders filled and its listen lines on loopback ports."""
    text = RECIPE.read_text()
    values = {
        "@SERVER_NAME@": SERVER_NAME,
        "@CERTIFICATE@": str(stack.certificate),
        "@CERTIFICATE_KEY@": str(stack.work / "key.pem"),
        "@APP_SERVER@": f"127.0.0.1:{stack.app_port}",
    }
    listens = {
        r"^(\s*)listen 80;$": rf"\1listen 127.0.0.1:{stack.http_port};",
        r"^(\s*)listen 443 ssl;$": rf"\1listen 127.0.0.1:{stack.https_port} ssl;",
        r"^\s*listen \[::\]:(80|443)( ssl)?;\n": "",
    }
    for placeholder, value in values.items():
        if placeholder not in text:
            raise AssertionError(f"{RECIPE} has no {placeholder}")
        text = text.replace(placeholder, value)
    for pattern, replacement in listens.items():
        text, count = re.subn(pattern, replacement, text, flags=re.M)
        if not count:
            raise AssertionError(f"{RECIPE}: no line matches {pattern!r}")
    directives = "\n".join(line.split("#")[0] for line in text.splitlines())
    if leftover := re.findall(r"@[A-Z_]+@", directives):
        raise AssertionError(f"{RECIPE}: placeholders not filled: {leftover}")
    return text


def nginx_binary():
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx",) if os.access(path, os.X_OK)), None
    )


def app_env(stack):
    """Production settings behind one proxy; DJANGO_SECRET_KEY and DATABASE_URL inherited."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_DEBUG"}
    return env | {
        "DJANGO_SETTINGS_MODULE": "outsourcing_advisor.settings",
        "DJANGO_SECURE_SSL": "1",
        "DJANGO_ALLOWED_HOSTS": SERVER_NAME,
        "DJANGO_TRUSTED_PROXY_COUNT": "1",
        "DJANGO_RATE_LIMIT_CREATE": CREATE_LIMIT,
        "GUNICORN_BIND": f"127.0.0.1:{stack.app_port}",
        "GUNICORN_WORKERS": str(APP_WORKERS),
        "PYTHONUNBUFFERED": "1",
    }


def make_certificate(work):
    """A self-signed certificate for localhost and 127.0.0.1, valid for a day."""
    command = ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]
    command += ["-nodes", "-days", "1", "-subj", f"/CN={SERVER_NAME}"]
    command += ["-addext", f"subjectAltName=DNS:{SERVER_NAME},IP:127.0.0.1"]
    command += ["-keyout", work / "key.pem", "-out", work / "certificate.pem"]
    subprocess.run(command, check=True, capture_output=True)
    return work / "certificate.pem"


def start(stack, command, env, stdout_name, stderr_name=None):
    """Starts `command`, its output in the work directory (stderr with stdout if unnamed)."""
    with (stack.work / stdout_name).open("wb") as out:
        err = (stack.work / stderr_name).open("wb") if stderr_name else subprocess.STDOUT
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=err)
        if stderr_name:
            err.close()
    stack.processes.append(process)
    return process


def wait_for(url_or_port, process, what, work):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}: see {work}")
        try:
            if isinstance(url_or_port, int):
                socket.create_connection(("127.0.0.1", url_or_port), timeout=1).close()
                return
            # Loopback http:// only, written above; never a URL from outside.
            probe = urllib.request.Request(url_or_port, headers={"Host": SERVER_NAME})  # noqa: S310
            with urllib.request.urlopen(probe, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} was not ready in {STARTUP_SECONDS} s: see {work}")


def nginx_user_line():
    """As root, nginx's workers drop to nobody; otherwise they run as the current user."""
    if os.geteuid() != 0:
        return ""
    nobody = pwd.getpwnam("nobody")
    return f"user nobody {grp.getgrgid(nobody.pw_gid).gr_name};\n"


def start_stack():
    """Migrate, collect static files, start gunicorn then nginx; returns the Stack. If any
    of it fails, whatever was started is stopped again."""
    work = Path(tempfile.mkdtemp(prefix="oa-prodtest-"))
    work.chmod(0o755)  # nginx's workers (nobody) write request bodies under it
    stack = Stack(work, free_port(), free_port(), free_port(), make_certificate(work))
    try:
        serve(stack)
    except BaseException:
        stop_stack(stack)
        raise
    return stack


def serve(stack):
    work, env = stack.work, app_env(stack)
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        manage = [sys.executable, "manage.py", *command, "-v0"]
        subprocess.run(manage, cwd=ROOT, env=env, check=True)
    gunicorn = [BIN / "gunicorn", "-c", "python:outsourcing_advisor.gunicorn_conf"]
    gunicorn += ["--no-control-socket", "outsourcing_advisor.wsgi"]
    # Our config module writes the access log to stdout, the error log to stderr.
    app = start(stack, gunicorn, env, "gunicorn-access.log", "gunicorn-error.log")
    wait_for(f"http://127.0.0.1:{stack.app_port}/readyz", app, "gunicorn", work)

    (work / "site.conf").write_text(site_config(stack))
    main = work / "nginx.conf"
    main.write_text(MAIN_CONFIG.format(user=nginx_user_line(), work=work))
    nginx = [nginx_binary(), "-p", f"{work}/", "-c", main, "-e", work / "nginx-error.log"]
    subprocess.run([*nginx, "-t", "-q"], check=True, capture_output=True)
    proxy = start(stack, nginx, os.environ, "nginx-console.log")
    wait_for(stack.https_port, proxy, "nginx", work)


def stop_stack(stack):
    """Stops nginx, then gunicorn; keeps their logs in build/prodtest/."""
    for process in reversed(stack.processes):
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    LOG_COPIES.mkdir(parents=True, exist_ok=True)
    for log in stack.work.glob("*.log"):
        shutil.copy(log, LOG_COPIES / log.name)
    for config in stack.work.glob("*.conf"):
        shutil.copy(config, LOG_COPIES / config.name)
    shutil.rmtree(stack.work, ignore_errors=True)
