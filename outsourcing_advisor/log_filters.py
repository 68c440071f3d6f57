"""Keeps the private assessment tokens out of every log line.

Assessments are reached through URLs that carry secret UUIDs (`/assessments/resume/<uuid>/`,
`/assessments/<uuid>/results/`), and Django's request and server loggers, like gunicorn's
access log, write those URLs. `redact()` replaces any UUID in a text with `[redacted]`;
`RedactPrivateIds` applies it to a log record. Standard library only: gunicorn's config
imports this module before Django is set up, so it must not import Django.
"""

import logging
import re

REDACTED = "[redacted]"
# Any UUID, any version, either case. A hyphen may arrive percent-encoded in a raw URI.
_HEX = "[0-9a-f]"
_DASH = "(?:-|%2d)"
UUID_PATTERN = re.compile(
    _DASH.join(f"{_HEX}{{{count}}}" for count in (8, 4, 4, 4, 12)), re.IGNORECASE
)


def redact(text):
    """Returns `text` with every UUID replaced by `[redacted]`."""
    return UUID_PATTERN.sub(REDACTED, text)


class RedactPrivateIds(logging.Filter):
    """Rewrites a record so neither its message nor its arguments show a UUID.

    The message is rendered first (`msg % args`), so a token passed as an argument of any
    type (a path string, a `uuid.UUID`) is caught, then the record keeps the redacted text
    and no arguments; a traceback's text is redacted too. Attach it to handlers: a filter
    on a logger misses records that propagate from its children (`django.security.csrf`
    logs request paths too).
    """

    def filter(self, record):
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            # A malformed call: keep what can be kept, still without the tokens.
            message = " ".join(str(part) for part in (record.msg, record.args))
        record.msg = redact(message)
        record.args = ()
        if record.exc_info and not record.exc_text:
            # Formatters reuse a cached traceback text: cache a redacted one.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
