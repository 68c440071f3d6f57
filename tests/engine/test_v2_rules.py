"""Method 2's money, rules, locations and words, each worked out by hand (docs/scoring.md).

The default market of tests/engine/conftest.py (BPO onshore 50, nearshore 23.50, offshore 14;
KPO 105 / 75 / 45; LPO 117.50 / 71.25 / 25 USD an hour) and the default method 2 profile.
"""

from dataclasses import replace
from decimal import Decimal as D

import pytest

from assessments.engine import (
    BPO,
    IN_HOUSE,
    KPO,
    Company,
    assess_tasks,
    method_2_profile,
    summarise,
)
from tests.engine.conftest import assess, make_context, make_task, service_type

PROFILE = method_2_profile()


def assess_v2(task, company=None, profile=PROFILE):
    return assess(task, make_context(company, profile=profile))


def plan_after(months, monthly, in_house, transfer):
    """Month-by-month plan cost, written apart from the engine (docs/scoring.md section 7)."""
    total = D(0)
    for month in range(1, months + 1):
        total += monthly
        if month <= 12:
            total += D("0.2") * monthly
        share = min(D(1), max(D(0), transfer - (month - 1)))
        total += in_house * D("0.5") * share
    return total + D(5000)


def routine(**fields):
    """Routine, written-down back-office work: BPO's kind of task."""
    values = {"complexity": 1, "skill_level": 2, "standardisation": 5}
    values |= {"strategic_importance": 1, "data_sensitivity": 2}
    values |= {"monthly_cost": D("9000"), "hours_per_month": D("200")}
    return make_task(**(values | fields))


def specialist(**fields):
    values = {"complexity": 4, "skill_level": 5, "standardisation": 2}
    values |= {"strategic_importance": 2, "data_sensitivity": 2}
    values |= {"monthly_cost": D("16000"), "hours_per_month": D("160")}
    return make_task(**(values | fields))


# --- money --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("complexity", "skill", "standardisation", "transfer"),
    [(1, 1, 5, D("1")), (3, 3, 3, D("3.5")), (4, 5, 1, D("5.6875")), (5, 5, 1, D("6"))],
)
def test_transition_grows_with_difficulty_not_only_with_cost(
    complexity, skill, standardisation, transfer
):
    task = make_task(
        complexity=complexity,
        skill_level=skill,
        standardisation=standardisation,
        monthly_cost=D("8000"),
        hours_per_month=D("200"),
    )
    cost = assess_v2(task).costs[KPO]
    assert cost.transfer_months == transfer
    assert cost.transition == (D(5000) + D("8000") * D("0.5") * transfer).quantize(D("0.01"))


def test_totals_and_break_even_match_a_month_by_month_plan():
    task = routine()
    result = assess_v2(task)
    bpo = result.costs[BPO]
    assert bpo.location == "offshore"
    assert bpo.monthly == D("3024.00")  # 200 h x 14 x 1.08
    transfer = bpo.transfer_months
    for months, total in ((12, bpo.year1), (36, bpo.year3), (36, bpo.horizon_total)):
        assert total == plan_after(months, bpo.monthly, D("9000"), transfer).quantize(D("0.01"))
    expected = next(
        month
        for month in range(1, 37)
        if plan_after(month, bpo.monthly, D("9000"), transfer) <= month * D("9000")
    )
    assert bpo.break_even_month == expected


def test_an_option_that_does_not_pay_back_within_the_horizon_has_no_break_even_month():
    # KPO onshore at 105 x 1.08 a hour against 50 an hour in-house never pays back.
    result = assess_v2(specialist(monthly_cost=D("8000")), Company(allowed_locations={"onshore"}))
    assert result.costs[KPO].break_even_month is None
    assert result.recommendation == IN_HOUSE


# --- the provider model and its ceiling ---------------------------------------------------


@pytest.mark.parametrize(("complexity", "skill"), [(4, 2), (2, 4), (5, 5)])
def test_work_above_the_bpo_ceiling_gets_no_bpo_price(complexity, skill):
    result = assess_v2(routine(complexity=complexity, skill_level=skill))
    assert not result.costs[BPO].available
    assert result.recommendation != BPO


def test_knowledge_work_is_priced_at_kpo_rates_even_when_bpo_would_be_cheaper():
    result = assess_v2(specialist())
    assert result.recommendation == KPO
    assert result.costs[KPO].hourly_rate == D("45")
    assert any("above what BPO providers staff for" in note for note in result.notes)


def test_legal_work_is_kpo_priced_with_the_lpo_cards():
    result = assess_v2(specialist(service_type=service_type("lpo")))
    assert result.costs[KPO].hourly_rate == D("25")
    assert any("legal privilege" in note for note in result.notes)


# --- rules --------------------------------------------------------------------------------


def test_below_the_minimum_volume_the_work_stays_with_a_note_on_freelancers():
    result = assess_v2(routine(hours_per_month=D("39.99"), monthly_cost=D("1800")))
    assert result.recommendation == IN_HOUSE
    assert result.reasons[0].factor == "rule"
    assert "Too small for a provider contract" in result.reasons[0].text
    assert "freelancer" in result.reasons[0].text
    assert assess_v2(routine(hours_per_month=D("40"), monthly_cost=D("1800"))).recommendation == BPO


def test_bpo_that_costs_more_than_keeping_the_work_is_never_the_answer():
    # A receptionist at 14 an hour: offshore BPO at 15.12 costs more every month.
    task = routine(monthly_cost=D("2240"), hours_per_month=D("160"))
    result = assess_v2(task)
    assert result.costs[BPO].horizon_total > result.costs[IN_HOUSE].horizon_total
    assert result.recommendation == IN_HOUSE
    assert result.reasons[0].text == "BPO would cost more than keeping the work over 3 years"


def test_bpo_that_saves_under_the_minimum_is_refused_with_the_saving_named():
    # 200 h at 14 x 1.08 = 3,024 a month; in-house 3,800: about 5 % saved over 3 years.
    result = assess_v2(routine(monthly_cost=D("3800")))
    saving = 1 - result.costs[BPO].horizon_total / result.costs[IN_HOUSE].horizon_total
    assert D(0) < saving < D("0.10")
    assert result.recommendation == IN_HOUSE
    assert result.reasons[0].text.startswith(f"BPO would save only {saving * 100:.0f} %")


def test_kpo_that_costs_more_is_advised_only_for_specialist_skills_and_never_high():
    # Offshore KPO: 160 h x 45 x 1.08 = 7,776 a month against 7,400 in-house.
    premium = assess_v2(specialist(monthly_cost=D("7400")))
    assert premium.recommendation == KPO
    assert premium.costs[KPO].horizon_total > premium.costs[IN_HOUSE].horizon_total
    assert premium.confidence <= 69
    assert premium.confidence_label != "high"
    assert any("not to save money" in note for note in premium.notes)
    # The same money for work that does not need a specialist: not worth a premium.
    plain = assess_v2(specialist(monthly_cost=D("7400"), skill_level=3))
    assert plain.recommendation == IN_HOUSE


# --- delivery location --------------------------------------------------------------------


def test_sensitivity_4_may_still_go_offshore_with_a_transfer_note():
    result = assess_v2(routine(data_sensitivity=4))
    assert result.costs[BPO].location == "offshore"
    assert any("standard contractual clauses" in note for note in result.notes)


def test_sensitivity_5_keeps_every_option_onshore():
    result = assess_v2(routine(data_sensitivity=5))
    assert result.costs[BPO].location == "onshore"
    assert result.costs[KPO].location == "onshore"


def test_customer_facing_work_can_go_offshore_with_a_note_on_customer_hours():
    result = assess_v2(routine(service_type=service_type("bpo", office="front")))
    assert result.recommendation == BPO
    assert result.delivery_location == "offshore"
    assert any("customers' hours" in note for note in result.notes)


def test_health_data_gets_the_business_associate_note():
    result = assess_v2(routine(data_sensitivity=4), Company(industry="healthcare"))
    assert any("business associate agreement" in note for note in result.notes)


# --- confidence, reasons and what-if ------------------------------------------------------


def test_estimated_hours_and_unrated_inputs_are_said_and_cost_confidence():
    rated = assess_v2(routine())
    unrated = assess_v2(
        routine(hours_per_month=None, assumed=frozenset({"data_sensitivity", "standardisation"}))
    )
    assert unrated.confidence < rated.confidence
    assert unrated.confidence < 80
    assert any(note.startswith("Hours were not given: estimated at") for note in unrated.notes)
    assert "Not rated, so taken as 3/5: data sensitivity, standardisation" in unrated.notes


def test_confidence_is_never_100():
    assert assess_v2(routine(monthly_cost=D("90000"))).confidence <= 95


def test_reasons_name_real_factors_for_the_answer_they_favour():
    result = assess_v2(routine())
    assert result.recommendation == BPO
    texts = {reason.factor: reason for reason in result.reasons}
    assert texts["strategic_importance"].favours == BPO
    assert texts["strategic_importance"].text.startswith("Strategic importance 1/5")
    assert all("catalog does not tip" not in reason.text for reason in result.reasons)
    cost = texts["cost"].text
    assert "USD 3,024 a month against USD 9,000 in-house" in cost
    assert "over 3 years, transition included, saving" in cost


def test_the_cost_what_if_uses_one_number_format_and_holds():
    # Just under the minimum saving: a small rise in the in-house cost tips it to BPO.
    result = assess_v2(routine(monthly_cost=D("3800")))
    found = result.what_if
    assert found is not None
    assert found.factor == "monthly_cost"
    assert found.new_recommendation == BPO
    assert found.changed_to > D("3800")
    assert f"USD {found.changed_to:,.0f} a month instead of USD 3,800" in found.text
    changed = assess_v2(routine(monthly_cost=found.changed_to))
    assert changed.recommendation == BPO


def test_a_plan_summary_pays_back_only_within_the_horizon():
    context = make_context(profile=PROFILE)
    tasks = [routine(), replace(routine(), name="Second")]
    results = assess_tasks(tasks, context)
    summary = summarise(results, context)
    assert summary.counts[BPO] == 2
    assert summary.break_even_month == results[0].costs[BPO].break_even_month
    assert summary.plan.year3 == sum(result.costs[BPO].year3 for result in results)
