"""The client's address: REMOTE_ADDR unless trusted proxies say otherwise, never a forgery."""

import pytest
from django.test import RequestFactory

from outsourcing_advisor.client_ip import client_ip_address

PROXY = "10.0.0.2"


def address(remote_addr=PROXY, forwarded=None):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip_address(RequestFactory().get("/", **headers))


def test_without_trusted_proxies_the_connection_address_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert address(forwarded="192.0.2.10") == PROXY


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "192.0.2.10", "192.0.2.10"),
        (1, "198.51.100.1, 192.0.2.10", "192.0.2.10"),  # the client wrote the first entry
        (2, "198.51.100.1, 192.0.2.10, 10.0.0.1", "192.0.2.10"),
        (2, "192.0.2.10", PROXY),  # fewer entries than proxies: misconfigured, not trusted
        (1, "not-an-address", PROXY),
        (1, "", PROXY),
        (1, "::ffff:192.0.2.10", "192.0.2.10"),
        (1, "2001:DB8::0:1", "2001:db8::1"),
    ],
)
def test_behind_trusted_proxies_the_forwarded_entry_they_added_is_the_client(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert address(forwarded=forwarded) == expected


def test_a_request_without_a_valid_address_has_none(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert address(remote_addr="") is None
    assert address(remote_addr="unix-socket") is None
