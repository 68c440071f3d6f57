"""Money: exact Decimal arithmetic, checked against figures worked out by hand.

The cost model (docs/scoring-v1.md section 6), with T transition months, D dip months, dip p,
provider price P and in-house cost H:
  outsourced monthly  P = hours x rate x (1 + governance), rounded half-up to cents
  transition          = T x H
  plan cost to month m = m P + p P min(m, D) + min(m, T) H
  break-even month    = first m with plan cost to m <= m H; none if P >= H
"""

from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from assessments.engine import BPO, IN_HOUSE, KPO, Company, Location, Profile, Rate
from assessments.engine.v1 import costs
from assessments.engine.v1.evaluation import monthly_price
from assessments.engine.v1.offers import Offer
from tests.engine.conftest import (
    NEARSHORE,
    OFFSHORE,
    assess,
    assess_portfolio,
    brute_force_break_even,
    companies,
    make_context,
    make_task,
    service_type,
    tasks,
)

D = Decimal
MANY = settings(max_examples=1000, deadline=None)
LONGEST_LOOP = 3000  # months; inputs needing longer are skipped to keep the run short


@pytest.mark.parametrize(
    ("hours", "rate", "governance", "expected"),
    [
        # 160 x 14 = 2,240; x 1.08 = 2,419.20
        ("160", "14", "0.08", "2419.20"),
        # 37.5 x 75 = 2,812.50; x 1.08 = 3,037.50
        ("37.5", "75", "0.08", "3037.50"),
        # 1.25 x 23.50 = 29.375; x 1.08 = 31.725, half-up to 31.73 (half-even would give 31.72)
        ("1.25", "23.50", "0.08", "31.73"),
        # 100 x 45 = 4,500; x 1.10 = 4,950.00
        ("100", "45", "0.10", "4950.00"),
        # 0.5 x 6 = 3; no governance: 3.00
        ("0.5", "6", "0", "3.00"),
    ],
)
def test_outsourced_monthly_is_hours_times_rate_plus_governance_to_the_cent(
    hours, rate, governance, expected
):
    profile = Profile(governance_overhead=D(governance))
    offer = Offer(Location(OFFSHORE, "Offshore", 2), Rate(D(rate), D(rate), D(rate)))
    assert monthly_price(D(hours), offer, profile) == D(expected)


def test_an_assessment_prices_outsourcing_with_the_chosen_locations_typical_rate():
    # front office: nearshore BPO at 23.50; 1.25 h x 23.50 x 1.08 = 31.725 -> 31.73
    task = make_task(hours_per_month="1.25", service_type=service_type(BPO, "front"))
    result = assess(task)

    assert (result.costs[BPO].location, result.costs[BPO].hourly_rate) == (NEARSHORE, D("23.50"))
    assert result.costs[BPO].monthly == D("31.73")
    # KPO nearshore: 1.25 x 75 = 93.75; x 1.08 = 101.25
    assert result.costs[KPO].monthly == D("101.25")


def test_one_tasks_costs_over_one_and_three_years():
    # 160 h, in-house USD 5,000.00, offshore BPO: P = 160 x 14 x 1.08 = 2,419.20
    result = assess(make_task(hours_per_month=160, monthly_cost="5000.00"))
    bpo, in_house = result.costs[BPO], result.costs[IN_HOUSE]

    assert (bpo.location, bpo.monthly) == (OFFSHORE, D("2419.20"))
    # transition: 3 x 5,000 = 15,000
    assert bpo.transition == D("15000.00")
    # year 1: 12 x 2,419.20 = 29,030.40; dip 0.2 x 2,419.20 x 12 = 5,806.08; + 15,000
    assert bpo.year1 == D("49836.48")
    # year 3: 36 x 2,419.20 = 87,091.20; + 5,806.08 (dip only in year 1) + 15,000
    assert bpo.year3 == D("107897.28")
    assert (in_house.year1, in_house.year3) == (D("60000.00"), D("180000.00"))
    assert (in_house.transition, in_house.break_even_month) == (0, None)
    # KPO offshore: 160 x 45 x 1.08 = 7,776.00, dearer than today: never pays back
    assert result.costs[KPO].monthly == D("7776.00")
    assert result.costs[KPO].break_even_month is None


def test_a_dip_longer_than_a_year_and_a_longer_transition_reach_into_year_3():
    profile = Profile(transition_months=6, productivity_dip_months=24)
    cost = option_cost(D("2419.20"), D("5000"), profile)

    # transition 6 x 5,000 = 30,000
    assert cost.transition == D("30000.00")
    # year 1: 29,030.40 + 0.2 x 2,419.20 x 12 (5,806.08) + 30,000 = 64,836.48
    assert cost.year1 == D("64836.48")
    # year 3: 87,091.20 + 0.2 x 2,419.20 x 24 (11,612.16) + 30,000 = 128,703.36
    assert cost.year3 == D("128703.36")


@pytest.mark.parametrize(
    ("monthly", "in_house", "profile", "expected"),
    [
        # inside the dip: H - 1.2P = 5,000 - 2,903.04 = 2,096.96; 15,000 / 2,096.96 = 7.15 -> 8
        # (month 8: 8 x 2,903.04 + 15,000 = 38,224.32 <= 40,000; month 7: 35,321.28 > 35,000)
        pytest.param("2419.20", "5000", Profile(), 8, id="inside the dip"),
        # the dip stretch would need 4,800 x 3 / (4,800 - 3,600) = 12 exactly: equal is enough
        pytest.param("3000", "4800", Profile(), 12, id="at the last dip month, equal totals"),
        # after the dip: H - 1.2P = 800 -> 18.75 > 12, so m >= (15,000 + 8,400) / 1,500 = 15.6
        # (month 16: 56,000 + 23,400 = 79,400 <= 80,000; month 15: 75,900 > 75,000)
        pytest.param("3500", "5000", Profile(), 16, id="after the dip"),
        # 1.2P >= H: no progress during the dip; (15,000 + 10,800) / 500 = 51.6 -> 52
        pytest.param("4500", "5000", Profile(), 52, id="dip eats the whole saving"),
        # H = 1.2P exactly; (9,000 + 6,000) / 500 = 30 exactly: 75,000 + 15,000 = 90,000
        pytest.param("2500", "3000", Profile(), 30, id="after the dip, equal totals"),
        # transition (12) longer than the dip (6): (60,000 + 2,400) / 3,000 = 20.8 -> 21
        pytest.param(
            "2000",
            "5000",
            Profile(transition_months=12, productivity_dip_months=6),
            21,
            id="transition longer than the dip",
        ),
        # no transition: month 1 costs 2,400 against 5,000
        pytest.param("2000", "5000", Profile(transition_months=0), 1, id="no transition"),
        pytest.param("5000", "5000", Profile(), None, id="same price: never"),
        pytest.param("6000", "5000", Profile(), None, id="dearer: never"),
        pytest.param("100", "0", Profile(), None, id="nothing to save: never"),
    ],
)
def test_break_even_month_worked_by_hand(monthly, in_house, profile, expected):
    assert costs.break_even_month(D(monthly), D(in_house), profile) == expected
    assert brute_force_break_even(D(monthly), D(in_house), profile) == expected


def test_a_provider_that_costs_nothing_breaks_even_in_the_first_month():
    # month 1: 0 + 0 + 1,000 (transition) <= 1,000 in-house; e.g. estimated hours for an
    # in-house cost under USD 0.23 round to 0 h
    assert costs.break_even_month(D("0"), D("1000"), Profile()) == 1


cents = st.integers(min_value=1, max_value=20_000_000).map(lambda value: D(value) / 100)
profiles = st.builds(
    Profile,
    transition_months=st.integers(min_value=0, max_value=12),
    productivity_dip=st.decimals(min_value=0, max_value="0.5", places=2),
    productivity_dip_months=st.integers(min_value=0, max_value=24),
)


def months_needed_at_most(monthly, in_house, profile):
    """A bound on the brute-force loop, from the plan's worst stretch; None when it never ends."""
    if monthly >= in_house:
        return max(profile.transition_months, profile.productivity_dip_months) + 1
    overhead = (
        profile.transition_months * in_house
        + profile.productivity_dip * monthly * profile.productivity_dip_months
    )
    settled = max(profile.transition_months, profile.productivity_dip_months)
    return settled + 1 + int(overhead / (in_house - monthly)) + 1


@MANY
@given(
    monthly=cents | st.just(D(0)),
    in_house=cents | st.just(D(0)),
    profile=profiles,
    near=st.booleans(),
)
def test_break_even_month_matches_a_month_by_month_count(monthly, in_house, profile, near):
    if near:  # prices close to today's cost, where rounding up the month matters most
        monthly = (in_house * D("0.9")).quantize(D("0.01")) or D("0.01")
    assume(months_needed_at_most(monthly, in_house, profile) <= LONGEST_LOOP)
    expected = brute_force_break_even(monthly, in_house, profile, limit=LONGEST_LOOP)
    assert costs.break_even_month(monthly, in_house, profile) == expected


@MANY
@given(monthly=cents, in_house=cents, profile=profiles)
def test_year_totals_match_a_month_by_month_sum(monthly, in_house, profile):
    cost = option_cost(monthly, in_house, profile)
    running, totals = D(0), {}
    for month in range(1, 37):
        running += monthly
        running += (
            profile.productivity_dip * monthly if month <= profile.productivity_dip_months else 0
        )
        running += in_house if month <= profile.transition_months else 0
        totals[month] = running
    # money is rounded half-up to the cent (docs/scoring-v1.md section 6)
    assert cost.year1 == totals[12].quantize(D("0.01"), ROUND_HALF_UP)
    assert cost.year3 == totals[36].quantize(D("0.01"), ROUND_HALF_UP)
    assert cost.transition == profile.transition_months * in_house


def option_cost(monthly, in_house, profile):
    """Method 1's costs of an offshore BPO option at `monthly`, through its own functions."""
    task = make_task(monthly_cost=in_house)
    offer = Offer(Location(OFFSHORE, "Offshore", 2), Rate(D("6"), D("14"), D("18")))
    evaluation = SimpleNamespace(task=task, offers={BPO: offer}, monthly={BPO: monthly})
    return costs.outsourced_cost(BPO, evaluation, profile)


def e_commerce_tasks():
    return [
        make_task(
            name="Customer support",
            complexity=2,
            skill_level=2,
            standardisation=5,
            strategic_importance=1,
            data_sensitivity=2,
            hours_per_month=160,
            monthly_cost=7000,
            service_type=service_type(BPO, "front"),
        ),
        make_task(
            name="Order processing",
            complexity=1,
            skill_level=2,
            standardisation=5,
            strategic_importance=1,
            data_sensitivity=2,
            hours_per_month=160,
            monthly_cost=6000,
            service_type=service_type(BPO, "back"),
        ),
        make_task(
            name="Product development",
            complexity=4,
            skill_level=5,
            standardisation=1,
            strategic_importance=5,
            data_sensitivity=4,
            hours_per_month=160,
            monthly_cost=20000,
        ),
        make_task(
            name="Marketing",
            complexity=3,
            skill_level=3,
            standardisation=2,
            strategic_importance=4,
            data_sensitivity=3,
            hours_per_month=120,
            monthly_cost=8000,
        ),
    ]


def test_portfolio_summary_of_the_e_commerce_example_worked_by_hand():
    results, summary = assess_portfolio(e_commerce_tasks(), make_context(Company("e-commerce")))

    assert [result.recommendation for result in results] == [BPO, BPO, IN_HOUSE, IN_HOUSE]
    assert summary.task_count == 4
    assert summary.counts == {BPO: 2, KPO: 0, IN_HOUSE: 2}
    # today: 7,000 + 6,000 + 20,000 + 8,000 = 41,000 a month; x 12 and x 36
    assert summary.current.monthly == D("41000")
    assert (summary.current.year1, summary.current.year3) == (D("492000"), D("1476000"))
    assert summary.current.transition == 0
    # support nearshore 160 x 23.50 x 1.08 = 4,060.80; orders offshore 160 x 14 x 1.08 =
    # 2,419.20; plus 28,000 kept in-house: 34,480.00
    assert summary.plan.monthly == D("34480.00")
    # transition 3 x (7,000 + 6,000) = 39,000
    assert summary.plan.transition == D("39000.00")
    # year 1: support 48,729.60 + 9,745.92 + 21,000 = 79,475.52; orders 29,030.40 + 5,806.08
    # + 18,000 = 52,836.48; in-house 12 x 28,000 = 336,000; total 468,312.00
    assert summary.plan.year1 == D("468312.00")
    # year 3: support 146,188.80 + 9,745.92 + 21,000 = 176,934.72; orders 87,091.20 + 5,806.08
    # + 18,000 = 110,897.28; in-house 36 x 28,000 = 1,008,000; total 1,295,832.00
    assert summary.plan.year3 == D("1295832.00")
    assert summary.saving_monthly == D("6520.00")
    assert (summary.saving_year1, summary.saving_year3) == (D("23688.00"), D("180168.00"))
    # together: H = 13,000, P = 6,480; H - 1.2P = 5,224; 39,000 / 5,224 = 7.47 -> month 8
    assert summary.break_even_month == 8


def test_a_portfolio_that_keeps_everything_in_house_has_no_break_even():
    task = make_task(strategic_importance=5, data_sensitivity=5)
    _, summary = assess_portfolio([task, task])

    assert summary.counts == {BPO: 0, KPO: 0, IN_HOUSE: 2}
    assert summary.plan == summary.current
    assert summary.break_even_month is None
    assert summary.saving_year3 == 0


def brute_force_portfolio_break_even(results, profile):
    """Month by month over the summed plan of every outsourced task."""
    outsourced = [result for result in results if result.recommendation != IN_HOUSE]
    if not outsourced:
        return None
    monthly = sum((result.recommended_cost.monthly for result in outsourced), D(0))
    in_house = sum((result.costs[IN_HOUSE].monthly for result in outsourced), D(0))
    assume(months_needed_at_most(monthly, in_house, profile) <= LONGEST_LOOP)
    return brute_force_break_even(monthly, in_house, profile, limit=LONGEST_LOOP)


portfolio_tasks = st.lists(
    tasks,
    min_size=1,
    max_size=6,
)


@MANY
@given(task_list=portfolio_tasks, company=companies)
def test_portfolio_summary_adds_up_its_tasks_and_breaks_even_like_the_summed_plan(
    task_list, company
):
    context = make_context(company)
    results, summary = assess_portfolio(task_list, context)

    assert summary.task_count == len(task_list)
    for answer in (BPO, KPO, IN_HOUSE):
        assert summary.counts[answer] == [r.recommendation for r in results].count(answer)
    for field in ("monthly", "transition", "year1", "year3"):
        today = sum((getattr(r.costs[IN_HOUSE], field) for r in results), D(0))
        planned = sum((getattr(r.recommended_cost, field) for r in results), D(0))
        assert getattr(summary.current, field) == today
        assert getattr(summary.plan, field) == planned
    assert summary.break_even_month == brute_force_portfolio_break_even(results, context.profile)
