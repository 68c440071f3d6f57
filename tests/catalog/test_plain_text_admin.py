"""Consultants' catalog text is kept free of hidden characters too, typed in the admin or
imported from a file (`outsourcing_advisor.plain_text`); slugs keep their own checks."""

import pytest

from catalog.models import ServiceType
from tests.admin_helpers import admin_url
from tests.catalog.test_admin import service_type_form
from tests.catalog.test_import_export import SERVICE_HEADER, confirm, service_row, upload
from tests.factories import ConsultantFactory

pytestmark = pytest.mark.django_db

RLO, PDF = "\u202e", "\u202c"


@pytest.fixture
def consultant(client):
    client.force_login(ConsultantFactory())
    return client


def test_text_typed_in_the_admin_is_stored_without_hidden_characters(consultant):
    form = service_type_form(
        name=f"Invoice {RLO}gnihctam{PDF}\x00",
        description="Line one\x07\r\nLine two",
    )

    response = consultant.post(admin_url(ServiceType, "add"), form)

    assert response.status_code == 302
    service = ServiceType.objects.get(slug="invoice-matching")
    assert service.name == "Invoice gnihctam"
    assert service.description == "Line one\nLine two"


def test_a_slug_keeps_its_own_check(consultant):
    response = consultant.post(admin_url(ServiceType, "add"), service_type_form(slug="not a slug!"))

    assert response.status_code == 200
    assert not ServiceType.objects.filter(name="Invoice matching").exists()


def test_text_imported_from_a_file_is_stored_without_hidden_characters(consultant):
    row = service_row("bookkeeping-lite", name=f"Bookkeeping {RLO}etil\x1b", summary="Plain\x00")
    content = ("\n".join([SERVICE_HEADER, row]) + "\n").encode()

    response = confirm(consultant, "servicetype", upload(consultant, "servicetype", content))

    assert response.status_code == 302
    service = ServiceType.objects.get(slug="bookkeeping-lite")
    assert (service.name, service.summary) == ("Bookkeeping etil", "Plain")
