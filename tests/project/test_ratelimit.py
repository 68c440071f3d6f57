"""Rate limits on starting, copying and uploading: per client, shared by every app server.

The suite turns the limits off (tests/conftest.py); these tests set small ones explicitly.
"""

import threading

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection
from django.test import Client, RequestFactory

from assessments.models import Assessment
from outsourcing_advisor import ratelimit
from tests.assessments.questionnaire_helpers import company_data, form_key
from tests.factories import AssessmentFactory, SubmittedAssessmentFactory
from tests.project.test_settings import load_settings

pytestmark = pytest.mark.django_db

START = "/assessments/start/"
HOUR = 3600
# 100 s into a window of an hour: 3,500 s are left, "59 minutes" in words.
WINDOW_START = 1_000 * HOUR
NOW = WINDOW_START + 100


class FakeClock:
    def __init__(self, now):
        self.now = now

    def time(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock(NOW)
    monkeypatch.setattr(ratelimit, "time", fake)
    return fake


@pytest.fixture
def limits(settings, clock):
    """Three new assessments and two uploads an hour per client."""
    settings.RATE_LIMITS = {"create": (3, HOUR), "upload": (2, HOUR)}
    settings.TRUSTED_PROXY_COUNT = 0
    return settings.RATE_LIMITS


def client_at(address, **headers):
    return Client(REMOTE_ADDR=address, **headers)


def start(client):
    return client.post(START, company_data())


def upload(client, assessment):
    csv = b"name,complexity,skill_level,monthly_cost\nPayroll,2,2,4000\n"
    return client.post(
        f"/assessments/resume/{assessment.resume_token}/upload/",
        {
            "file": SimpleUploadedFile("tasks.csv", csv, content_type="text/csv"),
            "mode": "add",
            **form_key(),
        },
    )


def statuses(responses):
    return [response.status_code for response in responses]


# --- The limit and its page ---------------------------------------------------------------


def test_the_post_after_the_limit_gets_the_429_page_and_saves_nothing(limits):
    client = client_at("203.0.113.7")

    responses = [start(client) for _ in range(4)]

    assert statuses(responses) == [302, 302, 302, 429]
    assert Assessment.objects.count() == 3
    refused = responses[-1]
    page = refused.content.decode()
    assert "Too many new assessments in a short time" in page
    assert "Please try again in 59 minutes." in page
    assert "was not saved" in page
    assert 'class="navbar' in page  # the site's frame: it extends base.html
    assert refused["Retry-After"] == str(WINDOW_START + HOUR - NOW)
    assert "no-store" in refused["Cache-Control"]


def test_gets_are_not_counted(limits):
    client = client_at("203.0.113.7")

    assert statuses(client.get(START) for _ in range(10)) == [200] * 10
    assert statuses(start(client) for _ in range(3)) == [302] * 3


def test_every_post_counts_even_one_the_form_refuses(limits):
    client = client_at("203.0.113.7")

    refused = [client.post(START, company_data(company_name="")) for _ in range(3)]

    assert statuses(refused) == [200] * 3
    assert start(client).status_code == 429


def test_each_client_has_its_own_budget(limits):
    first, second = client_at("203.0.113.7"), client_at("198.51.100.20")

    assert statuses(start(first) for _ in range(4)) == [302, 302, 302, 429]
    assert statuses(start(second) for _ in range(3)) == [302] * 3


def test_the_budget_comes_back_when_the_window_ends(limits, clock):
    client = client_at("203.0.113.7")
    for _ in range(3):
        start(client)
    clock.now = WINDOW_START + HOUR - 1
    last_second = start(client)

    clock.now = WINDOW_START + HOUR

    assert last_second.status_code == 429
    assert last_second["Retry-After"] == "1"
    assert "less than a minute" in last_second.content.decode()
    assert statuses(start(client) for _ in range(4)) == [302, 302, 302, 429]


def test_two_app_servers_share_one_count_kept_in_the_database_cache(limits):
    # Two clients with one address stand for one visitor reaching two servers: nothing is
    # counted in a process, only in the cache table every server reads.
    server_a, server_b = client_at("203.0.113.7"), client_at("203.0.113.7")

    responses = [start(server_a), start(server_b), start(server_a), start(server_b)]

    assert statuses(responses) == [302, 302, 302, 429]
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM django_cache")
        keys = [row[0] for row in cursor.fetchall()]
    limit_keys = [key for key in keys if ":ratelimit:create:" in key]
    assert len(limit_keys) == 4  # three claimed slots and the next-free hint
    assert not any("203.0.113.7" in key or "203-0-113-7" in key for key in keys)


def test_a_lost_update_of_the_hint_lets_no_extra_post_through(limits):
    client = client_at("203.0.113.7")
    for _ in range(3):
        start(client)
    request = RequestFactory().post(START, REMOTE_ADDR="203.0.113.7")
    window = NOW // HOUR
    # As if a racing request had written a stale "next free slot".
    cache.set(f"ratelimit:create:{window}:{ratelimit.client_key(request)}:next", 0)

    assert start(client).status_code == 429
    assert Assessment.objects.count() == 3


# --- Which views, which budgets -----------------------------------------------------------


def test_copying_a_submitted_assessment_spends_the_create_budget(limits):
    client = client_at("203.0.113.7")
    submitted = SubmittedAssessmentFactory()
    revise = f"/assessments/resume/{submitted.resume_token}/revise/"

    responses = [
        client.post(revise, form_key()),
        start(client),
        start(client),
        client.post(revise, form_key()),
    ]

    assert statuses(responses) == [302, 302, 302, 429]
    assert Assessment.objects.count() == 4  # the copy, two new drafts and the original
    assert "Too many new assessments" in responses[-1].content.decode()


def test_uploads_have_a_budget_of_their_own(limits):
    client = client_at("203.0.113.7")
    assessment = AssessmentFactory()
    for _ in range(3):
        start(client)

    responses = [upload(client, assessment) for _ in range(3)]

    assert statuses(responses) == [302, 302, 429]
    assert assessment.tasks.count() == 2
    page = responses[-1].content.decode()
    assert "Too many file uploads in a short time" in page
    assert client.get(f"/assessments/resume/{assessment.resume_token}/upload/").status_code == 200


def test_a_limit_that_is_off_never_refuses(limits, settings):
    settings.RATE_LIMITS = {"create": None, "upload": (2, HOUR)}
    client = client_at("203.0.113.7")

    assert statuses(start(client) for _ in range(10)) == [302] * 10


# --- Who the client is --------------------------------------------------------------------


def test_x_forwarded_for_is_ignored_without_trusted_proxies(limits):
    clients = [
        client_at("203.0.113.7", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}") for number in range(4)
    ]

    assert statuses(start(client) for client in clients) == [302, 302, 302, 429]


def test_behind_one_trusted_proxy_the_forwarded_address_is_the_client(limits, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    visitor = client_at(proxy, HTTP_X_FORWARDED_FOR="192.0.2.10")
    # The client wrote a different first entry each time: only the proxy's own entry counts.
    forgers = [
        client_at(proxy, HTTP_X_FORWARDED_FOR=f"198.51.100.{number}, 192.0.2.99")
        for number in range(4)
    ]

    assert statuses(start(forger) for forger in forgers) == [302, 302, 302, 429]
    assert start(visitor).status_code == 302


def test_an_ipv6_client_is_counted_by_its_64_network():
    factory = RequestFactory()

    def key(address):
        return ratelimit.client_key(factory.post(START, REMOTE_ADDR=address))

    assert key("2001:db8:1:2::1") == key("2001:db8:1:2:ffff::9")
    assert key("2001:db8:1:2::1") != key("2001:db8:1:3::1")
    assert key("::ffff:192.0.2.1") == key("192.0.2.1")
    assert key("192.0.2.1") != key("192.0.2.2")


# --- Failing open ---------------------------------------------------------------------------


def test_when_the_cache_cannot_be_read_the_post_goes_through(limits, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise DatabaseError("the cache table is unreachable")

    monkeypatch.setattr(ratelimit.cache, "get", broken)

    responses = [start(client_at("203.0.113.7")) for _ in range(5)]

    assert statuses(responses) == [302] * 5
    assert "cache is unavailable" in caplog.text


def test_when_the_cache_refuses_a_write_the_post_goes_through(limits, monkeypatch):
    # The database cache's add() swallows a failed INSERT and answers False.
    monkeypatch.setattr(ratelimit.cache, "add", lambda *args, **kwargs: False)

    assert statuses(start(client_at("203.0.113.7")) for _ in range(5)) == [302] * 5


def test_an_unreachable_database_is_no_reason_to_refuse(limits, unreachable_database):
    request = RequestFactory().post(START, REMOTE_ADDR="203.0.113.7")

    assert ratelimit.seconds_to_wait("create", request) == 0


# --- Concurrency, settings, words -----------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_racing_servers_claim_no_more_slots_than_the_limit(limits):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
    for round_number in range(5):  # a race is not certain in one round; five make it likely
        allowed = race(f"203.0.113.{round_number}", threads=12, posts_each=2)

        assert allowed == 3


def race(address, threads, posts_each):
    """How many of the POSTs that `threads` servers send at once for one client are allowed."""
    request = RequestFactory().post(START, REMOTE_ADDR=address)
    barrier, waits = threading.Barrier(threads), []

    def server():
        try:
            barrier.wait()
            waits.extend(ratelimit.seconds_to_wait("create", request) for _ in range(posts_each))
        finally:
            connection.close()  # each thread is a server with a connection of its own

    workers = [threading.Thread(target=server) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(waits) == threads * posts_each
    return waits.count(0)


def test_limits_come_from_the_environment(monkeypatch):
    loaded = load_settings(
        monkeypatch,
        DJANGO_SECRET_KEY="k" * 50,
        DJANGO_RATE_LIMIT_CREATE="off",
        DJANGO_RATE_LIMIT_UPLOAD="500/60",
    )

    assert loaded["RATE_LIMITS"] == {"create": None, "upload": (500, 60)}


def test_default_limits_are_30_assessments_and_60_uploads_an_hour(monkeypatch):
    loaded = load_settings(monkeypatch, DJANGO_SECRET_KEY="k" * 50)

    assert loaded["RATE_LIMITS"] == {"create": (30, 3600), "upload": (60, 3600)}


@pytest.mark.parametrize("value", ["30", "30/0", "0/60", "-1/60", "thirty/3600", "٣/60", "on"])
def test_a_malformed_limit_is_refused_at_startup(monkeypatch, value):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="DJANGO_RATE_LIMIT_UPLOAD"):
        load_settings(monkeypatch, DJANGO_SECRET_KEY="k" * 50, DJANGO_RATE_LIMIT_UPLOAD=value)


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (1, "less than a minute"),
        (59, "less than a minute"),
        (60, "1 minute"),
        (61, "2 minutes"),
        (3500, "59 minutes"),
        (3600, "1 hour"),
        (3661, "1 hour and 2 minutes"),
        (7200, "2 hours"),
    ],
)
def test_the_wait_is_said_in_words_rounded_up(seconds, words):
    assert ratelimit.wait_in_words(seconds) == words
