"""The report's task table: sorted on the server by its column headings, 50 tasks a page."""

import html
import re

import pytest

from assessments.report import TASKS_PER_PAGE
from tests.assessments.test_results_page import (
    bulk_scored_assessment,
    owner_url,
    page,
    results_url,
    task_url,
)

pytestmark = pytest.mark.django_db

ROW = re.compile(r'<tr><th scope="row"><a href="([^"]*)">([^<]*)</a></th>')
HEADING = re.compile(r'<th scope="col"[^>]*?(?: aria-sort="(\w+)")?><a href="\?sort=([^"#]*)#')

# What each column sorts by, read off a task as the owner sees it.
COLUMN_VALUES = {
    "task": lambda task: task.name.lower(),
    "answer": lambda task: task.get_recommendation_display().lower(),
    "cost": lambda task: task.monthly_cost,
    "saving": lambda task: task.monthly_saving,
    "confidence": lambda task: task.confidence,
}


@pytest.fixture
def assessment():
    """60 varied tasks: two pages of the table, with ties in every column but the name."""
    return bulk_scored_assessment(60)


def rows(text):
    """(link, task name) of each row of the table, in order."""
    return [(link, html.unescape(name)) for link, name in ROW.findall(text)]


def every_row(client, url, sort):
    pages = [page(client, f"{url}?sort={sort}&page={number}") for number in (1, 2)]
    return rows(pages[0]) + rows(pages[1])


def expected_order(tasks, key, descending):
    """Sorted by the column, ties in the order the owner listed the tasks."""
    listed = sorted(tasks, key=lambda task: (task.position, task.pk))
    return sorted(listed, key=COLUMN_VALUES[key], reverse=descending)


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("key", list(COLUMN_VALUES))
def test_each_column_sorts_every_task_both_ways(client, assessment, key, descending):
    tasks = list(assessment.tasks.all())
    values = {COLUMN_VALUES[key](task) for task in tasks}
    assert len(values) > 2  # the column has something to sort
    sort = f"-{key}" if descending else key

    shown = every_row(client, results_url(assessment.share_token), sort)

    assert [name for _, name in shown] == [
        task.name for task in expected_order(tasks, key, descending)
    ]


def test_without_a_sort_the_tasks_are_in_the_order_listed_and_numbered_so(client, assessment):
    listed = list(assessment.tasks.order_by("position", "pk"))
    reversed_positions = {task.pk: len(listed) - index for index, task in enumerate(listed)}
    # Positions need not follow the keys: list them in the reverse of their creation.
    for task in listed:
        task.position = reversed_positions[task.pk]
    type(listed[0]).objects.bulk_update(listed, ["position"])
    listed.sort(key=lambda task: task.position)

    shown = every_row(client, results_url(assessment.share_token), "")

    assert [name for _, name in shown] == [task.name for task in listed]
    token = assessment.share_token
    assert [link for link, _ in shown] == [task_url(token, n) for n in range(1, 61)]


@pytest.mark.parametrize("sort", ["-saving", "confidence"])
def test_a_task_keeps_its_number_and_link_whatever_the_sort(client, assessment, sort):
    numbers = {
        task.name: number
        for number, task in enumerate(assessment.tasks.order_by("position", "pk"), start=1)
    }

    shown = every_row(client, results_url(assessment.share_token), sort)

    assert len(shown) == 60
    for link, name in shown:
        assert link == task_url(assessment.share_token, numbers[name])


def test_the_sorted_column_says_so_and_its_link_reverses_the_order(client, assessment):
    url = results_url(assessment.share_token)

    unsorted = HEADING.findall(page(client, url))
    ascending = HEADING.findall(page(client, url + "?sort=saving"))
    descending = HEADING.findall(page(client, url + "?sort=-saving"))

    keys = list(COLUMN_VALUES)
    assert unsorted == [("", key) for key in keys]
    assert ascending == [("ascending", "-saving") if k == "saving" else ("", k) for k in keys]
    assert descending == [("descending", "saving") if k == "saving" else ("", k) for k in keys]


def test_the_table_caption_says_which_tasks_and_how_they_are_sorted(client, assessment):
    url = results_url(assessment.share_token)

    assert "<caption>Tasks 1 to 50 of 60, in the order you listed them</caption>" in page(
        client, url
    )
    second = page(client, url + "?sort=-cost&page=2")
    assert "<caption>Tasks 51 to 60 of 60, sorted by In-house cost a month, descending" in second


def test_a_page_shows_50_tasks_and_its_page_links_keep_the_sort(client, assessment):
    url = results_url(assessment.share_token)

    first = page(client, url + "?sort=-saving")

    assert TASKS_PER_PAGE == 50
    assert len(rows(first)) == 50
    pages = re.search(r'<nav class="report-pages".*?</nav>', first, re.DOTALL).group()
    links = re.findall(r'<a class="page-link" href="([^"]*)">([^<]*)</a>', pages)
    assert links == [
        ("?sort=-saving&amp;page=2#tasks-title", "2"),
        ("?sort=-saving&amp;page=2#tasks-title", "Next"),
    ]
    assert '<li class="page-item active" aria-current="page"><span class="page-link">1<' in pages

    second = page(client, url + html.unescape(links[0][0]).split("#")[0])

    assert len(rows(second)) == 10
    expected = expected_order(list(assessment.tasks.all()), "saving", descending=True)
    assert [name for _, name in rows(second)] == [task.name for task in expected[50:]]
    assert 'href="?sort=-saving&amp;page=1#tasks-title">Previous</a>' in second


@pytest.mark.parametrize(
    ("query", "first_task"),
    [
        ("?sort=pk", 0),  # not a column: the listed order
        ("?sort=-result", 0),
        ("?sort=task&page=abc", None),  # not a number: the first page
        ("?page=99", 50),  # past the end: the last page
        ("?page=-1", 50),
    ],
)
def test_unknown_sorts_and_pages_fall_back_to_something_sensible(
    client, assessment, query, first_task
):
    text = page(client, results_url(assessment.share_token) + query)

    names = [name for _, name in rows(text)]
    if first_task is None:
        assert names[0] == min(assessment.tasks.values_list("name", flat=True), key=str.lower)
    else:
        assert names[0] == f"Bulk task {first_task}"
    if "sort=task" not in query:
        assert "aria-sort" not in text


def test_the_owners_table_links_each_task_under_the_resume_link(client, assessment):
    text = page(client, owner_url(assessment.resume_token) + "?sort=confidence")

    links = [link for link, _ in rows(text)]
    assert len(links) == 50
    assert all(link.startswith(f"/assessments/resume/{assessment.resume_token}/") for link in links)
    assert str(assessment.share_token) not in "".join(links)


def test_a_kept_table_is_kept_per_page_shown_and_per_link(client, assessment):
    """The table is cached by the page Paginator shows (odd page numbers included) and by
    whose links it holds, so no visit is served another page's or another link's rows."""
    shared = results_url(assessment.share_token)
    last_page_names = [name for _, name in rows(page(client, shared + "?page=-1"))]
    owner_rows = rows(page(client, owner_url(assessment.resume_token)))

    first_page = rows(page(client, shared + "?page=1"))
    again_last = [name for _, name in rows(page(client, shared + "?page=99"))]

    assert first_page[0][1] == "Bulk task 0"
    assert last_page_names[0] == "Bulk task 50"
    assert again_last == last_page_names
    assert all(str(assessment.share_token) in link for link, _ in first_page)
    assert all(str(assessment.resume_token) in link for link, _ in owner_rows)
