"""Properties every assessment must keep, whatever the task, company or priorities.

Hypothesis draws tasks over the whole input space (every 1-5 value, in-house costs from 0 to
200,000 with cents, hours given or estimated, each kind of catalog service type) and
companies with any allowed locations and priorities, on the default profile and market.
"""

from dataclasses import replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.engine import BPO, IN_HOUSE, KPO, assess_task
from tests.engine.conftest import (
    SCALE_FACTORS,
    companies,
    make_context,
    money_amounts,
    scale,
    tasks,
    winner_by_tie_rule,
)

MANY = settings(max_examples=1000, deadline=None)


def assess(task, company):
    return assess_task(task, make_context(company))


def ordered_pair(values):
    return st.tuples(values, values).map(sorted)


@MANY
@given(
    task=tasks,
    company=companies,
    factor=st.sampled_from(("complexity", "skill_level")),
    values=ordered_pair(scale),
)
def test_more_complexity_or_skill_never_moves_kpo_down_against_bpo(task, company, factor, values):
    # No tolerance needed: the raw KPO score can only rise and the raw BPO score only fall,
    # and rounding to one decimal never reverses an order, so the shown gap cannot shrink.
    low, high = values
    before = assess(replace(task, **{factor: low}), company).scores
    after = assess(replace(task, **{factor: high}), company).scores
    assert after[KPO] - after[BPO] >= before[KPO] - before[BPO]
    assert after[KPO] >= before[KPO]
    assert after[BPO] <= before[BPO]


@MANY
@given(
    task=tasks,
    company=companies,
    factor=st.sampled_from(("strategic_importance", "data_sensitivity")),
    values=ordered_pair(scale),
)
def test_more_strategic_importance_or_sensitivity_never_lowers_in_house(
    task, company, factor, values
):
    low, high = values
    before = assess(replace(task, **{factor: low}), company).scores
    after = assess(replace(task, **{factor: high}), company).scores
    assert after[IN_HOUSE] >= before[IN_HOUSE]


@MANY
@given(task=tasks, company=companies, costs=ordered_pair(money_amounts))
def test_dearer_in_house_work_never_lowers_the_outsourcing_scores(task, company, costs):
    low, high = costs
    before = assess(replace(task, monthly_cost=low), company).scores
    after = assess(replace(task, monthly_cost=high), company).scores
    assert after[BPO] >= before[BPO]
    assert after[KPO] >= before[KPO]


@MANY
@given(task=tasks, company=companies, values=ordered_pair(scale))
def test_more_standardisation_never_lowers_bpo(task, company, values):
    low, high = values
    before = assess(replace(task, standardisation=low), company).scores
    after = assess(replace(task, standardisation=high), company).scores
    assert after[BPO] >= before[BPO]


@MANY
@given(task=tasks, company=companies)
def test_scores_and_confidence_stay_in_range_and_the_top_score_wins(task, company):
    result = assess(task, company)
    assert set(result.scores) == {BPO, KPO, IN_HOUSE}
    assert all(0.0 <= score <= 100.0 for score in result.scores.values())
    assert all(score == round(score, 1) for score in result.scores.values())
    assert result.recommendation == winner_by_tie_rule(result.scores)
    assert 50 <= result.confidence <= 100
    assert result.confidence_label in {"low", "medium", "high"}


@MANY
@given(task=tasks, company=companies)
def test_an_answer_with_no_permitted_location_scores_zero_and_costs_nothing(task, company):
    result = assess(task, company)
    for answer in (BPO, KPO):
        cost = result.costs[answer]
        if not cost.available:
            assert result.scores[answer] == 0.0
            assert cost.location is None
            assert cost.monthly == 0
        else:
            assert cost.location in company.allowed_locations


def changed_answer(task, company, factor, value):
    return assess(replace(task, **{factor: value}), company).recommendation


def assert_no_smaller_scale_change_flips(task, company, what_if, top):
    current, target = what_if.current, what_if.changed_to
    for value in range(1, 6):
        if 0 < abs(value - current) < abs(target - current):
            assert changed_answer(task, company, what_if.factor, value) == top, value


def assert_no_smaller_cost_change_flips(task, company, what_if, top, share):
    """Smaller in whole currency units: the what-if names whole amounts, not cents."""
    current, target = what_if.current, what_if.changed_to
    distance = abs(target - current)
    step = Decimal(1) if target > current else Decimal(-1)
    closer = [target - step]  # the nearest whole amount on the way back to today's cost
    # the other direction, as far as a smaller change reaches, and a drawn point between
    closer.append((current - (distance - 1) * step).to_integral_value())
    closer.append((current + (target - current) * share).to_integral_value())
    for value in closer:
        if value >= 0 and abs(value - current) < distance:
            assert changed_answer(task, company, "monthly_cost", value) == top, value


@MANY
@given(task=tasks, company=companies, share=st.decimals(min_value=0, max_value=1, places=3))
def test_a_what_if_really_changes_the_answer_and_no_smaller_change_does(task, company, share):
    result = assess(task, company)
    what_if = result.what_if
    if what_if is None:
        return
    assert what_if.current == getattr(task, what_if.factor)
    assert what_if.changed_to != what_if.current
    new = changed_answer(task, company, what_if.factor, what_if.changed_to)
    assert new != result.recommendation
    assert new == what_if.new_recommendation
    if what_if.factor == "monthly_cost":
        assert_no_smaller_cost_change_flips(task, company, what_if, result.recommendation, share)
    else:
        assert 1 <= what_if.changed_to <= 5
        assert_no_smaller_scale_change_flips(task, company, what_if, result.recommendation)


@MANY
@given(task=tasks, company=companies)
def test_no_what_if_means_no_single_scale_change_changes_the_answer(task, company):
    result = assess(task, company)
    if result.what_if is not None:
        return
    for factor in SCALE_FACTORS:
        for value in range(1, 6):
            assert changed_answer(task, company, factor, value) == result.recommendation, (
                factor,
                value,
            )


@MANY
@given(task=tasks, company=companies)
def test_the_same_inputs_always_give_the_same_result(task, company):
    shared = make_context(company)
    first = assess_task(task, shared)
    assert assess_task(task, shared) == first  # the context's caches change nothing
    assert assess_task(task, make_context(company)) == first
