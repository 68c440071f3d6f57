"""The database refuses every catalog value a form would refuse."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction

from catalog.models import (
    RATE_CARD_UNIQUE_MESSAGE,
    DeliveryLocation,
    Orientation,
    RateCard,
    ServiceType,
)
from tests.catalog.rate_card_helpers import built_rate_card, free_region, new_rate_card
from tests.factories import (
    DeliveryLocationFactory,
    IndustryFactory,
    ProviderFactory,
    ServiceTypeFactory,
)

pytestmark = pytest.mark.django_db


def assert_refused_by_database(model, pk, **values):
    # PostgreSQL refuses an over-long value before checking constraints (DataError).
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        model.objects.filter(pk=pk).update(**values)


@pytest.mark.parametrize(
    "field", ["typical_complexity", "typical_skill_level", "typical_standardisation"]
)
@pytest.mark.parametrize("value", [0, 6, 100])
def test_service_type_scales_outside_1_to_5_are_refused(field, value):
    service = ServiceTypeFactory()
    assert_refused_by_database(ServiceType, service.pk, **{field: value})


@pytest.mark.parametrize(
    "field", ["typical_complexity", "typical_skill_level", "typical_standardisation"]
)
@pytest.mark.parametrize("value", [1, 5])
def test_service_type_scales_accept_the_bounds(field, value):
    service = ServiceTypeFactory()
    ServiceType.objects.filter(pk=service.pk).update(**{field: value})
    service.refresh_from_db()
    assert getattr(service, field) == value


@pytest.mark.parametrize(
    ("field", "value"),
    [("sourcing_model", "xpo"), ("office", "middle"), ("orientation", "diagonal")],
)
def test_service_type_facets_outside_their_choices_are_refused(field, value):
    service = ServiceTypeFactory()
    assert_refused_by_database(ServiceType, service.pk, **{field: value})


def test_service_type_slugs_are_unique():
    ServiceTypeFactory(slug="payroll-test")
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceTypeFactory(slug="payroll-test")


@pytest.mark.parametrize(
    ("low", "typical", "high"),
    [
        ("0.00", "10.00", "20.00"),  # not positive
        ("-5.00", "10.00", "20.00"),
        ("15.00", "10.00", "20.00"),  # low above typical
        ("10.00", "25.00", "20.00"),  # typical above high
    ],
)
def test_rate_cards_out_of_order_or_not_positive_are_refused(low, typical, high):
    card = new_rate_card()
    assert_refused_by_database(
        RateCard,
        card.pk,
        hourly_low=Decimal(low),
        hourly_typical=Decimal(typical),
        hourly_high=Decimal(high),
    )


def test_rate_card_with_equal_low_typical_and_high_is_accepted():
    card = new_rate_card(
        hourly_low=Decimal("12.00"), hourly_typical=Decimal("12.00"), hourly_high=Decimal("12.00")
    )
    card.full_clean()


@pytest.mark.parametrize("currency", ["usd", "US", "EURO", "US1"])
def test_rate_card_currency_must_be_an_iso_code(currency):
    card = new_rate_card()
    assert_refused_by_database(RateCard, card.pk, currency=currency)


def test_one_rate_card_per_sourcing_model_and_region_whatever_its_currency_or_location():
    uk = RateCard.objects.get(sourcing_model="bpo", region="uk")
    another = {
        **RateCard.objects.values().get(pk=uk.pk),
        "id": None,
        "currency": "EUR",
        "location_id": DeliveryLocation.objects.get(kind="offshore").pk,
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        RateCard.objects.create(**another)
    with pytest.raises(ValidationError) as refused:
        RateCard(**another).full_clean()
    assert refused.value.messages == [RATE_CARD_UNIQUE_MESSAGE]
    RateCard.objects.create(**{**another, "sourcing_model": "kpo", "region": free_region("kpo")})


@pytest.mark.parametrize("region", ["mars", "", "US", "europe"])
def test_rate_card_region_must_be_one_of_the_regions(region):
    assert_refused_by_database(RateCard, RateCard.objects.first().pk, region=region)


def test_rate_card_validation_explains_the_order_rule():
    card = built_rate_card(
        location=DeliveryLocationFactory(),
        hourly_low=Decimal("30"),
        hourly_typical=Decimal("20"),
        hourly_high=Decimal("40"),
        as_of=datetime.date(2025, 1, 1),
    )
    with pytest.raises(ValidationError, match="low <= typical <= high"):
        card.full_clean()


def test_location_overlap_beyond_a_working_day_is_refused():
    location = DeliveryLocation.objects.get(kind="offshore")
    assert_refused_by_database(DeliveryLocation, location.pk, time_zone_overlap_hours=9)


def test_location_kind_is_unique():
    with pytest.raises(IntegrityError), transaction.atomic():
        DeliveryLocation.objects.create(
            kind="offshore",
            name="Far away",
            slug="far-away",
            description="x",
            time_zone_overlap_hours=1,
        )


def test_provider_must_offer_at_least_one_sourcing_model():
    provider = ProviderFactory()
    assert_refused_by_database(
        type(provider), provider.pk, offers_bpo=False, offers_kpo=False, offers_lpo=False
    )


@pytest.mark.parametrize(
    ("orientation", "has_industry", "problem"),
    [
        (Orientation.VERTICAL, False, "needs at least one industry"),
        (Orientation.HORIZONTAL, True, "leave the industries empty"),
        (Orientation.VERTICAL, True, None),
        (Orientation.HORIZONTAL, False, None),
    ],
)
def test_industries_must_match_the_orientation(orientation, has_industry, problem):
    industries = [IndustryFactory()] if has_industry else []
    found = ServiceType.industries_problem(orientation, industries)
    if problem is None:
        assert found is None
    else:
        assert problem in found


def test_lpo_counts_as_knowledge_work():
    assert ServiceTypeFactory.build(sourcing_model="lpo").is_knowledge_work
    assert ServiceTypeFactory.build(sourcing_model="kpo").is_knowledge_work
    assert not ServiceTypeFactory.build(sourcing_model="bpo").is_knowledge_work


def test_published_queryset_hides_unpublished_services():
    shown = ServiceTypeFactory(is_published=True)
    hidden = ServiceTypeFactory(is_published=False)
    published = set(ServiceType.objects.published())
    assert shown in published
    assert hidden not in published
