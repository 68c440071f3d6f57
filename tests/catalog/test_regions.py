"""Which region is onshore, nearshore and offshore for a company, by its country.

Plain Python (`catalog.regions`): no database.
"""

import pytest

from catalog.models import Region
from catalog.regions import (
    HOME_BY_COUNTRY,
    HOMES,
    KINDS,
    NEARSHORE_BY_COUNTRY,
    REGIONS,
    delivery_regions,
    home_markets,
)

US_MARKET = HOMES["us"]


@pytest.mark.parametrize(
    ("country", "home", "onshore", "nearshore", "offshore"),
    [
        ("US", "us", "us", "latin-america", "india-philippines"),
        ("GB", "uk", "uk", "eastern-europe", "india-philippines"),
        ("DE", "western-europe", "western-europe", "eastern-europe", "india-philippines"),
        ("IN", "india", "india", "india-philippines", None),
        ("AU", "canada-australia", "canada-australia", "india-philippines", "india-philippines"),
        ("CA", "canada-australia", "canada-australia", "latin-america", "india-philippines"),
    ],
)
def test_a_country_is_priced_at_home_with_its_usual_partners(
    country, home, onshore, nearshore, offshore
):
    expected = {"onshore": onshore, "nearshore": nearshore, "offshore": offshore}
    assert delivery_regions(country) == (home, expected, True)


@pytest.mark.parametrize("country", ["BR", "JP", "ZZ", "", None])
def test_a_country_without_a_home_region_is_priced_in_the_us_market_and_says_so(country):
    assert delivery_regions(country) == ("us", US_MARKET, False)


def test_a_caller_cannot_change_the_homes_through_the_answer():
    _home, regions, _priced = delivery_regions("AU")
    regions["onshore"] = "india"
    assert HOMES["canada-australia"]["onshore"] == "canada-australia"
    assert delivery_regions("AU")[1]["onshore"] == "canada-australia"


def test_every_home_country_and_partner_names_a_known_region():
    assert set(HOME_BY_COUNTRY.values()) == set(HOMES)
    for regions in HOMES.values():
        assert tuple(regions) == KINDS
        assert {region for region in regions.values() if region} <= set(REGIONS)
    assert set(NEARSHORE_BY_COUNTRY.values()) <= set(REGIONS)
    assert set(NEARSHORE_BY_COUNTRY) <= set(HOME_BY_COUNTRY)
    assert Region.choices == list(REGIONS.items())


def test_the_home_markets_name_every_home_and_australias_own_nearshore():
    markets = {market.name: market for market in home_markets(lambda code: f"<{code}>")}
    assert list(markets) == [REGIONS[home] for home in HOMES]
    india = markets["India"]
    assert (india.onshore, india.nearshore, india.offshore) == (
        "India",
        "India or the Philippines",
        None,
    )
    assert markets["Canada or Australia"].nearshore_exceptions == (
        ("<AU>", "India or the Philippines"),
        ("<NZ>", "India or the Philippines"),
    )
    assert markets["United States"].nearshore_exceptions == ()
