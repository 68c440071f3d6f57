"""Fixtures for the project-level tests."""

import copy
import socket

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import load_backend


def closed_local_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def unreachable_database(tmp_path):
    """Swap in a real connection to a database that does not exist, then restore the old one."""
    original = connections[DEFAULT_DB_ALIAS]
    settings_dict = copy.deepcopy(original.settings_dict)
    if original.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "missing-directory" / "db.sqlite3")
    else:
        settings_dict.update(HOST="127.0.0.1", PORT=closed_local_port())
        settings_dict["OPTIONS"] = {**settings_dict["OPTIONS"], "connect_timeout": 2}
    broken = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, DEFAULT_DB_ALIAS)
    connections[DEFAULT_DB_ALIAS] = broken
    yield
    broken.close()
    connections[DEFAULT_DB_ALIAS] = original
