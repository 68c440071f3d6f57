"""Rendered pages kept in each server process's memory (`process_cache`), and served again.

Public pages (`cached_public_page`): the landing page and the catalog pages are the same
for every visitor who has no session and no pending messages: no login, no flash
message, no form token. For such a visit (`is_plain_visit`) the page is served from
memory, keyed by its full path and by a version of what it shows (`version`, a callable,
e.g. the catalog's revision counter, read on every request). Anything else gets the view
as usual: a visitor with a session, a page that set a cookie, used a CSRF token or
touched the session, an error, a HEAD or a POST.

Only the body, a gzip copy made once, and the content type are kept (`CachedPage`).
Clients that accept gzip, as every browser does, get the compressed copy: a 330 KiB
report is 27 KiB on the wire. Compression lets an attacker who can inject text into a
page learn a secret on the same page from its size (BREACH); these pages carry no CSRF
token and nothing of a session, and the shared report reflects nothing from the request.

Private form pages (`cached_form_page`): the same rendering for every request with the
same key, each given its own CSRF token. Compressed around the token, never with it
(`FormPage`).

Headers (CSP, caching, security) are added by the middleware on every response, as for
any page.
"""

import array
import gzip
import re
import secrets
import struct
import zlib
from functools import wraps
from typing import NamedTuple

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.middleware import csrf
from django.middleware.csrf import get_token
from django.utils.cache import has_vary_header, patch_vary_headers

from .process_cache import ProcessCache


def memory_share(fraction):
    """Bytes for one store of pages: its share of settings.PAGE_MEMORY_MIB."""
    return int(settings.PAGE_MEMORY_MIB * 1024 * 1024 * fraction)


PAGES = ProcessCache(max_bytes=memory_share(1 / 7))
# Where a cached form page gets each request's CSRF token: letters and digits, unchanged by
# HTML escaping, and unguessable, so no page text can contain it by chance.
CSRF_PLACEHOLDER = f"csrftokenplaceholder{secrets.token_hex(16)}"
CSRF_PLACEHOLDER_BYTES = CSRF_PLACEHOLDER.encode()
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
GZIP_LEVEL = 6
TOKEN_CHARS = csrf.CSRF_ALLOWED_CHARS
TOKEN_BASE = len(TOKEN_CHARS)
TOKEN_INDEX = {char: index for index, char in enumerate(TOKEN_CHARS)}
UNBIASED = 256 - 256 % TOKEN_BASE
# gzip member header: deflate, no flags, no time stamp, no extra flags, unknown system.
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
# CRC-32 register maps over GF(2), by column (the image of each bit): what one zero byte
# does to the register (`CrcShift`), and doing nothing.
ONE_ZERO_BYTE = tuple(zlib.crc32(b"\0", 1 << bit) ^ zlib.crc32(b"\0") for bit in range(32))
IDENTITY = tuple(1 << bit for bit in range(32))


class CachedPage(NamedTuple):
    content_type: str
    body: bytes
    gzipped: bytes

    @classmethod
    def of(cls, content, content_type="text/html; charset=utf-8"):
        return cls(content_type, content, gzip.compress(content, GZIP_LEVEL, mtime=0))

    @property
    def size(self):
        return len(self.body) + len(self.gzipped)

    def response(self, request):
        """The page for this request: compressed when the client says it accepts gzip."""
        return negotiated(request, self.content_type, lambda: self.body, lambda: self.gzipped)


def negotiated(request, content_type, plain, gzipped):
    """A response with `gzipped()` for a client that accepts gzip, else `plain()`."""
    if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        response = HttpResponse(gzipped(), content_type=content_type)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(plain(), content_type=content_type)
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def has_no_messages(request):
    """No flash message waits for this request. Messages live in their own cookie, or in the
    session with a marker in that cookie when they overflow it (FallbackStorage)."""
    return not request.COOKIES.get(CookieStorage.cookie_name)  # emptied once shown


def is_plain_visit(request):
    """Nothing of the visitor's own can be on the page: no session, no pending messages."""
    return has_no_messages(request) and not request.COOKIES.get(settings.SESSION_COOKIE_NAME)


def cached_form_page(request, cache, key, render):
    """A private page with a form: rendered once per key, given this request's CSRF token.

    `render(extra_context)` returns the page's response; `key` must name everything the
    page shows, and the caller must check `has_no_messages`. The token Django would put
    in the form is the only part of such a page that differs from one request to the
    next, so the kept copy (`FormPage`) holds the text around it and each response gets a
    fresh masked token, exactly as rendering would give it (and the CSRF cookie with it).
    """
    page = cache.get(key)
    if page is None:
        response = render({"csrf_token": CSRF_PLACEHOLDER})
        if response.status_code != 200:
            return response
        page = FormPage.of(response.content, response["Content-Type"])
        cache.set(key, page, size=page.size)
    return page.response(request, form_token(request).encode())


class FormPage(NamedTuple):
    """A form page kept as the text around its CSRF token, plain and compressed.

    Compressed, each piece of text is its own raw deflate stream made once, and each token
    goes between them as a *stored* (uncompressed) deflate block: the secret never takes
    part in compression, so the page's size says nothing about it (BREACH), and a response
    costs a few concatenations instead of compressing the page. Deflate allows it: every
    piece but the last ends on a byte boundary (a sync flush) and none refers back beyond
    its own start. The gzip trailer's CRC-32 is chained piece by piece (`CrcShift`).
    """

    content_type: str
    pieces: tuple  # the page's bytes between its tokens (one more than the tokens)
    length: int  # the bytes of all the pieces together
    deflated: tuple  # each piece as raw deflate: flushed, the last one finished
    crcs: tuple  # each piece's CRC-32
    shifts: tuple  # for each piece after the first, its CrcShift

    @classmethod
    def of(cls, content, content_type="text/html; charset=utf-8"):
        pieces = tuple(content.split(CSRF_PLACEHOLDER_BYTES))
        deflated = []
        for index, piece in enumerate(pieces):
            compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
            last = index == len(pieces) - 1
            deflated.append(
                compressor.compress(piece)
                + compressor.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)
            )
        return cls(
            content_type,
            pieces,
            sum(map(len, pieces)),
            tuple(deflated),
            tuple(zlib.crc32(piece) for piece in pieces),
            tuple(CrcShift(len(piece)) for piece in pieces[1:]),
        )

    @property
    def size(self):
        return self.length + sum(map(len, self.deflated)) + 4096 * len(self.shifts)

    def response(self, request, token):
        """The page with `token` in each token's place, gzipped if the client accepts it."""
        return negotiated(
            request,
            self.content_type,
            lambda: token.join(self.pieces),
            lambda: self.gzipped(token),
        )

    def gzipped(self, token):
        stored = stored_block(token)
        crc, parts = self.crcs[0], [GZIP_HEADER, self.deflated[0]]
        for deflated, piece_crc, shift in zip(
            self.deflated[1:], self.crcs[1:], self.shifts, strict=True
        ):
            parts += (stored, deflated)
            crc = shift(zlib.crc32(token, crc)) ^ piece_crc
        length = self.length + len(token) * len(self.shifts)
        parts.append(struct.pack("<II", crc, length & 0xFFFFFFFF))
        return b"".join(parts)


def stored_block(data):
    """A deflate block holding `data` as it is, not the last block of its stream."""
    return struct.pack("<BHH", 0, len(data), len(data) ^ 0xFFFF) + data


class CrcShift:
    """CRC-32 of a text followed by `length` more bytes, from the text's CRC and theirs:
    crc32(a + b) == CrcShift(len(b))(crc32(a)) ^ crc32(b).

    Feeding bytes to a CRC register is linear over GF(2) in the register, so the CRC-32 of
    `length` bytes more is, in the starting value, a fixed linear map (plus a constant the
    XOR with crc32(b) supplies). The map for one zero byte is measured, a column per bit;
    the map for `length` bytes is its power, by repeated squaring (about 2 x log2(length)
    compositions instead of 33 passes over `length` bytes); it is then applied a byte of
    the value at a time from four 256-entry tables.
    """

    __slots__ = ("tables",)

    def __init__(self, length):
        columns = zero_bytes_map(length)
        self.tables = []
        for byte in range(4):
            table = array.array("I", [0]) * 256
            for value in range(1, 256):
                lowest = value & -value
                table[value] = table[value ^ lowest] ^ columns[8 * byte + lowest.bit_length() - 1]
            self.tables.append(table)

    def __call__(self, crc):
        first, second, third, fourth = self.tables
        return (
            first[crc & 0xFF]
            ^ second[(crc >> 8) & 0xFF]
            ^ third[(crc >> 16) & 0xFF]
            ^ fourth[crc >> 24]
        )


def zero_bytes_map(length):
    """The columns (images of each bit) of the linear map that `length` zero bytes apply to
    a CRC-32 register: the one-byte map raised to `length`, by squaring."""
    result, power = IDENTITY, ONE_ZERO_BYTE
    while length:
        if length & 1:
            result = composed(power, result)
        length >>= 1
        if length:
            power = composed(power, power)
    return result


def composed(outer, inner):
    """Columns of `outer` after `inner` (maps of 32-bit values over GF(2), by column)."""
    return tuple(applied(outer, column) for column in inner)


def applied(columns, value):
    image = 0
    for bit, column in enumerate(columns):
        if value >> bit & 1:
            image ^= column
    return image


def form_token(request):
    """What `get_token` gives: this browser's CSRF secret under a fresh random mask, or a new
    secret (and its cookie) for a browser that has none.

    The mask is drawn with one call to the system's random source instead of Django's one
    per character (`get_random_string`), which cost 40 µs, a tenth of the whole request;
    the token has Django's own form, a 32-character mask then the secret shifted by it in
    the token alphabet, and Django's check unmasks it as any other (test_page_reuse.py).
    Unlike `get_token`, an existing cookie is not sent again: its expiry (a year) is
    renewed by the pages rendered in full, such as the response to each save.
    """
    secret = request.META.get("CSRF_COOKIE")
    if secret is None or len(secret) != csrf.CSRF_SECRET_LENGTH:
        return get_token(request)
    mask = random_indexes(csrf.CSRF_SECRET_LENGTH)
    cipher = (TOKEN_INDEX[char] + shift for char, shift in zip(secret, mask, strict=True))
    return "".join(TOKEN_CHARS[each] for each in mask) + "".join(
        TOKEN_CHARS[each % TOKEN_BASE] for each in cipher
    )


def random_indexes(count):
    """`count` independent uniform indexes into the token alphabet, from the OS's source:
    bytes at or above the largest multiple of its size are dropped, so none is favoured."""
    found = []
    while len(found) < count:
        found += [byte % TOKEN_BASE for byte in secrets.token_bytes(count + 8) if byte < UNBIASED]
    return found[:count]


def cached_public_page(version=None):
    """Decorator for a public GET view whose page depends only on its URL and `version()`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method != "GET" or not is_plain_visit(request):
                return view(request, *args, **kwargs)
            # The path names the view; the version says what it showed.
            key = (request.get_full_path(), None if version is None else version())
            page = PAGES.get(key)
            if page is not None:
                return page.response(request)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            if not is_shareable(request, response):
                return response
            page = CachedPage.of(response.content, response["Content-Type"])
            PAGES.set(key, page, size=page.size)
            return page.response(request)

        return wrapper

    return decorator


def is_shareable(request, response):
    """Nothing in the response belongs to this visit: it may serve the next plain visit."""
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.accessed)
        and not has_vary_header(response, "Cookie")
    )
