"""PostgreSQL whose connection health check costs no round trip when it need not.

With `CONN_HEALTH_CHECKS`, Django checks a reused connection before the first query of
each request, so that one the server has closed (a restart, a terminated backend, an
idle timeout) is replaced instead of failing the request. Its check is a `SELECT 1`: a
round trip to the server on every request that touches the database, which cost as much
as the query the page needed (docs/performance.md).

A server that closes a connection says so on the socket: it sends its last message (or
just end-of-file), so an idle connection's socket has something to read. An idle
connection with nothing to read, not marked closed by the driver and with no transaction
open is therefore usable, and this check says so at the cost of one `poll`. In any other
case (something to read, a transaction left open or failed, a state the driver cannot
tell) Django's own `SELECT 1` decides, as before. A server that vanishes without a word
(a cut cable) is caught by neither check until the query times out, as before.
"""

import select

from django.db.backends.postgresql import base

IDLE = 0  # the driver's transaction status of a connection with no transaction open
READABLE = select.POLLIN | select.POLLPRI | select.POLLERR | select.POLLHUP


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self):
        connection = self.connection
        if connection is None or connection.closed:
            return False
        if connection.info.transaction_status == IDLE and not has_input(connection.fileno()):
            return True
        return super().is_usable()


def has_input(descriptor):
    """Is there something to read (or an error or hang-up) on this socket right now?"""
    poller = select.poll()
    poller.register(descriptor, READABLE)
    return bool(poller.poll(0))
