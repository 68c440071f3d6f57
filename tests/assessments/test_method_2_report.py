"""What the results report says about answers scored with method 2 (the current profile).

Method 2 weighs every option's money over the profile's horizon (three years), keeps work
too small for a provider contract in-house by a rule, and earns its confidence: this is how
the owner sees that. Expected figures are worked out here from the task's inputs, the rate
cards and the profile, not read off the engine.
"""

import html
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest

from assessments import services
from assessments.advice import money
from assessments.models import Answer, Assessment
from assessments.profiles import ScoringProfile
from assessments.task_file import COLUMNS, parse_task_file
from catalog.models import RateCard, ServiceType
from tests.assessments.task_values import CORE_AND_SECRET, MIDDLING, ROUTINE
from tests.factories import SubmittedAssessmentFactory, TaskFactory

pytestmark = pytest.mark.django_db

CENT = Decimal("0.01")
EXPERT_WORK = {  # above BPO's ceiling on both counts, so only KPO rates are quoted
    "complexity": 5,
    "skill_level": 5,
    "standardisation": 3,
    "strategic_importance": 2,
    "data_sensitivity": 2,
}


# --- Helpers -----------------------------------------------------------------------------


def current_profile():
    profile = ScoringProfile.objects.current()
    assert profile.method == 2
    return profile


def provider_monthly(model, hours, profile, kind="offshore"):
    """The provider's monthly price: hours at the rate card's typical USD rate, plus the
    profile's governance overhead."""
    rate = RateCard.objects.get(currency="USD", sourcing_model=model, location__kind=kind)
    return (hours * rate.hourly_typical * (1 + profile.governance_overhead)).quantize(CENT)


def transfer_months(fields, profile):
    """Knowledge transfer: from the profile's shortest (simple, written-down work) to its
    longest (expert work with no fixed procedure)."""
    knowledge = Decimal(fields["complexity"] + fields["skill_level"] - 2) / 8
    unwritten = Decimal(5 - fields["standardisation"]) / 4
    span = profile.transfer_months_max - profile.transfer_months_min
    return profile.transfer_months_min + span * (knowledge + unwritten) / 2


def in_house_cost_for_extra(fields, monthly, extra, profile):
    """The in-house monthly cost at which an option priced `monthly` costs `extra` (a
    share) more than keeping the work over the horizon: its fees, the productivity dip and
    the fixed transition cost, plus a share of the in-house cost while the work is handed
    over, equal (1 + extra) x the in-house cost over the horizon."""
    months = profile.horizon_months
    dip_months = min(months, profile.productivity_dip_months)
    fees = monthly * months + profile.productivity_dip * monthly * dip_months
    fees += profile.transition_fixed_cost
    parallel_months = profile.parallel_running_share * transfer_months(fields, profile)
    cost = fees / ((1 + extra) * months - parallel_months)
    return cost.quantize(CENT, rounding=ROUND_HALF_UP)


def expert_task_costing_more(hours, extra):
    """Expert work whose KPO offshore price costs `extra` more than in-house over the
    horizon: well within the profile's KPO premium for skills."""
    profile = current_profile()
    assert EXPERT_WORK["skill_level"] >= profile.kpo_premium_min_skill
    assert extra < profile.kpo_max_premium
    monthly = provider_monthly("kpo", hours, profile)
    cost = in_house_cost_for_extra(EXPERT_WORK, monthly, extra, profile)
    return {**EXPERT_WORK, "hours_per_month": hours, "monthly_cost": cost}


def scored(*task_fields, **assessment_fields):
    """A submitted assessment with these tasks, scored with the current profile."""
    assessment = SubmittedAssessmentFactory(**assessment_fields)
    for position, fields in enumerate(task_fields):
        TaskFactory(assessment=assessment, position=position, **fields)
    services.score_assessment(assessment)
    assessment.refresh_from_db()
    assert assessment.scoring_profile.method == 2
    return assessment, list(assessment.tasks.order_by("position"))


def results_page(client, assessment):
    response = client.get(f"/assessments/{assessment.share_token}/results/")
    assert response.status_code == 200
    return response.content.decode()


def print_page(client, assessment):
    """The print view: the whole report with every task's card."""
    response = client.get(f"/assessments/{assessment.share_token}/results/print/")
    assert response.status_code == 200
    return response.content.decode()


def task_cards(text):
    """Each task card's HTML, in list order."""
    starts = text.split('<article class="card mb-3 report-task')[1:]
    return [part.split("</article>")[0] for part in starts]


def next_steps(text):
    """The next steps, each as its HTML, in order."""
    section = text[text.index('id="next-steps-title"') :]
    section = section[: section.index("</section>")]
    return re.findall(r"<li>(.*?)</li>", section, re.DOTALL)


def cost_row(card, label):
    row = re.search(rf'<tr[^>]*><th scope="row">{label}[^<]*</th>.*?</tr>', card)
    assert row, card
    return row.group()


def horizon_total(task, answer):
    return Decimal(task.result["costs"][answer]["horizon_total"])


def costs_more_than_in_house(task):
    if task.recommendation == Answer.IN_HOUSE:
        return False
    return horizon_total(task, task.recommendation) > horizon_total(task, Answer.IN_HOUSE)


# --- A plan that costs more --------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "dearer_every_month"),
    # At 5 % more over the horizon the provider's monthly price is still below today's
    # cost (the transition and the dip make up the rest); at 20 % more it is above it.
    [(Decimal("0.05"), False), (Decimal("0.20"), True)],
    ids=["5-percent-more-over-3-years", "20-percent-more-over-3-years"],
)
def test_a_plan_that_costs_more_over_three_years_opens_with_the_extra_cost_not_a_pilot(
    client, extra, dearer_every_month
):
    profile = current_profile()
    fields = expert_task_costing_more(Decimal("100"), extra)
    assessment, (task,) = scored({**fields, "name": "Patent analysis"})
    costs = task.result["costs"]

    # KPO is the only provider model for the work, offshore its cheapest rate card.
    assert task.recommendation == Answer.KPO
    assert costs["bpo"]["available"] is False
    assert costs["kpo"]["location"] == "offshore"
    monthly = provider_monthly("kpo", fields["hours_per_month"], profile)
    assert Decimal(costs["kpo"]["monthly"]) == monthly
    in_house_total = fields["monthly_cost"] * profile.horizon_months
    assert horizon_total(task, Answer.IN_HOUSE) == in_house_total
    costs_more = horizon_total(task, Answer.KPO) / in_house_total - 1
    assert abs(costs_more - extra) < Decimal("0.0001")  # the share asked for, to the cent
    # Over years 1 to 3 (the horizon) the plan costs exactly that much more.
    assert profile.horizon_months == 36
    saving_year3 = Decimal(assessment.summary["saving_year3"])
    assert saving_year3 == in_house_total - horizon_total(task, Answer.KPO) < 0

    steps = next_steps(results_page(client, assessment))

    assert steps[0].startswith("<strong>Weigh the extra cost first.</strong>")
    assert f"the plan costs {money(-saving_year3, 'USD')} more" in steps[0]
    assert "Start with one pilot" not in steps[0]
    assert not any("Keep the work in-house for now" in step for step in steps)
    assert (task.monthly_saving < 0) is dearer_every_month
    # Nothing in the plan saves over the three years, so there is no pilot at all, even
    # when the provider's monthly price is below today's cost.
    assert not any("Start with one pilot" in step for step in steps)


def test_when_the_plan_costs_more_the_pilot_is_a_task_that_saves(client):
    # A large expert task whose KPO premium outweighs what a routine task saves with BPO.
    expert = expert_task_costing_more(Decimal("4000"), Decimal("0.20"))
    assessment, (costly, routine) = scored(
        {**expert, "name": "Patent analysis"}, {**ROUTINE, "name": "Keying invoices"}
    )
    assert (costly.recommendation, routine.recommendation) == (Answer.KPO, Answer.BPO)
    assert costly.monthly_saving < 0 < routine.monthly_saving
    assert Decimal(assessment.summary["saving_year3"]) < 0

    steps = next_steps(results_page(client, assessment))

    assert steps[0].startswith("<strong>Weigh the extra cost first.</strong>")
    pilot = next(step for step in steps if "Start with one pilot" in step)
    assert "\u201cKeying invoices\u201d" in pilot
    assert "Patent analysis" not in pilot


# --- Break-even beyond the horizon -------------------------------------------------------


def test_a_task_that_pays_back_only_after_three_years_says_not_within_3_years(client):
    profile = current_profile()
    hours = ROUTINE["hours_per_month"]
    bpo_monthly = provider_monthly("bpo", hours, profile)
    # A tenth cheaper a month than keeping the work, so it would pay back one day; but
    # the transition and the dip while the provider learns take longer than 3 years.
    fields = {**ROUTINE, "monthly_cost": (bpo_monthly * Decimal("1.1")).quantize(CENT)}
    assessment, (task,) = scored({**fields, "name": "Keying invoices"})
    bpo = task.result["costs"]["bpo"]

    assert Decimal(bpo["monthly"]) == bpo_monthly < fields["monthly_cost"]
    assert horizon_total(task, Answer.BPO) > horizon_total(task, Answer.IN_HOUSE)
    assert bpo["break_even_month"] is None
    assert task.recommendation == Answer.IN_HOUSE  # BPO only when it saves

    (card,) = task_cards(print_page(client, assessment))

    row = cost_row(card, "BPO")
    assert row.endswith(">not within 3 years</td></tr>")
    assert "never" not in card
    assert '"Pays back">month ' not in cost_row(card, "KPO")
    assert cost_row(card, "In-house").endswith('"Pays back"></td></tr>')


def test_a_task_that_pays_back_within_three_years_names_the_month(client):
    assessment, (task,) = scored({**ROUTINE, "name": "Keying invoices"})
    month = task.result["costs"]["bpo"]["break_even_month"]

    (card,) = task_cards(print_page(client, assessment))

    assert task.recommendation == Answer.BPO
    assert 1 <= month <= current_profile().horizon_months
    assert cost_row(card, "BPO").endswith(f">month {month}</td></tr>")


# --- Ratings a task file left blank ------------------------------------------------------


def task_file(*rows):
    lines = [",".join(COLUMNS)]
    lines += [",".join(str(row.get(column, "")) for column in COLUMNS) for row in rows]
    return "\r\n".join(lines).encode()


def test_a_blank_rating_in_a_task_file_is_noted_and_keeps_the_confidence_below_high(client):
    rated = {
        "name": "Rated",
        "complexity": 1,
        "skill_level": 1,
        "monthly_cost": "10000.00",
        "hours_per_month": "100",
        "strategic_importance": 3,
        "data_sensitivity": 1,
        "standardisation": 5,
    }
    blank = {**rated, "name": "Blank", "strategic_importance": ""}
    parsed = parse_task_file(task_file(rated, blank))
    assert parsed.is_valid, parsed.problems
    assessment = services.create_scored_assessment(
        "Acme Ltd", parsed.tasks, {}, source=Assessment.Source.UPLOAD
    )
    twin, blank = assessment.tasks.order_by("position")
    note = "Not rated, so taken as 3/5: strategic importance"

    # Blank is taken as 3, so both score alike: routine, written-down, public work that
    # saves most of its cost with BPO, the clearest case, earns "high" when fully rated.
    assert (blank.assumed_inputs, twin.assumed_inputs) == (["strategic_importance"], [])
    assert blank.strategic_importance == twin.strategic_importance == 3
    assert blank.recommendation == twin.recommendation == Answer.BPO
    assert twin.result["confidence_label"] == "high"
    assert note in blank.result["notes"]
    assert note not in twin.result["notes"]
    assert blank.result["confidence_label"] != "high"
    assert blank.confidence < twin.confidence

    twin_card, blank_card = task_cards(print_page(client, assessment))

    assert f"<li>{note}</li>" in blank_card
    assert "Not rated" not in twin_card
    assert f"{blank.confidence}% ({blank.result['confidence_label']})" in blank_card
    assert "(high)" not in blank_card


# --- Rules that decide -------------------------------------------------------------------


def test_a_rule_that_decided_is_shown_first_and_marked_as_deciding(client):
    profile = current_profile()
    hours = Decimal("8")
    assert hours < profile.min_contract_hours
    assessment, (task,) = scored(
        {**ROUTINE, "name": "Occasional keying", "hours_per_month": hours, "monthly_cost": 400}
    )
    expected = (
        f"Too small for a provider contract: {hours:,.0f} people-hours a month, under the "
        f"{profile.min_contract_hours:,.0f} a provider needs"
    )

    first = task.result["reasons"][0]
    assert task.recommendation == Answer.IN_HOUSE
    assert first["factor"] == "rule"
    assert first["text"].startswith(expected)

    (card,) = task_cards(print_page(client, assessment))

    reasons_list = card.split("<ul")[1].split("</ul>")[0]
    reasons = re.findall(r"<li>(.*?)</li>", reasons_list, re.DOTALL)
    assert reasons[0] == (
        f"<strong>{html.escape(first['text'])}</strong> "
        '<span class="text-body-secondary">(decides)</span>'
    )
    assert card.count("(decides)") == 1
    assert all("(favours " in reason for reason in reasons[1:])


# --- Confidence ---------------------------------------------------------------------------


def test_a_method_2_results_page_never_shows_100_percent_or_high_for_an_answer_that_costs_more(
    client,
):
    data_entry = ServiceType.objects.get(slug="data-entry")
    assessment, tasks = scored(
        # The clearest BPO case there is: every factor and the catalog point to BPO.
        {**ROUTINE, "name": "Keying invoices", "service_type": data_entry},
        {**expert_task_costing_more(Decimal("100"), Decimal("0.05")), "name": "Patent analysis"},
        {**CORE_AND_SECRET, "name": "Board strategy"},
        {**MIDDLING, "name": "Middling"},
        {**ROUTINE, "name": "Occasional keying", "hours_per_month": 8, "monthly_cost": 400},
    )
    costing_more = [task for task in tasks if costs_more_than_in_house(task)]
    assert [task.name for task in costing_more] == ["Patent analysis"]
    assert tasks[0].result["confidence_label"] == "high"

    text = print_page(client, assessment)

    assert "100%" not in text
    assert "100%" not in results_page(client, assessment)  # the task table's column
    assert all(task.confidence < 100 for task in tasks)
    cards = task_cards(text)
    assert len(cards) == len(tasks)
    for card, task in zip(cards, tasks, strict=True):
        assert f"{task.confidence}% ({task.result['confidence_label']})" in card
        if costs_more_than_in_house(task):
            assert task.result["confidence_label"] != "high"
            assert "% (high)" not in card
