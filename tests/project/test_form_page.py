"""Kept form pages (outsourcing_advisor/page_cache.py): the text around the CSRF token is
compressed once, each response puts its own token between the pieces uncompressed, and
the result is a gzip stream any client reads back as the page with that token."""

import gzip
import zlib

import pytest
from django.middleware.csrf import CSRF_SECRET_LENGTH, _unmask_cipher_token, get_token
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from outsourcing_advisor.page_cache import (
    CSRF_PLACEHOLDER_BYTES,
    TOKEN_BASE,
    CrcShift,
    FormPage,
    form_token,
    random_indexes,
)

TOKEN = b"k" * 64
PAGE = (
    b"<!doctype html><title>Tasks</title>" * 40
    + b'<form><input name="csrfmiddlewaretoken" value="'
    + CSRF_PLACEHOLDER_BYTES
    + b'"><input name="task">'
    + b"<p>The rest of the page, with a row per task.</p>" * 400
)


def request_for(accept_encoding=None, secret=None):
    headers = {} if accept_encoding is None else {"Accept-Encoding": accept_encoding}
    request = RequestFactory().get("/assessments/resume/x/tasks/", headers=headers)
    if secret is not None:
        request.META["CSRF_COOKIE"] = secret
    return request


@given(st.binary(max_size=3000), st.binary(max_size=3000))
def test_a_crc_shift_chains_two_crcs_into_the_crc_of_both(first, second):
    assert CrcShift(len(second))(zlib.crc32(first)) ^ zlib.crc32(second) == zlib.crc32(
        first + second
    )


@pytest.mark.parametrize("length", [0, 1, 2, 255, 65_537, 3 * 1024 * 1024 + 11])
def test_a_crc_shift_over_a_long_piece_is_the_map_of_that_many_bytes(length):
    # Long pieces are what the squaring is for; each power of two up to the length is used.
    first, second = b"<html>", bytes(range(256)) * (length // 256) + bytes(length % 256)
    assert CrcShift(length)(zlib.crc32(first)) ^ zlib.crc32(second) == zlib.crc32(first + second)


@given(st.lists(st.binary(max_size=400), min_size=1, max_size=4), st.binary(max_size=100))
def test_the_gzipped_page_reads_back_as_the_page_with_the_token(pieces, token):
    content = CSRF_PLACEHOLDER_BYTES.join(pieces)
    gzipped = FormPage.of(content).gzipped(token)
    assert gzip.decompress(gzipped) == content.replace(CSRF_PLACEHOLDER_BYTES, token)


def test_a_real_sized_page_is_much_smaller_and_the_token_is_never_compressed():
    gzipped = FormPage.of(PAGE).gzipped(TOKEN)
    assert len(gzipped) < len(PAGE) / 5
    assert TOKEN in gzipped  # stored as it is: the page's size says nothing about it
    assert zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(gzipped) == PAGE.replace(
        CSRF_PLACEHOLDER_BYTES, TOKEN
    )


def test_clients_that_accept_gzip_get_it_and_others_the_plain_page():
    page = FormPage.of(PAGE)
    plain = page.response(request_for(), TOKEN)
    compressed = page.response(request_for("gzip, deflate, br"), TOKEN)
    assert plain.content == PAGE.replace(CSRF_PLACEHOLDER_BYTES, TOKEN)
    assert not plain.has_header("Content-Encoding")
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    for response in (plain, compressed):
        assert response["Vary"] == "Accept-Encoding"


def test_each_form_token_masks_the_browsers_secret_afresh():
    request = request_for(secret="s" * CSRF_SECRET_LENGTH)
    tokens = {form_token(request) for _ in range(20)}
    assert len(tokens) == 20
    for token in tokens:
        assert len(token) == 2 * CSRF_SECRET_LENGTH
        assert _unmask_cipher_token(token) == "s" * CSRF_SECRET_LENGTH
    assert "CSRF_COOKIE_NEEDS_UPDATE" not in request.META  # the browser keeps its cookie


def test_a_browser_without_a_csrf_cookie_gets_a_new_secret_and_the_cookie():
    request = request_for()
    token = form_token(request)
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True
    assert _unmask_cipher_token(token) == request.META["CSRF_COOKIE"]
    assert _unmask_cipher_token(get_token(request)) == request.META["CSRF_COOKIE"]


def test_mask_indexes_favour_no_character(monkeypatch):
    """Every byte value once: bytes past the last whole multiple of the alphabet's size are
    dropped, so each index comes out exactly as often (a plain `byte % 62` would give the
    first eight indexes one more each)."""
    every_byte = bytes([*range(248, 256), *range(248)])  # the values to drop come first
    monkeypatch.setattr("secrets.token_bytes", lambda size: every_byte)
    drawn = random_indexes(4 * TOKEN_BASE)
    assert sorted(drawn) == sorted(list(range(TOKEN_BASE)) * 4)


def test_mask_indexes_are_drawn_afresh():
    assert random_indexes(32) != random_indexes(32)
