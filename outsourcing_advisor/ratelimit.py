"""Per-client limits on costly POSTs, counted in the cache every app server shares.

`@rate_limited("create")` on a view lets each client make at most COUNT POSTs per window of
SECONDS, as set in `settings.RATE_LIMITS[scope]` (None: no limit). One POST too many gets the
429 page with a Retry-After header, and the view does not run. GET and HEAD are never counted.
A client is its address as `client_ip.client_ip_address` reads it (the peer, or the entry of
X-Forwarded-For that the trusted proxies vouch for), IPv6 clients by their /64 network.

How it counts. Windows are fixed: the Nth window of a scope covers [N x SECONDS, (N+1) x
SECONDS) of Unix time, so every server agrees on it without talking to the others (clocks
within a second or two of each other are enough). In a window, each allowed POST claims a
numbered slot with `cache.add`, which only one caller can win: the database cache inserts a
row under a unique key (keys carry the window's number, so no slot's row expires while its
window lasts). So at most COUNT POSTs get through per window, exactly, even when one client's
requests race on several servers (tests/project/test_ratelimit.py races 12 threads). A hint
("next free slot") says where to start looking; it is written with a plain set (the database
cache's `incr` is a get and a set, not atomic), and a lost update only makes the next request
try a taken slot or two first. A refused POST costs one cache read. The price of fixed
windows: a client may send up to twice COUNT in a short burst straddling the end of a window.

What it must not do: store raw client addresses (keys hold a keyed hash: HMAC with the secret
key), or fail a request. When the cache cannot be read or written (the database is down), the
request goes through to its view (fail open) and a warning is logged.
"""

import logging
import math
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.crypto import salted_hmac

from .client_ip import client_network

logger = logging.getLogger(__name__)

KEY_PREFIX = "ratelimit"
HASH_SALT = "outsourcing_advisor.ratelimit.client"
# Cache entries outlive their window by this much, so a slow request at the very end of a
# window still sees the slots claimed in it.
EXPIRY_MARGIN_SECONDS = 60
TEMPLATE = "429.html"


class CacheUnavailable(Exception):
    """The cache refused a write for a reason other than a taken slot."""


def rate_limited(scope):
    """Limit the POSTs each client makes to the decorated view (see the module docstring)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST":
                wait = seconds_to_wait(scope, request)
                if wait:
                    return too_many_requests(request, scope, wait)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def seconds_to_wait(scope, request):
    """0 when this POST may go on (it is counted), else the seconds until the window ends."""
    limit = settings.RATE_LIMITS.get(scope)
    if limit is None:
        return 0
    count, seconds = limit
    now = time.time()
    window = int(now // seconds)
    wait = max(1, math.ceil((window + 1) * seconds - now))
    key = f"{KEY_PREFIX}:{scope}:{window}:{client_key(request)}"
    try:
        claimed = claim_slot(key, count, timeout=wait + EXPIRY_MARGIN_SECONDS)
    except Exception:
        # Any cache failure, whatever the backend: a limiter must never be why a page fails.
        logger.warning("Rate limit %r not checked: the cache is unavailable.", scope, exc_info=True)
        return 0
    return 0 if claimed else wait


def claim_slot(key, count, timeout):
    """Claim one of the `count` slots under `key`; False when all are taken."""
    hint_key = f"{key}:next"
    for slot in range(cache.get(hint_key, 0), count):
        slot_key = f"{key}:{slot}"
        if cache.add(slot_key, 1, timeout):
            cache.set(hint_key, slot + 1, timeout)
            return True
        # The database cache's add also answers False when its write fails; tell them apart.
        if not cache.has_key(slot_key):
            raise CacheUnavailable(f"could not write {slot_key}")
    return False


def client_key(request):
    """A keyed hash of the client's address (of its /64 for IPv6): no address is stored."""
    return salted_hmac(HASH_SALT, budget_holder(request), algorithm="sha256").hexdigest()[:32]


def budget_holder(request):
    """The canonical address, or IPv6 /64 network, whose budget a request spends; requests
    with no usable address share one budget."""
    return client_network(request)


def too_many_requests(request, scope, wait):
    # django.request logs the 429 already; no second line here.
    response = render(request, TEMPLATE, {"scope": scope, "wait": wait_in_words(wait)}, status=429)
    response["Retry-After"] = str(wait)
    return response


def wait_in_words(seconds):
    """'less than a minute', '12 minutes', '1 hour and 5 minutes': rounded up, never early."""
    if seconds < 60:
        return "less than a minute"
    hours, minutes = divmod(math.ceil(seconds / 60), 60)
    parts = [f"{hours} hour{'s' * (hours != 1)}"] if hours else []
    parts += [f"{minutes} minute{'s' * (minutes != 1)}"] if minutes else []
    return " and ".join(parts)
