"""Liveness and readiness endpoints (`unreachable_database` is in conftest.py)."""

import pytest


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


@pytest.mark.django_db
def test_readyz_answers_503_when_the_database_is_unreachable(client, unreachable_database):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"database unavailable\n"


@pytest.mark.django_db
def test_healthz_still_answers_when_the_database_is_unreachable(client, unreachable_database):
    assert client.get("/healthz").status_code == 200
