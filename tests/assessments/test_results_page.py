"""The results report: shared (read-only) and owner views, the CSV export, never cached.

The report's page shows the summary and one page of the task table; each task's card has a
page of its own (tests/assessments/test_report_task_page.py), the print view has them all
(test_report_print.py), and the table sorts and pages (test_report_table.py).
"""

import csv
import html
import io
import re
import uuid
from collections import defaultdict
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments import services
from assessments.exports import EXPORT_COLUMNS
from assessments.models import Answer, Assessment, Task
from assessments.report import money
from catalog.models import Risk, ServiceType
from tests.assessments.task_values import CORE_AND_SECRET
from tests.factories import (
    AssessmentFactory,
    SubmittedAssessmentFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db


def results_url(token):
    return f"/assessments/{token}/results/"


def owner_url(token):
    return f"/assessments/resume/{token}/results/"


def task_url(token, number, owner=False):
    return (owner_url if owner else results_url)(token) + f"tasks/{number}/"


def print_url(token, owner=False):
    return (owner_url if owner else results_url)(token) + "print/"


def report_urls(assessment):
    """Every page of the report, under the share link and under the resume link."""
    share, resume = assessment.share_token, assessment.resume_token
    return [
        results_url(share),
        task_url(share, 1),
        print_url(share),
        owner_url(resume),
        task_url(resume, 1, owner=True),
        print_url(resume, owner=True),
    ]


def scored_assessment(task_count=2, assessment=None, **fields):
    assessment = assessment or SubmittedAssessmentFactory(**fields)
    service_types = list(ServiceType.objects.order_by("pk")[:task_count])
    for number in range(task_count):
        TaskFactory(
            assessment=assessment,
            name=f"Task number {number} of {assessment.company_name}",
            service_type=service_types[number % len(service_types)],
            monthly_cost=Decimal("4000.00") + number,
        )
    services.score_assessment(assessment)
    assessment.refresh_from_db()
    return assessment


def bulk_scored_assessment(task_count):
    """Many varied tasks, inserted in one go and scored, as a large upload would be."""
    assessment = SubmittedAssessmentFactory()
    service_types = list(ServiceType.objects.order_by("pk"))
    Task.objects.bulk_create(
        Task(
            assessment=assessment,
            position=number,
            name=f"Bulk task {number}",
            service_type=service_types[number % len(service_types)],
            complexity=number % 5 + 1,
            skill_level=number // 5 % 5 + 1,
            standardisation=4 - number % 3,
            strategic_importance=number % 4 + 1,
            data_sensitivity=number % 3 + 1,
            # USD 33 to 65 an hour in-house: enough for the first task, routine and public,
            # to save with BPO, so even the 1-task assessment outsources something.
            monthly_cost=Decimal(4000 + 97 * (number % 40)),
            hours_per_month=Decimal("120"),
        )
        for number in range(task_count)
    )
    services.score_assessment(assessment)
    assessment.refresh_from_db()
    return assessment


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


class PageOutline(HTMLParser):
    """Ids, heading levels, inline styles and inline scripts of a page."""

    def __init__(self, text):
        super().__init__()
        self.ids, self.headings, self.inline = [], [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if "style" in attrs or tag == "style" or (tag == "script" and "src" not in attrs):
            self.inline.append(tag)
        self.inline.extend(name for name in attrs if name.startswith("on"))


# --- Who can see what --------------------------------------------------------------------


def test_results_page_lists_every_task_with_its_answer_and_a_link_to_its_card(client):
    assessment = scored_assessment(task_count=3, company_name="Acme & Sons")

    text = page(client, results_url(assessment.share_token))

    assert "Acme &amp; Sons" in text
    for number, task in enumerate(assessment.tasks.all(), start=1):
        link = f'<a href="{task_url(assessment.share_token, number)}">{html.escape(task.name)}'
        row = (
            re.escape(f'<th scope="row">{link}</a></th>')
            + r'<td><span class="badge [^"]*">'
            + re.escape(f"{task.get_recommendation_display()}</span></td>")
        )
        assert re.search(row, text)
    assert text.count('<article class="card mb-3 report-task') == 0  # cards have own pages
    assert f"v{assessment.scoring_profile.version}" in text


REPORT_PAGES = ["report", "task", "print", "owner-report", "owner-task", "owner-print"]


@pytest.mark.parametrize("index", range(len(REPORT_PAGES)), ids=REPORT_PAGES)
def test_results_pages_are_not_cached_indexed_or_leaked_through_the_referrer(client, index):
    assessment = scored_assessment()
    url = report_urls(assessment)[index]

    response = client.get(url)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    assert response["Referrer-Policy"] == "same-origin"


def test_results_page_answers_head_requests(client):
    assessment = scored_assessment()
    response = client.head(results_url(assessment.share_token))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "path_for",
    [
        lambda submitted, draft: results_url(draft.share_token),
        lambda submitted, draft: results_url(uuid.uuid4()),
        lambda submitted, draft: results_url(submitted.resume_token),
        lambda submitted, draft: results_url(submitted.pk),
        lambda submitted, draft: results_url(str(submitted.share_token).replace("-", "")[:-1]),
        lambda submitted, draft: owner_url(submitted.share_token),
        lambda submitted, draft: owner_url(uuid.uuid4()),
        lambda submitted, draft: owner_url(submitted.pk),
        lambda submitted, draft: f"/assessments/{draft.share_token}/results.csv",
        lambda submitted, draft: f"/assessments/{submitted.resume_token}/results.csv",
        lambda submitted, draft: f"/assessments/resume/{submitted.share_token}/results.csv",
        lambda submitted, draft: task_url(draft.share_token, 1),
        lambda submitted, draft: task_url(submitted.resume_token, 1),
        lambda submitted, draft: task_url(submitted.share_token, 1, owner=True),
        lambda submitted, draft: print_url(draft.share_token),
        lambda submitted, draft: print_url(submitted.resume_token),
        lambda submitted, draft: print_url(submitted.share_token, owner=True),
    ],
    ids=[
        "draft-share-token",
        "random-uuid",
        "resume-token",
        "primary-key",
        "truncated-token",
        "owner-view-share-token",
        "owner-view-random-uuid",
        "owner-view-primary-key",
        "export-draft-share-token",
        "export-resume-token-on-share-url",
        "owner-export-share-token",
        "task-draft-share-token",
        "task-resume-token-on-share-url",
        "owner-task-share-token",
        "print-draft-share-token",
        "print-resume-token-on-share-url",
        "owner-print-share-token",
    ],
)
def test_results_are_404_for_anything_but_the_right_token_of_a_submitted_assessment(
    client, path_for
):
    submitted = scored_assessment()
    draft = scored_assessment(assessment=AssessmentFactory(company_name="Draft Ltd"))
    assert draft.status == Assessment.Status.DRAFT

    response = client.get(path_for(submitted, draft))

    assert response.status_code == 404
    assert submitted.company_name not in response.content.decode()
    assert "Draft Ltd" not in response.content.decode()


def test_owner_view_of_a_draft_goes_back_to_the_questionnaire(client):
    draft = AssessmentFactory()

    for url in (
        owner_url(draft.resume_token),
        task_url(draft.resume_token, 1, owner=True),
        print_url(draft.resume_token, owner=True),
        f"/assessments/resume/{draft.resume_token}/results.csv",
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/assessments/resume/{draft.resume_token}/"


@pytest.mark.parametrize("index", range(len(REPORT_PAGES)), ids=REPORT_PAGES)
def test_results_pages_refuse_post(client, index):
    assessment = scored_assessment()
    response = client.post(report_urls(assessment)[index], {"company_name": "Changed"})
    assert response.status_code == 405
    assessment.refresh_from_db()
    assert assessment.company_name != "Changed"


def test_owner_view_offers_the_share_link_the_private_link_export_print_and_revise(client):
    assessment = scored_assessment()

    text = page(client, owner_url(assessment.resume_token))

    share = f"http://testserver/assessments/{assessment.share_token}/results/"
    assert re.search(r'<label for="share-url"[^>]*>Share link', text)
    assert re.search(rf'<input id="share-url"[^>]* readonly value="{re.escape(share)}"', text)
    private = f"http://testserver/assessments/resume/{assessment.resume_token}/"
    assert re.search(r'<label for="resume-url"[^>]*>Your private link', text)
    assert re.search(rf'<input id="resume-url"[^>]* readonly value="{re.escape(private)}"', text)
    assert f'href="/assessments/resume/{assessment.resume_token}/results.csv"' in text
    printing = f'href="{print_url(assessment.resume_token, owner=True)}">Print / Save as PDF</a>'
    assert printing in text
    revise = re.search(
        rf'<form method="post" action="/assessments/resume/{assessment.resume_token}/revise/"'
        r".*?</form>",
        text,
        re.DOTALL,
    )
    assert revise
    assert 'name="csrfmiddlewaretoken"' in revise.group()
    assert "Revise (make an editable copy)" in revise.group()


def test_shared_view_is_read_only_and_never_reveals_the_private_link(client):
    assessment = scored_assessment()

    text = page(client, results_url(assessment.share_token))

    assert str(assessment.resume_token) not in text
    assert "/revise/" not in text
    assert "Revise" not in text
    assert "csrfmiddlewaretoken" not in text
    assert 'id="share-url"' not in text
    assert f'href="/assessments/{assessment.share_token}/results.csv"' in text
    assert f'href="{print_url(assessment.share_token)}">Print / Save as PDF</a>' in text
    assert f'href="{task_url(assessment.share_token, 1)}"' in text


# --- What the report shows ---------------------------------------------------------------


def test_the_headline_and_the_plan_come_first_then_the_task_table_then_charts_and_risks(client):
    assessment = scored_assessment(task_count=3)

    text = page(client, results_url(assessment.share_token))

    sections = ["headline", "next-steps", "tasks", "map", "options", "risks"]
    places = [text.index(f'<h2 id="{name}-title"') for name in sections]
    assert places == sorted(places)


def test_headline_shows_tasks_per_answer_costs_savings_and_break_even(client):
    assessment = scored_assessment(task_count=3)
    summary = assessment.summary

    text = page(client, results_url(assessment.share_token))

    counts = re.findall(r'<strong class="fs-4">(\d+)</strong> ([^<]+)</li>', text)
    assert counts == [
        (str(summary["counts"]["bpo"]), f"task{'s' * (summary['counts']['bpo'] != 1)} for BPO"),
        (str(summary["counts"]["kpo"]), f"task{'s' * (summary['counts']['kpo'] != 1)} for KPO"),
        (
            str(summary["counts"]["in_house"]),
            f"task{'s' * (summary['counts']['in_house'] != 1)} to keep in-house",
        ),
    ]
    for amount in (
        summary["current"]["monthly"],
        summary["plan"]["monthly"],
        Decimal(summary["current"]["monthly"]) * 12,
        summary["saving_year3"],
    ):
        assert money(amount, "USD") in text
    if summary["break_even_month"]:
        assert f"pays back its transition costs in month {summary['break_even_month']}" in text


def test_page_draws_the_task_map_as_svg_with_a_text_alternative(client):
    assessment = bulk_scored_assessment(30)  # tasks 25-29 share their place with tasks 0-4
    tasks = list(assessment.tasks.all())
    groups = defaultdict(list)
    for task in tasks:
        groups[(task.complexity, task.skill_level, task.get_recommendation_display())].append(task)
    assert len(groups) < len(tasks)

    text = page(client, results_url(assessment.share_token))

    chart = re.search(r'<svg class="report-chart"[^>]*aria-labelledby="map-chart-title', text)
    assert chart
    assert 'role="img"' in chart.group()
    assert '<title id="map-chart-title">' in text
    assert f'<desc id="map-chart-desc">{len(groups)} circles on a 5 by 5 grid' in text
    titles = re.findall(r"<circle [^>]*><title>([^<]*)</title></circle>", text)
    assert len(titles) == len(groups)  # one circle for the tasks that share place and answer
    for (complexity, skill_level, answer), members in groups.items():
        if len(members) == 1:
            names = html.escape(members[0].name)
            title = f"{names}: {answer}"
        else:  # at most 5 names are listed; these groups have 2
            quoted = [f"\u201c{html.escape(task.name)}\u201d" for task in members]
            names = f"{len(members)} tasks: {', '.join(quoted[:-1])} and {quoted[-1]}"
            title = f"{answer}, {names}"
        assert title in titles
        row = (
            f'<th scope="row">{names}</th><td class="text-end">{complexity}</td>'
            f'<td class="text-end">{skill_level}</td><td>{answer}</td>'
        )
        assert row in text
    assert "The task map as a table" in text


def test_page_compares_the_cost_of_each_option_in_a_chart_and_a_table(client):
    assessment = scored_assessment(task_count=2)

    text = page(client, results_url(assessment.share_token))

    chart = text[text.index('aria-labelledby="options-chart-title') :]
    chart = chart[: chart.index("</svg>")]
    assert chart.count("<rect ") == 8  # four options, per month and over three years
    for label in (
        "Everything in-house (today)",
        "Everything with BPO where possible",
        "Everything with KPO where possible",
        "Recommended plan",
    ):
        assert chart.count(f">{label}</text>") == 2
        assert f'<th scope="row">{label}</th>' in text
    plan = money(assessment.summary["plan"]["monthly"], "USD")
    assert f"Recommended plan: {plan} a month" in chart


def test_risks_with_their_mitigations_are_shown_only_for_outsourced_work(client):
    outsourced = scored_assessment(task_count=2)
    kept = SubmittedAssessmentFactory()
    TaskFactory(assessment=kept, service_type=ServiceType.objects.first(), **CORE_AND_SECRET)
    services.score_assessment(kept)
    assert set(kept.tasks.values_list("recommendation", flat=True)) == {Answer.IN_HOUSE}
    assert outsourced.tasks.exclude(recommendation=Answer.IN_HOUSE).exists()

    with_risks = page(client, results_url(outsourced.share_token))
    without = page(client, results_url(kept.share_token))

    expected = Risk.objects.filter(
        service_types__in=outsourced.tasks.exclude(recommendation=Answer.IN_HOUSE).values(
            "service_type"
        )
    ).distinct()
    assert expected
    for risk in expected:
        assert html.escape(risk.mitigation) in with_risks
    for risk in Risk.objects.all():
        assert html.escape(risk.mitigation) not in without
    assert "none of the risks of outsourcing apply" in without


def test_next_steps_start_with_a_pilot_or_say_to_keep_the_work(client):
    outsourced = scored_assessment(task_count=2)
    kept = SubmittedAssessmentFactory()
    TaskFactory(assessment=kept, **CORE_AND_SECRET)
    services.score_assessment(kept)

    assert "Start with one pilot" in page(client, results_url(outsourced.share_token))
    in_house_only = page(client, results_url(kept.share_token))
    assert "Keep the work in-house for now" in in_house_only
    assert "Start with one pilot" not in in_house_only


# --- Markup that audits and the Content-Security-Policy rely on --------------------------


@pytest.mark.parametrize("index", range(len(REPORT_PAGES)), ids=REPORT_PAGES)
def test_page_has_no_inline_styles_or_scripts_no_duplicate_ids_and_ordered_headings(client, index):
    assessment = scored_assessment(task_count=5)

    outline = PageOutline(page(client, report_urls(assessment)[index]))

    assert outline.inline == []
    assert len(outline.ids) == len(set(outline.ids))
    assert outline.headings[0] == 1
    assert outline.headings.count(1) == 1
    for previous, current in zip(outline.headings, outline.headings[1:], strict=False):
        assert current <= previous + 1


@pytest.mark.parametrize("index", range(len(REPORT_PAGES)), ids=REPORT_PAGES)
def test_page_links_its_print_stylesheet_for_print_only(client, index):
    assessment = scored_assessment()
    text = page(client, report_urls(assessment)[index])
    assert re.search(r'<link rel="stylesheet" href="[^"]*css/print\.css" media="print">', text)


# --- Query count -------------------------------------------------------------------------


def page_query_count(client, url, cached=False):
    if not cached:
        cache.clear()  # measure the rendering, not cached fragments
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("cached", [False, True], ids=["first-view", "cached"])
@pytest.mark.parametrize("index", range(len(REPORT_PAGES)), ids=REPORT_PAGES)
def test_report_pages_query_count_is_the_same_for_10_and_60_tasks(client, index, cached):
    small = scored_assessment(task_count=10)
    large = scored_assessment(task_count=60)  # two pages of the task table
    assert large.tasks.exclude(service_type=None).values("service_type").distinct().count() > 30

    counts = []
    for assessment in (small, large):
        url = report_urls(assessment)[index]
        counts.append(page_query_count(client, url) if not cached else None)
        if cached:
            page_query_count(client, url)  # fills the cache
            counts[-1] = page_query_count(client, url, cached=True)

    assert counts[0] == counts[1]
    # A first view: each cached fragment (the answer, the plan, the table, the charts and,
    # printed, the cards) is read, then stored, by the database cache.
    assert counts[0] <= 37


def test_results_page_queries_and_size_are_the_same_for_1_100_and_1000_tasks(client):
    sizes = [bulk_scored_assessment(count) for count in (1, 100, 1000)]
    assert [a.tasks.count() for a in sizes] == [1, 100, 1000]
    assert all(a.tasks.exclude(recommendation=Answer.IN_HOUSE).exists() for a in sizes)

    shared = {page_query_count(client, results_url(a.share_token)) for a in sizes}
    owner = {page_query_count(client, owner_url(a.resume_token)) for a in sizes}
    hundred, thousand = (page(client, results_url(a.share_token)) for a in sizes[1:])

    assert len(shared) == 1
    assert len(owner) == 1
    # 50 rows of the table and at most 75 circles on the task map, however many tasks.
    assert len(thousand) < 1.25 * len(hundred)
    assert thousand.count("<circle ") <= 75
    assert thousand.count('<tr><th scope="row"><a href=') == 50


# --- CSV export --------------------------------------------------------------------------


@pytest.mark.parametrize("owner", [False, True], ids=["shared", "owner"])
def test_export_downloads_every_task_as_csv_with_formulas_escaped(client, owner):
    assessment = scored_assessment(task_count=2)
    assessment.tasks.filter(position=assessment.tasks.first().position).update(
        name="=HYPERLINK(evil)"
    )
    url = (
        f"/assessments/resume/{assessment.resume_token}/results.csv"
        if owner
        else f"/assessments/{assessment.share_token}/results.csv"
    )

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="outsourcing-advice-')
    assert "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == EXPORT_COLUMNS
    assert len(rows) == 3
    names = [row[0] for row in rows[1:]]
    assert "'=HYPERLINK(evil)" in names
    assert "=HYPERLINK(evil)" not in names


def test_a_submitted_assessment_without_tasks_still_renders_a_report(client):
    assessment = SubmittedAssessmentFactory()
    services.score_assessment(assessment)

    text = page(client, results_url(assessment.share_token))

    assert "Everything stays in-house, so there is no transition to pay back." in text
    assert "Keep the work in-house for now" in text
    assert "This assessment has no tasks." in text
    assert "<circle " not in text.split('id="map-chart-title"')[1].split("</svg>")[0]
    assert "This assessment has no tasks." in page(client, print_url(assessment.share_token))
    assert client.get(task_url(assessment.share_token, 1)).status_code == 404
