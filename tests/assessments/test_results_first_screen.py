"""The results page opens on its answer (issue 18, point 6): how many tasks go where, what
the plan saves or costs over three years, and the one step to take first; the report's
contents, its explanation, the task table and the charts follow, and sharing, export and
revising come after them."""

import re
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string

from assessments.advice import NextSteps
from assessments.report import Row, headline
from tests.assessments.test_results_page import (
    owner_url,
    page,
    print_url,
    results_url,
    scored_assessment,
)

pytestmark = pytest.mark.django_db


def answer_section(text):
    start = text.index('<section class="report-answer')
    return text[start : text.index("</section>", start)]


def plain(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.mark.parametrize("view", ["owner", "shared"])
def test_the_answer_comes_first_and_the_tools_last(client, view):
    assessment = scored_assessment(task_count=3)
    url = (
        owner_url(assessment.resume_token)
        if view == "owner"
        else results_url(assessment.share_token)
    )

    text = page(client, url)

    order = [
        '<h1 class="h2">Results for',
        'id="answer-title"',
        'aria-label="Contents of this report"',
        'id="headline-title"',
        'id="next-steps-title"',
        'id="tasks-title"',
        'id="risks-title"',
        'id="tools-title"',
    ]
    places = [text.index(marker) for marker in order]
    assert places == sorted(places)
    summary = assessment.summary
    saving = headline(summary, assessment.currency).three_years
    words = plain(answer_section(text))
    for answer, phrase in (("bpo", "for BPO"), ("kpo", "for KPO"), ("in_house", "in-house")):
        count = summary["counts"].get(answer, 0)
        assert re.search(rf"\b{count} tasks? (to keep )?{phrase}", words), words
    assert f"{saving.label}: {saving.cells[0]} ({saving.cells[1]})" in words
    assert "Next step:" in words
    # What the answer says, the explanation below does not say again: the three-year figure
    # is only in its cost table, and the break-even month only in the answer.
    start = text.index('aria-labelledby="headline-title"')
    glance = plain(text[start : text.index("</section>", start)])
    assert saving.label not in glance
    assert re.search(rf"Years 1 to 3 .* {re.escape(saving.cells[0])}$", glance), glance
    break_even = headline(summary, assessment.currency).break_even
    assert break_even in words
    assert break_even not in glance


def steps(**facts):
    defaults = {
        "pilot": None,
        "pilot_saving": "",
        "bpo_tasks": "",
        "kpo_tasks": "",
        "sensitive_tasks": "",
        "close_calls": "",
        "break_even_month": None,
        "plan_year1": "$1",
        "plan_extra_cost": "",
    }
    return NextSteps(**{**defaults, **facts})


SAVING = Row("Saving over 3 years", ["$9,000", "years 1 to 3"])


def first_screen(next_steps, saving=SAVING):
    headline_ = SimpleNamespace(
        counts=[("bpo", ("task for BPO", "tasks for BPO"), 1)],
        figures=[Row("a", ["", ""]), Row("b", ["", ""]), Row("c", ["", ""])],
        three_years=saving,
        break_even="The plan pays back its transition costs in month 7.",
    )
    return plain(
        render_to_string(
            "assessments/includes/_report_answer.html",
            {"headline": headline_, "steps": next_steps},
        )
    )


def test_a_plan_with_a_pilot_names_it_as_the_next_step():
    pilot = SimpleNamespace(name="Payroll run", get_recommendation_display="BPO")

    words = first_screen(steps(pilot=pilot, pilot_saving="$800"))

    assert "1 task for BPO" in words
    assert "Saving over 3 years: $9,000 (years 1 to 3)" in words
    assert "pays back its transition costs in month 7" in words
    assert (
        "Next step: start with one pilot. Hand “Payroll run” to a BPO provider, saving "
        "about $800 a month, and measure it before you move more work." in words
    )


def test_a_plan_that_costs_more_says_so_before_any_pilot():
    pilot = SimpleNamespace(name="Legal research", get_recommendation_display="KPO")
    extra = Row("Extra cost over 3 years", ["$4,000", "years 1 to 3"])

    words = first_screen(steps(pilot=pilot, plan_extra_cost="$4,000"), saving=extra)

    assert "Extra cost over 3 years: $4,000" in words
    assert "Next step: weigh the extra cost first." in words
    assert "Legal research" not in words


def test_everything_in_house_says_to_keep_the_work():
    words = first_screen(steps())

    assert "Next step: keep the work in-house for now." in words


def test_the_contents_show_whichever_page_filled_the_cache_and_name_the_visitors_tools(client):
    """The print view caches the same answer and plan; the contents are the page's own."""
    assessment = scored_assessment(task_count=2)
    cache.clear()
    page(client, print_url(assessment.share_token))  # fills the shared fragments first

    shared = page(client, results_url(assessment.share_token))
    owner = page(client, owner_url(assessment.resume_token))

    contents = 'aria-label="Contents of this report"'
    assert contents in shared
    assert contents in owner
    assert contents not in page(client, print_url(assessment.share_token))
    assert '<a href="#tools-title">Export and print</a>' in shared
    assert '<a href="#tools-title">Share, export and revise</a>' in owner
