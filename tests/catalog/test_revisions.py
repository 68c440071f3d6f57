"""Catalog edits move the revision counters that cached pages are keyed by."""

import pytest
from django.db import transaction

from catalog import revisions
from catalog.models import CatalogRevision, DeliveryLocation, Industry, RateCard, ServiceType
from tests.catalog.rate_card_helpers import free_region
from tests.factories import (
    IndustryFactory,
    ProviderFactory,
    RateCardFactory,
    RiskFactory,
    ServiceTypeFactory,
)

pytestmark = pytest.mark.django_db


def counters():
    return revisions.current(revisions.PAGES), revisions.current(revisions.REPORTS)


def moved(edit):
    """(pages moved, reports moved) by running `edit`."""
    pages, reports = counters()
    edit()
    after = counters()
    return after[0] != pages, after[1] != reports


def rename(model):
    def edit():
        item = model.objects.order_by("pk").first()
        item.name = f"{item.name} (renamed)"
        item.save()

    return edit


def edit_rates():
    card = RateCard.objects.order_by("pk").first()
    card.source = "Updated survey"
    card.save()


@pytest.mark.parametrize(
    ("edit", "reports_too"),
    [
        pytest.param(rename(ServiceType), True, id="service type"),
        pytest.param(rename(Industry), True, id="industry"),
        pytest.param(lambda: RiskFactory(), True, id="new risk"),
        pytest.param(lambda: ServiceTypeFactory().delete(), True, id="delete"),
        pytest.param(edit_rates, False, id="rate card"),
        pytest.param(rename(DeliveryLocation), False, id="location"),
        pytest.param(lambda: ProviderFactory(), False, id="provider"),
    ],
)
def test_every_catalog_edit_moves_the_pages_counter_and_report_content_the_reports_one(
    edit, reports_too
):
    assert moved(edit) == (True, reports_too)


def test_a_new_rate_card_moves_the_pages_counter_only():
    region = free_region()  # every region has its cards: set one free first
    assert moved(lambda: RateCardFactory(region=region)) == (True, False)


def test_many_to_many_changes_move_the_counters_they_concern():
    service_type = ServiceTypeFactory()
    risk, provider, industry = RiskFactory(), ProviderFactory(), IndustryFactory()

    assert moved(lambda: service_type.risks.add(risk)) == (True, True)
    assert moved(lambda: service_type.providers.add(provider)) == (True, False)
    assert moved(lambda: service_type.industries.add(industry)) == (True, False)
    assert moved(lambda: service_type.risks.clear()) == (True, True)


def test_reading_pages_changes_nothing():
    assert not any(moved(lambda: ServiceType.objects.published().count()))


class FailedSave(Exception):
    pass


def test_an_edit_that_is_rolled_back_leaves_the_counters_as_they_were():
    def edit_then_fail():
        with transaction.atomic():
            rename(ServiceType)()
            raise FailedSave

    def failed_edit():
        with pytest.raises(FailedSave):
            edit_then_fail()

    assert moved(failed_edit) == (False, False)


def test_a_missing_row_reads_as_none_and_the_next_edit_brings_it_back():
    CatalogRevision.objects.all().delete()
    assert counters() == (None, None)

    rename(ServiceType)()

    assert None not in counters()
