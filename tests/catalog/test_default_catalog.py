"""Every new database holds the full default catalog, loaded by migrations."""

import pytest
from django.contrib.auth.models import Group, Permission

from catalog.models import (
    DeliveryLocation,
    Industry,
    Provider,
    RateCard,
    Risk,
    ServiceType,
    SourcingModel,
)
from catalog.regions import REGIONS
from tests.catalog.rate_card_helpers import default_card

pytestmark = pytest.mark.django_db

DOMAIN_SERVICES = [
    "customer support",
    "call centre",
    "telemarketing",
    "data entry",
    "payroll",
    "recruitment",
    "bookkeeping",
    "billing",
    "order processing",
    "help desk",
    "medical coding",
    "transcription",
    "appointment scheduling",
    "survey",
    "document conversion",
    "data management",
    "seo",
    "market research",
    "analytics",
    "financial",
    "insurance analytics",
    "r&d",
    "pharma",
    "design",
    "strategy",
    "contract",
    "e-discovery",
    "due diligence",
    "legal research",
    "patent",
    "compliance",
    "paralegal",
]


def test_catalog_has_at_least_thirty_published_service_types_of_each_model():
    services = ServiceType.objects.published()
    assert services.count() >= 30
    for model in SourcingModel.values:
        assert services.filter(sourcing_model=model).count() >= 3, model


@pytest.mark.parametrize("keyword", DOMAIN_SERVICES)
def test_every_service_named_in_the_domain_is_in_the_catalog(keyword):
    names = [name.lower() for name in ServiceType.objects.values_list("name", flat=True)]
    assert any(keyword in name for name in names), keyword


def test_catalog_covers_both_offices_and_both_orientations():
    assert set(ServiceType.objects.values_list("office", flat=True)) == {"front", "back"}
    assert set(ServiceType.objects.values_list("orientation", flat=True)) == {
        "horizontal",
        "vertical",
    }


def test_vertical_services_span_at_least_four_industries_and_horizontal_ones_none():
    industries = Industry.objects.filter(service_types__orientation="vertical").distinct()
    assert industries.count() >= 4
    for service in ServiceType.objects.prefetch_related("industries"):
        problem = ServiceType.industries_problem(service.orientation, service.industries.all())
        assert problem is None, service.slug


def test_three_delivery_locations_in_order():
    assert list(DeliveryLocation.objects.values_list("kind", flat=True)) == [
        "onshore",
        "nearshore",
        "offshore",
    ]
    overlaps = list(DeliveryLocation.objects.values_list("time_zone_overlap_hours", flat=True))
    assert overlaps == sorted(overlaps, reverse=True)


def test_a_rate_card_with_source_and_date_for_each_model_in_each_region():
    for model in SourcingModel.values:
        for region in REGIONS:
            card = RateCard.objects.get(sourcing_model=model, region=region)
            assert 0 < card.hourly_low <= card.hourly_typical <= card.hourly_high
            assert card.as_of is not None
            assert len(card.source) > 20
    assert RateCard.objects.count() == len(SourcingModel.values) * len(REGIONS) == 24


def test_offshore_bpo_is_cheaper_than_onshore_bpo_and_kpo_dearer_than_bpo():
    def typical(model, kind):
        return default_card(model, kind).hourly_typical

    assert typical("bpo", "offshore") < typical("bpo", "nearshore") < typical("bpo", "onshore")
    for kind in ("onshore", "nearshore", "offshore"):
        assert typical("kpo", kind) > typical("bpo", kind)


def test_six_risks_each_with_a_mitigation():
    risks = Risk.objects.all()
    assert risks.count() == 6
    assert all(len(risk.mitigation) > 50 for risk in risks)
    assert all(risk.service_types.exists() for risk in risks)


def test_example_providers_are_loaded_with_their_models_and_locations():
    names = set(Provider.objects.values_list("name", flat=True))
    assert {"Concentrix", "Teleperformance", "Wipro", "Genpact", "Evalueserve", "PwC"} <= names
    assert Provider.objects.get(name="Genpact").offers_kpo
    assert Provider.objects.get(name="Teleperformance").offers_bpo
    assert all(provider.locations.exists() for provider in Provider.objects.all())


def test_consultants_group_can_edit_the_catalog_and_nothing_else():
    permissions = Permission.objects.filter(group__name="Consultants")
    catalog_models = {
        "industry",
        "deliverylocation",
        "risk",
        "provider",
        "ratecard",
        "servicetype",
    }
    for model in catalog_models:
        for action in ("add", "change", "delete", "view"):
            assert permissions.filter(codename=f"{action}_{model}").exists(), (action, model)
    assert set(permissions.values_list("content_type__app_label", flat=True)) == {
        "catalog",
        "assessments",
    }
    assessment_codenames = set(
        permissions.filter(content_type__app_label="assessments").values_list("codename", flat=True)
    )
    assert assessment_codenames == {
        "view_assessment",
        "rescore_assessment",
        "view_task",
        "add_scoringprofile",
        "change_scoringprofile",
        "view_scoringprofile",
    }
    assert Group.objects.filter(name="Consultants").count() == 1
