"""Rate cards name their sources: publisher, title and year; estimates say how they were made.

The default USD cards are the ones migration 0009 sourced (docs/rates.md); the rules on
estimates and years hold for every card, in the database as in the forms.
"""

import csv
import datetime
import importlib
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django.utils.html import escape

from catalog.models import (
    ESTIMATE_METHOD_MESSAGE,
    DatePrecision,
    DeliveryLocation,
    RateCard,
    SourcingModel,
)
from tests.catalog.rate_card_helpers import (
    US_MARKET,
    built_rate_card,
    default_card,
    new_rate_card,
)

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("catalog.migrations.0009_rate_card_source_data")
FIRST_DEFAULTS = Path(MIGRATION.__file__).resolve().parent / "data" / "default_catalog_v1.json"
INVENTED_WORDING = ("mid-2025", "vendor-published", "carry no date")
KINDS = ("onshore", "nearshore", "offshore")


def default_cards():
    return [default_card(model, kind) for model in SourcingModel.values for kind in KINDS]


# --- The default cards -------------------------------------------------------------------


@pytest.mark.parametrize("model", SourcingModel.values)
@pytest.mark.parametrize("kind", KINDS)
def test_every_default_card_names_its_publisher_title_and_year(model, kind):
    card = default_card(model, kind)
    assert card.publisher.strip()
    assert card.title.strip()
    assert 1950 <= card.published_year <= 2100
    assert card.source.strip()
    card.full_clean()  # every default passes the checks a consultant's edit must pass


def test_every_estimate_says_how_it_was_made_and_every_sourced_card_links_its_source():
    estimates = [card for card in default_cards() if card.is_estimate]
    assert estimates, "the defaults include estimates, so the rule is exercised"
    for card in estimates:
        assert len(card.estimate_method) > 80, card
        assert any(digit in card.estimate_method for digit in "0123456789"), card
    for card in default_cards():
        if not card.is_estimate:
            assert card.source_url.startswith("https://"), card
            assert not card.estimate_method, card


def test_estimates_made_from_other_cards_are_their_midpoints():
    for model in (SourcingModel.KPO, SourcingModel.LPO):
        onshore, nearshore, offshore = (default_card(model, kind) for kind in KINDS)
        assert nearshore.is_estimate
        for rate in ("hourly_low", "hourly_typical", "hourly_high"):
            midpoint = (getattr(onshore, rate) + getattr(offshore, rate)) / 2
            assert getattr(nearshore, rate) == midpoint, (model, rate)


def test_no_card_keeps_the_old_invented_wording():
    for card in RateCard.objects.all():
        text = f"{card.source} {card.estimate_method}".lower()
        for wording in INVENTED_WORDING:
            assert wording not in text, (card, wording)


def test_no_as_of_date_is_more_precise_than_its_source_or_later_than_it():
    for card in default_cards():
        if card.as_of_precision == DatePrecision.YEAR:
            assert (card.as_of.month, card.as_of.day) == (1, 1), card
        if card.as_of_precision == DatePrecision.MONTH:
            assert card.as_of.day == 1, card
        assert card.as_of.year <= card.published_year, card
    # The old convention put every undated figure at 30 June 2025.
    assert not RateCard.objects.filter(as_of=datetime.date(2025, 6, 30)).exists()


def test_offshore_legal_work_is_priced_at_or_above_offshore_knowledge_work():
    lpo, kpo = default_card("lpo", "offshore"), default_card("kpo", "offshore")
    assert lpo.hourly_typical >= kpo.hourly_typical
    # Bulk document review stays the cheap end of the card, and the card says so.
    assert lpo.hourly_low < kpo.hourly_typical
    assert "document review" in lpo.source.lower()


def test_onshore_legal_card_prices_provider_billing_not_a_pay_and_law_firm_midpoint():
    card = default_card("lpo", "onshore")
    assert card.hourly_typical != Decimal("117.50")
    assert (card.hourly_low, card.hourly_high) != (Decimal("35.00"), Decimal("200.00"))
    # What a provider bills for contract attorneys: above their pay, far below a law firm.
    assert Decimal("50") <= card.hourly_low <= card.hourly_typical <= card.hourly_high < 150
    assert "billed by the staffing or lpo provider" in card.source.lower()
    assert "neither the attorney's pay nor a law firm's rate" in card.source


def test_default_cards_keep_their_order_between_locations_and_models():
    def typical(model, kind):
        return default_card(model, kind).hourly_typical

    assert typical("bpo", "offshore") < typical("bpo", "nearshore") < typical("bpo", "onshore")
    for kind in KINDS:
        assert typical("kpo", kind) > typical("bpo", kind)
        assert typical("lpo", kind) > typical("bpo", kind)


# --- The database and the forms refuse what a card must not be ----------------------------


def assert_refused(card, **values):
    with pytest.raises(IntegrityError), transaction.atomic():
        RateCard.objects.filter(pk=card.pk).update(**values)


@pytest.mark.parametrize("method", ["", "   ", "\n\t"])
def test_database_refuses_an_estimate_without_a_method(method):
    card = new_rate_card()
    assert_refused(card, is_estimate=True, estimate_method=method)


def test_database_accepts_an_estimate_with_a_method_and_a_plain_card_without_one():
    card = new_rate_card()
    RateCard.objects.filter(pk=card.pk).update(is_estimate=True, estimate_method="Midpoint.")
    RateCard.objects.filter(pk=card.pk).update(is_estimate=False, estimate_method="")


@pytest.mark.parametrize("year", [0, 1949, 2101, 32000])
def test_database_refuses_a_year_of_publication_out_of_bounds(year):
    assert_refused(new_rate_card(), published_year=year)


@pytest.mark.parametrize("year", [None, 1950, 2100])
def test_database_accepts_the_bounds_and_no_year(year):
    card = new_rate_card()
    RateCard.objects.filter(pk=card.pk).update(published_year=year)


def test_database_refuses_an_unknown_date_precision():
    assert_refused(new_rate_card(), as_of_precision="week")


def test_validation_reports_a_missing_method_and_rates_out_of_order_together():
    card = built_rate_card(
        location=DeliveryLocation.objects.get(kind="offshore"),
        hourly_low=Decimal("30"),
        hourly_typical=Decimal("20"),
        is_estimate=True,
        estimate_method="",
    )
    with pytest.raises(ValidationError) as refused:
        card.full_clean()
    assert set(refused.value.message_dict) == {"hourly_typical", "estimate_method"}


def test_validation_puts_the_missing_method_next_to_the_method_field():
    card = built_rate_card(
        location=DeliveryLocation.objects.get(kind="offshore"),
        is_estimate=True,
        estimate_method=" ",
    )
    with pytest.raises(ValidationError) as refused:
        card.full_clean()
    assert refused.value.message_dict == {"estimate_method": [ESTIMATE_METHOD_MESSAGE]}


def admin_change(client, card, **overrides):
    data = {
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
        "estimate_method": card.estimate_method,
        **({"is_estimate": "on"} if card.is_estimate else {}),
        **overrides,
    }
    return client.post(reverse("admin:catalog_ratecard_change", args=[card.pk]), data)


def test_admin_refuses_an_estimate_without_its_method_with_a_clear_message(consultant_client):
    card = default_card("bpo", "offshore")
    before = RateCard.objects.values().get(pk=card.pk)
    response = admin_change(consultant_client, card, is_estimate="on", estimate_method="")
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["estimate_method"] == [ESTIMATE_METHOD_MESSAGE]
    assert not form.non_field_errors()
    assert "An estimate needs its method" in response.content.decode()
    assert RateCard.objects.values().get(pk=card.pk) == before


def test_admin_saves_an_estimate_with_its_method(consultant_client):
    card = default_card("bpo", "offshore")
    method = "Midpoint of two provider quotes received in March 2026."
    response = admin_change(
        consultant_client,
        card,
        is_estimate="on",
        estimate_method=method,
        as_of="2026-03-01",
        as_of_precision="month",
    )
    assert response.status_code == 302
    card.refresh_from_db()
    assert (card.is_estimate, card.estimate_method) == (True, method)
    assert card.as_of_display == "Mar 2026"


def test_admin_list_shows_publisher_year_and_estimate(consultant_client):
    response = consultant_client.get(reverse("admin:catalog_ratecard_changelist"))
    page = response.content.decode()
    assert escape(default_card("kpo", "offshore").publisher) in page
    assert "2006" in page
    for header in ("column-publisher", "column-published_year", "column-is_estimate"):
        assert header in page
    # Dates only as precise as their sources: the onshore LPO source gives a year.
    assert '<td class="field-as_of_shown">2011</td>' in page
    assert "Jan. 1, 2011" not in page


# --- Import and export ---------------------------------------------------------------------


def export_csv(client):
    from catalog.resources import RateCardResource

    names = RateCardResource().get_export_order()
    response = client.post(
        reverse("admin:catalog_ratecard_export"),
        {"format": "0", "resource": "0", **{f"ratecardresource_{name}": "on" for name in names}},
    )
    assert response.status_code == 200
    return response.content


def upload_and_confirm(client, content):
    preview = client.post(
        reverse("admin:catalog_ratecard_import"),
        {"format": "0", "import_file": SimpleUploadedFile("rates.csv", content)},
    )
    assert "confirm_form" in preview.context, preview.content.decode()[:2000]
    client.post(
        reverse("admin:catalog_ratecard_process_import"), preview.context["confirm_form"].initial
    )


def csv_rows(content):
    return list(csv.DictReader(io.StringIO(content.decode())))


def write_csv(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def test_export_carries_the_source_fields(consultant_client):
    rows = csv_rows(export_csv(consultant_client))
    lpo = next(r for r in rows if (r["sourcing_model"], r["region"]) == ("lpo", "us"))
    card = default_card("lpo", "onshore")
    assert lpo["publisher"] == card.publisher
    assert lpo["title"] == card.title
    assert lpo["published_year"] == str(card.published_year)
    assert lpo["as_of_precision"] == "year"
    assert lpo["is_estimate"] == "1"
    assert lpo["estimate_method"] == card.estimate_method


def test_exported_rate_cards_import_back_unchanged(consultant_client):
    before = list(RateCard.objects.order_by("pk").values())
    upload_and_confirm(consultant_client, export_csv(consultant_client))
    assert list(RateCard.objects.order_by("pk").values()) == before


def test_import_sets_the_source_fields(consultant_client):
    rows = csv_rows(export_csv(consultant_client))
    row = next(r for r in rows if (r["sourcing_model"], r["region"]) == ("bpo", "latin-america"))
    row.update(
        publisher="A consultancy",
        title="Nearshore price check",
        published_year="2026",
        as_of="2026-01-01",
        as_of_precision="year",
        is_estimate="1",
        estimate_method="Average of three quotes received in 2026.",
    )
    upload_and_confirm(consultant_client, write_csv([row]))
    card = default_card("bpo", "nearshore")
    assert (card.publisher, card.title, card.published_year) == (
        "A consultancy",
        "Nearshore price check",
        2026,
    )
    assert (card.as_of_precision, card.as_of_display) == ("year", "2026")
    assert (card.is_estimate, card.estimate_method) == (
        True,
        "Average of three quotes received in 2026.",
    )


def test_import_refuses_an_estimate_without_its_method(consultant_client):
    rows = csv_rows(export_csv(consultant_client))
    row = next(
        r for r in rows if (r["sourcing_model"], r["region"]) == ("bpo", "india-philippines")
    )
    row.update(is_estimate="1", estimate_method="")
    response = consultant_client.post(
        reverse("admin:catalog_ratecard_import"),
        {"format": "0", "import_file": SimpleUploadedFile("rates.csv", write_csv([row]))},
    )
    assert "confirm_form" not in response.context
    assert escape("An estimate needs its method") in response.content.decode()
    assert not default_card("bpo", "offshore").is_estimate


# --- The public page -----------------------------------------------------------------------


def test_rates_show_their_date_no_more_precisely_than_the_source(client):
    page = client.get("/catalog/market-research/").content.decode()
    onshore = default_card("kpo", "onshore")  # the source gives only a year
    offshore = default_card("kpo", "offshore")  # the source gives the day
    assert f'<time datetime="{onshore.as_of:%Y}">{onshore.as_of:%Y}</time>' in page
    assert f'<time datetime="{offshore.as_of.isoformat()}">29 Sep 2006</time>' in page
    assert escape(onshore.citation) in page
    assert escape(onshore.estimate_method) in page
    assert "Estimate</span>" in page


# --- Migration 0009 ------------------------------------------------------------------------


def first_default(model, kind):
    data = json.loads(FIRST_DEFAULTS.read_text(encoding="utf-8"))
    return next(
        row
        for row in data["rate_cards"]
        if (row["sourcing_model"], row["location"], row["currency"]) == (model, kind, "USD")
    )


def put_back_first_default(card, **changes):
    row = first_default(card.sourcing_model, card.location.kind)
    values = {
        "hourly_low": Decimal(row["low"]),
        "hourly_typical": Decimal(row["typical"]),
        "hourly_high": Decimal(row["high"]),
        "as_of": row["as_of"],
        "source": row["source"],
        "source_url": "",
        "as_of_precision": "day",
        "publisher": "",
        "title": "",
        "published_year": None,
        "is_estimate": False,
        "estimate_method": "",
    }
    RateCard.objects.filter(pk=card.pk).update(**{**values, **changes})


@pytest.fixture
def migration_apps():
    """The models as the migrations leave them (no signals, no simple-history hooks), with
    only the US market's cards, as when migration 0009 ran. Its own state cannot write a
    history row: the table has since gained a column it does not know."""
    RateCard.objects.exclude(region__in=US_MARKET.values()).delete()
    return MigrationLoader(connection).project_state().apps


def test_migration_sources_untouched_cards_and_leaves_edited_ones_alone(migration_apps):
    untouched, edited = default_card("lpo", "onshore"), default_card("kpo", "offshore")
    put_back_first_default(untouched)
    put_back_first_default(edited, hourly_high=Decimal("65.00"))  # a consultant's edit
    edited_history = edited.history.count()

    MIGRATION.source_default_cards(migration_apps, None)

    untouched.refresh_from_db()
    assert untouched.hourly_typical == Decimal("62.00")
    assert untouched.publisher.startswith("Blackman Kallick")
    edited.refresh_from_db()
    assert edited.hourly_high == Decimal("65.00")
    assert edited.publisher == ""
    latest = untouched.history.latest()
    assert latest.history_change_reason == "Default rate cards sourced (migration 0009)"
    assert latest.hourly_typical == Decimal("62.00")
    assert latest.publisher == untouched.publisher
    assert edited.history.count() == edited_history


def test_migration_reversed_restores_the_first_figures_only_on_cards_it_sourced(
    migration_apps,
):
    sourced, edited = default_card("lpo", "offshore"), default_card("bpo", "onshore")
    RateCard.objects.filter(pk=edited.pk).update(hourly_high=Decimal("61.00"))

    MIGRATION.restore_first_defaults(migration_apps, None)

    sourced.refresh_from_db()
    row = first_default("lpo", "offshore")
    assert sourced.hourly_typical == Decimal(row["typical"])
    assert sourced.source == row["source"]
    assert (sourced.publisher, sourced.is_estimate) == ("", False)
    latest = sourced.history.latest()
    assert latest.history_change_reason == MIGRATION.REVERSE_REASON
    assert latest.hourly_typical == Decimal(row["typical"])
    edited.refresh_from_db()
    assert edited.hourly_high == Decimal("61.00")
    assert edited.publisher == "PITON-Global"
