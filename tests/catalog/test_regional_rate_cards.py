"""Rate cards by region: every region a company can be sent to has its cards.

Migration 0014 gave the existing cards their regions and 0015 estimated the other regions'
cards for BPO, KPO and LPO (docs/rates.md, "Regions"); a region has one card per model.
"""

import importlib
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from catalog.models import (
    RATE_CARD_UNIQUE_MESSAGE,
    DeliveryLocation,
    LabourCost,
    RateCard,
    SourcingModel,
)
from catalog.regions import HOME_BY_COUNTRY, REGIONS, delivery_regions
from tests.catalog.rate_card_helpers import US_MARKET
from tests.factories import ConsultantFactory

pytestmark = pytest.mark.django_db

REGION_MIGRATION = importlib.import_module("catalog.migrations.0014_rate_card_region")
ESTIMATE_MIGRATION = importlib.import_module("catalog.migrations.0015_regional_rate_cards")
RESEARCH = Path(__file__).resolve().parents[2] / "docs" / "research-currency-data.json"
CENT = Decimal("0.01")
RATES = ("hourly_low", "hourly_typical", "hourly_high")
EUROSTAT_EAST = ("PL", "CZ", "RO", "PT")


# --- Every region a company can be sent to has its cards ---------------------------------


@pytest.mark.parametrize("country", [*HOME_BY_COUNTRY, "BR"])
def test_every_region_a_company_can_be_sent_to_has_a_card_for_each_sourcing_model(country):
    _home, regions, _priced_as_home = delivery_regions(country)
    for kind, region in regions.items():
        if region is None:
            assert (country, kind) == ("IN", "offshore")  # nothing cheaper than India
            continue
        for model in SourcingModel.values:
            card = RateCard.objects.get(sourcing_model=model, region=region)
            card.full_clean()


def test_the_database_refuses_a_second_card_for_the_same_model_and_region():
    card = RateCard.objects.get(sourcing_model="lpo", region="western-europe")
    with pytest.raises(IntegrityError), transaction.atomic():
        RateCard.objects.create(
            sourcing_model="lpo",
            region="western-europe",
            location=DeliveryLocation.objects.get(kind="offshore"),
            currency="USD",
            hourly_low=card.hourly_low,
            hourly_typical=card.hourly_typical,
            hourly_high=card.hourly_high,
            as_of=card.as_of,
            source="A second card for the same region.",
        )


def test_the_admin_refuses_a_second_card_for_a_region_with_the_uniqueness_message(client):
    client.force_login(ConsultantFactory())
    count = RateCard.objects.count()
    response = client.post(
        reverse("admin:catalog_ratecard_add"),
        {
            "sourcing_model": "bpo",
            "region": "uk",
            "location": DeliveryLocation.objects.get(kind="onshore").pk,
            "currency": "GBP",
            "hourly_low": "20.00",
            "hourly_typical": "25.00",
            "hourly_high": "30.00",
            "as_of": "2026-01-01",
            "as_of_precision": "day",
            "source": "Quotes from three UK providers.",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [RATE_CARD_UNIQUE_MESSAGE]
    assert RateCard.objects.count() == count


# --- Migration 0014: the region of each existing card -------------------------------------


@pytest.mark.parametrize(
    ("currency", "kind", "region"),
    [
        ("USD", "onshore", "us"),
        ("USD", "nearshore", "latin-america"),
        ("USD", "offshore", "india-philippines"),
        ("GBP", "onshore", "uk"),
        ("EUR", "onshore", "western-europe"),
        ("EUR", "nearshore", "eastern-europe"),
        ("AUD", "onshore", "canada-australia"),
        ("INR", "onshore", "india"),
        ("GBP", "offshore", "india-philippines"),  # no GBP offshore market: the US one's
        ("CHF", "nearshore", "latin-america"),
    ],
)
def test_an_existing_card_gets_its_markets_region_or_else_its_locations_us_one(
    currency, kind, region
):
    assert REGION_MIGRATION.region_of(currency, kind) == region


@pytest.fixture
def migration_apps():
    """The models as the migrations leave them: no signals, no simple-history hooks."""
    return MigrationLoader(connection).project_state().apps


def test_the_migration_puts_each_card_in_its_region(migration_apps):
    RateCard.objects.all().delete()
    location = {loc.kind: loc for loc in DeliveryLocation.objects.all()}
    # Each starts in a region no other card is moving to, as if it had none yet.
    usd = make_card("bpo", "india", location["onshore"], "USD")
    gbp = make_card("bpo", "canada-australia", location["onshore"], "GBP")
    eur = make_card("kpo", "us", location["nearshore"], "EUR")

    REGION_MIGRATION.assign_regions(migration_apps, None)

    assert [card_region(card) for card in (usd, gbp, eur)] == ["us", "uk", "eastern-europe"]


def test_the_migration_refuses_two_cards_that_would_share_a_region_and_names_them(
    migration_apps,
):
    usd = RateCard.objects.get(sourcing_model="bpo", region="us")
    RateCard.objects.exclude(pk=usd.pk).delete()
    chf = make_card("bpo", "india", usd.location, "CHF")  # its market has no region

    with pytest.raises(REGION_MIGRATION.RegionClash, match=rf"{usd.pk} and {chf.pk}"):
        REGION_MIGRATION.assign_regions(migration_apps, None)
    assert card_region(chf) == "india"


def test_history_rows_of_the_default_cards_have_their_cards_region():
    rows = RateCard.history.filter(
        history_change_reason="Default rate cards sourced (migration 0009)"
    )
    assert rows.count() == 9
    for row in rows:
        assert row.region == RateCard.objects.get(pk=row.id).region


def make_card(model, region, location, currency):
    return RateCard.objects.create(
        sourcing_model=model,
        region=region,
        location=location,
        currency=currency,
        hourly_low=Decimal("10.00"),
        hourly_typical=Decimal("20.00"),
        hourly_high=Decimal("30.00"),
        as_of="2026-01-01",
        source="A consultant's card.",
    )


def card_region(card):
    return RateCard.objects.values_list("region", flat=True).get(pk=card.pk)


# --- Migration 0015: the regional estimates -------------------------------------------------


def euro_area_labour_cost():
    rows = json.loads(RESEARCH.read_text(encoding="utf-8"))["labour_costs"]
    return Decimal(next(row["hourly"] for row in rows if row["country"] == "EA20"))


def local_labour_cost(region):
    """What an hour of work costs an employer in the region, from the catalog's sources."""
    if region == "uk":
        return LabourCost.objects.get(country="GB").hourly
    if region == "canada-australia":
        return LabourCost.objects.get(country="AU").hourly
    if region == "western-europe":
        return euro_area_labour_cost()
    costs = LabourCost.objects.filter(country__in=EUROSTAT_EAST).values_list("hourly", flat=True)
    assert len(costs) == len(EUROSTAT_EAST)
    return (sum(costs) / len(costs)).quantize(CENT, ROUND_HALF_UP)


@pytest.mark.parametrize(
    ("region", "currency", "labour"),
    [
        ("uk", "GBP", "22.11"),
        ("western-europe", "EUR", "37.30"),
        ("eastern-europe", "EUR", "16.63"),
        ("canada-australia", "AUD", "45.25"),
    ],
)
@pytest.mark.parametrize("model", SourcingModel.values)
def test_a_regional_estimate_is_local_labour_cost_times_the_us_cards_multiple(
    region, currency, labour, model
):
    assert local_labour_cost(region) == Decimal(labour)
    us_labour = LabourCost.objects.get(country="US").hourly
    us_card = RateCard.objects.get(sourcing_model=model, region="us")
    card = RateCard.objects.get(sourcing_model=model, region=region)

    assert card.currency == currency
    for rate in RATES:
        exact = Decimal(labour) * getattr(us_card, rate) / us_labour
        expected = exact.quantize(CENT, ROUND_HALF_UP)
        assert getattr(card, rate) == expected, (rate, exact)
        shown = f"{labour} x {getattr(us_card, rate)} / {us_labour} = {expected}"
        assert shown in card.estimate_method
    assert card.is_estimate
    assert card.publisher.startswith("Outsourcing Advisor, from ")
    assert "BLS" in card.publisher


@pytest.mark.parametrize("model", SourcingModel.values)
def test_indias_cards_take_the_india_or_the_philippines_figures_as_domestic_rates(model):
    card = RateCard.objects.get(sourcing_model=model, region="india")
    offshore = RateCard.objects.get(sourcing_model=model, region="india-philippines")

    assert [getattr(card, rate) for rate in RATES] == [getattr(offshore, rate) for rate in RATES]
    assert (card.currency, card.as_of, card.as_of_precision) == (
        "USD",
        offshore.as_of,
        offshore.as_of_precision,
    )
    assert card.is_estimate
    assert "domestic rates are taken to be their export rates" in card.estimate_method
    assert card.location.kind == "onshore"


def test_every_regional_estimate_is_dated_by_its_newer_input_and_passes_validation():
    cards = RateCard.objects.exclude(region__in=US_MARKET.values())
    assert cards.count() == 15
    for card in cards:
        card.full_clean()
        assert card.published_year == 2026
        assert card.as_of.year <= card.published_year
        if card.region != "india":
            us_card = RateCard.objects.get(sourcing_model=card.sourcing_model, region="us")
            assert card.as_of >= us_card.as_of
            assert card.as_of.isoformat() >= "2024-12-01"  # the BLS figure, December 2024


def regional_values():
    regional = RateCard.objects.exclude(region__in=US_MARKET.values()).order_by("pk")
    return list(regional.values(*RATES, "sourcing_model", "region", "currency", "source"))


def test_the_estimates_migration_keeps_a_consultants_card_and_replays_the_rest(migration_apps):
    edited = RateCard.objects.get(sourcing_model="kpo", region="uk")
    RateCard.objects.filter(pk=edited.pk).update(hourly_high=Decimal("80.00"))

    ESTIMATE_MIGRATION.remove_unchanged_cards(migration_apps, None)

    assert list(RateCard.objects.exclude(region__in=US_MARKET.values())) == [edited]

    ESTIMATE_MIGRATION.load_cards(migration_apps, None)

    edited.refresh_from_db()
    assert edited.hourly_high == Decimal("80.00")
    assert RateCard.objects.count() == len(REGIONS) * len(SourcingModel.values)
    created = RateCard.objects.get(sourcing_model="bpo", region="eastern-europe")
    assert created.history.latest().history_change_reason == ESTIMATE_MIGRATION.REASON
    assert created.location.kind == "nearshore"


def test_the_estimates_migration_replays_identically(migration_apps):
    before = regional_values()
    ESTIMATE_MIGRATION.remove_unchanged_cards(migration_apps, None)
    ESTIMATE_MIGRATION.load_cards(migration_apps, None)
    after = regional_values()
    assert after == before
