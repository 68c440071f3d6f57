"""Amounts written for their currency (catalog.money.format_money), where people read them."""

from decimal import Decimal

import pytest
from babel.numbers import format_currency
from django.urls import reverse

from catalog.money import format_money, money_locale
from tests.factories import ConsultantFactory, SubmittedAssessmentFactory, TaskFactory

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("amount", "currency", "country", "expected"),
    [
        (Decimal("1234.5"), "GBP", "GB", "£1,234.50"),
        (Decimal("1234.5"), "EUR", "DE", "€1,234.50"),  # English separators, not "1.234,50 €"
        (Decimal("1234.5"), "EUR", "FR", "€1,234.50"),
        (Decimal("1234.5"), "JPY", "JP", "¥1,235"),  # the yen has no decimals, rounded half up
        (Decimal("123456"), "INR", "IN", "₹1,23,456.00"),  # grouped in lakhs
        (Decimal("1234.5"), "USD", "US", "$1,234.50"),
        (Decimal("1234.5"), "USD", None, "$1,234.50"),
        (Decimal("1234.5"), "USD", "GB", "US$1,234.50"),  # "$" alone is not clear there
        (Decimal("1234.5"), "CAD", "CA", "$1,234.50"),
        (Decimal("-686.05"), "GBP", "GB", "-£686.05"),
        (Decimal("1234.5"), "CHF", "CH", "CHF1,234.50"),  # as Babel writes it
        ("1234.50", "GBP", "GB", "£1,234.50"),
        ("0.005", "USD", "US", "$0.01"),  # half up, not to the even cent
        (Decimal("1234.5"), "EUR", "XK", "€1,234.50"),  # no English of Kosovo in CLDR
        (Decimal("1234.5"), "EUR", "", "€1,234.50"),
    ],
)
def test_an_amount_is_written_for_its_currency_and_the_companys_country(
    amount, currency, country, expected
):
    assert format_money(amount, currency, country) == expected


@pytest.mark.parametrize(
    ("currency", "country"),
    [("GBP", "GB"), ("EUR", "IE"), ("INR", "IN"), ("JPY", "JP"), ("AUD", "AU"), ("USD", "CA")],
)
def test_an_amount_is_written_as_babel_writes_it_for_the_country(currency, country):
    for amount in (Decimal("1234567.891"), Decimal("-0.4"), Decimal("0")):
        expected = format_currency(amount, currency, locale=money_locale(country))
        assert format_money(amount, currency, country) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("2.5", "$3"),
        ("3.5", "$4"),  # half up, not half to even
        ("2.49", "$2"),
        ("-2.5", "-$3"),
        ("1234567.50", "$1,234,568"),
        ("0", "$0"),
    ],
)
def test_whole_rounds_half_up_to_whole_units_and_shows_no_decimals(amount, expected):
    assert format_money(Decimal(amount), "USD", "US", whole=True) == expected


def test_whole_keeps_each_currency_s_symbol_and_grouping():
    assert format_money("1234567.5", "INR", "IN", whole=True) == "₹12,34,568"
    assert format_money("1234.5", "GBP", "GB", whole=True) == "£1,235"
    assert format_money("1234.5", "JPY", "JP", whole=True) == "¥1,235"


@pytest.mark.parametrize("amount", [None, ""])
def test_no_amount_is_written_as_nothing(amount):
    assert format_money(amount, "GBP", "GB") == ""
    assert format_money(amount, "GBP", "GB", whole=True) == ""


@pytest.mark.django_db
def test_the_task_list_shows_money_in_each_assessments_currency(client):
    client.force_login(ConsultantFactory())
    british = SubmittedAssessmentFactory(country="GB", currency="GBP")
    TaskFactory(assessment=british, monthly_cost=Decimal("5000.00"), monthly_saving=Decimal("-1.5"))
    japanese = SubmittedAssessmentFactory(country="JP", currency="JPY")
    TaskFactory(assessment=japanese, monthly_cost=Decimal("700000"), monthly_saving=None)

    response = client.get(reverse("admin:assessments_task_changelist"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "£5,000.00" in page
    assert "-£1.50" in page
    assert "¥700,000" in page
    assert "¥700,000.00" not in page
    assert "5000.00" not in page


@pytest.mark.django_db
def test_a_task_page_shows_its_money_in_the_assessments_currency(client):
    client.force_login(ConsultantFactory())
    assessment = SubmittedAssessmentFactory(country="IN", currency="INR")
    task = TaskFactory(
        assessment=assessment,
        monthly_cost=Decimal("250000"),
        outsourced_monthly_cost=Decimal("123456.78"),
        monthly_saving=Decimal("126543.22"),
    )

    page = client.get(reverse("admin:assessments_task_change", args=[task.pk])).content.decode()
    inline = client.get(reverse("admin:assessments_assessment_change", args=[assessment.pk]))

    assert "₹2,50,000.00" in page
    assert "₹1,23,456.78" in page
    assert "₹1,26,543.22" in page
    assert "₹2,50,000.00" in inline.content.decode()
