"""What the results report shows, built by assessments.report from stored scores."""

import re
from decimal import Decimal

import pytest

from assessments import advice, report, services
from assessments.models import Answer, Task
from catalog.models import Risk, ServiceType
from tests.assessments.task_values import CORE_AND_SECRET, ROUTINE
from tests.factories import (
    RiskFactory,
    ServiceTypeFactory,
    SubmittedAssessmentFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db


def scored(*task_fields, **assessment_fields):
    """A submitted assessment with these tasks, scored; returns it and its task list."""
    assessment = SubmittedAssessmentFactory(**assessment_fields)
    for position, fields in enumerate(task_fields):
        TaskFactory(assessment=assessment, position=position, **fields)
    services.score_assessment(assessment)
    assessment.refresh_from_db()
    return assessment, list(assessment.tasks.select_related("service_type"))


def cost(monthly, year3=None, available=True, year1=None, break_even=None):
    monthly = Decimal(monthly)
    return {
        "available": available,
        "location": "offshore" if available else None,
        "hourly_rate": None,
        "monthly": str(monthly),
        "transition": "0",
        "year1": str(year1 if year1 is not None else monthly * 12),
        "year3": str(year3 if year3 is not None else monthly * 36),
        "break_even_month": break_even,
    }


def plan_summary(saving_year3, break_even_month=None, horizon_months=36, plan_year1="0"):
    """The parts of a stored summary the next steps read; a plan that saves over years 1-3
    has a positive `saving_year3`."""
    return {
        "break_even_month": break_even_month,
        "plan": {"year1": plan_year1},
        "saving_year3": str(saving_year3),
        "horizon_months": horizon_months,
    }


def unsaved_task(name="Task", recommendation=Answer.BPO, service_type=None, **fields):
    """A scored task in memory, its result written by hand."""
    costs = fields.pop("costs", None) or {
        "in_house": cost(1000),
        "bpo": cost(600),
        "kpo": cost(1500),
    }
    defaults = {
        "complexity": 2,
        "skill_level": 2,
        "monthly_cost": Decimal(costs["in_house"]["monthly"]),
        "data_sensitivity": 2,
        "confidence": 80,
        "monthly_saving": Decimal(costs["in_house"]["monthly"])
        - Decimal(costs[recommendation]["monthly"]),
        "result": {"costs": costs, "confidence_label": "high", "reasons": [], "what_if": None},
    }
    defaults.update(fields)
    return Task(name=name, recommendation=recommendation, service_type=service_type, **defaults)


# --- Money -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1234567.49", "$1,234,567"),
        ("1234567.50", "$1,234,568"),
        (Decimal("0"), "$0"),
        ("999.5", "$1,000"),
        ("-69543.2", "-$69,543"),
        (12, "$12"),
    ],
)
def test_money_is_whole_units_with_thousands_separators_and_the_currency(value, expected):
    assert advice.money(value, "USD", "US") == expected


@pytest.mark.parametrize(
    ("currency", "country", "expected"),
    [
        ("EUR", "DE", "€2,500"),
        ("GBP", "GB", "£2,500"),
        ("JPY", "JP", "¥2,500"),
        ("USD", "GB", "US$2,500"),  # a British reader's "$" could be any dollar
    ],
)
def test_money_keeps_the_assessment_currency(currency, country, expected):
    assert advice.money("2500", currency, country) == expected


def test_money_groups_rupees_in_lakhs_and_crores_for_an_indian_company():
    assert advice.money("12345678.40", "INR", "IN") == "₹1,23,45,678"


# --- Headline ----------------------------------------------------------------------------


def test_headline_numbers_match_the_stored_summary():
    assessment, tasks = scored(ROUTINE, ROUTINE, CORE_AND_SECRET)
    summary = assessment.summary

    headline = report.build_summary(assessment, tasks).headline

    assert [(css, count) for css, _, count in headline.counts] == [
        ("bpo", summary["counts"]["bpo"]),
        ("kpo", summary["counts"]["kpo"]),
        ("in-house", summary["counts"]["in_house"]),
    ]
    assert summary["counts"]["bpo"] == 2
    assert summary["counts"]["in_house"] == 1

    def usd(value):
        return advice.money(value, "USD")

    monthly, year1, annual, year3 = (
        headline.rows[0],
        headline.rows[2],
        headline.rows[1],
        headline.rows[3],
    )
    assert monthly.cells == [
        usd(summary["current"]["monthly"]),
        usd(summary["plan"]["monthly"]),
        usd(summary["saving_monthly"]),
    ]
    assert year1.cells == [
        usd(summary["current"]["year1"]),
        usd(summary["plan"]["year1"]),
        usd(summary["saving_year1"]),
    ]
    assert year3.cells == [
        usd(summary["current"]["year3"]),
        usd(summary["plan"]["year3"]),
        usd(summary["saving_year3"]),
    ]
    assert annual.cells[0] == usd(Decimal(summary["current"]["monthly"]) * 12)
    assert annual.cells[1] == usd(Decimal(summary["plan"]["monthly"]) * 12)
    assert f"month {summary['break_even_month']}" in headline.break_even


def test_a_negative_year_1_saving_is_shown_as_an_extra_cost():
    figure = report.saving_figure("year 1", "-1500.00", "USD", "after the transition")
    assert figure.label == "Extra cost over year 1"
    assert figure.cells[0] == "$1,500"

    assert report.saving_figure("3 years", "900", "USD", "").label == "Saving over 3 years"


def test_break_even_says_when_nothing_is_outsourced_or_nothing_pays_back():
    summary = {"counts": {"bpo": 0, "kpo": 0, "in_house": 3}, "break_even_month": None}
    assert "Everything stays in-house" in report.break_even_text(summary)

    summary = {"counts": {"bpo": 0, "kpo": 1, "in_house": 0}, "break_even_month": None}
    assert "does not pay back within 3 years" in report.break_even_text(summary)


def test_a_plan_break_even_past_the_horizon_does_not_pay_back_within_it():
    counts = {"bpo": 1, "kpo": 0, "in_house": 0}
    at_end = {"counts": counts, "break_even_month": 36, "horizon_months": 36}
    past = {"counts": counts, "break_even_month": 40, "horizon_months": 36}
    longer = {"counts": counts, "break_even_month": 40, "horizon_months": 60}

    assert "pays back its transition costs in month 36" in report.break_even_text(at_end)
    assert "does not pay back within 3 years" in report.break_even_text(past)
    assert "pays back its transition costs in month 40" in report.break_even_text(longer)


# --- Cost comparison ---------------------------------------------------------------------


def test_recommended_plan_and_in_house_totals_agree_with_the_summary():
    assessment, tasks = scored(ROUTINE, CORE_AND_SECRET, {**ROUTINE, "complexity": 2})
    totals = report.option_totals(tasks)

    assert totals["plan"] == [
        Decimal(assessment.summary["plan"]["monthly"]),
        Decimal(assessment.summary["plan"]["year3"]),
    ]
    assert totals["in_house"] == [
        Decimal(assessment.summary["current"]["monthly"]),
        Decimal(assessment.summary["current"]["year3"]),
    ]


def test_an_option_a_task_cannot_use_keeps_that_tasks_in_house_cost():
    tasks = [
        unsaved_task(
            costs={"in_house": cost(1000), "bpo": cost(400), "kpo": cost(0, available=False)}
        ),
        unsaved_task(
            recommendation=Answer.KPO,
            costs={"in_house": cost(2000), "bpo": cost(0, available=False), "kpo": cost(1800)},
        ),
    ]

    totals = report.option_totals(tasks)

    assert totals["in_house"] == [Decimal(3000), Decimal(108000)]
    assert totals["bpo"] == [Decimal(400 + 2000), Decimal((400 + 2000) * 36)]
    assert totals["kpo"] == [Decimal(1000 + 1800), Decimal((1000 + 1800) * 36)]
    assert totals["plan"] == [Decimal(400 + 1800), Decimal((400 + 1800) * 36)]


def test_cost_chart_draws_every_option_per_month_and_over_three_years():
    tasks = [unsaved_task()]
    built = report.cost_chart(report.option_totals(tasks), "USD")

    labels = [[bar.label for bar in group.bars] for group in built.groups]
    assert labels == [[label for _, label in report.COMPARED_OPTIONS]] * 2
    assert [bar.value_text for bar in built.groups[0].bars] == [
        "$1,000",
        "$600",
        "$1,500",
        "$600",
    ]


# --- Task map ----------------------------------------------------------------------------


def test_tasks_that_share_a_place_and_an_answer_share_one_marker_sized_by_their_total():
    tasks = [
        unsaved_task("Keying", complexity=1, skill_level=1),
        unsaved_task("Filing", complexity=1, skill_level=1),
        unsaved_task("Kept", Answer.IN_HOUSE, complexity=1, skill_level=1),
        unsaved_task("Analysis", Answer.KPO, complexity=4, skill_level=5),
    ]

    groups = report.task_groups(tasks)
    points = [report.scatter_point(group) for group in groups]

    assert [(p.complexity, p.skill_level, p.answer) for p in points] == [
        (1, 1, Answer.BPO),
        (1, 1, Answer.IN_HOUSE),
        (4, 5, Answer.KPO),
    ]
    assert points[0].label == "BPO, 2 tasks: \u201cKeying\u201d and \u201cFiling\u201d"
    assert points[0].monthly_cost == 2000.0
    assert points[1].label == "Kept: In-house"
    assert report.scatter_row(groups[0], "USD").cells == [1, 1, "BPO", "$2,000"]


def test_the_task_map_has_at_most_75_markers_however_many_tasks():
    answers = list(Answer.values)
    tasks = [
        unsaved_task(f"T{n}", answers[n % 3], complexity=n % 5 + 1, skill_level=n // 5 % 5 + 1)
        for n in range(1000)
    ]

    groups = report.task_groups(tasks)

    assert len(groups) == 75
    assert sum(len(group.tasks) for group in groups) == 1000
    assert all(len(report.scatter_point(group).label) < 200 for group in groups)


# --- Task table --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "clean"),
    [
        ("saving", "saving"),
        ("-confidence", "-confidence"),
        ("", ""),
        ("--saving", ""),
        ("result", ""),
        ("-pk", ""),
        ("name", ""),  # the column is called "task"
    ],
)
def test_only_the_tables_columns_can_be_sorted_by(value, clean):
    assert report.clean_sort(value) == clean


# --- Tasks -------------------------------------------------------------------------------


def test_task_report_shows_answer_scores_location_costs_and_what_if():
    service = ServiceType.objects.get(slug="data-entry")
    assessment, tasks = scored({**ROUTINE, "service_type": service, "name": "Keying invoices"})

    (item,) = report.task_reports(assessment, tasks)

    assert item.answer_label == "BPO"
    assert item.css == "bpo"
    assert item.service_url == service.get_absolute_url()
    assert [label for label, _, _ in item.scores] == ["BPO", "KPO", "In-house"]
    assert [chosen for _, _, chosen in item.scores] == [True, False, False]
    # The location, then the region behind it when the rates name one.
    assert item.location.startswith(tasks[0].delivery_location.capitalize())
    assert [option.label for option in item.costs] == ["BPO", "KPO", "In-house"]
    assert item.costs[0].recommended
    assert item.saving.startswith("Saves about $")
    assert item.what_if  # the engine's sentence, or the plain "no single change" one


def test_an_in_house_task_says_it_stays_in_house_and_where_it_would_go():
    assessment, tasks = scored(CORE_AND_SECRET)
    (item,) = report.task_reports(assessment, tasks)

    assert tasks[0].recommendation == Answer.IN_HOUSE
    assert item.location.startswith("None, the work stays in-house")
    assert item.saving == "No change to today's monthly cost."


@pytest.mark.parametrize(
    ("month", "horizon", "expected"),
    [
        (13, 36, "month 13"),
        (36, 36, "month 36"),
        (None, 36, "not within 3 years"),
        (40, 36, "not within 3 years"),
        (40, 60, "month 40"),
        (None, 60, "not within 5 years"),
    ],
)
def test_an_option_that_does_not_pay_back_within_the_horizon_says_so(month, horizon, expected):
    task = unsaved_task(
        recommendation=Answer.KPO,
        costs={
            "in_house": cost(1000),
            "bpo": cost(500, break_even=3),
            "kpo": cost(1300, break_even=month),
        },
    )
    task.result["horizon_months"] = horizon

    row = report.option_cost(Answer.KPO, task.result, task, "USD", str)

    assert row.break_even == expected
    assert "never" not in row.break_even
    assert report.option_cost(Answer.IN_HOUSE, task.result, task, "USD", str).break_even == ""


def test_an_unpublished_service_type_is_named_but_not_linked():
    hidden = ServiceTypeFactory(is_published=False)
    assert report.service_url(hidden) == ""
    assert report.service_url(None) == ""


def test_a_task_that_costs_more_outsourced_says_so():
    task = unsaved_task(
        recommendation=Answer.KPO,
        costs={"in_house": cost(1000), "bpo": cost(500), "kpo": cost(1400)},
    )
    assert report.saving_text(task, "USD") == (
        "Costs about $400 a month more than in-house, for the skills."
    )


# --- Risks -------------------------------------------------------------------------------


def test_risks_are_those_of_the_outsourced_tasks_service_types_only(django_assert_num_queries):
    shared, outsourced_only, in_house_only = RiskFactory.create_batch(3)
    sent_out = ServiceTypeFactory()
    sent_out.risks.set([shared, outsourced_only])
    kept = ServiceTypeFactory()
    kept.risks.set([shared, in_house_only])
    tasks = [
        unsaved_task("Payroll", Answer.BPO, sent_out),
        unsaved_task("Analysis", Answer.KPO, sent_out),
        unsaved_task("Strategy", Answer.IN_HOUSE, kept),
    ]

    with django_assert_num_queries(2):
        risks = advice.applicable_risks(tasks)

    assert {entry.risk for entry in risks} == {shared, outsourced_only}
    assert all(entry.task_names == ["Payroll", "Analysis"] for entry in risks)


def test_every_catalog_risk_applies_when_an_outsourced_task_has_no_service_type():
    typed = ServiceTypeFactory()
    typed.risks.set([RiskFactory()])
    tasks = [unsaved_task("Typed", Answer.BPO, typed), unsaved_task("Untyped", Answer.BPO)]

    risks = advice.applicable_risks(tasks)

    assert {entry.risk for entry in risks} == set(Risk.objects.all())
    assert Risk.objects.count() > 1
    for entry in risks:
        assert "Untyped" in entry.task_names
        assert ("Typed" in entry.task_names) == entry.risk.service_types.filter(
            pk=typed.pk
        ).exists()


def test_no_risks_and_no_queries_when_everything_stays_in_house(django_assert_num_queries):
    tasks = [unsaved_task("Core", Answer.IN_HOUSE, ServiceType.objects.first())]
    with django_assert_num_queries(0):
        assert advice.applicable_risks(tasks) == []


def test_risk_queries_do_not_grow_with_the_number_of_tasks(django_assert_num_queries):
    service_types = list(ServiceType.objects.all()[:20])
    tasks = [unsaved_task(f"T{n}", Answer.BPO, service_types[n % 20]) for n in range(200)]

    with django_assert_num_queries(2):
        risks = advice.applicable_risks(tasks)

    assert risks
    busiest = risks[0]
    assert len(busiest.task_names) == advice.NAMES_SHOWN
    assert busiest.more > 0


# --- Next steps --------------------------------------------------------------------------


def test_the_pilot_is_the_outsourced_task_with_the_highest_saving():
    tasks = [
        unsaved_task(
            "Small saving", costs={"in_house": cost(1000), "bpo": cost(900), "kpo": cost(2000)}
        ),
        unsaved_task(
            "Big saving", costs={"in_house": cost(5000), "bpo": cost(2000), "kpo": cost(9000)}
        ),
        unsaved_task(
            "Kept", Answer.IN_HOUSE, costs={"in_house": cost(9000), "bpo": cost(1), "kpo": cost(1)}
        ),
    ]
    saving_year3 = (100 + 3000) * 36
    steps = advice.next_steps(
        plan_summary(saving_year3, break_even_month=7, plan_year1="1000"), tasks, "USD"
    )

    assert steps.pilot.name == "Big saving"
    assert steps.pilot_saving == "$3,000"
    assert steps.bpo_tasks == "\u201cSmall saving\u201d and \u201cBig saving\u201d"
    assert steps.kpo_tasks == ""
    assert steps.break_even_month == 7
    assert steps.plan_extra_cost == ""


def test_ties_on_saving_go_to_the_more_confident_answer():
    tasks = [
        unsaved_task("Unsure", confidence=55),
        unsaved_task("Sure", confidence=95),
    ]
    steps = advice.next_steps(plan_summary(2 * 400 * 36), tasks, "USD")
    assert steps.pilot.name == "Sure"


def test_next_steps_name_sensitive_outsourced_work_and_close_calls():
    close = unsaved_task("Close call", Answer.IN_HOUSE)
    close.result["confidence_label"] = "low"
    tasks = [
        unsaved_task("Patient records", data_sensitivity=4),
        unsaved_task("Public data", data_sensitivity=1),
        unsaved_task("Secret but kept", Answer.IN_HOUSE, data_sensitivity=5),
        close,
    ]
    steps = advice.next_steps(plan_summary(2 * 400 * 36), tasks, "USD")

    assert steps.sensitive_tasks == "\u201cPatient records\u201d"
    assert steps.close_calls == "\u201cClose call\u201d"


def test_nothing_outsourced_means_no_pilot_and_no_break_even():
    tasks = [unsaved_task("Core", Answer.IN_HOUSE)]
    steps = advice.next_steps(plan_summary(0), tasks, "USD")

    assert steps.pilot is None
    assert steps.bpo_tasks == steps.kpo_tasks == steps.sensitive_tasks == ""
    assert steps.break_even_month is None
    assert steps.plan_extra_cost == ""


def test_a_pilot_that_saves_nothing_has_no_saving_to_quote():
    # A plan that costs no more than today over years 1-3 still opens with a pilot, even
    # when that pilot saves nothing a month.
    tasks = [
        unsaved_task(
            "Research",
            Answer.KPO,
            costs={"in_house": cost(1000), "bpo": cost(500), "kpo": cost(1000)},
        )
    ]
    steps = advice.next_steps(plan_summary(0), tasks, "USD")
    assert steps.pilot.name == "Research"
    assert steps.pilot_saving == ""
    assert steps.plan_extra_cost == ""


def test_a_plan_that_costs_more_over_three_years_opens_with_its_extra_cost_not_a_pilot():
    tasks = [
        unsaved_task(
            "Research",
            Answer.KPO,
            confidence=65,
            costs={"in_house": cost(1000), "bpo": cost(500), "kpo": cost(1300)},
        )
    ]
    extra = 300 * 36
    steps = advice.next_steps(plan_summary(-extra, break_even_month=None), tasks, "USD")

    assert steps.pilot is None
    assert steps.pilot_saving == ""
    assert steps.plan_extra_cost == "$10,800"
    assert steps.kpo_tasks == "\u201cResearch\u201d"


def test_when_the_plan_costs_more_the_pilot_is_a_task_that_saves():
    tasks = [
        unsaved_task(
            "Research",
            Answer.KPO,
            confidence=90,
            costs={"in_house": cost(1000), "bpo": cost(500), "kpo": cost(1400)},
        ),
        unsaved_task(
            "Keying",
            confidence=60,
            costs={"in_house": cost(1000), "bpo": cost(900), "kpo": cost(2000)},
        ),
    ]
    steps = advice.next_steps(plan_summary((100 - 400) * 36), tasks, "USD")

    assert steps.pilot.name == "Keying"
    assert steps.pilot_saving == "$100"
    assert steps.plan_extra_cost == "$10,800"


def test_a_break_even_beyond_the_horizon_is_not_budgeted_for():
    tasks = [unsaved_task("Keying")]
    within = advice.next_steps(plan_summary(1000, break_even_month=36), tasks, "USD")
    beyond = advice.next_steps(plan_summary(1000, break_even_month=37), tasks, "USD")

    assert within.break_even_month == 36
    assert beyond.break_even_month is None


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, ""),
        (1, "\u201cT0\u201d"),
        (2, "\u201cT0\u201d and \u201cT1\u201d"),
        (3, "\u201cT0\u201d, \u201cT1\u201d and \u201cT2\u201d"),
        (7, ", ".join(f"\u201cT{n}\u201d" for n in range(5)) + " and 2 more"),
    ],
)
def test_task_names_read_as_a_sentence(count, expected):
    assert advice.names_text([unsaved_task(f"T{n}") for n in range(count)]) == expected


# --- The report in the assessment's currency ---------------------------------------------


def rendered_report(client, **assessment_fields):
    """The shared report's page, its print view and a task's page, of a scored assessment
    of a routine and a kept task."""
    assessment, _ = scored(ROUTINE, CORE_AND_SECRET, **assessment_fields)
    pages = []
    for url in ("", "print/", "tasks/1/"):
        response = client.get(assessment.get_absolute_url() + url)
        assert response.status_code == 200
        pages.append(response.content.decode())
    return "\n".join(pages)


def test_a_report_in_pounds_shows_every_amount_in_pounds_and_no_dollars(client):
    page = rendered_report(client, country="GB", currency="GBP")

    assert "Amounts in British pounds (GBP)" in page
    assert re.search(r"£\d{1,3}(,\d{3})+", page)  # thousands, grouped, whole units
    assert "USD" not in page
    assert "$" not in page


def test_a_report_in_yen_shows_whole_yen_without_decimals(client):
    page = rendered_report(client, country="JP", currency="JPY")

    amounts = re.findall(r"¥[\d,]+(?:\.\d+)?", page)
    assert amounts
    assert not [amount for amount in amounts if "." in amount]
    assert "USD" not in page
