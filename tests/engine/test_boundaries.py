"""Edges of the method: ties, scale ends, zero cost, estimated hours and the location rules.

Ties go to in-house, then KPO, then BPO, on the scores as shown (one decimal). Sensitivity 4
rules out offshore, 5 everything but onshore; front-office work needs 4 shared hours, which
offshore (2 h) lacks; a company may rule locations out, and with none left an outsourcing
answer scores 0 and the reasons say why.
"""

from dataclasses import replace
from decimal import Decimal

import pytest

from assessments.engine import BPO, IN_HOUSE, KPO, Company, Profile
from assessments.engine.v1.ranking import ranked
from tests.engine.conftest import (
    DEFAULT_RATES,
    LPO,
    NEARSHORE,
    OFFSHORE,
    ONSHORE,
    assess,
    default_market,
    make_context,
    make_task,
    service_type,
)

SCALES = (
    "complexity",
    "skill_level",
    "standardisation",
    "strategic_importance",
    "data_sensitivity",
)
# Weights under which BPO = 100 (1 - k), KPO = 100 k and in-house = 100 g: with complexity
# and skill 3 (k = 0.5) BPO and KPO both score exactly 50, and strategic importance alone
# sets in-house.
KNOWLEDGE_ONLY = Profile(
    weight_fit=1.0,
    weight_standardisation_bpo=0.0,
    weight_cost=0.0,
    weight_strategic_outsourced=0.0,
    weight_sensitivity_outsourced=0.0,
    weight_catalog=0.0,
    weight_strategic_in_house=1.0,
    weight_sensitivity_in_house=0.0,
    weight_standardisation_in_house=0.0,
)


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ({BPO: 50.0, KPO: 50.0, IN_HOUSE: 50.0}, [IN_HOUSE, KPO, BPO]),
        ({BPO: 60.0, KPO: 60.0, IN_HOUSE: 10.0}, [KPO, BPO, IN_HOUSE]),
        ({BPO: 60.0, KPO: 10.0, IN_HOUSE: 60.0}, [IN_HOUSE, BPO, KPO]),
        ({BPO: 10.0, KPO: 60.0, IN_HOUSE: 60.0}, [IN_HOUSE, KPO, BPO]),
        ({BPO: 60.1, KPO: 60.0, IN_HOUSE: 60.0}, [BPO, IN_HOUSE, KPO]),
        ({BPO: 0.0, KPO: 0.0, IN_HOUSE: 0.0}, [IN_HOUSE, KPO, BPO]),
    ],
)
def test_ranked_puts_equal_scores_in_the_order_easiest_to_undo(scores, expected):
    assert ranked(scores) == expected


@pytest.mark.parametrize(
    ("strategic_importance", "expected", "scores"),
    [
        (1, KPO, {BPO: 50.0, KPO: 50.0, IN_HOUSE: 0.0}),  # BPO and KPO level: KPO
        (3, IN_HOUSE, {BPO: 50.0, KPO: 50.0, IN_HOUSE: 50.0}),  # all three level: in-house
        (4, IN_HOUSE, {BPO: 50.0, KPO: 50.0, IN_HOUSE: 75.0}),
    ],
)
def test_a_real_task_whose_top_scores_tie_goes_by_the_tie_rule(
    strategic_importance, expected, scores
):
    task = make_task(strategic_importance=strategic_importance)
    result = assess(task, make_context(profile=KNOWLEDGE_ONLY))

    assert result.scores == scores
    assert result.recommendation == expected
    if list(scores.values()).count(max(scores.values())) > 1:
        assert (result.confidence, result.confidence_label) == (50, "low")


def test_scores_that_differ_only_beyond_one_decimal_are_a_tie():
    # BPO = 100 (0.5 + w) / (1 + w) with w = 0.0004 / 0.4996 gives 50.04, shown as 50.0:
    # level with KPO and in-house at 50.0, so in-house wins though BPO is ahead unrounded.
    profile = replace(KNOWLEDGE_ONLY, weight_standardisation_bpo=0.0004 / 0.4996)
    result = assess(make_task(standardisation=5), make_context(profile=profile))

    assert result.scores == {BPO: 50.0, KPO: 50.0, IN_HOUSE: 50.0}
    assert result.recommendation == IN_HOUSE


def test_the_best_outsourcing_cost_follows_the_tie_rule_like_the_delivery_location():
    # the results page shows this cost beside the delivery location: both must be KPO's
    # No KPO offshore card, so KPO goes nearshore while BPO stays offshore; the scores tie.
    rates = {key: value for key, value in DEFAULT_RATES.items() if key != (KPO, OFFSHORE)}
    context = make_context(profile=KNOWLEDGE_ONLY, market=default_market(rates))
    result = assess(make_task(strategic_importance=5), context)

    assert result.recommendation == IN_HOUSE
    assert result.scores[BPO] == result.scores[KPO]
    assert result.delivery_location == NEARSHORE  # KPO's, by the tie rule
    assert result.outsourced_cost.answer == KPO
    assert result.outsourced_cost.location == result.delivery_location


def test_all_ones_is_routine_commodity_work_for_bpo_and_all_fives_stays_in_house():
    ones = assess(make_task(**dict.fromkeys(SCALES, 1)))
    fives = assess(make_task(**dict.fromkeys(SCALES, 5)))

    for result in (ones, fives):
        assert all(0.0 <= score <= 100.0 for score in result.scores.values())
    # in-house keeps only the points for having no fixed procedure: 23.53
    assert ones.scores[IN_HOUSE] == 23.5
    assert ones.recommendation == BPO
    assert "Complexity 1/5 and skill level 1/5: routine work" in ones.reasons[0].text
    # 41.18 + 35.29 + 0 = 76.5 for in-house; only onshore is allowed at sensitivity 5
    assert fives.scores[IN_HOUSE] == 76.5
    assert fives.recommendation == IN_HOUSE
    assert fives.delivery_location == ONSHORE


def test_a_lead_of_exactly_the_high_margin_as_shown_is_high_confidence():
    # 72.1 - 57.1 is 14.999999999999993 in floats: the lead must be taken as shown, 15.0
    task = make_task(
        complexity=3,
        skill_level=5,
        standardisation=1,
        strategic_importance=4,
        data_sensitivity=3,
        monthly_cost=8000,
        hours_per_month=120,
    )
    result = assess(task)

    assert result.scores == {BPO: 40.9, KPO: 57.1, IN_HOUSE: 72.1}
    assert result.confidence == 75
    assert result.confidence_label == "high"


@pytest.mark.parametrize(
    ("lead", "label"),
    [(0.0, "low"), (4.9, "low"), (5.0, "medium"), (14.9, "medium"), (15.0, "high")],
)
def test_the_confidence_label_follows_the_profiles_margins(lead, label):
    # Weights as in KNOWLEDGE_ONLY, so KPO = 100 k = 50 and in-house = 50 + lead exactly;
    # in-house = 100 (g + w (1 - s)) / (1 + w) with strategic importance 3 (g = 0.5).
    profile = replace(KNOWLEDGE_ONLY, weight_standardisation_in_house=lead / (50 - lead))
    result = assess(make_task(standardisation=1), make_context(profile=profile))

    assert result.scores[KPO] == 50.0
    assert result.scores[IN_HOUSE] == 50.0 + lead
    assert result.confidence_label == label


@pytest.mark.parametrize("hours", [Decimal("100"), None])
def test_a_task_that_costs_nothing_in_house_earns_no_cost_points_and_never_breaks_even(hours):
    task = make_task(monthly_cost=Decimal("0"), hours_per_month=hours)
    free = assess(task)
    priced = assess(replace(task, monthly_cost=Decimal("1")))

    # all 3s, no service type, no cost points: BPO 27.27/2 + 22.73/2 + 3 x 9.09/2 = 38.6;
    # KPO 35.29/2 + 3 x 11.76/2 = 35.3; in-house (23.53 + 41.18 + 35.29) / 2 = 50.0
    assert free.scores == {BPO: 38.6, KPO: 35.3, IN_HOUSE: 50.0}
    assert all(reason.factor != "cost" for reason in free.reasons)
    assert free.costs[IN_HOUSE].monthly == 0
    assert free.costs[IN_HOUSE].year3 == 0
    for answer in (BPO, KPO):
        assert free.costs[answer].break_even_month is None
        assert free.costs[answer].transition == 0
    if hours is None:
        assert free.hours_estimated
        assert free.costs[BPO].monthly == 0  # no cost, no hours, no price
    else:
        # 100 h x 14 x 1.08; the same price whatever the in-house cost
        assert free.costs[BPO].monthly == priced.costs[BPO].monthly == Decimal("1512.00")


@pytest.mark.parametrize(
    ("rate", "monthly_cost", "bpo_monthly", "kpo_monthly"),
    [
        # 4,467 / 44.67 = 100 h; BPO 100 x 14 x 1.08 = 1,512.00; KPO 100 x 45 x 1.08 = 4,860.00
        (Decimal("44.67"), "4467", "1512.00", "4860.00"),
        # the small-firm figure: 7,054 / 35.27 = 200 h; BPO 3,024.00; KPO 9,720.00
        (Decimal("35.27"), "7054", "3024.00", "9720.00"),
    ],
)
def test_hours_not_given_are_estimated_from_the_profiles_in_house_hourly_rate(
    rate, monthly_cost, bpo_monthly, kpo_monthly
):
    context = make_context(profile=Profile(in_house_hourly_rate=rate))
    estimated = assess(make_task(monthly_cost=monthly_cost, hours_per_month=None), context)
    given = assess(make_task(monthly_cost=monthly_cost, hours_per_month=100), context)

    assert estimated.hours_estimated
    assert not given.hours_estimated
    assert estimated.costs[BPO].monthly == Decimal(bpo_monthly)
    assert estimated.costs[KPO].monthly == Decimal(kpo_monthly)


@pytest.mark.parametrize(
    ("sensitivity", "location"),
    [(1, OFFSHORE), (3, OFFSHORE), (4, NEARSHORE), (5, ONSHORE)],
)
@pytest.mark.parametrize("model", [None, LPO])
def test_data_sensitivity_rules_out_offshore_at_4_and_all_but_onshore_at_5(
    sensitivity, location, model
):
    kind = None if model is None else service_type(model)
    result = assess(make_task(data_sensitivity=sensitivity, service_type=kind))

    assert result.costs[BPO].location == location
    assert result.costs[KPO].location == location
    outsourced = result.recommendation if result.recommendation != IN_HOUSE else None
    if outsourced is not None:
        assert result.delivery_location == location
    rates = DEFAULT_RATES[(KPO if model is None else LPO, location)]
    assert result.costs[KPO].hourly_rate == Decimal(rates[1])


def test_the_sensitivity_thresholds_are_the_profiles():
    profile = Profile(no_offshore_sensitivity=3, onshore_only_sensitivity=4)
    locations = [
        assess(make_task(data_sensitivity=value), make_context(profile=profile)).costs[BPO].location
        for value in (2, 3, 4)
    ]
    assert locations == [OFFSHORE, NEARSHORE, ONSHORE]


@pytest.mark.parametrize(
    ("sensitivity", "location"), [(1, NEARSHORE), (3, NEARSHORE), (4, NEARSHORE), (5, ONSHORE)]
)
def test_front_office_work_is_never_delivered_from_offshore(sensitivity, location):
    task = make_task(data_sensitivity=sensitivity, service_type=service_type(BPO, "front"))
    result = assess(task)

    # offshore shares 2 working hours with the client, fewer than the 4 front office needs
    assert result.costs[BPO].location == location
    assert result.costs[KPO].location == location


def test_front_office_may_go_offshore_when_the_profile_asks_for_fewer_shared_hours():
    profile = Profile(front_office_min_overlap_hours=2)
    task = make_task(service_type=service_type(BPO, "front"))
    assert assess(task, make_context(profile=profile)).costs[BPO].location == OFFSHORE


@pytest.mark.parametrize(
    ("allowed", "sensitivity", "location"),
    [
        ({ONSHORE}, 1, ONSHORE),
        ({ONSHORE, NEARSHORE}, 1, NEARSHORE),
        ({NEARSHORE, OFFSHORE}, 4, NEARSHORE),
        ({OFFSHORE}, 3, OFFSHORE),
    ],
)
def test_the_company_can_rule_locations_out(allowed, sensitivity, location):
    context = make_context(Company(allowed_locations=frozenset(allowed)))
    result = assess(make_task(data_sensitivity=sensitivity), context)

    assert result.costs[BPO].location == location
    assert result.costs[KPO].location == location


@pytest.mark.parametrize(
    ("allowed", "sensitivity", "office"),
    [
        (set(), 1, "back"),  # the company allows nowhere
        ({NEARSHORE, OFFSHORE}, 5, "back"),  # only onshore would be safe enough
        ({OFFSHORE}, 4, "back"),
        ({OFFSHORE}, 1, "front"),  # offshore has too few shared hours for front office
    ],
)
def test_with_no_permitted_location_outsourcing_scores_0_and_the_first_reason_says_so(
    allowed, sensitivity, office
):
    context = make_context(Company(allowed_locations=frozenset(allowed)))
    task = make_task(
        complexity=1,
        skill_level=1,
        standardisation=5,
        strategic_importance=1,
        data_sensitivity=sensitivity,
        service_type=service_type(BPO, office),
    )
    result = assess(task, context)

    assert result.scores[BPO] == result.scores[KPO] == 0.0
    assert result.recommendation == IN_HOUSE
    assert result.delivery_location is None
    for answer in (BPO, KPO):
        cost = result.costs[answer]
        assert not cost.available
        assert cost.location is None
        assert cost.monthly == 0
        assert cost.break_even_month is None
    blocked = [reason for reason in result.reasons if reason.factor == "location"]
    assert len(blocked) == 2
    assert result.reasons[0].factor == "location"
    assert f"data sensitivity {sensitivity}/5" in blocked[0].text
    assert ("front-office" in blocked[0].text) == (office == "front")


def test_only_the_answer_without_a_location_is_ruled_out():
    # no KPO card anywhere but onshore, and the company does not allow onshore
    rates = {key: value for key, value in DEFAULT_RATES.items() if key[0] != KPO}
    rates[(KPO, ONSHORE)] = DEFAULT_RATES[(KPO, ONSHORE)]
    company = Company(allowed_locations=frozenset({NEARSHORE, OFFSHORE}))
    result = assess(make_task(), make_context(company, market=default_market(rates)))

    assert result.costs[BPO].available
    assert not result.costs[KPO].available
    assert result.scores[KPO] == 0.0
    assert [reason.factor for reason in result.reasons].count("location") == 1
    assert "KPO is ruled out" in result.reasons[0].text
