"""Staff sessions end a fixed time after login; business owners' sessions keep the default."""

import time
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.assessments.questionnaire_helpers import company_data
from tests.factories import ConsultantFactory, UserFactory
from tests.project.test_settings import STRONG_KEY, load_settings

pytestmark = pytest.mark.django_db

EIGHT_HOURS = 8 * 60 * 60
PASSWORD = "a-long-test-passphrase"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def sign_in(client):
    consultant = ConsultantFactory(username="dana")
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": consultant.username, "password": PASSWORD, "next": "/admin/"},
    )
    assert response.status_code == 302
    return response


def stored_expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_a_staff_session_ends_eight_hours_after_login(client):
    before = timezone.now()
    response = sign_in(client)

    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert EIGHT_HOURS - 5 <= cookie["max-age"] <= EIGHT_HOURS
    expiry = stored_expiry(client)
    assert before + timedelta(seconds=EIGHT_HOURS) <= expiry
    assert expiry <= timezone.now() + timedelta(seconds=EIGHT_HOURS)


def test_working_in_the_admin_does_not_extend_a_staff_session(client):
    sign_in(client)
    expiry = stored_expiry(client)

    for url in ("/admin/", "/admin/catalog/servicetype/", "/catalog/"):
        assert client.get(url).status_code == 200
        session = client.session
        session["last_page"] = url  # a write saves the session again
        session.save()

    assert stored_expiry(client) == expiry


def test_a_session_that_gains_staff_rights_gets_the_staff_end_date(client):
    owner = UserFactory(username="fred", is_staff=False)
    client.force_login(owner)
    assert stored_expiry(client) > timezone.now() + timedelta(days=13)

    owner.is_staff = True
    owner.save()
    assert client.get("/admin/").status_code == 200

    assert stored_expiry(client) <= timezone.now() + timedelta(seconds=EIGHT_HOURS)


def test_the_first_admin_page_after_login_writes_nothing_to_the_session(client):
    client.force_login(ConsultantFactory(username="dana"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/").status_code == 200
    assert not [query for query in queries if "UPDATE" in query["sql"].upper()]


def test_an_expired_staff_session_is_signed_out(client, settings):
    settings.STAFF_SESSION_SECONDS = 1
    sign_in(client)
    assert client.get("/admin/").status_code == 200

    time.sleep(1.2)

    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_an_owner_session_keeps_the_default_age(client):
    before = timezone.now()
    response = client.post("/assessments/start/", company_data())
    assert response.status_code == 302

    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == django_settings.SESSION_COOKIE_AGE
    age = timedelta(seconds=django_settings.SESSION_COOKIE_AGE)
    assert stored_expiry(client) >= before + age


def test_an_owner_who_signs_in_as_staff_gets_the_staff_age(client):
    client.post("/assessments/start/", company_data())
    sign_in(client)
    assert stored_expiry(client) <= timezone.now() + timedelta(seconds=EIGHT_HOURS)
    assert client.session["assessment_tokens"]  # the drafts are still remembered


def test_owners_pages_do_not_look_up_a_user(client):
    client.post("/assessments/start/", company_data())
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/catalog/").status_code == 200
    assert not [query for query in queries if "auth_user" in query["sql"]]


def test_the_staff_lifetime_comes_from_the_environment(monkeypatch):
    default = load_settings(monkeypatch, DJANGO_SECRET_KEY=STRONG_KEY)
    assert default["STAFF_SESSION_SECONDS"] == EIGHT_HOURS
    loaded = load_settings(
        monkeypatch, DJANGO_SECRET_KEY=STRONG_KEY, DJANGO_STAFF_SESSION_SECONDS="1800"
    )
    assert loaded["STAFF_SESSION_SECONDS"] == 1800
