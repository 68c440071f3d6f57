"""The public catalog pages: the filtered list, one service type, and the comparison.

They run against the default catalog the migrations load (51 published service types).
"""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from catalog.models import RateCard, Risk, ServiceType, SourcingModel
from catalog.regions import REGIONS
from catalog.scales import COMPLEXITY_LEVELS, STANDARDISATION_LEVELS
from tests.factories import (
    IndustryFactory,
    ProviderFactory,
    RiskFactory,
    ServiceTypeFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/catalog/"
COMPARE_URL = "/catalog/compare/"
IGNORED_MESSAGE = "so this filter was ignored"
SEVEN_DIMENSIONS = (
    "Motivating factor",
    "Typical services",
    "Nature of work",
    "Expertise required",
    "Complexity",
    "Staff skills",
    "Process rules",
)


def found_slugs(client, **filters):
    """Slugs of every service type the filters found, across all pages (from the view's
    context)."""
    response = client.get(LIST_URL, filters)
    assert response.status_code == 200
    return {service.slug for service in response.context["paginator"].object_list}


def shown_slugs(page):
    """Slugs of the service types whose cards a rendered list page shows."""
    return set(re.findall(r'<h3 class="h6 card-title"><a href="/catalog/([\w-]+)/">', page))


def cards(page):
    return re.findall(r'<article class="card h-100">(.*?)</article>', page, re.DOTALL)


def count_queries(client, url):
    """Queries of a first view: nothing in the cache (catalog.services) yet."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


# --- The list --------------------------------------------------------------------------


def test_list_shows_published_service_types_and_hides_unpublished_ones(client):
    ServiceType.objects.filter(slug="customer-support").update(is_published=False)
    ServiceTypeFactory(name="Aardvark grooming", slug="aardvark-grooming", is_published=False)

    response = client.get(LIST_URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert f"{ServiceType.objects.published().count()} service types" in page
    assert {"appointment-scheduling", "bookkeeping", "data-entry"} <= shown_slugs(page)
    assert "customer-support" not in found_slugs(client)
    assert "aardvark-grooming" not in found_slugs(client)
    assert "Aardvark grooming" not in page


def test_list_card_shows_name_link_summary_and_facet_badges(client):
    page = client.get(LIST_URL + "?q=regulatory+change").content.decode()

    [card] = cards(page)
    assert '<a href="/catalog/compliance-support/">Compliance support</a>' in card
    assert escape(ServiceType.objects.get(slug="compliance-support").summary) in card
    for badge in ("LPO (legal KPO)", "Back office", "Vertical (industry-specific)"):
        assert f">{badge}</span>" in card
    for industry in ("Financial services", "Healthcare", "Insurance"):
        assert f">{industry}</span>" in card


def test_bpo_filter_finds_only_bpo_services(client):
    found = found_slugs(client, sourcing_model="bpo")

    assert {"customer-support", "payroll-processing", "medical-coding-and-billing"} <= found
    assert found.isdisjoint({"market-research", "contract-drafting-and-review"})
    assert len(found) == ServiceType.objects.filter(sourcing_model=SourcingModel.BPO).count()


def test_kpo_filter_includes_legal_lpo_services(client):
    found = found_slugs(client, sourcing_model="kpo")

    assert {"market-research", "strategy-insight"} <= found
    assert {"contract-drafting-and-review", "legal-research"} <= found
    assert "customer-support" not in found
    assert len(found) == ServiceType.objects.filter(sourcing_model__in=["kpo", "lpo"]).count()


def test_lpo_only_filter_leaves_out_other_kpo_services(client):
    found = found_slugs(client, sourcing_model="lpo")

    assert {"contract-drafting-and-review", "legal-research", "paralegal-support"} <= found
    assert found.isdisjoint({"market-research", "customer-support"})
    assert len(found) == ServiceType.objects.filter(sourcing_model="lpo").count()


def test_office_filter_separates_front_from_back_office(client):
    front = found_slugs(client, office="front")
    back = found_slugs(client, office="back")

    assert {"customer-support", "telemarketing", "design-and-animation"} <= front
    assert {"payroll-processing", "legal-research"} <= back
    assert front.isdisjoint(back)
    assert len(front) + len(back) == ServiceType.objects.published().count()


def test_orientation_filter_separates_vertical_from_horizontal_services(client):
    vertical = found_slugs(client, orientation="vertical")

    assert {"medical-coding-and-billing", "insurance-claims-processing"} <= vertical
    assert vertical.isdisjoint({"customer-support", "payroll-processing"})


def test_industry_filter_finds_the_services_tagged_with_that_industry(client):
    assert found_slugs(client, industry="healthcare") == {
        "medical-coding-and-billing",
        "compliance-support",
    }


def test_filters_combine(client):
    assert found_slugs(client, sourcing_model="kpo", office="front") == {"design-and-animation"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "PAYROLL",
            {
                "payroll-processing",
                "tax-preparation-and-compliance",
                "client-bookkeeping-and-accounts-preparation",
            },
        ),
        ("playbook", {"contract-drafting-and-review"}),
        ("glossary", {"transcription"}),
        ("patent prior-art", {"ip-and-patent-support"}),
    ],
    ids=["name-any-case", "summary", "description-only", "every-word-must-match"],
)
def test_search_matches_name_summary_and_description_in_any_case(client, query, expected):
    assert found_slugs(client, q=query) == expected


def test_search_without_match_says_so_and_offers_to_clear_filters(client):
    page = client.get(LIST_URL + "?q=zeppelin").content.decode()

    assert "0 service types" in page
    assert "No service type matches these filters" in page
    assert f'<a href="{LIST_URL}">Clear filters</a>' in page


def test_filter_form_has_a_label_for_every_field_a_submit_button_and_a_clear_link(client):
    page = client.get(LIST_URL).content.decode()

    assert '<form method="get" action="/catalog/"' in page
    for name in ("q", "sourcing_model", "office", "orientation", "industry"):
        assert f'<label class="form-label" for="id_{name}">' in page
        assert f'name="{name}"' in page
    assert '<button type="submit"' in page
    assert ">Clear filters</a>" in page
    assert '<option value="lpo">LPO only</option>' in page


@pytest.mark.parametrize(
    "filters",
    [
        {"office": "xyz"},
        {"orientation": "diagonal"},
        {"sourcing_model": "xpo"},
        {"industry": "nope"},
        {"q": "x" * 101},
        {"q": "pay\x00roll"},
    ],
    ids=["office", "orientation", "sourcing-model", "industry", "too-long-search", "nul-byte"],
)
def test_invalid_filter_value_is_reported_and_ignored(client, filters):
    response = client.get(LIST_URL, filters)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Some filters could not be used and were ignored" in page
    assert 'aria-invalid="true"' in page
    assert len(response.context["paginator"].object_list) == (
        ServiceType.objects.published().count()
    )


def test_invalid_filter_does_not_drop_the_valid_ones(client):
    response = client.get(LIST_URL + "?sourcing_model=lpo&office=xyz&industry=nope")

    page = response.content.decode()
    assert IGNORED_MESSAGE in page
    lpo = ServiceType.objects.published().filter(sourcing_model="lpo")
    assert len(response.context["paginator"].object_list) == lpo.count()


def test_list_pages_hold_24_service_types(client):
    first = client.get(LIST_URL).content.decode()
    second = client.get(LIST_URL + "?page=2").content.decode()

    assert len(shown_slugs(first)) == 24
    assert len(shown_slugs(second)) == min(24, ServiceType.objects.published().count() - 24)
    assert shown_slugs(first).isdisjoint(shown_slugs(second))


def test_pagination_links_keep_the_filters(client):
    first = client.get(LIST_URL + "?sourcing_model=bpo").content.decode()

    assert 'href="?sourcing_model=bpo&amp;page=2"' in first
    second = client.get(LIST_URL + "?sourcing_model=bpo&page=2")
    bpo_slugs = ServiceType.objects.published().filter(sourcing_model="bpo")
    assert shown_slugs(second.content.decode()) == set(
        bpo_slugs.order_by("name").values_list("slug", flat=True)[24:]
    )
    assert 'href="?sourcing_model=bpo&amp;page=1"' in second.content.decode()


def test_nav_links_to_the_catalog_and_marks_it_current_there(client):
    landing = client.get("/").content.decode()
    catalog = client.get(LIST_URL).content.decode()

    assert re.search(r'<a class="nav-link" href="/catalog/">Service catalog</a>', landing)
    assert re.search(r'href="/catalog/" aria-current="page">Service catalog</a>', catalog)


# --- One service type ------------------------------------------------------------------


def test_detail_page_shows_what_the_service_is_and_its_facets(client):
    service = ServiceType.objects.get(slug="compliance-support")

    response = client.get(service.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert f'<h1 class="h2">{escape(service.name)}</h1>' in page
    assert escape(service.summary) in page
    assert escape(service.description) in page
    assert "LPO (legal KPO)" in page
    assert "Back office" in page
    assert "Vertical (industry-specific)" in page
    assert '<a href="/catalog/?industry=healthcare">Healthcare</a>' in page
    assert f'<a class="btn btn-outline-primary" href="{LIST_URL}">' in page


def test_detail_page_explains_each_typical_rating_in_plain_words(client):
    service = ServiceType.objects.get(slug="customer-support")

    page = client.get(service.get_absolute_url()).content.decode()

    assert f"Complexity: {service.typical_complexity} of 5" in page
    assert escape(COMPLEXITY_LEVELS[service.typical_complexity]) in page
    assert f"Skill level: {service.typical_skill_level} of 5" in page
    assert f"Standardisation: {service.typical_standardisation} of 5" in page
    assert escape(STANDARDISATION_LEVELS[service.typical_standardisation]) in page


def test_detail_page_shows_rates_of_its_sourcing_model_in_every_region(client):
    page = client.get("/catalog/customer-support/").content.decode()

    assert "<caption" in page
    cards = RateCard.objects.filter(sourcing_model=SourcingModel.BPO).select_related("location")
    assert len(cards) == len(REGIONS)
    for card in cards:
        assert f'<th scope="row">{escape(card.get_region_display())}</th>' in page
        assert f'<td data-label="Usually seen as">{card.location.name}</td>' in page
        for rate in (card.hourly_low, card.hourly_typical, card.hourly_high):
            assert f"{card.currency} {rate}" in page
        assert f"{card.as_of_display}</time>" in page
        assert escape(card.source) in page
        assert escape(card.citation) in page
    kpo = RateCard.objects.get(sourcing_model=SourcingModel.KPO, region="us")
    assert f"USD {kpo.hourly_typical}" not in page


def test_detail_page_lists_the_regions_us_market_first(client):
    page = client.get("/catalog/customer-support/").content.decode()

    rows = [page.index(f'<th scope="row">{escape(name)}</th>') for name in REGIONS.values()]
    assert rows == sorted(rows)


def test_detail_page_says_which_region_is_onshore_nearshore_and_offshore_for_each_home(client):
    page = client.get("/catalog/customer-support/").content.decode()

    table = page[page.index('id="homes-caption"') :]
    uk_row = table[table.index('<th scope="row">United Kingdom</th>') :].split("</tr>")[0]
    assert "Eastern Europe or Portugal" in uk_row
    assert "India or the Philippines" in uk_row
    assert "Australia: India or the Philippines" in table
    assert "New Zealand: India or the Philippines" in table
    assert "priced in the United States market" in page


def test_legal_service_shows_lpo_rates_not_kpo_rates(client):
    page = client.get("/catalog/legal-research/").content.decode()

    lpo = RateCard.objects.get(sourcing_model=SourcingModel.LPO, region="us")
    kpo = RateCard.objects.get(sourcing_model=SourcingModel.KPO, region="us")
    assert f"USD {lpo.hourly_typical}" in page
    assert f"USD {kpo.hourly_typical}" not in page


def test_detail_page_lists_risks_with_their_mitigations(client):
    page = client.get("/catalog/customer-support/").content.decode()

    for slug in ("communication-barriers", "data-security"):
        risk = Risk.objects.get(slug=slug)
        assert escape(risk.name) in page
        assert escape(risk.mitigation) in page
    assert escape(Risk.objects.get(slug="hidden-costs").mitigation) not in page


def test_detail_page_lists_example_providers_and_says_they_are_not_endorsed(client):
    page = client.get("/catalog/customer-support/").content.decode()

    assert "Concentrix" in page
    assert "Teleperformance" in page
    assert "Genpact" not in page
    assert "Large contact-centre and customer-support BPO provider" in page
    assert "not an endorsement" in page


def test_detail_page_of_an_unpublished_service_type_is_not_found(client):
    service = ServiceTypeFactory(is_published=False)

    assert client.get(service.get_absolute_url()).status_code == 404


def test_detail_page_of_an_unknown_slug_is_not_found(client):
    assert client.get("/catalog/no-such-service/").status_code == 404


# --- The comparison --------------------------------------------------------------------


def test_compare_page_compares_three_answers_on_seven_dimensions(client):
    response = client.get(COMPARE_URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert "<caption" in page
    columns = re.findall(r'<th scope="col">([^<]+)</th>', page)
    assert [column.split(":")[0] for column in columns[1:]] == ["BPO", "KPO", "In-house"]
    rows = re.findall(r'<th scope="row">([^<]+)</th>', page)
    assert rows == list(SEVEN_DIMENSIONS)
    # Each cell names its column, which a phone shows in front of it (the table stacks).
    assert re.findall(r'<td data-label="([^"]+)">', page) == columns[1:] * len(SEVEN_DIMENSIONS)


def test_compare_page_says_when_each_answer_fits_and_links_to_the_filtered_list(client):
    page = client.get(COMPARE_URL).content.decode()

    assert "When each answer fits" in page
    for model in ("bpo", "kpo", "lpo"):
        assert f'href="/catalog/?sourcing_model={model}"' in page


# --- Query counts ----------------------------------------------------------------------


@pytest.mark.parametrize("filtered", [False, True], ids=["unfiltered", "every-filter"])
def test_list_page_query_count_is_constant(client, filtered):
    industries = IndustryFactory.create_batch(3)
    ServiceType.objects.exclude(slug="payroll-processing").update(is_published=False)
    ServiceType.objects.get(slug="payroll-processing").industries.set(industries)
    url = LIST_URL
    if filtered:
        url += "?q=pay&sourcing_model=bpo&office=back&orientation=horizontal"
        url += f"&industry={industries[0].slug}"
    few, page = count_queries(client, url)
    assert shown_slugs(page) == {"payroll-processing"}

    for service in ServiceTypeFactory.create_batch(30, summary="Pay runs for tests."):
        service.industries.set(industries)
    many, page = count_queries(client, url)

    assert len(shown_slugs(page)) == 24
    assert f">{industries[2].name}</span>" in page
    assert many == few


@pytest.mark.parametrize("url", [LIST_URL, "/catalog/payroll-processing/"])
def test_a_repeat_view_is_served_from_the_cache_with_fewer_queries(client, url):
    first, page = count_queries(client, url)

    with CaptureQueriesContext(connection) as queries:
        again = client.get(url).content.decode()

    assert again == page
    assert len(queries) < first
    assert not any("catalog_servicetype_risks" in query["sql"] for query in queries)


def test_detail_page_query_count_is_constant(client):
    service = ServiceTypeFactory(sourcing_model=SourcingModel.KPO)
    service.industries.add(IndustryFactory())
    service.risks.add(RiskFactory())
    service.providers.add(ProviderFactory())
    few, _ = count_queries(client, service.get_absolute_url())

    service.industries.add(*IndustryFactory.create_batch(10))
    service.risks.add(*RiskFactory.create_batch(10))
    service.providers.add(*ProviderFactory.create_batch(10))
    many, page = count_queries(client, service.get_absolute_url())

    assert page.count("How to reduce it:") == 11
    assert many == few
