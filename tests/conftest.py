"""Fixtures shared by the whole suite, and its hypothesis profiles.

HYPOTHESIS_PROFILE=fuzz (`make fuzz`) runs the fuzz tests in tests/fuzz with ten times the
examples of `make test`. Examples that failed once are kept in .hypothesis/ and tried first.
"""

import os
from pathlib import Path

import hypothesis
import pytest
from hypothesis.database import DirectoryBasedExampleDatabase

HYPOTHESIS_DATABASE = Path(__file__).resolve().parent.parent / ".hypothesis" / "examples"

hypothesis.settings.register_profile(
    "default",
    database=DirectoryBasedExampleDatabase(HYPOTHESIS_DATABASE),
    print_blob=True,  # a failure prints the @reproduce_failure line that replays it
)
hypothesis.settings.register_profile(
    "fuzz", parent=hypothesis.settings.get_profile("default"), max_examples=10_000
)
hypothesis.settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def consultant_client(client):
    """The test client, signed in as a consultant (staff in the Consultants group)."""
    from tests.factories import ConsultantFactory  # the factories need Django set up

    client.force_login(ConsultantFactory())
    return client


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest storage needs `collectstatic` first; tests render pages without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    # Tests post far more often than a visitor; tests/project/test_ratelimit.py sets limits.
    settings.RATE_LIMITS = dict.fromkeys(settings.RATE_LIMITS)
