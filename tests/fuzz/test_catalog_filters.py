"""The public catalog list's search and filters, from its form and from hand-edited URLs.

A valid filter applies, an invalid one is reported and left out, the page never fails and
a GET never writes to the database.
"""

import re

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import event, given
from hypothesis import strategies as st

from catalog.models import Industry, Office, Orientation, ServiceType
from tests.fuzz.checks import FuzzTestCase
from tests.fuzz.strategies import (
    FUZZ,
    HUGE,
    INVALID,
    UNKNOWN,
    VALID,
    padded,
    plain_text,
    tagged,
    worst,
)

LIST_URL = "/catalog/"
IGNORED_NOTICE = "Some filters could not be used and were ignored"
WORDS = ("payroll", "data", "legal", "Support", "research analysis", "x")
# Printable ASCII and percent escapes, some of them not UTF-8 once decoded.
RAW_QUERIES = st.lists(
    st.one_of(
        st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=20),
        st.sampled_from(["%00", "%ff%fe", "%C3%28", "%", "%zz", "&&", "==", "q=%E2%80%AE"]),
        st.sampled_from(["q=", "sourcing_model=", "office=", "industry=", "page=", "orientation="]),
    ),
    max_size=8,
).map("".join)


def filter_fields(industry_slugs):
    """{parameter: (tag, value)}; a parameter may be left out."""
    choice_invalid = st.sampled_from(["BPO", "Front", "x", " bpo", "\x00", HUGE])
    return st.fixed_dictionaries(
        {},
        optional={
            "q": tagged(
                padded(st.sampled_from(WORDS) | plain_text(0, 100)),
                st.sampled_from(["x" * 101, "\x00", "pay\x00roll"]),
            ),
            "sourcing_model": tagged(st.sampled_from(["", "bpo", "kpo", "lpo"]), choice_invalid),
            "office": tagged(st.sampled_from(["", *Office.values]), choice_invalid),
            "orientation": tagged(st.sampled_from(["", *Orientation.values]), choice_invalid),
            "industry": tagged(
                st.sampled_from(["", *industry_slugs]),
                st.sampled_from(["no-such-industry", "\x00", HUGE]),
            ),
            "page": st.sampled_from(["1", "last"]).map(lambda page: (VALID, page))
            | st.sampled_from(["2", "0", "-1", "abc", "99999999999999999999", "\u0662"]).map(
                lambda page: (UNKNOWN, page)
            ),
        },
    )


def expected_service_types(fields):
    """The published service types that the valid filters among `fields` leave."""
    valid = {name: value for name, (tag, value) in fields.items() if tag == VALID and value}
    service_types = ServiceType.objects.published()
    if valid.get("q", "").strip():
        service_types = service_types.search(valid["q"].strip())
    if "sourcing_model" in valid:
        service_types = service_types.of_sourcing_model(valid["sourcing_model"])
    for facet in ("office", "orientation"):
        if facet in valid:
            service_types = service_types.filter(**{facet: valid[facet]})
    if "industry" in valid:
        service_types = service_types.filter(industries__slug=valid["industry"])
    return service_types


def found_count(page):
    """The number of service types the list says it found."""
    return int(re.search(r'id="results-title"[^>]*>\s*(\d+) service type', page).group(1))


def is_write(sql):
    """A write to the product's data; the cache's own table (settings.CACHES, where the
    page keeps its rendered list) is not data."""
    if settings.CACHES["default"]["LOCATION"] in sql:
        return False
    return sql.lstrip().split(None, 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}


class CatalogListFuzz(FuzzTestCase):
    def setUp(self):
        self.industry_slugs = list(Industry.objects.order_by("slug").values_list("slug", flat=True))

    @FUZZ
    @given(data=st.data(), raw=st.sampled_from([False] * 4 + [True]))
    def test_catalog_list_applies_valid_filters_and_ignores_the_rest(self, data, raw):
        fields = {} if raw else data.draw(filter_fields(self.industry_slugs))
        query = data.draw(RAW_QUERIES) if raw else None

        with CaptureQueriesContext(connection) as queries:
            if raw:
                response = self.client.get(f"{LIST_URL}?{query}")
            else:
                params = {name: value for name, (_, value) in fields.items()}
                response = self.client.get(LIST_URL, params)

        tag = UNKNOWN if raw else worst(tag for tag, _ in fields.values())
        event(f"{'raw' if raw else tag} query: {response.status_code}")
        assert not [query["sql"] for query in queries if is_write(query["sql"])]
        if response.status_code == 404:  # a page number the list does not have
            assert raw or fields["page"][0] == UNKNOWN
            return
        assert response.status_code == 200
        if raw:
            return
        tags = {tag for name, (tag, _) in fields.items() if name != "page"}
        notice = IGNORED_NOTICE in response.content.decode()
        if INVALID in tags:
            assert notice
        if UNKNOWN not in tags:  # an odd value may or may not be a usable filter
            assert notice == (INVALID in tags)
            expected = expected_service_types(fields).distinct().count()
            # From the page itself: a repeated query is served from memory, with no context.
            assert found_count(response.content.decode()) == expected
