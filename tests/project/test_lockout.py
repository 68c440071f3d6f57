"""Failed admin logins pause a (username, address) pair for a cool-off, and nothing else.

Time passes by moving the recorded attempts back in the database, as the cool-off is
measured from them.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import SESSION_KEY

from tests.factories import ConsultantFactory
from tests.project.test_settings import STRONG_KEY, load_settings

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-passphrase"
HOME = "203.0.113.10"
ELSEWHERE = "198.51.100.20"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Each login hashes a password; the production hasher would make this module slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def consultant():
    return ConsultantFactory(username="dana")


def sign_in(client, username="dana", password=PASSWORD, address=HOME, **headers):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )


def fail(client, times, **who):
    return [sign_in(client, password="wrong-password", **who) for _ in range(times)][-1]


def signed_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def pass_time(delta):
    for attempt in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=attempt.pk).update(
            attempt_time=attempt.attempt_time - delta
        )


def test_wrong_passwords_below_the_limit_get_the_login_form_again(client, consultant, settings):
    response = fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.content.decode()
    assert signed_in(sign_in(client))


def test_the_limit_th_failure_pauses_the_pair_with_a_plain_429_page(client, consultant, settings):
    response = fail(client, settings.AXES_FAILURE_LIMIT)

    assert response.status_code == 429
    page = response.content.decode()
    assert "signing in with this username from your network is paused" in page
    assert "You can try again in 15 minutes" in page
    assert "Forgotten your password? Ask an administrator" in page
    assert 899 <= int(response["Retry-After"]) <= 900
    assert "dana" not in page  # nothing about the account
    assert response["Content-Security-Policy"]


def test_the_right_password_is_refused_during_the_pause_and_does_not_extend_it(
    client, consultant, settings
):
    fail(client, settings.AXES_FAILURE_LIMIT)
    pass_time(timedelta(minutes=10))

    response = sign_in(client)

    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    assert "You can try again in 5 minutes" in response.content.decode()
    assert AccessAttempt.objects.get().failures_since_start == settings.AXES_FAILURE_LIMIT


def test_the_same_username_from_another_address_is_not_paused(client, consultant, settings):
    fail(client, settings.AXES_FAILURE_LIMIT)
    assert signed_in(sign_in(client, address=ELSEWHERE))


def test_another_username_from_the_paused_address_is_not_paused(client, consultant, settings):
    ConsultantFactory(username="erin")
    fail(client, settings.AXES_FAILURE_LIMIT)
    assert signed_in(sign_in(client, username="erin"))


def test_the_pause_ends_after_the_cool_off(client, consultant, settings):
    fail(client, settings.AXES_FAILURE_LIMIT)
    pass_time(settings.AXES_COOLOFF_TIME - timedelta(seconds=5))
    assert sign_in(client).status_code == 429

    pass_time(timedelta(seconds=10))
    assert signed_in(sign_in(client))
    assert not AccessAttempt.objects.exists()


def test_a_successful_login_clears_the_failures(client, consultant, settings):
    fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert signed_in(sign_in(client))
    client.logout()

    response = fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert response.status_code == 200


def test_a_smaller_limit_and_cool_off_take_effect(client, consultant, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = timedelta(minutes=1)
    response = fail(client, 2)
    assert response.status_code == 429
    assert "You can try again in 1 minute," in response.content.decode()


def test_no_login_table_grows_without_bound(client, consultant, settings):
    fail(client, settings.AXES_FAILURE_LIMIT - 1, username="someone-else")
    assert signed_in(sign_in(client))
    assert not AccessLog.objects.exists()  # successes are not recorded
    assert not AccessFailureLog.objects.exists()  # nor every failure, forever
    assert AccessAttempt.objects.count() == 1

    pass_time(settings.AXES_COOLOFF_TIME + timedelta(seconds=1))
    fail(client, 1, username="a-third-name")  # each attempt deletes expired ones
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["a-third-name"]


def test_limit_and_cool_off_come_from_the_environment(monkeypatch):
    loaded = load_settings(
        monkeypatch,
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_AXES_FAILURE_LIMIT="3",
        DJANGO_AXES_COOLOFF_MINUTES="30",
    )
    assert loaded["AXES_FAILURE_LIMIT"] == 3
    assert loaded["AXES_COOLOFF_TIME"] == timedelta(minutes=30)


def test_defaults_lock_the_pair_for_a_quarter_of_an_hour_after_five_failures(monkeypatch):
    loaded = load_settings(monkeypatch, DJANGO_SECRET_KEY=STRONG_KEY)
    assert loaded["AXES_FAILURE_LIMIT"] == 5
    assert loaded["AXES_COOLOFF_TIME"] == timedelta(minutes=15)
    assert loaded["AXES_LOCKOUT_PARAMETERS"] == [["username", "ip_address"]]
    assert loaded["AXES_RESET_ON_SUCCESS"] is True


# --- Which address -------------------------------------------------------------------------


def test_a_forged_forwarded_for_does_not_escape_the_pause(client, consultant, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    fail(client, settings.AXES_FAILURE_LIMIT)
    assert sign_in(client, HTTP_X_FORWARDED_FOR=ELSEWHERE).status_code == 429


def test_behind_a_trusted_proxy_each_client_is_its_own_pair(client, consultant, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    fail(client, settings.AXES_FAILURE_LIMIT, address=proxy, HTTP_X_FORWARDED_FOR=HOME)
    assert AccessAttempt.objects.get().ip_address == HOME

    assert signed_in(sign_in(client, address=proxy, HTTP_X_FORWARDED_FOR=ELSEWHERE))


def test_failures_from_one_ipv6_64_are_counted_together(client, consultant, settings):
    # Thirty addresses of one /64 each failing once used to cause no pause at all.
    network = "2001:db8:4:7"
    for host in range(1, settings.AXES_FAILURE_LIMIT + 1):
        sign_in(client, password="wrong-password", address=f"{network}::{host:x}")

    assert sign_in(client, address=f"{network}:ffff:ffff:ffff:fffe").status_code == 429
    assert AccessAttempt.objects.get().ip_address == f"{network}::"


def test_another_ipv6_64_is_not_paused(client, consultant, settings):
    fail(client, settings.AXES_FAILURE_LIMIT, address="2001:db8:4:7::1")

    assert signed_in(sign_in(client, address="2001:db8:4:8::1"))
