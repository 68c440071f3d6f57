"""Exchange rates: exact conversion, the migrated ECB table, the import command and the admin."""

import csv
import datetime
import io
import math
import re
from decimal import Decimal
from fractions import Fraction

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from catalog.models import ExchangeRate
from catalog.money import (
    MissingRate,
    convert,
    country_currency,
    currency_digits,
    is_country,
    is_currency,
)
from tests.factories import ConsultantFactory

pytestmark = pytest.mark.django_db

ECB_DATE = datetime.date(2025, 2, 28)
# The ECB figures of 28 February 2025 that the tests convert with.
RATES = {
    "EUR": Decimal("1"),
    "USD": Decimal("1.0411"),
    "GBP": Decimal("0.82608"),
    "JPY": Decimal("156.96"),
    "INR": Decimal("90.9710"),
}
HEADER = "currency,units_per_euro,as_of,source\n"


def import_rates(tmp_path, text, name="rates.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_exchange_rates", str(path), stdout=out)
    return out.getvalue()


def csv_text(*rows):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def history_reasons(currency):
    rate = ExchangeRate.objects.get(currency=currency)
    return [record.history_change_reason for record in rate.history.all()]


# --- Codes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "known"),
    [("USD", True), ("GBP", True), ("JPY", True), ("usd", False), ("XYZ", False), ("", False)],
)
def test_is_currency_knows_iso_4217_codes_in_capitals(code, known):
    assert is_currency(code) is known


@pytest.mark.parametrize(
    ("code", "known"),
    [("GB", True), ("DE", True), ("IN", True), ("gb", False), ("EU", False), ("ZZ", False)],
)
def test_is_country_knows_countries_but_not_groupings(code, known):
    assert is_country(code) is known


@pytest.mark.parametrize(
    ("country", "currency"),
    [("GB", "GBP"), ("US", "USD"), ("DE", "EUR"), ("IN", "INR"), ("JP", "JPY"), ("HR", "EUR")],
)
def test_a_country_defaults_to_its_legal_tender(country, currency):
    assert country_currency(country) == currency


def test_currency_digits_come_from_babel():
    assert [currency_digits(code) for code in ("GBP", "USD", "INR", "JPY")] == [2, 2, 2, 0]


# --- Conversion ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "source", "target", "expected"),
    [
        # 100 x 0.82608 / 1.0411 = 79.3468...
        ("100", "USD", "GBP", "79.35"),
        # 12.34 x 156.96 = 1936.8864; the yen has no decimals
        ("12.34", "EUR", "JPY", "1937"),
        # 1 x 156.96 / 1.0411 = 150.7636...
        ("1", "USD", "JPY", "151"),
        # 1000 x 90.9710 / 1.0411 = 87379.6945...
        ("1000", "USD", "INR", "87379.69"),
        # 2500 x 90.9710 / 0.82608 = 275309.2920...
        ("2500", "GBP", "INR", "275309.29"),
        # 1000 / 156.96 = 6.3710...
        ("1000", "JPY", "EUR", "6.37"),
        ("19.99", "GBP", "GBP", "19.99"),
    ],
)
def test_conversion_is_exact_and_rounded_to_the_target_currency(amount, source, target, expected):
    result = convert(Decimal(amount), source, target, RATES)
    assert result == Decimal(expected)
    assert str(result) == expected  # the target's number of decimals, no more, no fewer


@pytest.mark.parametrize(
    ("amount", "target", "rates", "expected"),
    [
        ("0.005", "EUR", {"EUR": Decimal(1)}, "0.01"),
        ("0.004999", "EUR", {"EUR": Decimal(1)}, "0.00"),
        ("-0.005", "EUR", {"EUR": Decimal(1)}, "-0.01"),
        # 0.05 / 2 = 0.025 exactly: half up gives 0.03 where half-even would give 0.02
        ("0.05", "EUR", {"EUR": Decimal(1), "USD": Decimal(2)}, "0.03"),
        # 0.25 x 2 = 0.5 yen: up to 1; 0.24 x 2 = 0.48: down to 0
        ("0.25", "JPY", {"EUR": Decimal(1), "USD": Decimal(1), "JPY": Decimal(2)}, "1"),
        ("0.24", "JPY", {"EUR": Decimal(1), "USD": Decimal(1), "JPY": Decimal(2)}, "0"),
    ],
)
def test_halves_round_up_at_the_boundary(amount, target, rates, expected):
    source = "USD" if "USD" in rates else "EUR"
    assert convert(Decimal(amount), source, target, rates) == Decimal(expected)


def test_a_quotient_that_never_ends_is_rounded_exactly():
    # 1 / 3 = 0.333...; 2 / 3 = 0.666...
    rates = {"EUR": Decimal(1), "USD": Decimal(3)}
    assert convert(Decimal(1), "USD", "EUR", rates) == Decimal("0.33")
    assert convert(Decimal(2), "USD", "EUR", rates) == Decimal("0.67")


@given(
    amount=st.decimals(min_value=-(10**9), max_value=10**9, places=4),
    rate_from=st.decimals(min_value=Decimal("0.000001"), max_value=10**9, places=6),
    rate_to=st.decimals(min_value=Decimal("0.000001"), max_value=10**9, places=6),
)
def test_conversion_is_the_exact_quotient_rounded_half_up(amount, rate_from, rate_to):
    rates = {"EUR": Decimal(1), "USD": rate_from, "GBP": rate_to}
    cents = Fraction(amount) * Fraction(rate_to) / Fraction(rate_from) * 100
    rounded = math.floor(abs(cents) + Fraction(1, 2))  # half away from zero
    expected = Decimal(rounded if cents >= 0 else -rounded).scaleb(-2)
    assert convert(amount, "USD", "GBP", rates) == expected


@pytest.mark.parametrize(
    ("source", "target", "named", "wording"),
    [
        ("XYZ", "EUR", "XYZ", "not an ISO 4217 currency code"),
        ("EUR", "XYZ", "XYZ", "not an ISO 4217 currency code"),
        ("EUR", "CAD", "CAD", "no exchange rate for CAD"),
        ("CHF", "EUR", "CHF", "no exchange rate for CHF"),
        ("usd", "EUR", "usd", "not an ISO 4217 currency code"),
    ],
)
def test_unknown_and_rate_less_currencies_are_refused_by_name(source, target, named, wording):
    with pytest.raises(MissingRate) as refused:
        convert(Decimal(1), source, target, RATES)
    assert refused.value.code == named
    assert named in str(refused.value)
    assert wording.lower() in str(refused.value).lower()


# --- The migrated table --------------------------------------------------------------------


def test_the_migrated_table_is_the_ecb_reference_rates_of_28_february_2025():
    table = ExchangeRate.objects.as_table()
    assert table["EUR"] == 1
    for currency, units in RATES.items():
        assert table[currency] == units
    assert len(table) == 31
    assert set(ExchangeRate.objects.values_list("as_of", flat=True)) == {ECB_DATE}


def test_every_migrated_rate_names_the_ecb_and_the_copy_it_was_read_from():
    for rate in ExchangeRate.objects.exclude(currency="EUR"):
        assert "European Central Bank" in rate.source
        assert "Euro foreign exchange reference rates" in rate.source
        assert "28 February 2025" in rate.source
        assert "third-party copy" in rate.source
        assert rate.source_url.startswith("https://www.ecb.europa.eu/")
        rate.full_clean()
    assert ExchangeRate.objects.get(currency="EUR").history.get().history_change_reason


def test_the_migrated_table_converts_a_german_labour_cost_into_pounds():
    # 43.40 x 0.82608 = 35.851872
    table = ExchangeRate.objects.as_table()
    assert convert(Decimal("43.40"), "EUR", "GBP", table) == Decimal("35.85")


# --- The rules, in the form and in the database --------------------------------------------


@pytest.mark.parametrize("units", [Decimal(0), Decimal("-1.5")])
def test_the_database_refuses_a_rate_that_is_not_positive(units):
    with pytest.raises(IntegrityError), transaction.atomic():
        ExchangeRate.objects.create(
            currency="ARS", units_per_euro=units, as_of=ECB_DATE, source="test"
        )


def test_the_database_refuses_a_rate_made_non_positive_by_an_update():
    with pytest.raises(IntegrityError), transaction.atomic():
        ExchangeRate.objects.filter(currency="USD").update(units_per_euro=0)


def test_the_database_refuses_a_euro_rate_other_than_one():
    with pytest.raises(IntegrityError), transaction.atomic():
        ExchangeRate.objects.filter(currency="EUR").update(units_per_euro=Decimal("1.1"))


def test_the_database_refuses_a_currency_that_is_not_three_capitals():
    with pytest.raises(IntegrityError), transaction.atomic():
        ExchangeRate.objects.create(
            currency="ars", units_per_euro=Decimal(1000), as_of=ECB_DATE, source="test"
        )


def test_validation_refuses_a_code_no_currency_has():
    rate = ExchangeRate(currency="XYZ", units_per_euro=Decimal(2), as_of=ECB_DATE, source="x")
    with pytest.raises(ValidationError) as refused:
        rate.full_clean()
    assert refused.value.message_dict == {"currency": ["XYZ is not an ISO 4217 currency code."]}


# --- The import command --------------------------------------------------------------------


def test_import_updates_a_rate_adds_a_new_one_and_records_why(tmp_path):
    gbp = ExchangeRate.objects.get(currency="GBP")  # its source holds commas: quoted
    output = import_rates(
        tmp_path,
        csv_text(
            ["currency", "units_per_euro", "as_of", "source", "source_url"],
            ["USD", "1.0500", "2025-03-31", "A test figure", ""],
            ["ARS", "1130.25", "2025-03-31", "A test figure for a currency the ECB omits", ""],
            ["GBP", "0.82608", "2025-02-28", gbp.source, gbp.source_url],
        ),
        name="march.csv",
    )
    usd = ExchangeRate.objects.get(currency="USD")
    assert usd.units_per_euro == Decimal("1.05")
    assert usd.as_of == datetime.date(2025, 3, 31)
    assert history_reasons("USD")[0] == "imported from march.csv"
    assert len(history_reasons("USD")) == 2
    assert history_reasons("ARS") == ["imported from march.csv"]
    assert ExchangeRate.objects.get(currency="ARS").units_per_euro == Decimal("1130.25")
    assert "USD: 1.0411 -> 1.05 per EUR, as of 2025-02-28 -> 2025-03-31" in output
    assert "ARS: added" in output
    assert "GBP" not in output  # an unchanged row is not listed
    assert "2 rate(s) changed, 1 already up to date" in output
    assert len(history_reasons("GBP")) == 1


def test_import_reads_the_optional_source_link(tmp_path):
    import_rates(
        tmp_path,
        "currency,units_per_euro,as_of,source,source_url\n"
        "USD,1.08,2025-04-01,ECB,https://www.ecb.europa.eu/\n",
    )
    assert ExchangeRate.objects.get(currency="USD").source_url == "https://www.ecb.europa.eu/"


def test_import_refuses_a_bad_file_as_a_whole_naming_each_bad_row(tmp_path):
    before = ExchangeRate.objects.as_table()
    history_before = ExchangeRate.history.count()
    bad_file = (
        HEADER + "USD,1.0500,2025-03-31,fine on its own\n"
        "XYZ,2,2025-03-31,no such currency\n"
        "GBP,-0.8,2025-03-31,negative\n"
        "JPY,160,31/03/2025,not an ISO date\n"
        "INR,ninety,2025-03-31,not a number\n"
        "EUR,1.1,2025-03-31,the base is 1\n"
        "USD,1.06,2025-03-31,twice\n"
        "CHF,0.95,2025-03-31,\n"
    )
    with pytest.raises(CommandError) as refused:
        import_rates(tmp_path, bad_file)
    message = str(refused.value)
    assert "nothing changed" in message
    for row, fragment in [
        (3, "XYZ is not an ISO 4217 currency code"),
        (4, "units_per_euro: A rate must be more than zero"),
        (5, "as_of:"),
        (6, "units_per_euro:"),
        (7, "its rate is 1 by definition"),
        (8, "USD appears on an earlier row"),
        (9, "source:"),
    ]:
        assert any(
            line.strip().startswith(f"row {row}:") and fragment in line
            for line in message.splitlines()
        ), (row, fragment, message)
    assert "row 2:" not in message
    assert ExchangeRate.objects.as_table() == before
    assert ExchangeRate.history.count() == history_before


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("currency,units_per_euro,as_of\nUSD,1.05,2025-03-31\n", "missing: source"),
        ("currency,rate,as_of,source\nUSD,1.05,2025-03-31,x\n", "unknown: rate"),
        (HEADER, "no rates"),
        ("", "missing: currency"),
        (HEADER + "USD,1.05,2025-03-31,x,extra\n", "row 2: the row has more cells"),
    ],
)
def test_import_refuses_a_file_of_the_wrong_shape(tmp_path, text, fragment):
    with pytest.raises(CommandError, match=fragment):
        import_rates(tmp_path, text)


def test_the_example_file_in_the_docs_imports(tmp_path):
    docs = (settings.BASE_DIR / "docs" / "rates.md").read_text(encoding="utf-8")
    example = re.search(r"```csv\n(.*?)```", docs, re.DOTALL).group(1)
    example = "\n".join(line.strip() for line in example.splitlines()) + "\n"
    output = import_rates(tmp_path, example, name="example.csv")
    assert "2 rate(s) changed" in output  # the same figures, with the source text of the docs


def test_import_refuses_a_missing_file_without_a_traceback(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_exchange_rates", str(tmp_path / "absent.csv"))


# --- The admin -----------------------------------------------------------------------------


def test_the_admin_lists_and_searches_the_rates(admin_client):
    changelist = reverse("admin:catalog_exchangerate_changelist")
    response = admin_client.get(changelist)
    assert response.status_code == 200
    assert response.context["cl"].result_count == ExchangeRate.objects.count() == 31
    response = admin_client.get(changelist, {"q": "GBP"})
    assert [rate.currency for rate in response.context["cl"].result_list] == ["GBP"]


def test_a_consultant_edits_a_rate_in_the_admin_and_history_keeps_the_old_one(client):
    client.force_login(ConsultantFactory())
    usd = ExchangeRate.objects.get(currency="USD")
    url = reverse("admin:catalog_exchangerate_change", args=[usd.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "currency": "USD",
            "units_per_euro": "1.0800",
            "as_of": "2025-04-01",
            "source": "A test figure",
            "source_url": "https://www.ecb.europa.eu/",
        },
    )
    assert response.status_code == 302
    usd.refresh_from_db()
    assert usd.units_per_euro == Decimal("1.08")
    assert [record.units_per_euro for record in usd.history.all()] == [
        Decimal("1.08"),
        Decimal("1.0411"),
    ]


def test_the_admin_form_refuses_an_unknown_currency(admin_client):
    response = admin_client.post(
        reverse("admin:catalog_exchangerate_add"),
        {"currency": "XYZ", "units_per_euro": "2", "as_of": "2025-04-01", "source": "x"},
    )
    assert response.status_code == 200
    assert (
        "XYZ is not an ISO 4217 currency code."
        in response.context["adminform"].form.errors["currency"]
    )
