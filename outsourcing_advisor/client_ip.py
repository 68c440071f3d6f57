"""The address a request comes from, as far as this deployment can trust it.

By default it is the connection's address (REMOTE_ADDR): a client can write anything into
X-Forwarded-For, so the header is ignored. Behind N reverse proxies that each append the
address they received the request from (settings.TRUSTED_PROXY_COUNT = N, from
DJANGO_TRUSTED_PROXY_COUNT), the client is the N-th address from the right of
X-Forwarded-For; whatever the client wrote is further left and never read.

Used by the rate limits (outsourcing_advisor.ratelimit) and by django-axes, which locks
failed admin logins per (username, address). Both count an IPv6 client by its /64 network
(`client_network`), as one subscriber usually holds a whole /64 and could rotate through
it. It must not raise on any header value.
"""

import ipaddress

from django.conf import settings

# An IPv6 client usually holds a whole /64; counting each address apart would let it rotate.
IPV6_PREFIX_LENGTH = 64


def client_ip_address(request):
    """The client's address in canonical form, or None when the request carries no valid one."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies and (address := canonical(forwarded[-proxies])):
            return address
    return canonical(request.META.get("REMOTE_ADDR", "")) or None


def canonical(text):
    """One spelling per address ("::ffff:10.0.0.1" is "10.0.0.1"), or "" if not an address."""
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return ""
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return str(address)


def client_network(request):
    """The client's IPv4 address, or its IPv6 /64 network ("2001:db8:1:2::/64"); "" when
    the request carries no valid address."""
    text = client_ip_address(request) or ""
    if ":" not in text:
        return text
    return str(ipaddress.ip_network(f"{text}/{IPV6_PREFIX_LENGTH}", strict=False))


def lockout_address(request):
    """What django-axes counts failed logins by: the IPv4 address, or the first address of
    the IPv6 /64 (an address, as its table stores addresses); None with no valid address."""
    network = client_network(request)
    return network.split("/")[0] or None
