"""Liveness and readiness endpoints."""

import copy
import socket

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import load_backend


def test_healthz_answers_ok_without_touching_the_database(client):
    # No django_db mark: pytest-django raises on any database access, so this fails if the
    # view (or a middleware on its path) ever touches the database.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


def test_healthz_refuses_post(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_readyz_answers_ok_when_the_database_is_reachable(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


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


@pytest.mark.django_db
def test_readyz_answers_503_when_the_database_is_unreachable(client, unreachable_database):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"database unavailable\n"


@pytest.mark.django_db
def test_healthz_still_answers_when_the_database_is_unreachable(client, unreachable_database):
    assert client.get("/healthz").status_code == 200
