"""The consultants' admin for the catalog: every model's pages, search and history."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import (
    DeliveryLocation,
    Industry,
    Provider,
    RateCard,
    Risk,
    ServiceType,
    SourcingModel,
)
from tests.admin_helpers import admin_url
from tests.catalog.rate_card_helpers import US_MARKET, set_regional_cards_aside
from tests.factories import (
    IndustryFactory,
    ProviderFactory,
    RiskFactory,
    ServiceTypeFactory,
)

pytestmark = pytest.mark.django_db

MODELS = [Industry, DeliveryLocation, Risk, Provider, ServiceType, RateCard]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_changelist_lists_the_migrated_rows(consultant_client, model):
    response = consultant_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == model.objects.count() > 0


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_add_page_renders(consultant_client, model):
    response = consultant_client.get(admin_url(model, "add"))
    assert response.status_code == 200
    assert b'name="_save"' in response.content


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_change_page_renders_the_object(consultant_client, model):
    obj = model.objects.first()
    response = consultant_client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200
    assert response.context["original"] == obj


@pytest.mark.parametrize(
    ("model", "term", "expected"),
    [
        (Industry, "health", "Healthcare"),
        (DeliveryLocation, "nearshore", "Nearshore"),
        (Risk, "security", "Data security"),
        (Provider, "genpact", "Genpact"),
        (ServiceType, "payroll", "Payroll"),
        (RateCard, "eastern-europe", "Eastern Europe"),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_search_finds_matching_rows_and_drops_the_rest(consultant_client, model, term, expected):
    response = consultant_client.get(admin_url(model, "changelist"), {"q": term})
    results = list(response.context["cl"].result_list)
    assert 0 < len(results) < model.objects.count()
    assert any(expected.lower() in str(row).lower() for row in results)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_history_page_renders(consultant_client, model):
    obj = model.objects.first()
    response = consultant_client.get(admin_url(model, "history", obj.pk))
    assert response.status_code == 200


def test_slug_is_prefilled_from_the_name(consultant_client):
    page = html.unescape(consultant_client.get(admin_url(ServiceType, "add")).content.decode())
    assert '"id": "#id_slug"' in page
    assert '"dependency_ids": ["#id_name"]' in page


def service_type_form(**overrides):
    data = {
        "name": "Invoice matching",
        "slug": "invoice-matching",
        "summary": "Matching supplier invoices to orders.",
        "description": "The provider matches invoices to purchase orders and receipts.",
        "sourcing_model": "bpo",
        "office": "back",
        "orientation": "horizontal",
        "typical_complexity": "2",
        "typical_skill_level": "2",
        "typical_standardisation": "5",
        "is_published": "on",
    }
    data.update(overrides)
    return data


def test_consultant_adds_a_service_type(consultant_client):
    response = consultant_client.post(admin_url(ServiceType, "add"), service_type_form())
    assert response.status_code == 302
    assert ServiceType.objects.get(slug="invoice-matching").typical_standardisation == 5


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"typical_complexity": "6"}, "typical_complexity", "Select a valid choice"),
        ({"typical_skill_level": "0"}, "typical_skill_level", "Select a valid choice"),
        ({"orientation": "vertical"}, "industries", "needs at least one industry"),
        ({"slug": "not a slug!"}, "slug", "Enter a valid"),
        ({"sourcing_model": "xpo"}, "sourcing_model", "Select a valid choice"),
    ],
)
def test_bad_service_type_is_refused_with_a_message_on_the_field(
    consultant_client, overrides, field, message
):
    response = consultant_client.post(admin_url(ServiceType, "add"), service_type_form(**overrides))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors[field])
    assert not ServiceType.objects.filter(slug="invoice-matching").exists()


def test_horizontal_service_with_an_industry_is_refused(consultant_client):
    industry = Industry.objects.first()
    response = consultant_client.post(
        admin_url(ServiceType, "add"), service_type_form(industries=[industry.pk])
    )
    assert "leave the industries empty" in " ".join(
        response.context["adminform"].form.errors["industries"]
    )


def test_rate_card_out_of_order_is_refused_with_a_message(consultant_client):
    card = RateCard.objects.select_related("location").first()
    response = consultant_client.post(
        admin_url(RateCard, "change", card.pk),
        {
            "sourcing_model": card.sourcing_model,
            "region": card.region,
            "location": card.location_id,
            "currency": "USD",
            "hourly_low": "50.00",
            "hourly_typical": "40.00",
            "hourly_high": "60.00",
            "as_of": card.as_of.isoformat(),
            "as_of_precision": card.as_of_precision,
            "publisher": card.publisher,
            "title": card.title,
            "published_year": card.published_year or "",
            "source": card.source,
            "source_url": card.source_url,
        },
    )
    assert response.status_code == 200
    assert "low &lt;= typical &lt;= high" in response.content.decode()
    card.refresh_from_db()
    assert card.hourly_low < card.hourly_typical


def rate_card_form(card, **overrides):
    return {
        "sourcing_model": card.sourcing_model,
        "region": card.region,
        "location": card.location_id,
        "currency": card.currency,
        "hourly_low": str(card.hourly_low),
        "hourly_typical": str(card.hourly_typical),
        "hourly_high": str(card.hourly_high),
        "as_of": card.as_of.isoformat(),
        "as_of_precision": card.as_of_precision,
        "publisher": card.publisher,
        "title": card.title,
        "published_year": card.published_year or "",
        "source": card.source,
        "source_url": card.source_url,
        # An unticked checkbox is simply absent from a browser's POST.
        **({"is_estimate": "on"} if card.is_estimate else {}),
        "estimate_method": card.estimate_method,
        **overrides,
    }


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"hourly_low": "0.00"}, "hourly_low", "greater than or equal to 0.01"),
        ({"hourly_low": "-5.00"}, "hourly_low", "greater than or equal to 0.01"),
        ({"hourly_low": "50.00", "hourly_typical": "40.00"}, "hourly_typical", "low <= typical"),
        ({"hourly_high": "1.00"}, "hourly_high", "low <= typical <= high"),
        ({"currency": "usd"}, "currency", "three-letter ISO code"),
        ({"hourly_typical": "many"}, "hourly_typical", "Enter a number"),
        ({"is_estimate": "on", "estimate_method": "  "}, "estimate_method", "needs its method"),
        ({"published_year": "1949"}, "published_year", "between 1950 and 2100"),
        ({"published_year": "2101"}, "published_year", "between 1950 and 2100"),
        ({"as_of_precision": "week"}, "as_of_precision", "Select a valid choice"),
    ],
)
def test_bad_rate_card_is_refused_with_a_message_on_the_field(
    consultant_client, overrides, field, message
):
    card = RateCard.objects.select_related("location").first()
    before = RateCard.objects.values().get(pk=card.pk)
    response = consultant_client.post(
        admin_url(RateCard, "change", card.pk), rate_card_form(card, **overrides)
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert message in " ".join(form.errors[field])
    assert not form.non_field_errors()  # one message, next to the value at fault
    assert RateCard.objects.values().get(pk=card.pk) == before


def test_time_zone_overlap_beyond_a_working_day_is_refused_on_its_field(consultant_client):
    location = DeliveryLocation.objects.get(kind="nearshore")
    data = {
        "name": location.name,
        "slug": location.slug,
        "kind": location.kind,
        "description": location.description,
        "examples": location.examples,
        "time_zone_overlap_hours": "9",
        "time_zone_notes": location.time_zone_notes,
        "language_culture_notes": location.language_culture_notes,
        "position": location.position,
        "rate_cards-TOTAL_FORMS": "0",
        "rate_cards-INITIAL_FORMS": "0",
    }
    response = consultant_client.post(admin_url(DeliveryLocation, "change", location.pk), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "less than or equal to 8" in " ".join(errors["time_zone_overlap_hours"])
    location.refresh_from_db()
    assert location.time_zone_overlap_hours <= 8


def test_provider_offering_no_sourcing_model_is_refused_on_the_field(consultant_client):
    provider = Provider.objects.get(slug="genpact")
    data = {
        "name": provider.name,
        "slug": provider.slug,
        "note": provider.note,
        "locations": list(provider.locations.values_list("pk", flat=True)),
    }
    response = consultant_client.post(admin_url(Provider, "change", provider.pk), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "at least one sourcing model" in " ".join(errors["offers_bpo"])
    provider.refresh_from_db()
    assert provider.offers_kpo


@pytest.mark.parametrize(
    ("model", "filters", "included", "excluded"),
    [
        (Industry, {"service_types__sourcing_model": "lpo"}, "Legal", "Telecom"),
        (
            Risk,
            {"service_types__sourcing_model": "lpo"},
            "Data security and privacy",
            "Hidden and underestimated costs",
        ),
        (DeliveryLocation, {"kind": "offshore"}, "Offshore", "Onshore"),
        (Provider, {"offers_lpo__exact": "1"}, "PwC", "Concentrix"),
        (ServiceType, {"sourcing_model__exact": "lpo"}, "Legal research", "Payroll processing"),
        (
            RateCard,
            {"region__exact": "uk"},
            "KPO United Kingdom: GBP",
            "KPO Western Europe: EUR",
        ),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_every_changelist_has_a_working_filter(
    consultant_client, model, filters, included, excluded
):
    response = consultant_client.get(admin_url(model, "changelist"), filters)
    assert response.status_code == 200
    assert response.context["cl"].has_filters
    names = [str(row) for row in response.context["cl"].result_list]
    assert included in names
    assert excluded not in names
    # rows joined through a many-to-many filter are listed once each
    assert len(names) == len(set(names))


def change_form_for(service, **overrides):
    return {
        **service_type_form(
            name=service.name,
            slug=service.slug,
            summary=service.summary,
            sourcing_model=service.sourcing_model,
            office=service.office,
            orientation=service.orientation,
        ),
        "industries": list(service.industries.values_list("pk", flat=True)),
        "risks": list(service.risks.values_list("pk", flat=True)),
        "providers": list(service.providers.values_list("pk", flat=True)),
        **overrides,
    }


def test_edits_record_who_and_when_and_revert_restores_an_old_version(consultant_client):
    service = ServiceType.objects.get(slug="payroll-processing")
    change_url = admin_url(ServiceType, "change", service.pk)
    consultant_client.post(change_url, change_form_for(service, summary="Version A."))
    consultant_client.post(change_url, change_form_for(service, summary="Version B."))
    service.refresh_from_db()
    assert service.summary == "Version B."

    version_a = service.history.get(summary="Version A.")
    assert version_a.history_user.username.startswith("user")
    assert version_a.history_date is not None
    revert_url = reverse(
        "admin:catalog_servicetype_simple_history", args=[service.pk, version_a.history_id]
    )
    revert_page = consultant_client.get(revert_url).content.decode()
    assert "Version A." in revert_page
    assert "Revert" in revert_page
    response = consultant_client.post(revert_url, change_form_for(service, summary="Version A."))
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.summary == "Version A."
    assert service.history.count() == 3


def changelist_query_count(client, model):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    return len(queries)


GROWERS = {
    Industry: lambda: IndustryFactory.create_batch(25),
    Risk: lambda: RiskFactory.create_batch(25),
    Provider: lambda: [
        provider.locations.set(DeliveryLocation.objects.all())
        for provider in ProviderFactory.create_batch(25)
    ],
    ServiceType: lambda: [
        service.risks.set(Risk.objects.all()) for service in ServiceTypeFactory.create_batch(25)
    ],
}


@pytest.mark.parametrize("model", list(GROWERS), ids=lambda model: model.__name__)
def test_changelist_query_count_stays_constant_as_rows_grow(consultant_client, model):
    before = changelist_query_count(consultant_client, model)
    GROWERS[model]()
    assert changelist_query_count(consultant_client, model) == before


@pytest.mark.parametrize("model", [RateCard, DeliveryLocation], ids=lambda model: model.__name__)
def test_changelist_query_count_stays_constant_as_rate_cards_grow(consultant_client, model):
    # A region has one card per sourcing model, so cards grow by putting the regional ones
    # back (and only three locations exist by design: grow what their columns count).
    put_back = set_regional_cards_aside()
    before = changelist_query_count(consultant_client, model)
    put_back()
    assert RateCard.objects.count() > 2 * len(US_MARKET) * len(SourcingModel)
    assert changelist_query_count(consultant_client, model) == before


def test_rate_card_changelist_shows_and_filters_by_region(consultant_client):
    response = consultant_client.get(admin_url(RateCard, "changelist"), {"region__exact": "india"})
    assert {card.region for card in response.context["cl"].result_list} == {"india"}
    assert '<td class="field-region">India</td>' in response.content.decode()


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(admin_url(ServiceType, "changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_consultant_cannot_manage_users_or_groups(consultant_client):
    for url in ("admin:auth_user_changelist", "admin:auth_group_changelist", "admin:auth_user_add"):
        assert consultant_client.get(reverse(url)).status_code == 403
    index = consultant_client.get(reverse("admin:index")).content.decode()
    assert "Service types" in index
    assert "/admin/auth/user/" not in index


def test_staff_without_the_consultants_group_cannot_edit_the_catalog(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True))
    assert client.get(admin_url(ServiceType, "changelist")).status_code == 403


def history_rows(client, model, obj):
    """Each version's (change reason, changes) cells on the history page, newest first."""
    page = client.get(admin_url(model, "history", obj.pk)).content.decode()
    cells = re.findall(
        r'<td class="history-change-reason">(.*?)</td>\s*<td class="history-changes">(.*?)</td>',
        page,
        re.S,
    )
    assert "style=" not in page.split('id="change-history"')[1]  # refused by the CSP
    return [(text_of(reason), text_of(changes)) for reason, changes in cells]


def text_of(cell):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", cell)).split())


def test_history_says_created_for_the_first_version_and_leaves_an_empty_reason_blank(
    consultant_client,
):
    card = RateCard.objects.select_related("location").first()
    form = rate_card_form(card, title="", hourly_high="99.00")
    card.delete()
    consultant_client.post(admin_url(RateCard, "add"), form)
    card = RateCard.objects.get(sourcing_model=card.sourcing_model, region=card.region)
    consultant_client.post(admin_url(RateCard, "change", card.pk), {**form, "title": "Survey"})
    consultant_client.post(
        admin_url(RateCard, "change", card.pk), {**form, "title": "Survey", "hourly_high": "98"}
    )

    rows = history_rows(consultant_client, RateCard, card)

    assert [reason for reason, _ in rows] == ["", "", ""]
    assert rows[0][1] == "Hourly high: 99.00 → 98.00"
    assert rows[1][1] == "Title: — → Survey"  # an empty value is a dash, not "None"
    assert rows[2][1] == "Created"
    assert "None" not in "".join(changes for _, changes in rows)
