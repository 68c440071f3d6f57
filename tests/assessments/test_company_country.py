"""The company's country and currency: asked on the company step, used on every later step.

A currency left empty is the country's own; whichever it is, it needs an exchange rate.
Every money field and amount of the questionnaire names the draft's currency.
"""

import html
import re
from decimal import Decimal

import pytest

from assessments.models import Assessment
from catalog.models import ExchangeRate
from tests.assessments.questionnaire_helpers import company_data
from tests.factories import AssessmentFactory, TaskFactory

pytestmark = pytest.mark.django_db

START = "/assessments/start/"


def step(assessment, name):
    return f"/assessments/resume/{assessment.resume_token}/{name}/"


def page_text(response):
    return html.unescape(response.content.decode())


def options(page, name):
    """(value, label, selected) of each option of the select named `name`."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return [
        (value, label, bool(selected))
        for value, selected, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select
        )
    ]


def gb_draft(**fields):
    return AssessmentFactory(country="GB", currency="GBP", **fields)


# --- The company step -------------------------------------------------------------------


def test_a_uk_company_that_leaves_the_currency_empty_works_in_pounds(client):
    response = client.post(START, company_data(country="GB", currency=""))

    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert (assessment.country, assessment.currency) == ("GB", "GBP")


def test_a_uk_company_that_chooses_euros_keeps_euros(client):
    client.post(START, company_data(country="GB", currency="EUR"))

    assessment = Assessment.objects.get()
    assert (assessment.country, assessment.currency) == ("GB", "EUR")


@pytest.mark.parametrize(
    ("country", "message"),
    [
        ("XX", "Choose the company's country from the list."),
        ("gb", "Choose the company's country from the list."),
        ("EU", "Choose the company's country from the list."),  # a union, not a country
        ("GBR", "Choose the company's country from the list."),
        (None, "This field is required."),
        ("AQ", "Antarctica has no currency of its own: choose one from the list."),
    ],
)
def test_an_unknown_country_is_refused_with_a_message(client, country, message):
    response = client.post(START, company_data(country=country))

    assert response.status_code == 200
    assert message in page_text(response)
    assert not Assessment.objects.exists()


def test_a_country_whose_currency_has_no_exchange_rate_is_refused_naming_it(client):
    ExchangeRate.objects.filter(currency="CHF").delete()

    response = client.post(START, company_data(country="CH", currency=""))

    assert response.status_code == 200
    page = page_text(response)
    expected = (
        "We have no exchange rate for CHF (the currency of Switzerland): "
        "choose a currency from the list."
    )
    assert expected in page
    assert 'href="#id_currency"' in page  # the error summary leads to the currency field
    assert not Assessment.objects.exists()


def test_a_swiss_company_without_a_franc_rate_can_work_in_another_currency(client):
    ExchangeRate.objects.filter(currency="CHF").delete()

    client.post(START, company_data(country="CH", currency="EUR"))

    assessment = Assessment.objects.get()
    assert (assessment.country, assessment.currency) == ("CH", "EUR")


@pytest.mark.parametrize("currency", ["CHF", "XYZ", "gbp", "GBP "])
def test_a_currency_we_have_no_rate_for_is_refused(client, currency):
    ExchangeRate.objects.filter(currency="CHF").delete()

    response = client.post(START, company_data(country="GB", currency=currency))

    assert response.status_code == 200
    assert "Choose a currency from the list" in page_text(response)
    assert not Assessment.objects.exists()


def test_the_start_page_asks_the_country_by_name_and_the_currencies_we_have_rates_for(client):
    ExchangeRate.objects.filter(currency="CHF").delete()

    page = page_text(client.get(START))

    countries = options(page, "country")
    names = [label for _, label, _ in countries]
    assert ("GB", "United Kingdom", False) in countries
    assert [code for code, _, selected in countries if selected] == ["US"]
    assert names.index("Åland Islands") < names.index("Albania")  # accents ignored
    assert names[-1] == "Zimbabwe"
    assert "EU" not in [code for code, _, _ in countries]
    currencies = options(page, "currency")
    assert currencies[0] == ("", "The country's own currency", True)
    assert ("GBP", "GBP \N{EN DASH} British Pound", False) in currencies
    assert {code for code, _, _ in currencies[1:]} == set(
        ExchangeRate.objects.values_list("currency", flat=True)
    )
    assert "CHF" not in {code for code, _, _ in currencies}
    assert "Every amount is entered and shown in this currency." in page
    assert "Onshore: in your own country" in page


def test_the_company_step_says_onshore_is_the_drafts_country(client):
    page = page_text(client.get(step(gb_draft(), "company")))

    assert "Onshore: in your own country (United Kingdom)" in page
    assert [code for code, _, selected in options(page, "country") if selected] == ["GB"]


def test_an_existing_us_draft_keeps_dollars_when_its_company_is_saved_again(client):
    assessment = AssessmentFactory()  # as every draft made before countries were asked

    page = page_text(client.get(step(assessment, "company")))
    client.post(step(assessment, "company"), company_data(company_name="Renamed"))

    assert [code for code, _, selected in options(page, "currency") if selected] == [""]
    assessment.refresh_from_db()
    assert (assessment.company_name, assessment.country, assessment.currency) == (
        "Renamed",
        "US",
        "USD",
    )


def test_a_draft_in_its_countrys_own_currency_follows_a_change_of_country(client):
    assessment = AssessmentFactory()

    client.post(step(assessment, "company"), company_data(country="GB", currency=""))

    assessment.refresh_from_db()
    assert (assessment.country, assessment.currency) == ("GB", "GBP")


def test_a_draft_in_another_currency_shows_that_currency_chosen(client):
    assessment = gb_draft()
    Assessment.objects.filter(pk=assessment.pk).update(currency="EUR")

    page = page_text(client.get(step(assessment, "company")))

    assert [code for code, _, selected in options(page, "currency") if selected] == ["EUR"]


# --- Later steps name the currency ------------------------------------------------------


def test_the_tasks_step_labels_the_cost_in_pounds_and_never_says_usd(client):
    assessment = gb_draft()
    TaskFactory(assessment=assessment)

    page = page_text(client.get(step(assessment, "tasks")))

    assert "Monthly in-house cost (GBP)" in page
    assert "Enter costs in GBP" in page
    assert "USD" not in page


def test_an_existing_us_draft_still_shows_usd_on_the_tasks_step(client):
    page = page_text(client.get(step(AssessmentFactory(), "tasks")))

    assert "Monthly in-house cost (USD)" in page


def test_the_tasks_step_shows_the_new_currency_once_the_company_changes_it(client):
    assessment = AssessmentFactory()
    assert "(USD)" in page_text(client.get(step(assessment, "tasks")))  # kept for reuse

    client.post(step(assessment, "company"), company_data(country="GB"))
    page = page_text(client.get(step(assessment, "tasks")))

    assert "Monthly in-house cost (GBP)" in page
    assert "USD" not in page


def test_a_cost_error_names_the_field_with_its_currency(client):
    assessment = gb_draft()
    data = {
        "tasks-TOTAL_FORMS": "1",
        "tasks-INITIAL_FORMS": "0",
        "tasks-0-name": "Payroll",
        "tasks-0-complexity": "2",
        "tasks-0-skill_level": "2",
        "action": "save",
    }

    page = page_text(client.post(step(assessment, "tasks"), data))

    assert "Task 1, Monthly in-house cost (GBP): This field is required." in page


def test_the_upload_page_explains_the_cost_column_in_the_drafts_currency(client):
    page = page_text(client.get(step(gb_draft(), "upload")))

    assert "in GBP (the currency of your company's answers)" in page
    assert "USD" not in page


def test_the_review_gives_amounts_in_the_drafts_currency(client):
    assessment = gb_draft()
    TaskFactory(assessment=assessment, monthly_cost=Decimal("1200.50"))
    TaskFactory(assessment=assessment, monthly_cost=Decimal("3099.25"))

    page = page_text(client.get(step(assessment, "review")))

    assert "Monthly cost (GBP)" in page
    footer = re.search(r"<tfoot>(.*)</tfoot>", page, re.S).group(1)
    assert "£4,299.75" in footer
    assert "United Kingdom" in page
    assert "USD" not in page
    assert "$" not in page
