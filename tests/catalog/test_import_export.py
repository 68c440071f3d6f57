"""Consultants import and export service types and rate cards as CSV and XLSX."""

import csv
import html
import io
import re

import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.models import RateCard, ServiceType
from catalog.resources import RateCardResource
from outsourcing_advisor.spreadsheets import escape_formula, unescape_formula

pytestmark = pytest.mark.django_db

CSV_FORMAT = "0"
XLSX_FORMAT = "1"
SERVICE_HEADER = (
    "slug,name,summary,description,synonyms,sourcing_model,office,orientation,industries,"
    "typical_complexity,typical_skill_level,typical_standardisation,risks,providers,is_published"
)


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
        "synonyms": "",
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
    assert response.context["form"].errors["import_file"] == [
        "This file could not be read as CSV. Choose the format the file is in "
        "(a CSV file must be saved as UTF-8 text)."
    ]


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
        {"format": file_format, "resource": "0"},  # every column: no field to choose
    )
    assert response.status_code == 200, response.content[:500]
    return response


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
    assert header == list(RateCardResource().get_export_order())  # the whole card, for re-import
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


# --- A wrong file: a message in words, never a traceback ---------------------------------

WRONG_FILES = {
    "not text": (
        CSV_FORMAT,
        "x.csv",
        b"\xff\xfe\x00not a csv at all\x00",
        "could not be read as CSV",
    ),
    "not a workbook": (XLSX_FORMAT, "x.xlsx", b"PK\x03\x04 not a zip", "could not be read as XLSX"),
    "no key column": (
        CSV_FORMAT,
        "x.csv",
        b"name,summary\nInvoice matching,Matching invoices.\n",
        "it has no slug column to match rows by",
    ),
    "unknown column": (
        CSV_FORMAT,
        "x.csv",
        b"slug,name,sumary\ninvoice-matching,Invoice matching,Matching invoices.\n",
        "columns this import does not know: sumary",
    ),
    "not a number": (
        CSV_FORMAT,
        "x.csv",
        csv_file(service_row("invoice-matching", typical_complexity="three")),
        'typical_complexity: "three" is not a number.',
    ),
}


def assert_no_traceback_or_path(page):
    assert "Traceback" not in page
    assert str(settings.BASE_DIR) not in page
    assert "/work/" not in page
    assert not re.search(r"\w\.py\b", page), re.search(r".{60}\w\.py\b.{20}", page)


@pytest.mark.parametrize(
    ("file_format", "filename", "content", "message"),
    list(WRONG_FILES.values()),
    ids=list(WRONG_FILES),
)
def test_a_wrong_file_is_refused_with_a_plain_message_and_no_traceback(
    consultant_client, file_format, filename, content, message
):
    count = ServiceType.objects.count()
    response = upload(consultant_client, "servicetype", content, file_format, filename)

    assert response.status_code == 200
    assert "confirm_form" not in response.context
    page = html.unescape(response.content.decode())
    assert message in page
    assert_no_traceback_or_path(page)
    assert "Error" not in page.replace("Errors", "")  # no exception class named
    assert ServiceType.objects.count() == count


def test_a_rate_card_file_without_its_key_columns_names_them(consultant_client):
    content = b"currency,hourly_low\nUSD,7.00\n"
    response = upload(consultant_client, "ratecard", content)
    page = html.unescape(response.content.decode())
    assert "it has no sourcing_model or region column to match rows by" in page
    assert "Expected columns: sourcing_model, region, location," in page
    assert_no_traceback_or_path(page)


def test_a_bad_row_after_unchanged_ones_is_named_by_its_row_in_the_file(consultant_client):
    exported = export(consultant_client, "servicetype", CSV_FORMAT).content.decode()
    rows = exported.splitlines()
    response = upload(
        consultant_client,
        "servicetype",
        ("\n".join([*rows, service_row("bad-model", sourcing_model="xpo")]) + "\n").encode(),
    )
    page = html.unescape(response.content.decode())
    assert_no_traceback_or_path(page)
    problems = re.search(r'<table class="import-problems">.*?</table>', page, re.S).group()
    row_number = len(rows) + 1  # the header is row 1, as a spreadsheet numbers it
    assert re.search(rf"<td>{row_number}</td>\s*<td>\s*<ul>\s*<li>sourcing_model:", problems)
    assert "is not a valid choice" in problems


# --- The preview lists what changes and counts what does not -----------------------------


def test_the_preview_lists_new_and_changed_rows_and_counts_the_unchanged(consultant_client):
    unchanged = ServiceType.objects.count() - 1
    exported = export(consultant_client, "servicetype", CSV_FORMAT).content.decode()
    payroll = ServiceType.objects.get(slug="payroll-processing")
    exported = exported.replace(payroll.summary, "Pay runs & payslips <abroad>.", 1)
    content = exported.rstrip("\n") + "\n" + service_row("invoice-matching") + "\n"

    preview = upload(consultant_client, "servicetype", content.encode())

    assert "confirm_form" in preview.context
    listed = preview.context["result"].valid_rows()
    assert sorted((row.import_type, row.object_repr) for row in listed) == [
        ("new", "Invoice Matching"),
        ("update", "Payroll processing"),
    ]
    page = preview.content.decode()
    assert f"1 new row, 1 changed row, {unchanged} unchanged rows (not listed)." in " ".join(
        page.split()
    )
    table = re.search(r'<table class="import-preview">.*?</table>', page, re.S).group()
    assert table.count("<tr class=") == 2
    assert "style=" not in table  # the library's own diff markup is refused by the CSP
    assert "<del>" in table
    assert "<ins>" in table
    assert "&lt;abroad&gt;" in table  # the file's text escaped, only the diff's own tags kept
    assert "<abroad>" not in table


def test_a_file_that_changes_nothing_says_so(consultant_client):
    exported = export(consultant_client, "servicetype", CSV_FORMAT).content
    preview = upload(consultant_client, "servicetype", exported)
    page = " ".join(preview.content.decode().split())
    assert f"0 new rows, 0 changed rows, {ServiceType.objects.count()} unchanged rows" in page
    assert "Every row matches the catalog already" in page
    assert 'class="import-preview"' not in page
