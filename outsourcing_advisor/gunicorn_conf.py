"""Gunicorn settings for production: `gunicorn -c python:outsourcing_advisor.gunicorn_conf
outsourcing_advisor.wsgi`.

Its main job is `RedactingLogger`: gunicorn's access log writes full URLs, referers and
redirect targets, and assessment URLs carry private tokens, so every UUID in the access
log's values (and in gunicorn's own error log) becomes `[redacted]`. The rest are defaults
read from the environment. Gunicorn imports this module before Django is set up: it must
not import Django or the settings.
"""

import os

from gunicorn.glogging import Logger

from outsourcing_advisor.log_filters import RedactPrivateIds, redact

MAX_DEFAULT_WORKERS = 8


class RedactingLogger(Logger):
    """Gunicorn's logger with every UUID redacted from access and error lines."""

    def setup(self, cfg):
        super().setup(cfg)
        # A logger-level filter: gunicorn's error log has no child loggers.
        self.error_log.addFilter(RedactPrivateIds())

    def atoms(self, resp, req, environ, request_time):
        # All text atoms, not only path (%(U)s), query (%(q)s), request line (%(r)s) and
        # referer (%(f)s): headers ({location}o), and environ ({raw_uri}e) carry URLs too.
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            name: redact(value) if isinstance(value, str) else value
            for name, value in atoms.items()
        }


def default_workers():
    """Two workers per core plus one, capped so many servers stay within the database's
    connection limit (see README, "Several app servers behind a proxy")."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(2 * (cores or 1) + 1, MAX_DEFAULT_WORKERS)


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", default_workers()))
logger_class = RedactingLogger
accesslog = "-"
errorlog = "-"
# forwarded_allow_ips is left to gunicorn, which reads FORWARDED_ALLOW_IPS (default: this
# machine only). Behind a proxy on another machine set it to that proxy's address, so gunicorn
# believes forwarding headers from the proxy alone; never "*" while clients can reach gunicorn
# directly. (Django reads X-Forwarded-Proto itself when DJANGO_SECURE_SSL=1.)
