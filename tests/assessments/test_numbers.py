"""Amounts are read as owners type them where that is unambiguous, and refused by name where not."""

import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.numbers import AmountRefused, parse_amount
from catalog.money import format_money


@pytest.mark.parametrize(
    ("text", "currency", "expected"),
    [
        ("£3,200", "GBP", Decimal("3200")),
        ("$1,850.50", "USD", Decimal("1850.50")),
        ("3 200", None, Decimal("3200")),
        ("3\u202f200", None, Decimal("3200")),  # narrow no-break space, as French writes it
        ("3\u00a0200", None, Decimal("3200")),
        ("1.200,50", None, Decimal("1200.50")),
        ("1,200.50", None, Decimal("1200.50")),
        ("1,5", None, Decimal("1.5")),
        ("1,50", None, Decimal("1.50")),
        ("1,200", None, Decimal("1200")),
        ("1,234,567", None, Decimal("1234567")),
        ("1.234.567", None, Decimal("1234567")),
        ("1.234.567,89", None, Decimal("1234567.89")),
        ("3 200,50", None, Decimal("3200.50")),
        ("1'200.50", None, Decimal("1200.50")),  # Swiss
        ("1,20,000", None, Decimal("120000")),  # Indian: lakhs
        ("₹12,34,567.50", "INR", Decimal("1234567.50")),  # and crores
        ("INR 1,23,45,67,890", "INR", Decimal("1234567890")),
        ("USD 4,000", "USD", Decimal("4000")),
        ("4000 USD", "USD", Decimal("4000")),
        ("4000usd", "USD", Decimal("4000")),
        ("€ 1.200,50", "EUR", Decimal("1200.50")),
        ("1.200,50 €", "EUR", Decimal("1200.50")),
        ("A$950", "AUD", Decimal("950")),
        ("$950", "AUD", Decimal("950")),  # a dollar sign in an Australian dollar assessment
        ("1.5", None, Decimal("1.5")),
        ("1.20", None, Decimal("1.20")),
        ("0.500", None, Decimal("0.500")),  # 0 cannot lead a thousands group
        ("1234.567", None, Decimal("1234.567")),  # nor can 4 digits: decimals, checked later
        ("12.345", None, Decimal("12.345")),  # 3 places: a decimal the caller refuses
        (".5", None, Decimal("0.5")),
        ("5.", None, Decimal("5")),
        (" 950 ", None, Decimal("950")),
        ("-5", None, Decimal("-5")),  # the range checks refuse it, with their own message
        ("\u22125", None, Decimal("-5")),
        ("-£5", "GBP", Decimal("-5")),
        ("£-5", "GBP", Decimal("-5")),
        ("-0.00", None, Decimal("0.00")),  # a plain zero, not minus zero
        ("", None, None),
        ("   ", "USD", None),
    ],
)
def test_an_amount_is_read_as_its_writer_meant(text, currency, expected):
    amount = parse_amount(text, currency=currency)

    assert amount == expected
    assert str(amount) == str(expected)


@pytest.mark.parametrize(
    ("text", "currency", "sentence"),
    [
        ("£3,200", "USD", "Amounts are in US dollars (USD): remove the £ sign."),
        ("$1,850.50", "GBP", "Amounts are in British pounds (GBP): remove the $ sign."),
        ("A$950", "USD", "Amounts are in US dollars (USD): remove the A$ sign."),
        ("4000 EUR", "USD", "Amounts are in US dollars (USD): remove the code EUR."),
        ("eur 4000", "GBP", "Amounts are in British pounds (GBP): remove the code EUR."),
        ("£5", None, "Enter a plain number: remove the £ sign."),
        ("USD 5", None, "Enter a plain number: remove the code USD."),
    ],
)
def test_a_currency_that_is_not_the_amounts_is_refused_by_name(text, currency, sentence):
    with pytest.raises(AmountRefused) as refused:
        parse_amount(text, currency=currency)

    assert refused.value.code == "currency"
    assert refused.value.sentence == sentence


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("1.200", "1.200 is ambiguous: write 1200 or 1.2."),
        ("1.000", "1.000 is ambiguous: write 1000 or 1."),
        ("100.000", "100.000 is ambiguous: write 100000 or 100."),
        ("£1.200", "1.200 is ambiguous: write 1200 or 1.2."),
    ],
)
def test_a_dot_before_three_digits_is_refused_as_ambiguous(text, sentence):
    with pytest.raises(AmountRefused) as refused:
        parse_amount(text, currency="GBP")

    assert refused.value.code == "ambiguous"
    assert refused.value.sentence == sentence


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "NaN",
        "Infinity",
        "sNaN",
        "1e3",
        "1.2.3",
        "1,20,0",
        "1.20.000",  # lakhs are grouped with commas only
        "1 20 000",
        "1,2,000",
        "01,20,000",
        "1,20,00,00",
        "1,20,000,000",  # lakhs, then thousands
        "1 20",
        "12 3456",
        "1,200 000",  # two kinds of grouping
        "1.200,50.3",
        "5,",
        "3200 pounds",
        "£5 GBP",  # a mark on both sides
        "--5",
        "5-",
        "(5)",
        "\u0661\u0662\u0660\u0660",  # Arabic-Indic digits
        "\uff11\uff12\uff10\uff10",  # full-width digits
        "1\t200",
    ],
)
def test_text_that_is_not_a_number_is_refused_as_such(text):
    with pytest.raises(AmountRefused) as refused:
        parse_amount(text, currency="GBP")

    assert refused.value.code == "invalid"


def test_the_reader_needs_no_django():
    code = "import sys, assessments.numbers; sys.exit('django' in sys.modules)"

    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# Round trips: an amount written in any of the unambiguous ways people write it reads back.

AMOUNTS = st.decimals(min_value=0, max_value=10_000_000, places=2)
GROUPINGS = {  # thousands mark, decimal mark
    "plain": ("", "."),
    "english": (",", "."),
    "german": (".", ","),
    "french": ("\u202f", ","),
    "swiss": ("'", "."),
    "spaced": (" ", "."),
}


def written(amount, thousands, point):
    whole, _, fraction = f"{amount:,.2f}".partition(".")
    return whole.replace(",", thousands) + point + fraction


@settings(max_examples=300)
@given(amount=AMOUNTS, grouping=st.sampled_from(sorted(GROUPINGS)), sign=st.booleans())
def test_an_amount_with_two_decimals_reads_back_in_every_grouping(amount, grouping, sign):
    text = written(amount, *GROUPINGS[grouping])

    assert parse_amount(f"£{text}" if sign else text, currency="GBP") == amount


@settings(max_examples=300)
@given(amount=st.integers(min_value=0, max_value=10**9))
def test_a_whole_amount_with_comma_thousands_reads_back(amount):
    assert parse_amount(f"{amount:,}") == amount


@settings(max_examples=300)
@given(
    amount=AMOUNTS,
    market=st.sampled_from(
        [("INR", "IN"), ("USD", "US"), ("GBP", "GB"), ("EUR", "IE"), ("EUR", "DE"), ("CHF", "CH")]
    ),
)
def test_an_amount_as_the_report_writes_it_reads_back(amount, market):
    """What the app writes for a company ("₹1,23,456.00" in India) is what it reads."""
    currency, country = market

    assert parse_amount(format_money(amount, currency, country), currency=currency) == amount


@settings(max_examples=500)
@given(text=st.text(max_size=20), currency=st.sampled_from([None, "USD", "GBP", "EUR"]))
def test_any_text_is_an_amount_none_or_refused_never_an_error(text, currency):
    try:
        amount = parse_amount(text, currency=currency)
    except AmountRefused as refused:
        code = refused.code
    else:
        code = None
        assert amount is None or amount.is_finite()
    assert code in {None, "invalid", "currency", "ambiguous"}
