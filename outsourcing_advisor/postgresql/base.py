"""PostgreSQL whose connection health check costs no round trip when it need not.

With `CONN_HEALTH_CHECKS`, Django checks a reused connection before the first query of
each request, so that one the server has closed (a restart, a terminated backend, an
idle timeout) is replaced instead of failing the request. Its check is a `SELECT 1`: a
round trip to the server on every request that touches the database, which cost as much
as the query the page needed (docs/performance.md).

A server that closes a connection says so on the socket: it sends its last message (or
just end-of-file), so an idle connection's socket has something to read. An idle
connection with nothing to read, not marked closed by the driver, with no transaction
open, and whose server answered a `SELECT 1` less than TRUST_SECONDS ago, is therefore
usable, and this check says so at the cost of one `poll`. In any other case (something
to read, a transaction left open or failed, a state the driver cannot tell, or the last
answer too old) Django's own `SELECT 1` decides, as before.

What the cheap check cannot see is a server host that vanished without a word (a crash,
a failover, lost firewall state) and would answer the next packet with a reset: for at
most TRUST_SECONDS after the last `SELECT 1`, a request on that connection then fails
(the friendly 503 page) instead of reconnecting first; the connection is dropped after
it. Under load a connection is checked the full way about once a second; a quiet site's
requests get Django's check every time. TCP keepalives (settings.py) make the kernel
notice a silent peer on an idle connection.
"""

import select
import time

from django.db.backends.postgresql import base

IDLE = 0  # the driver's transaction status of a connection with no transaction open
READABLE = select.POLLIN | select.POLLPRI | select.POLLERR | select.POLLHUP
TRUST_SECONDS = 1.0


class DatabaseWrapper(base.DatabaseWrapper):
    answered_at = None  # time.monotonic() of the server's last answer to a health check

    def is_usable(self):
        connection = self.connection
        if connection is None or connection.closed:
            return False
        if (
            self.answered_at is not None
            and time.monotonic() - self.answered_at < TRUST_SECONDS
            and connection.info.transaction_status == IDLE
            and not has_input(connection.fileno())
        ):
            return True
        usable = super().is_usable()
        self.answered_at = time.monotonic() if usable else None
        return usable

    def connect(self):
        super().connect()
        self.answered_at = time.monotonic()  # the server has just accepted it


def has_input(descriptor):
    """Is there something to read (or an error or hang-up) on this socket right now?"""
    poller = select.poll()
    poller.register(descriptor, READABLE)
    return bool(poller.poll(0))
