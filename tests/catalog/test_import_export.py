"""Consultants import and export service types and rate cards as CSV and XLSX."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.models import RateCard, ServiceType
from outsourcing_advisor.spreadsheets import escape_formula, unescape_formula
from tests.factories import ConsultantFactory

pytestmark = pytest.mark.django_db

CSV_FORMAT = "0"
XLSX_FORMAT = "1"
SERVICE_HEADER = (
    "slug,name,summary,description,sourcing_model,office,orientation,industries,"
    "typical_complexity,typical_skill_level,typical_standardisation,risks,providers,is_published"
)


@pytest.fixture
def consultant_client(client):
    client.force_login(ConsultantFactory())
    return client


def upload(client, model_name, content, file_format=CSV_FORMAT, filename="catalog.csv"):
    return client.post(
        reverse(f"admin:catalog_{model_name}_import"),
        {
            "format": file_format,
            "import_file": SimpleUploadedFile(filename, content),
        },
    )


def confirm(client, model_name, preview):
    form = preview.context["confirm_form"]
    return client.post(reverse(f"admin:catalog_{model_name}_process_import"), form.initial)


def service_row(slug, **overrides):
    values = {
        "slug": slug,
        "name": slug.replace("-", " ").title(),
        "summary": "Imported summary.",
        "description": "Imported description.",
        "sourcing_model": "bpo",
        "office": "back",
        "orientation": "horizontal",
        "industries": "",
        "typical_complexity": "2",
        "typical_skill_level": "2",
        "typical_standardisation": "4",
        "risks": "hidden-costs",
        "providers": "wipro",
        "is_published": "1",
    }
    values.update(overrides)
    return ",".join(f'"{values[name]}"' for name in SERVICE_HEADER.split(","))


def csv_file(*rows):
    return ("\n".join([SERVICE_HEADER, *rows]) + "\n").encode()


def test_import_shows_a_preview_and_saves_only_after_confirmation(consultant_client):
    preview = upload(
        consultant_client,
        "servicetype",
        csv_file(
            service_row("invoice-matching"),
            service_row("payroll-processing", summary="Updated."),
        ),
    )
    assert preview.status_code == 200
    assert "confirm_form" in preview.context
    assert not ServiceType.objects.filter(slug="invoice-matching").exists()

    confirm(consultant_client, "servicetype", preview)
    created = ServiceType.objects.get(slug="invoice-matching")
    assert list(created.risks.values_list("slug", flat=True)) == ["hidden-costs"]
    assert ServiceType.objects.get(slug="payroll-processing").summary == "Updated."


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        (service_row("bad-scale", typical_complexity="7"), "7"),
        (service_row("bad-model", sourcing_model="xpo"), "xpo"),
        (service_row("bad-risk", risks="no-such-risk"), "no-such-risk"),
        (service_row("bad-vertical", orientation="vertical"), "at least one industry"),
    ],
)
def test_one_bad_row_refuses_the_whole_file_with_its_row_named(consultant_client, bad_row, message):
    count = ServiceType.objects.count()
    response = upload(consultant_client, "servicetype", csv_file(service_row("good-one"), bad_row))
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    result = response.context["result"]
    assert result.has_errors() or result.has_validation_errors()
    assert message in response.content.decode()
    assert ServiceType.objects.count() == count
    assert not ServiceType.objects.filter(slug="good-one").exists()


def test_garbage_file_is_refused_with_a_message(consultant_client):
    response = upload(consultant_client, "servicetype", b"\xff\xfe\x00not a csv at all\x00")
    assert response.status_code == 200
    assert "confirm_form" not in response.context


RATE_HEADER = (
    b"sourcing_model,region,location,currency,hourly_low,hourly_typical,hourly_high,as_of,source\n"
)


def test_rate_cards_import_by_model_and_region(consultant_client):
    RateCard.objects.filter(sourcing_model="kpo", region="eastern-europe").delete()
    count = RateCard.objects.count()
    content = RATE_HEADER + (
        b"bpo,india-philippines,offshore,USD,7.00,15.00,19.00,2026-06-30,Updated provider survey\n"
        b"kpo,eastern-europe,nearshore,EUR,40.00,60.00,90.00,2026-06-30,Warsaw and Lisbon quotes\n"
    )
    preview = upload(consultant_client, "ratecard", content)
    confirm(consultant_client, "ratecard", preview)
    offshore = RateCard.objects.get(sourcing_model="bpo", region="india-philippines")
    assert (offshore.currency, str(offshore.hourly_low)) == ("USD", "7.00")
    eastern = RateCard.objects.get(sourcing_model="kpo", region="eastern-europe")
    assert (eastern.currency, eastern.location.kind, str(eastern.hourly_typical)) == (
        "EUR",
        "nearshore",
        "60.00",
    )
    assert RateCard.objects.count() == count + 1


def test_rate_card_in_an_unknown_region_is_refused(consultant_client):
    content = RATE_HEADER + b"bpo,mars,offshore,USD,7.00,15.00,19.00,2026-06-30,Far away\n"
    response = upload(consultant_client, "ratecard", content)
    assert "confirm_form" not in response.context
    assert "is not a valid choice" in response.content.decode()
    assert not RateCard.objects.filter(region="mars").exists()


def test_rate_card_out_of_order_is_refused(consultant_client):
    content = RATE_HEADER + (
        b"bpo,india-philippines,offshore,USD,30.00,15.00,19.00,2026-06-30,Wrong order\n"
    )
    response = upload(consultant_client, "ratecard", content)
    assert "confirm_form" not in response.context
    assert "low &lt;= typical &lt;= high" in response.content.decode()
    card = RateCard.objects.get(sourcing_model="bpo", region="india-philippines")
    assert card.hourly_low < card.hourly_typical


def export(client, model_name, file_format):
    response = client.post(
        reverse(f"admin:catalog_{model_name}_export"),
        {"format": file_format, "resource": "0", **export_fields(model_name)},
    )
    assert response.status_code == 200, response.content[:500]
    return response


def export_fields(model_name):
    resource = {"servicetype": "ServiceTypeResource", "ratecard": "RateCardResource"}[model_name]
    from catalog import resources

    names = getattr(resources, resource)().get_export_order()
    return {f"{resource.lower()}_{name}": "on" for name in names}


def test_export_csv_escapes_spreadsheet_formulas(consultant_client):
    ServiceType.objects.filter(slug="payroll-processing").update(summary='=HYPERLINK("x")')
    response = export(consultant_client, "servicetype", CSV_FORMAT)
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    payroll = next(row for row in rows if row["slug"] == "payroll-processing")
    assert payroll["summary"] == '\'=HYPERLINK("x")'
    assert len(rows) == ServiceType.objects.count()


def test_export_xlsx_holds_every_rate_card(consultant_client):
    response = export(consultant_client, "ratecard", XLSX_FORMAT)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert header[:4] == ["sourcing_model", "region", "location", "currency"]
    assert sheet.max_row - 1 == RateCard.objects.count()


def test_exported_csv_imports_back_unchanged(consultant_client):
    ServiceType.objects.filter(slug="payroll-processing").update(summary="-10% cost, +speed")
    exported = export(consultant_client, "servicetype", CSV_FORMAT).content
    preview = upload(consultant_client, "servicetype", exported)
    assert "confirm_form" in preview.context
    confirm(consultant_client, "servicetype", preview)
    assert ServiceType.objects.get(slug="payroll-processing").summary == "-10% cost, +speed"


@pytest.mark.parametrize("text", ["=1+1", "+cmd", "-2", "@SUM(A1)", "\tx", "plain", "", "'quoted"])
def test_formula_escaping_round_trips(text):
    escaped = escape_formula(text)
    assert not (isinstance(escaped, str) and escaped.startswith(("=", "+", "-", "@", "\t")))
    assert unescape_formula(escaped) == text


def test_xlsx_export_escapes_formulas_and_imports_back_through_the_preview(consultant_client):
    ServiceType.objects.filter(slug="payroll-processing").update(summary="=1+1 staff")
    exported = export(consultant_client, "servicetype", XLSX_FORMAT).content
    sheet = openpyxl.load_workbook(io.BytesIO(exported)).active
    rows = sheet.iter_rows(values_only=True)
    header = next(rows)
    payroll = next(dict(zip(header, row, strict=True)) for row in rows if "payroll" in row[0])
    assert payroll["summary"] == "'=1+1 staff"

    ServiceType.objects.filter(slug="payroll-processing").update(summary="Changed meanwhile.")
    preview = upload(
        consultant_client, "servicetype", exported, file_format=XLSX_FORMAT, filename="x.xlsx"
    )
    assert "confirm_form" in preview.context
    assert ServiceType.objects.get(slug="payroll-processing").summary == "Changed meanwhile."
    confirm(consultant_client, "servicetype", preview)
    assert ServiceType.objects.get(slug="payroll-processing").summary == "=1+1 staff"
