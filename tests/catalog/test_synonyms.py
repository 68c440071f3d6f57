"""Consultants keep each service type's synonyms: in the admin, in import and export, and
within the same bound in the form and the database."""

import csv
import io

import pytest
from django.db import IntegrityError, transaction

from catalog.models import SYNONYMS_MAX_LENGTH, ServiceType
from tests.admin_helpers import admin_url
from tests.catalog.test_admin import change_form_for
from tests.catalog.test_import_export import (
    CSV_FORMAT,
    SERVICE_HEADER,
    confirm,
    export,
    service_row,
    upload,
)
from tests.factories import ConsultantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultant(client):
    client.force_login(ConsultantFactory())
    return client


def payroll():
    return ServiceType.objects.get(slug="payroll-processing")


def test_a_consultant_edits_synonyms_in_the_admin_as_plain_text(consultant):
    service = payroll()
    synonyms = "payslips, wages\r\nPAYE\u202e, pay run\x00"

    response = consultant.post(
        admin_url(ServiceType, "change", service.pk), change_form_for(service, synonyms=synonyms)
    )

    assert response.status_code == 302
    assert payroll().synonyms == "payslips, wages\nPAYE, pay run"


def test_the_admin_form_refuses_synonyms_over_the_bound(consultant):
    service = payroll()
    too_long = "x" * (SYNONYMS_MAX_LENGTH + 1)

    response = consultant.post(
        admin_url(ServiceType, "change", service.pk), change_form_for(service, synonyms=too_long)
    )

    assert response.status_code == 200
    assert "synonyms" in response.context["adminform"].form.errors
    assert payroll().synonyms != too_long


def test_the_database_refuses_synonyms_over_the_bound_too():
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceType.objects.filter(slug="payroll-processing").update(
            synonyms="x" * (SYNONYMS_MAX_LENGTH + 1)
        )


def test_the_admin_finds_a_service_by_its_synonyms(consultant):
    response = consultant.get(admin_url(ServiceType, "changelist"), {"q": "payslips"})
    assert list(response.context["cl"].result_list) == [payroll()]


def test_the_public_catalog_search_finds_a_service_by_its_synonyms(client):
    page = client.get("/catalog/", {"q": "payslips"}).content.decode()
    assert 'href="/catalog/payroll-processing/"' in page


def test_export_holds_the_synonyms(consultant):
    response = export(consultant, "servicetype", CSV_FORMAT)
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    exported = next(row for row in rows if row["slug"] == "payroll-processing")
    assert exported["synonyms"] == payroll().synonyms


def test_import_sets_the_synonyms(consultant):
    row = service_row("invoice-matching", synonyms="three-way match, PO matching")
    content = ("\n".join([SERVICE_HEADER, row]) + "\n").encode()

    response = confirm(consultant, "servicetype", upload(consultant, "servicetype", content))

    assert response.status_code == 302
    imported = ServiceType.objects.get(slug="invoice-matching")
    assert imported.synonyms == "three-way match, PO matching"
