"""Money in the owner's currency and country: the market an assessment is scored in.

Onshore is priced at the company's home region, nearshore and offshore at its partner
regions; every rate card is converted into the assessment's currency with the recorded
exchange rates, exactly (catalog.money.convert), and re-scoring reuses what was recorded.
Expected figures are worked out here from the catalog's own rows, not copied from output.
"""

import io
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import CommandError, call_command

from assessments import services
from assessments.models import Task
from assessments.profiles import ScoringProfile
from assessments.snapshots import market_snapshot
from catalog.models import ExchangeRate, LabourCost, RateCard
from catalog.money import MissingRate
from tests.factories import SubmittedAssessmentFactory, TaskFactory

pytestmark = pytest.mark.django_db


def table():
    return ExchangeRate.objects.as_table()


def converted(amount, source, target, digits=2):
    rates = table()
    exact = Decimal(amount) * rates[target] / rates[source]
    return exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def card(model, region):
    return RateCard.objects.get(sourcing_model=model, region=region)


def rate_of(snapshot, model, kind):
    return next(
        item for item in snapshot["rates"] if item["model"] == model and item["location"] == kind
    )


def current_profile():
    return ScoringProfile.objects.current().as_engine_profile()


@pytest.mark.parametrize(
    ("country", "currency", "home", "nearshore", "offshore"),
    [
        ("US", "USD", "us", "latin-america", "india-philippines"),
        ("GB", "GBP", "uk", "eastern-europe", "india-philippines"),
        ("DE", "EUR", "western-europe", "eastern-europe", "india-philippines"),
        ("IN", "INR", "india", "india-philippines", None),
    ],
)
def test_onshore_is_priced_at_home_and_every_card_in_the_owners_currency(
    country, currency, home, nearshore, offshore
):
    snapshot = market_snapshot(currency, country, current_profile())

    regions = {item["kind"]: item["region"] for item in snapshot["locations"]}
    assert regions == {
        kind: region
        for kind, region in (("onshore", home), ("nearshore", nearshore), ("offshore", offshore))
        if region
    }
    assert snapshot["currency"] == currency
    for kind, region in regions.items():
        for model in ("bpo", "kpo", "lpo"):
            source = card(model, region)
            figure = rate_of(snapshot, model, kind)
            assert Decimal(figure["typical"]) == converted(
                source.hourly_typical, source.currency, currency
            )
    names = {item["kind"]: item["name"] for item in snapshot["locations"]}
    assert "India or the Philippines" in names["nearshore" if country == "IN" else "offshore"]


def test_a_yen_market_has_whole_yen_rates_and_says_it_is_priced_as_the_us():
    snapshot = market_snapshot("JPY", "JP", current_profile())

    assert snapshot["priced_as_home"] is False
    onshore = rate_of(snapshot, "bpo", "onshore")
    us_card = card("bpo", "us")
    assert Decimal(onshore["typical"]) == converted(us_card.hourly_typical, "USD", "JPY", 0)
    assert "." not in onshore["typical"]


def test_the_in_house_hourly_cost_is_the_countrys_labour_cost_in_the_currency():
    profile = current_profile()
    british = LabourCost.objects.get(country="GB")

    snapshot = market_snapshot("EUR", "GB", profile)

    assert Decimal(snapshot["in_house_hourly_rate"]) == converted(british.hourly, "GBP", "EUR")
    assert Decimal(snapshot["transition_fixed_cost"]) == converted(
        profile.transition_fixed_cost, "USD", "EUR"
    )
    assert set(snapshot["exchange_rates"]) >= {"EUR", "GBP", "USD"}


def test_a_currency_without_a_rate_is_refused_naming_it():
    ExchangeRate.objects.filter(currency="CHF").delete()

    with pytest.raises(MissingRate, match="CHF"):
        market_snapshot("CHF", "CH", current_profile())


def british_assessment():
    assessment = SubmittedAssessmentFactory(country="GB", currency="GBP")
    TaskFactory(
        assessment=assessment,
        complexity=1,
        skill_level=2,
        standardisation=5,
        strategic_importance=1,
        data_sensitivity=2,
        monthly_cost=Decimal("6000.00"),
        hours_per_month=Decimal("200"),
    )
    return assessment


def test_a_british_assessment_is_scored_in_pounds_with_uk_rates_onshore():
    assessment = british_assessment()

    services.score_assessment(assessment)

    task = Task.objects.get(assessment=assessment)
    snapshot = assessment.rates_snapshot
    assert snapshot["currency"] == "GBP"
    assert snapshot["home_region"] == "uk"
    offshore = rate_of(snapshot, "bpo", "offshore")
    bpo = task.result["costs"]["bpo"]
    if bpo["location"] == "offshore":
        # 200 hours at the converted rate plus 8 % governance, to the penny
        expected = (Decimal(200) * Decimal(offshore["typical"]) * Decimal("1.08")).quantize(
            Decimal("0.01")
        )
        assert Decimal(bpo["monthly"]) == expected
    assert "USD" not in str(task.result["reasons"])
    assert "£" in str(task.result["reasons"])


def test_re_scoring_after_the_rates_change_gives_the_same_answer():
    assessment = british_assessment()
    services.score_assessment(assessment)
    stored = list(Task.objects.filter(assessment=assessment).values("recommendation", "result"))

    ExchangeRate.objects.filter(currency="GBP").update(units_per_euro=Decimal("1.5"))
    assessment.refresh_from_db()
    results, _summary = services.reproduce(assessment)

    assert [result.recommendation for result in results] == [
        row["recommendation"] for row in stored
    ]
    assert [str(result.costs["bpo"].monthly) for result in results] == [
        row["result"]["costs"]["bpo"]["monthly"] for row in stored
    ]
    # Re-scoring with today's rates records them anew.
    services.rescore(assessment)
    assessment.refresh_from_db()
    assert assessment.rates_snapshot["exchange_rates"]["GBP"] == "1.500000"


# --- the command --------------------------------------------------------------------------

TASKS = "name,complexity,skill_level,monthly_cost,hours_per_month\nInvoice keying,1,1,3200.50,160\n"


def run(tmp_path, *args):
    path = tmp_path / "tasks.csv"
    path.write_text(TASKS)
    out, err = io.StringIO(), io.StringIO()
    call_command("assess_tasks", str(path), *args, stdout=out, stderr=err)
    return out.getvalue()


def test_the_command_takes_a_country_and_defaults_its_currency(tmp_path):
    output = run(tmp_path, "--country", "GB")

    header, row = output.splitlines()[:2]
    columns = dict(zip(header.split(","), row.split(","), strict=True))
    assert columns["currency"] == "GBP"
    assert columns["in_house_monthly_cost"] == "3200.50"  # echoed as entered


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("--country", "XX"), "'XX'"),
        (("--country", "GB", "--currency", "ABC"), "'ABC'"),
        (("--country", "GB", "--currency", "XAU"), "XAU"),
    ],
)
def test_the_command_refuses_unknown_codes_and_rate_less_currencies_by_name(tmp_path, args, named):
    with pytest.raises(CommandError, match=named):
        run(tmp_path, *args)


# --- reports in the owner's currency ------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "currency", "symbol"),
    [("DE", "EUR", "€"), ("GB", "GBP", "£"), ("IN", "INR", "₹"), ("JP", "JPY", "¥")],
)
def test_a_report_is_written_in_the_owners_currency_and_never_in_dollars(
    client, country, currency, symbol
):
    assessment = SubmittedAssessmentFactory(country=country, currency=currency)
    TaskFactory(
        assessment=assessment,
        complexity=1,
        skill_level=2,
        standardisation=5,
        strategic_importance=1,
        data_sensitivity=2,
        monthly_cost=Decimal("900000") if currency in ("JPY", "INR") else Decimal("6000"),
        hours_per_month=Decimal("200"),
    )
    services.score_assessment(assessment)

    # The report with its task table, the task's own card and the print view.
    for address in ("", "tasks/1/", "print/"):
        response = client.get(assessment.get_absolute_url() + address)
        assert response.status_code == 200
        page = response.content.decode()

        assert re.search(rf"{re.escape(symbol)}[\d,]+", page), address
        assert "USD" not in page
        assert "$" not in page
        if currency == "JPY":
            assert not re.search(r"¥[\d,]+\.\d", page)


def test_a_country_without_a_market_of_its_own_is_told_so_in_its_report(client):
    assessment = SubmittedAssessmentFactory(country="JP", currency="JPY")
    TaskFactory(assessment=assessment, monthly_cost=Decimal("900000"))
    services.score_assessment(assessment)

    page = client.get(assessment.get_absolute_url()).content.decode()

    assert "The catalog has no provider rates for Japan" in page


def test_a_country_with_its_own_market_gets_no_such_note(client):
    assessment = british_assessment()
    services.score_assessment(assessment)

    page = client.get(assessment.get_absolute_url()).content.decode()

    assert "The catalog has no provider rates" not in page


def test_an_indian_company_estimates_hours_with_the_indian_labour_cost():
    indian = LabourCost.objects.get(country="IN")
    assert indian.is_estimate
    assert indian.estimate_method

    snapshot = market_snapshot("INR", "IN", current_profile())

    assert Decimal(snapshot["in_house_hourly_rate"]) == indian.hourly
