"""While the database is unreachable, pages answer a friendly 503, never a 500 or a traceback.

Rendering is tested without the `django_db` mark: pytest-django raises on any database
access, so those tests fail if the 503 page ever needs a query. Then whole requests against a
real connection to a database that does not exist (`unreachable_database`, conftest.py), and
a session that cannot be saved after the view succeeded (the handler500 path).
"""

import uuid

import pytest
from django.db import (
    IntegrityError,
    InterfaceError,
    OperationalError,
    ProgrammingError,
    connection,
)
from django.test import Client, RequestFactory

from outsourcing_advisor.database_unavailable import (
    RETRY_AFTER_SECONDS,
    DatabaseUnavailableMiddleware,
    server_error,
    unavailable_response,
)
from tests.assessments.questionnaire_helpers import company_data

FRIENDLY_TEXT = "The service is temporarily unavailable"
ERROR_DETAIL = "server closed the connection unexpectedly"


def assert_friendly_503(response):
    body = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "no-store"
    assert FRIENDLY_TEXT in body
    assert "Skip to main content" in body  # the site's frame: 503.html extends base.html
    assert "Traceback" not in body
    assert ERROR_DETAIL not in body


def middleware():
    return DatabaseUnavailableMiddleware(lambda request: None)


def test_the_503_page_renders_without_touching_the_database():
    assert_friendly_503(unavailable_response())


@pytest.mark.parametrize("error_class", [OperationalError, InterfaceError])
def test_a_lost_database_connection_in_a_view_becomes_the_503_page(error_class):
    request = RequestFactory().get("/assessments/start/")
    response = middleware().process_exception(request, error_class(ERROR_DETAIL))
    assert_friendly_503(response)


@pytest.mark.parametrize(
    "error", [IntegrityError("duplicate key"), ProgrammingError("no such column"), ValueError()]
)
def test_other_errors_are_left_to_the_500_handler(error):
    request = RequestFactory().get("/assessments/start/")
    assert middleware().process_exception(request, error) is None


def test_the_500_handler_answers_503_for_a_database_outage_raised_by_middleware():
    request = RequestFactory().get("/assessments/start/")
    try:
        raise OperationalError(ERROR_DETAIL)
    except OperationalError:
        response = server_error(request)
    assert_friendly_503(response)


def test_the_500_handler_still_answers_500_for_other_errors():
    request = RequestFactory().get("/assessments/start/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/assessments/start/", f"/assessments/resume/{uuid.uuid4()}/tasks/", "/catalog/"],
)
def test_pages_answer_503_while_the_database_is_unreachable(client, unreachable_database, path):
    assert_friendly_503(client.get(path))


@pytest.mark.django_db
def test_a_form_posted_while_the_database_is_unreachable_gets_the_503_page(
    client, unreachable_database
):
    assert_friendly_503(client.post("/assessments/start/", company_data()))


def refuse_session_writes(execute, sql, params, many, context):
    if "django_session" in sql and sql.lstrip().upper().startswith(("INSERT", "UPDATE")):
        raise OperationalError(ERROR_DETAIL)
    return execute(sql, params, many, context)


@pytest.mark.django_db
def test_a_session_that_cannot_be_saved_after_the_view_gets_the_503_page():
    # The draft is saved, then SessionMiddleware fails to store the new session: the error is
    # raised outside the view, so handler500 answers.
    with connection.execute_wrapper(refuse_session_writes):
        response = Client(raise_request_exception=False).post("/assessments/start/", company_data())
    assert_friendly_503(response)


# --- Busy, not unreachable: locks, deadlocks, timeouts --------------------------------------

BUSY_TEXT = "Too busy to finish that just now"
SERVICE_PAGE = "/catalog/payroll-processing/"


def locked_error():
    """What Django raises when SQLite gives up waiting for another writer."""
    import sqlite3

    try:
        raise sqlite3.OperationalError("database is locked")
    except sqlite3.OperationalError as cause:
        error = OperationalError("database is locked")
        error.__cause__ = cause
        return error


class FailQueries:
    """An execute wrapper that fails the first `times` queries whose SQL has `fragment`."""

    def __init__(self, fragment, times, error=locked_error):
        self.fragment, self.left, self.error, self.seen = fragment, times, error, 0

    def __call__(self, execute, sql, params, many, context):
        if self.fragment in sql:
            self.seen += 1
            if self.left:
                self.left -= 1
                raise self.error()
        return execute(sql, params, many, context)


def assert_busy_503(response):
    body = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    assert BUSY_TEXT in body
    assert FRIENDLY_TEXT not in body  # not told the database cannot be reached


@pytest.mark.django_db
def test_a_page_view_that_meets_a_lock_is_run_once_more_and_shown(client, caplog):
    fail = FailQueries('"catalog_servicetype"', times=1)

    with connection.execute_wrapper(fail):
        response = client.get(SERVICE_PAGE)

    assert response.status_code == 200
    assert fail.seen >= 2
    logged = caplog.text
    assert "Database busy (OperationalError: database is locked): run once more" in logged


@pytest.mark.django_db
def test_a_page_view_still_locked_the_second_time_gets_the_busy_page(client, caplog):
    with connection.execute_wrapper(FailQueries('"catalog_servicetype"', times=2)):
        response = client.get(SERVICE_PAGE)

    assert_busy_503(response)
    assert "Database busy (OperationalError: database is locked): answered 503" in caplog.text


@pytest.mark.django_db
def test_a_form_that_meets_a_lock_is_not_sent_twice_and_can_be_sent_again(client):
    from assessments.models import Assessment

    fail = FailQueries('INSERT INTO "assessments_assessment"', times=1)
    data = company_data()

    with connection.execute_wrapper(fail):
        refused = client.post("/assessments/start/", data)

    assert_busy_503(refused)
    assert fail.seen == 1  # not run a second time
    assert not Assessment.objects.exists()
    assert client.post("/assessments/start/", data).status_code == 302
    assert Assessment.objects.count() == 1


@pytest.mark.django_db
def test_a_database_error_that_is_a_bug_stays_a_500_and_is_not_called_an_outage():
    from outsourcing_advisor.database_unavailable import failure_kind

    error = None
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table_here")
    except (OperationalError, ProgrammingError) as raised:
        error = raised
    assert error is not None
    assert failure_kind(error) is None


needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's own lock and timeout errors"
)


@needs_postgresql
@pytest.mark.django_db
def test_postgresqls_statement_timeout_is_busy_not_unreachable():
    from django.db import transaction

    from outsourcing_advisor.database_unavailable import BUSY, failure_kind

    error = None
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 50")
        try:
            with transaction.atomic():
                cursor.execute("SELECT pg_sleep(1)")
        except OperationalError as raised:
            error = raised
    assert failure_kind(error) == BUSY


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_save_that_waits_too_long_for_a_lock_gets_the_busy_page_and_saves_nothing():
    import threading

    from django.db import connections, transaction

    from assessments.models import Assessment
    from tests.factories import AssessmentFactory

    draft = AssessmentFactory(company_name="Harbour")
    holding, release = threading.Event(), threading.Event()

    def hold_the_row():
        try:
            with transaction.atomic():
                Assessment.objects.select_for_update().get(pk=draft.pk)
                holding.set()
                release.wait(10)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold_the_row)
    holder.start()
    holding.wait(10)
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = 200")
    data = company_data(company_name="Harbour Logistics")
    try:
        response = Client().post(f"/assessments/resume/{draft.resume_token}/company/", data)
    finally:
        release.set()
        holder.join(10)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = 0")

    assert_busy_503(response)
    assert Assessment.objects.get().company_name == "Harbour"
    again = Client().post(f"/assessments/resume/{draft.resume_token}/company/", data)
    assert again.status_code == 302
    assert Assessment.objects.get().company_name == "Harbour Logistics"
