"""A small in-memory cache of rendered pages, private to one server process.

The shared database cache (settings.CACHES) is right for work every server should reuse,
but reading a large rendered report from it costs a query, a TOAST read, base64 and
unpickling on every view: more than the rest of the request. This cache keeps the text
itself in the process, bounded by its total size, least recently used out first.

It is only ever used for keys that never change meaning: a key names exactly what was
rendered (an assessment's id, scoring version and time, the catalog revision...), so an
entry can be stale only by being unreachable, never by being wrong. Nothing here decides
whether something is still current; callers build keys that say so.

Thread-safe (gunicorn may run threaded workers). No Django import.
"""

import threading
from collections import OrderedDict

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


class ProcessCache:
    """Least-recently-used mapping of keys to values, at most `max_bytes` in all.

    A value's size is its `len()` (characters of a str, bytes of bytes) unless `set` is
    told otherwise.
    """

    def __init__(self, max_bytes=DEFAULT_MAX_BYTES):
        self.max_bytes = max_bytes
        self._entries = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def set(self, key, value, size=None):
        size = len(value) if size is None else size
        if size > self.max_bytes:
            return  # larger than the whole cache: keeping it would evict everything else
        with self._lock:
            previous = self._entries.pop(key, None)
            if previous is not None:
                self._bytes -= previous[1]
            self._entries[key] = (value, size)
            self._bytes += size
            while self._bytes > self.max_bytes:
                _key, (_value, evicted_size) = self._entries.popitem(last=False)
                self._bytes -= evicted_size

    def delete(self, key):
        with self._lock:
            entry = self._entries.pop(key, None)
            if entry is not None:
                self._bytes -= entry[1]

    def clear(self):
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    @property
    def size(self):
        return self._bytes

    def __len__(self):
        return len(self._entries)
