"""The PostgreSQL health check (outsourcing_advisor/postgresql): no round trip for a sound
idle connection, and a connection the server has closed is still found out and replaced.

Each test opens its own real connections to the test database next to the test's own, so
that a terminated one breaks nothing else. Only on PostgreSQL.
"""

import time

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections

from outsourcing_advisor.postgresql.base import TRUST_SECONDS, DatabaseWrapper, has_input

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
    pytest.mark.django_db(transaction=True),
]
MARKER = "SELECT 'health check marker'"
SERVER_NOTICE_SECONDS = 5


@pytest.fixture
def fresh():
    """Two new connections to the test database: one to check, one to watch it."""
    checked, watcher = (connections.create_connection(DEFAULT_DB_ALIAS) for _ in range(2))
    for each in (checked, watcher):
        each.ensure_connection()
    yield checked, watcher
    for each in (checked, watcher):
        each.close()


def last_statement(watcher, checked):
    with watcher.cursor() as cursor:
        cursor.execute(
            "SELECT query FROM pg_stat_activity WHERE pid = %s",
            [checked.connection.info.backend_pid],
        )
        return cursor.fetchone()[0]


def terminate(watcher, checked):
    """End the checked connection's server process, and wait for its goodbye to arrive."""
    with watcher.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [checked.connection.info.backend_pid])
    deadline = time.monotonic() + SERVER_NOTICE_SECONDS
    while not has_input(checked.connection.fileno()) and time.monotonic() < deadline:
        time.sleep(0.01)


def test_the_project_uses_this_backend(fresh):
    checked, _ = fresh
    assert isinstance(checked, DatabaseWrapper)
    assert checked.settings_dict["CONN_HEALTH_CHECKS"] is True


def test_a_sound_idle_connection_is_usable_without_a_statement(fresh):
    checked, watcher = fresh
    with checked.cursor() as cursor:
        cursor.execute(MARKER)
    assert checked.is_usable()
    assert checked.is_usable()
    assert last_statement(watcher, checked) == MARKER  # no SELECT 1 reached the server


def test_past_the_trusted_time_the_server_is_asked_again(fresh):
    checked, watcher = fresh
    checked.answered_at = time.monotonic() - 2 * TRUST_SECONDS  # answered long ago
    assert checked.is_usable()
    assert last_statement(watcher, checked) == "SELECT 1"
    with checked.cursor() as cursor:
        cursor.execute(MARKER)
    assert checked.is_usable()  # it has just answered: trusted again
    assert last_statement(watcher, checked) == MARKER


def test_a_connection_the_server_closed_is_not_usable(fresh):
    checked, watcher = fresh
    terminate(watcher, checked)
    assert not checked.is_usable()


def test_a_connection_with_a_transaction_open_is_asked_the_usual_way(fresh):
    checked, watcher = fresh
    checked.set_autocommit(False)
    with checked.cursor() as cursor:
        cursor.execute(MARKER)
    assert checked.is_usable()
    assert last_statement(watcher, checked) == "SELECT 1"
    checked.rollback()
    checked.set_autocommit(True)


def test_the_next_request_replaces_a_connection_the_server_closed(fresh):
    """What Django does around each request (the test client skips it): reset the health
    check, then query. The closed connection is found out and replaced; the query works."""
    checked, watcher = fresh
    first_backend = checked.connection.info.backend_pid
    terminate(watcher, checked)
    checked.close_if_unusable_or_obsolete()  # request_started
    with checked.cursor() as cursor:
        cursor.execute("SELECT 2")
        assert cursor.fetchone() == (2,)
    assert checked.connection.info.backend_pid != first_backend
