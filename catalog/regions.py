"""Where onshore, nearshore and offshore work is delivered from, seen from a company's home.

Rate cards are kept per region (`REGIONS`). A company's country decides its home region,
whose providers price onshore work, and the partner regions its nearshore and offshore work
usually goes to (`HOMES`):

- United States: Latin America nearshore (close time zones, Spanish and English), India or
  the Philippines offshore.
- United Kingdom: Eastern Europe or Portugal nearshore (one or two hours' difference, EU
  providers with English-speaking staff), India or the Philippines offshore.
- Western Europe (Germany, France, the Benelux, Austria, Ireland, Italy, Spain, Portugal,
  the Nordic countries and Switzerland): the same partners as the United Kingdom, for the
  same reasons.
- Canada, Australia and New Zealand: priced together, as English-speaking markets with
  similar labour costs. Canada's nearshore is Latin America, as for the United States;
  Australia's and New Zealand's is the Philippines, in nearly their time zone, so for them
  `NEARSHORE_BY_COUNTRY` makes India or the Philippines nearshore as well as offshore.
- India: its own market onshore; the wider India-or-Philippines market is its nearshore and
  there is no cheaper offshore for it, so offshore is None.

A country with no home region of its own is priced in the US market, and
`delivery_regions` says so (`priced_as_home` is False) so that a report can tell the owner.

Plain data and functions: this module must not import Django, touch the database or know
about rate cards; the catalog's models and the assessments read it.
"""

from dataclasses import dataclass

REGIONS = {
    "us": "United States",
    "latin-america": "Latin America",
    "india-philippines": "India or the Philippines",
    "uk": "United Kingdom",
    "western-europe": "Western Europe",
    "eastern-europe": "Eastern Europe or Portugal",
    "canada-australia": "Canada or Australia",
    "india": "India",
}
KINDS = ("onshore", "nearshore", "offshore")
HOMES = {
    "us": {"onshore": "us", "nearshore": "latin-america", "offshore": "india-philippines"},
    "uk": {"onshore": "uk", "nearshore": "eastern-europe", "offshore": "india-philippines"},
    "western-europe": {
        "onshore": "western-europe",
        "nearshore": "eastern-europe",
        "offshore": "india-philippines",
    },
    "canada-australia": {
        "onshore": "canada-australia",
        "nearshore": "latin-america",
        "offshore": "india-philippines",
    },
    "india": {"onshore": "india", "nearshore": "india-philippines", "offshore": None},
}
WESTERN_EUROPE = [
    "DE",
    "FR",
    "NL",
    "BE",
    "LU",
    "AT",
    "IE",
    "IT",
    "ES",
    "PT",
    "DK",
    "SE",
    "FI",
    "NO",
    "CH",
    "IS",
]
HOME_BY_COUNTRY = {
    "US": "us",
    "GB": "uk",
    **dict.fromkeys(WESTERN_EUROPE, "western-europe"),
    "CA": "canada-australia",
    "AU": "canada-australia",
    "NZ": "canada-australia",
    "IN": "india",
}
NEARSHORE_BY_COUNTRY = {"AU": "india-philippines", "NZ": "india-philippines"}
FALLBACK_HOME = "us"


def delivery_regions(country):
    """(home region, {kind: region or None}, priced_as_home) for an ISO 3166 alpha-2 code.

    priced_as_home is False when the country has no home region and is priced in the US
    market instead.
    """
    home = HOME_BY_COUNTRY.get(country)
    priced_as_home = home is not None
    home = home or FALLBACK_HOME
    regions = dict(HOMES[home])
    if priced_as_home and country in NEARSHORE_BY_COUNTRY:
        regions["nearshore"] = NEARSHORE_BY_COUNTRY[country]
    return home, regions, priced_as_home


@dataclass(frozen=True)
class HomeMarket:
    """One home region and the names of the regions its work goes to, for display."""

    name: str
    onshore: str
    nearshore: str | None
    offshore: str | None
    # (country name, region name) for the countries of this home with their own nearshore.
    nearshore_exceptions: tuple[tuple[str, str], ...] = ()


def home_markets(country_name):
    """Every home region with its partners' names; `country_name` names an ISO code."""
    markets = []
    for home, regions in HOMES.items():
        names = {kind: REGIONS[region] if region else None for kind, region in regions.items()}
        exceptions = tuple(
            (country_name(country), REGIONS[region])
            for country, region in NEARSHORE_BY_COUNTRY.items()
            if HOME_BY_COUNTRY[country] == home
        )
        markets.append(HomeMarket(REGIONS[home], **names, nearshore_exceptions=exceptions))
    return markets
