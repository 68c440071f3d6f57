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
