"""What a screen reader or a keyboard gets from the admin's forms and wide tables: every input
in a table row is named by its column and its row, related rows are chosen with labelled
checkboxes, and wide read-only tables scroll in a focusable region (the browser test
tests/browser/test_admin_pages.py runs axe on every page; these say why it passes)."""

import html

import pytest
from django.contrib import admin
from django.urls import reverse

from assessments import services
from assessments.models import Assessment
from catalog.models import DeliveryLocation, Industry, Provider, RateCard, ServiceType
from tests.admin_helpers import admin_url
from tests.factories import (
    SubmittedAssessmentFactory,
    TaskFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

EDITABLE_CHANGELISTS = [
    model_admin for model_admin in admin.site._registry.values() if model_admin.list_editable
]


def test_the_walk_finds_the_editable_changelists():
    assert {model_admin.model for model_admin in EDITABLE_CHANGELISTS} >= {
        ServiceType,
        DeliveryLocation,
    }


@pytest.mark.parametrize(
    "model_admin", EDITABLE_CHANGELISTS, ids=lambda model_admin: model_admin.model.__name__
)
def test_every_editable_changelist_input_is_named_by_its_column_and_row(client, model_admin):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(admin_url(model_admin.model, "changelist"))

    forms = response.context["cl"].formset.forms
    assert forms, "the migrated catalog has rows to edit"
    page = response.content.decode()
    for form in forms:
        for name in model_admin.list_editable:
            name_attr = f"{form.fields[name].label}: {form.instance}"
            assert f'aria-label="{html.escape(name_attr)}"' in str(form[name])
            assert f'name="{form[name].html_name}"' in page


def test_a_service_types_published_box_names_the_service(consultant_client):
    page = consultant_client.get(admin_url(ServiceType, "changelist")).content.decode()
    assert 'aria-label="Published: Bookkeeping"' in page


def test_every_input_of_a_locations_rate_cards_is_named_by_its_row(consultant_client):
    card = RateCard.objects.filter(location__isnull=False).first()
    location = card.location

    response = consultant_client.get(admin_url(DeliveryLocation, "change", location.pk))

    formset = response.context["inline_admin_formsets"][0].formset
    form = next(form for form in formset.forms if form.instance == card)
    for name in ("sourcing_model", "region", "currency", "hourly_typical", "as_of", "DELETE"):
        label = "Delete" if name == "DELETE" else form.fields[name].label
        assert f'aria-label="{html.escape(f"{label}: {card}")}"' in str(form[name])
    assert 'aria-label="Currency: new rate card"' in str(formset.empty_form["currency"])
    page = response.content.decode()
    assert 'role="region" tabindex="0" aria-labelledby="rate_cards-heading"' in page


@pytest.mark.parametrize(
    ("model", "fields"),
    [(ServiceType, ["industries", "risks", "providers"]), (Provider, ["locations"])],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_related_rows_are_chosen_with_labelled_checkboxes(consultant_client, model, fields):
    obj = model.objects.first()

    page = consultant_client.get(admin_url(model, "change", obj.pk)).content.decode()

    assert "SelectFilter2.js" not in page  # Django's two-box widget, with ARIA it may not have
    for name in fields:
        assert f'<input type="checkbox" name="{name}"' in page
        assert f'<label for="id_{name}_0">' in page


def test_a_service_types_industries_ticked_in_the_checkboxes_are_saved(consultant_client):
    service = ServiceType.objects.get(slug="bookkeeping")
    chosen = list(Industry.objects.values_list("pk", flat=True)[:2])
    page = consultant_client.get(admin_url(ServiceType, "change", service.pk))
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }
    data.update(
        industries=chosen,
        orientation="vertical",
        risks=[risk.pk for risk in form.initial["risks"]],
        providers=[provider.pk for provider in form.initial["providers"]],
        is_published="on",
    )

    response = consultant_client.post(admin_url(ServiceType, "change", service.pk), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert set(service.industries.values_list("pk", flat=True)) == set(chosen)


def test_an_assessments_wide_tables_scroll_in_focusable_regions(consultant_client):
    assessment = SubmittedAssessmentFactory()
    TaskFactory(assessment=assessment)
    services.score_assessment(assessment)

    page = consultant_client.get(admin_url(Assessment, "change", assessment.pk)).content.decode()

    for label in ("Rates snapshot", "Summary"):
        assert f'role="region" tabindex="0" aria-label="{label}"><table' in page
    assert 'role="region" tabindex="0" aria-labelledby="tasks-heading"' in page


def test_admin_pages_load_the_admin_stylesheet(consultant_client):
    page = consultant_client.get(reverse("admin:index")).content.decode()
    assert 'href="/static/css/admin.css"' in page
