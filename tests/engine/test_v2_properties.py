"""Properties method 2 keeps whatever the task, company or priorities (docs/scoring.md, "Method 2").

Hypothesis draws tasks over the whole input space (every 1-5 value, in-house costs from 0
to 200,000 with cents, hours given up to 200,000 or estimated, every kind of service type,
inputs left unrated) and companies with any allowed locations and priorities, on the default
method 2 profile and the default market.
"""

from dataclasses import replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.engine import BPO, IN_HOUSE, KPO, method_2_profile
from assessments.engine.model import SCALE_FACTORS
from tests.engine.conftest import assess, companies, make_context, money_amounts, scale, tasks

MANY = settings(max_examples=500, deadline=None)
PROFILE = method_2_profile()
RATED = ("standardisation", "strategic_importance", "data_sensitivity")
team_hours = st.none() | st.decimals(min_value=Decimal("0.5"), max_value=200_000, places=2)
v2_tasks = st.builds(
    replace,
    tasks,
    hours_per_month=team_hours,
    assumed=st.frozensets(st.sampled_from(RATED)),
)


def assess_v2(task, company):
    return assess(task, make_context(company, profile=PROFILE))


def ordered_pair(values):
    return st.tuples(values, values).map(sorted)


def outsourcing_rank(answer):
    """In-house 0, outsourcing 1: 'more likely to outsource' means a higher rank."""
    return 0 if answer == IN_HOUSE else 1


@MANY
@given(task=v2_tasks, company=companies, costs=ordered_pair(money_amounts))
def test_raising_the_in_house_cost_never_makes_in_house_more_likely(task, company, costs):
    low, high = costs
    cheaper = assess_v2(replace(task, monthly_cost=low), company).recommendation
    dearer = assess_v2(replace(task, monthly_cost=high), company).recommendation
    assert outsourcing_rank(dearer) >= outsourcing_rank(cheaper)


@MANY
@given(task=v2_tasks, company=companies, share=st.decimals(min_value=0, max_value=1, places=3))
def test_cutting_hours_below_the_minimum_never_makes_outsourcing_more_likely(task, company, share):
    hours = (PROFILE.min_contract_hours * share).quantize(Decimal("0.01"))
    below = assess_v2(replace(task, hours_per_month=hours), company)
    if hours < PROFILE.min_contract_hours:
        assert below.recommendation == IN_HOUSE


@MANY
@given(task=v2_tasks, company=companies)
def test_a_bpo_answer_always_saves_money_over_the_horizon(task, company):
    result = assess_v2(task, company)
    if result.recommendation == BPO:
        bpo, in_house = result.costs[BPO], result.costs[IN_HOUSE]
        assert bpo.horizon_total < in_house.horizon_total
        saving = 1 - bpo.horizon_total / in_house.horizon_total
        assert saving >= Decimal(str(PROFILE.bpo_min_saving))


@MANY
@given(task=v2_tasks, company=companies)
def test_confidence_is_never_high_when_the_answer_costs_more_or_inputs_are_assumed(task, company):
    result = assess_v2(task, company)
    chosen, in_house = result.recommended_cost, result.costs[IN_HOUSE]
    costs_more = result.recommendation != IN_HOUSE and chosen.horizon_total > in_house.horizon_total
    if costs_more or len(task.assumed) >= 2 or result.hours_estimated:
        assert result.confidence_label != "high"
        assert result.confidence < 80
    assert result.confidence < 100


@MANY
@given(
    task=v2_tasks,
    company=companies,
    factor=st.sampled_from(("data_sensitivity", "strategic_importance")),
    values=ordered_pair(scale),
)
def test_raising_sensitivity_or_strategic_importance_never_moves_kpo_to_bpo(
    task, company, factor, values
):
    low, high = values
    before = assess_v2(replace(task, **{factor: low}), company).recommendation
    after = assess_v2(replace(task, **{factor: high}), company).recommendation
    assert not (before == KPO and after == BPO)
    # and never from keeping the work to outsourcing it
    assert outsourcing_rank(after) <= outsourcing_rank(before)


@MANY
@given(task=v2_tasks, company=companies)
def test_work_above_the_bpo_ceiling_never_gets_a_bpo_price(task, company):
    result = assess_v2(task, company)
    if task.skill_level > PROFILE.bpo_skill_ceiling or task.complexity > 3:
        assert not result.costs[BPO].available
        assert result.recommendation != BPO


@MANY
@given(task=v2_tasks, company=companies)
def test_every_reason_favours_the_answer_or_its_alternative_and_the_what_if_holds(task, company):
    result = assess_v2(task, company)
    if result.recommendation != IN_HOUSE:
        assert {reason.favours for reason in result.reasons} <= {result.recommendation, IN_HOUSE}
    assert all(reason.points >= 1.0 or reason.factor == "rule" for reason in result.reasons)
    found = result.what_if
    if found is not None:
        changed = replace(task, **{found.factor: found.changed_to})
        assert assess_v2(changed, company).recommendation == found.new_recommendation
        assert found.new_recommendation != result.recommendation
        assert found.factor in (*SCALE_FACTORS, "monthly_cost")
