"""Catalog pages are cached under the catalog's version, and every consultant's edit gives
the catalog a new one: what the admin changes shows on the next view, never stale.

Edits call `catalog.services.catalog_changed()`, which moves the version once the edit
commits; tests run inside a transaction, so they run the commit callbacks explicitly.
"""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from catalog.models import RateCard, ServiceType
from catalog.services import VERSION_KEY, catalog_changed, catalog_version
from tests.admin_helpers import admin_url
from tests.catalog.test_admin import change_form_for, rate_card_form
from tests.catalog.test_import_export import SERVICE_HEADER, confirm, service_row, upload
from tests.factories import ConsultantFactory

pytestmark = pytest.mark.django_db

SLUG = "payroll-processing"
SERVICE_URL = f"/catalog/{SLUG}/"
# A cacheable list page that shows payroll among its first 24.
LIST_URL = "/catalog/?office=back&sourcing_model=bpo"


@pytest.fixture
def consultant(client):
    client.force_login(ConsultantFactory())
    return client


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what a committed edit runs after its commit."""

    def committed(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return committed


def service():
    return ServiceType.objects.get(slug=SLUG)


# --- The bug this replaces: unpublished, yet still served ---------------------------------


def test_unpublishing_in_the_admin_takes_the_service_off_the_site_at_once(
    client, consultant, commit
):
    payroll = service()
    assert client.get(SERVICE_URL).status_code == 200
    assert f'href="{SERVICE_URL}"' in client.get(LIST_URL).content.decode()

    response = commit(
        lambda: consultant.post(
            admin_url(ServiceType, "changelist"),
            {"action": "unpublish", "_selected_action": [payroll.pk]},
        )
    )

    assert response.status_code == 302
    assert client.get(SERVICE_URL).status_code == 404
    assert f'href="{SERVICE_URL}"' not in client.get(LIST_URL).content.decode()


def test_publishing_again_brings_it_back(client, consultant, commit):
    payroll = service()
    ServiceType.objects.filter(pk=payroll.pk).update(is_published=False)
    client.get(LIST_URL)  # cached without it

    commit(
        lambda: consultant.post(
            admin_url(ServiceType, "changelist"),
            {"action": "publish", "_selected_action": [payroll.pk]},
        )
    )

    assert f'href="{SERVICE_URL}"' in client.get(LIST_URL).content.decode()


# --- Every kind of edit moves the version on ---------------------------------------------


def save_in_change_form(client):
    payroll = service()
    return client.post(
        admin_url(ServiceType, "change", payroll.pk),
        change_form_for(payroll, summary="Pay runs, edited in the admin."),
    )


def edit_in_the_list(client):
    payroll = service()
    return client.post(
        admin_url(ServiceType, "changelist") + "?q=payroll",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(payroll.pk),
            "form-0-is_published": "",
            "_save": "Save",
        },
    )


def delete_one(client):
    return client.post(admin_url(ServiceType, "delete", service().pk), {"post": "yes"})


def delete_selected(client):
    return client.post(
        admin_url(ServiceType, "changelist"),
        {"action": "delete_selected", "_selected_action": [service().pk], "post": "yes"},
    )


def revert_in_history(client):
    payroll = service()
    client.post(admin_url(ServiceType, "change", payroll.pk), change_form_for(payroll))
    version = payroll.history.earliest()
    url = reverse("admin:catalog_servicetype_simple_history", args=[payroll.pk, version.pk])
    return client.post(url, change_form_for(payroll, summary="Back to an old version."))


def import_a_file(client):
    content = ("\n".join([SERVICE_HEADER, service_row("bookkeeping-lite")]) + "\n").encode()
    return confirm(client, "servicetype", upload(client, "servicetype", content))


EDITS = [
    save_in_change_form,
    edit_in_the_list,
    delete_one,
    delete_selected,
    revert_in_history,
    import_a_file,
]


@pytest.mark.parametrize("edit", EDITS, ids=[edit.__name__ for edit in EDITS])
def test_every_admin_edit_gives_the_catalog_a_new_version(consultant, commit, edit):
    before = catalog_version()

    response = commit(lambda: edit(consultant))

    assert response.status_code == 302
    assert catalog_version() != before


def test_an_import_preview_changes_nothing(consultant, commit):
    before = catalog_version()
    content = ("\n".join([SERVICE_HEADER, service_row("bookkeeping-lite")]) + "\n").encode()

    preview = commit(lambda: upload(consultant, "servicetype", content))

    assert preview.status_code == 200
    assert catalog_version() == before


def test_importing_exchange_rates_gives_the_catalog_a_new_version(tmp_path, commit):
    rates = tmp_path / "rates.csv"
    rates.write_text("currency,units_per_euro,as_of,source\nGBP,0.9000,2026-11-30,A test file\n")
    before = catalog_version()

    commit(lambda: call_command("import_exchange_rates", str(rates), verbosity=0))

    assert catalog_version() != before


def test_the_version_moves_only_once_the_edit_commits(django_capture_on_commit_callbacks):
    before = catalog_version()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        catalog_changed()
        assert catalog_version() == before  # a page rendered now keys on the old version

    assert len(callbacks) == 1
    callbacks[0]()
    assert catalog_version() != before


def test_a_lost_version_is_drawn_afresh_never_reused():
    first = catalog_version()
    cache.delete(VERSION_KEY)  # as the cache's culling might

    assert catalog_version() not in {first, None}


# --- What the pages show ---------------------------------------------------------------


def test_an_edit_in_the_admin_shows_on_the_service_page_and_the_list(client, consultant, commit):
    assert "Pay runs, edited in the admin." not in client.get(SERVICE_URL).content.decode()

    commit(lambda: save_in_change_form(consultant))

    assert "Pay runs, edited in the admin." in client.get(SERVICE_URL).content.decode()
    assert "Pay runs, edited in the admin." in client.get(LIST_URL).content.decode()


def test_a_rate_card_edit_shows_on_the_service_page(client, consultant, commit):
    card = RateCard.objects.get(sourcing_model="bpo", region="us")
    assert "USD 99.50" not in client.get(SERVICE_URL).content.decode()
    form = rate_card_form(card, hourly_high="99.50")

    response = commit(lambda: consultant.post(admin_url(RateCard, "change", card.pk), form))

    assert response.status_code == 302
    assert "USD 99.50" in client.get(SERVICE_URL).content.decode()


def test_a_second_view_is_served_from_the_cache_until_the_catalog_changes(client, commit):
    client.get(SERVICE_URL)
    ServiceType.objects.filter(slug=SLUG).update(summary="Changed outside the admin.")

    lead = '<p class="lead">Changed outside the admin.</p>'
    assert lead not in client.get(SERVICE_URL).content.decode()

    commit(catalog_changed)

    assert lead in client.get(SERVICE_URL).content.decode()


def test_a_search_is_never_cached(client):
    client.get("/catalog/?q=payroll")
    ServiceType.objects.filter(slug=SLUG).update(name="Payroll runs renamed")

    assert "Payroll runs renamed" in client.get("/catalog/?q=payroll").content.decode()


def test_unknown_query_parameters_are_rendered_not_cached(client):
    url = LIST_URL + "&utm_source=mail"
    client.get(url)
    ServiceType.objects.filter(slug=SLUG).update(name="Payroll runs renamed")

    assert "Payroll runs renamed" in client.get(url).content.decode()
