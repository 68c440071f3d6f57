"""The web benchmark's pure helpers: Django reads what it sends, wrk's figures are read right."""

import io
import sys
from pathlib import Path

import pytest
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http.multipartparser import MultiPartParser

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from http_client import multipart_body
from load_generator import wrk_figures
from results_growth import goal as growth_goal
from results_growth import growth, growth_ratio

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000/healthz
  2 threads and 8 connections
WRK_JSON {"requests": 15000, "duration_us": 10000000, "bytes": 1, "errors": {"connect": 0, \
"read": 0, "write": 0, "status": 3, "timeout": 1}, "latency_us": {"p50": 4900, "p95": 14000, \
"p99": 20000, "max": 30000, "mean": 5000.0}}
"""


def test_wrk_figures_are_requests_per_second_and_milliseconds():
    figures = wrk_figures(WRK_OUTPUT)

    assert figures == {
        "requests": 15000,
        "requests_per_second": 1500.0,
        "median_ms": 4.9,
        "p95_ms": 14.0,
        "errors": 4,
    }


def test_multipart_body_is_read_by_django_as_fields_and_file():
    content = b"name,complexity\nInvoice entry,2\n"
    fields = {"csrfmiddlewaretoken": "abc", "mode": "add"}
    body = multipart_body("b0undary", fields, {"file": ("t.csv", content, "text/csv")})
    meta = {"CONTENT_TYPE": "multipart/form-data; boundary=b0undary", "CONTENT_LENGTH": len(body)}

    parser = MultiPartParser(meta, io.BytesIO(body), [MemoryFileUploadHandler()])
    posted, files = parser.parse()

    assert posted.dict() == fields
    assert files["file"].name == "t.csv"
    assert files["file"].read() == content


def test_growth_compares_time_ratio_with_size_ratio():
    first = {"10": {"first_ms": 20.0}, "1000": {"first_ms": 1250.0}, "100": {"first_ms": 80.0}}

    steps = growth(first)

    ratios = [(step["from"], step["to"], step["time_ratio"], step["size_ratio"]) for step in steps]
    assert ratios == [(10, 100, 4.0, 10.0), (100, 1000, 15.625, 10.0)]
    assert steps[1]["ms_per_extra_task"] == 1.3


@pytest.mark.parametrize(("thousand_ms", "holds"), [(960.0, True), (961.0, False)])
def test_growth_goal_is_at_most_twelve_times_from_100_to_1000_tasks(thousand_ms, holds):
    first = {"10": {"first_ms": 50.0}, "100": {"first_ms": 80.0}, "1000": {"first_ms": thousand_ms}}

    assert growth_ratio(first) == thousand_ms / 80.0
    assert growth_goal("SQLite", first)["holds"] is holds
