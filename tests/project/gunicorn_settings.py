"""Settings for the gunicorn that test_log_redaction starts: production's, except that static
files come from the finders, as everywhere in the suite, so pages render without a
`collectstatic` into the project tree."""

from outsourcing_advisor.settings import *  # noqa: F403
from outsourcing_advisor.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
