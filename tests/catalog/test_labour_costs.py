"""Labour cost by country: the migrated defaults name their sources; estimates say how."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from catalog.models import ESTIMATE_METHOD_MESSAGE, LabourCost
from catalog.money import is_country, is_currency
from tests.factories import ConsultantFactory

pytestmark = pytest.mark.django_db

EUROSTAT_COUNTRIES = {"AT", "BE", "CZ", "DE", "DK", "ES", "FR", "IE", "IT", "NL", "PL", "PT", "RO"}
# Wages-only figures with no official on-cost ratio (CA, JP), no figure (SE) and aggregates
# that are not countries (EU27, EA20) are left out: docs/rates.md says why. India has an
# estimate from its monthly earnings (migration 0016), as the US figure would be far off.
LEFT_OUT = {"CA", "JP", "SE"}


def cost(country):
    return LabourCost.objects.get(country=country)


def valid_cost(**changes):
    values = {
        "country": "NO",
        "currency": "NOK",
        "hourly": Decimal("600.00"),
        "year": 2024,
        "measure": "Employer cost per hour worked",
        "publisher": "Statistics Norway",
        "title": "Labour cost index",
        "source": "A test figure.",
    }
    return LabourCost(**{**values, **changes})


# --- The migrated defaults -----------------------------------------------------------------


def test_the_defaults_cover_the_countries_with_a_usable_figure():
    countries = set(LabourCost.objects.values_list("country", flat=True))
    assert countries == EUROSTAT_COUNTRIES | {"US", "GB", "AU", "CH", "IN"}
    assert not countries & LEFT_OUT


def test_every_migrated_labour_cost_names_publisher_year_and_measure():
    for row in LabourCost.objects.all():
        assert row.publisher.strip(), row
        assert row.title.strip(), row
        assert row.measure.strip(), row
        assert row.source.strip(), row
        assert 1990 <= row.year <= 2100, row
        assert row.source_url.startswith("https://"), row
        assert is_country(row.country), row
        assert is_currency(row.currency), row
        row.full_clean()  # every default passes the checks a consultant's edit must pass
        assert row.history.get().history_change_reason, row


@pytest.mark.parametrize(
    ("country", "hourly", "currency", "year", "publisher"),
    [
        ("US", "44.67", "USD", 2024, "U.S. Bureau of Labor Statistics"),
        ("DE", "43.40", "EUR", 2024, "Eurostat"),
        ("PL", "17.30", "EUR", 2024, "Eurostat"),  # published by Eurostat in EUR
        ("CH", "60.05", "CHF", 2016, "Swiss Federal Statistical Office (FSO/BFS)"),
    ],
)
def test_published_figures_are_loaded_as_published(country, hourly, currency, year, publisher):
    row = cost(country)
    assert (row.hourly, row.currency, row.year, row.publisher) == (
        Decimal(hourly),
        currency,
        year,
        publisher,
    )
    assert not row.is_estimate
    assert not row.estimate_method


def test_the_eurostat_figures_say_they_were_read_from_a_reproduction():
    for row in LabourCost.objects.filter(publisher="Eurostat"):
        assert "reproduction" in row.source, row
        assert "lc_lci_lev" in row.source, row
    assert "converted it from PLN" in cost("PL").source


@pytest.mark.parametrize(
    ("country", "hourly", "currency", "inputs"),
    [
        ("GB", "22.11", "GBP", ("18.64", "20.40 / 17.20", "1.186")),
        ("AU", "45.25", "AUD", ("39.50", "87.3%", "0.873")),
    ],
)
def test_the_estimates_say_they_are_and_show_their_arithmetic(country, hourly, currency, inputs):
    row = cost(country)
    assert row.is_estimate
    assert (row.hourly, row.currency) == (Decimal(hourly), currency)
    assert "wages only" in row.estimate_method
    for figure in (*inputs, hourly):
        assert figure in row.estimate_method, figure
    assert row.publisher.startswith("Outsourcing Advisor, from ")


# --- The rules, in the form and in the database --------------------------------------------


def test_the_database_refuses_an_estimate_without_its_method():
    with pytest.raises(IntegrityError), transaction.atomic():
        valid_cost(is_estimate=True, estimate_method="  \n").save()


def test_the_database_refuses_a_cost_that_is_not_positive():
    with pytest.raises(IntegrityError), transaction.atomic():
        LabourCost.objects.filter(country="DE").update(hourly=0)


@pytest.mark.parametrize("year", [1989, 2101])
def test_the_database_refuses_a_year_out_of_range(year):
    with pytest.raises(IntegrityError), transaction.atomic():
        valid_cost(year=year).save()


def test_the_database_refuses_a_country_code_that_is_not_two_capitals():
    with pytest.raises(IntegrityError), transaction.atomic():
        valid_cost(country="no").save()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"is_estimate": True}, "estimate_method", ESTIMATE_METHOD_MESSAGE),
        ({"country": "EU"}, "country", "EU is not an ISO 3166 country code."),
        ({"country": "QQ"}, "country", "QQ is not an ISO 3166 country code."),
        ({"currency": "XYZ"}, "currency", "XYZ is not an ISO 4217 currency code."),
    ],
)
def test_validation_names_the_field_at_fault(changes, field, message):
    with pytest.raises(ValidationError) as refused:
        valid_cost(**changes).full_clean()
    assert refused.value.message_dict[field] == [message]


def test_a_valid_cost_passes_validation():
    valid_cost().full_clean()


# --- The admin -----------------------------------------------------------------------------


def test_the_admin_lists_every_country_with_its_name(admin_client):
    response = admin_client.get(reverse("admin:catalog_labourcost_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == LabourCost.objects.count() > 0
    assert "United Kingdom" in response.content.decode()


def test_a_consultant_opens_a_labour_cost_in_the_admin(client):
    client.force_login(ConsultantFactory())
    response = client.get(reverse("admin:catalog_labourcost_change", args=[cost("GB").pk]))
    assert response.status_code == 200
    assert response.context["original"] == cost("GB")


def test_the_admin_form_refuses_an_estimate_without_its_method(admin_client):
    response = admin_client.post(
        reverse("admin:catalog_labourcost_add"),
        {
            "country": "NO",
            "currency": "NOK",
            "hourly": "600.00",
            "year": "2024",
            "measure": "Employer cost per hour worked",
            "publisher": "Statistics Norway",
            "title": "Labour cost index",
            "source": "A test figure.",
            "is_estimate": "on",
            "estimate_method": "",
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["estimate_method"] == [ESTIMATE_METHOD_MESSAGE]
    assert not LabourCost.objects.filter(country="NO").exists()
