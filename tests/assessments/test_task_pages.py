"""The tasks step in pages: a long draft shows TASKS_PER_PAGE saved tasks at a time.

Going to another page saves the one on screen first; new tasks go on the last page; the cap
on tasks and the rows' keys are checked against the whole draft, not the page.
"""

import re

import pytest

from assessments.models import MAX_TASKS, Assessment, Task
from assessments.views.task_pages import TASKS_PER_PAGE
from tests.assessments.questionnaire_helpers import task_row, tasks_post
from tests.factories import AssessmentFactory, TaskFactory

pytestmark = pytest.mark.django_db


def step(assessment):
    return f"/assessments/resume/{assessment.resume_token}/tasks/"


def draft_with(count, **fields):
    assessment = AssessmentFactory(**fields)
    Task.objects.bulk_create(
        TaskFactory.build(assessment=assessment, position=n, name=f"Task no. {n}")
        for n in range(1, count + 1)
    )
    return assessment


def shown(response):
    """(names of the saved rows shown, TOTAL_FORMS, INITIAL_FORMS, row numbers shown)."""
    page = response.content.decode()
    names = re.findall(r'name="tasks-\d+-name"[^>]*value="([^"]*)"', page)
    total = int(re.search(r'name="tasks-TOTAL_FORMS" value="(\d+)"', page).group(1))
    initial = int(re.search(r'name="tasks-INITIAL_FORMS" value="(\d+)"', page).group(1))
    numbers = [
        int(n)
        for n in re.findall(r'<fieldset class="[^"]*\btask-row\b[^"]*" id="task-(\d+)"', page)
    ]
    return names, total, initial, numbers


def page_rows(assessment, number):
    """The saved tasks page `number` shows, in order."""
    start = (number - 1) * TASKS_PER_PAGE
    return list(assessment.tasks.order_by("position")[start : start + TASKS_PER_PAGE])


def test_a_long_draft_shows_its_first_page_without_blank_rows(client):
    assessment = draft_with(2 * TASKS_PER_PAGE + 20)

    response = client.get(step(assessment))

    names, total, initial, numbers = shown(response)
    assert names == [f"Task no. {n}" for n in range(1, TASKS_PER_PAGE + 1)]
    assert (total, initial) == (TASKS_PER_PAGE, TASKS_PER_PAGE)  # blank rows: last page only
    assert numbers == list(range(1, TASKS_PER_PAGE + 1))
    page = response.content.decode()
    assert f"Tasks 1 to {TASKS_PER_PAGE} of {2 * TASKS_PER_PAGE + 20}" in page
    assert 'aria-current="page">1<' in page
    assert page.count('name="action" value="page-') == 2  # pages 2 and 3
    # The browser may add rows up to the room left in the whole draft, not in this page.
    assert f'data-room="{MAX_TASKS - (2 * TASKS_PER_PAGE + 20)}"' in page


def test_the_last_page_numbers_its_rows_through_the_list_and_offers_a_blank_row(client):
    assessment = draft_with(2 * TASKS_PER_PAGE + 20)

    names, total, initial, numbers = shown(client.get(step(assessment) + "?page=3"))

    first = 2 * TASKS_PER_PAGE + 1
    assert names == [f"Task no. {n}" for n in range(first, first + 20)]
    assert (total, initial) == (21, 20)
    assert numbers == list(range(first, first + 21))


@pytest.mark.parametrize(("query", "expected"), [("?page=99", 2), ("?page=0", 1), ("?page=x", 1)])
def test_a_page_out_of_range_or_not_a_number_opens_the_nearest(client, query, expected):
    assessment = draft_with(TASKS_PER_PAGE + 1)

    names, *_ = shown(client.get(step(assessment) + query))

    assert names[0] == f"Task no. {(expected - 1) * TASKS_PER_PAGE + 1}"


def test_a_short_draft_has_one_page_and_no_pager(client):
    assessment = draft_with(TASKS_PER_PAGE)

    page = client.get(step(assessment)).content.decode()

    assert "page-2" not in page
    assert "Pages of tasks" not in page
    assert shown(client.get(step(assessment)))[1] == TASKS_PER_PAGE + 1  # one blank row


def test_going_to_another_page_saves_this_one_first(client):
    assessment = draft_with(2 * TASKS_PER_PAGE + 5)
    second = page_rows(assessment, 2)
    changes = [(task, {}) for task in second]
    changes[0] = (second[0], {"name": "Renamed on page 2"})

    response = client.post(step(assessment) + "?page=2", tasks_post([], changes, action="page-3"))

    assert response.status_code == 302
    assert response["Location"] == step(assessment) + "?page=3"
    names = list(assessment.tasks.order_by("position").values_list("name", flat=True))
    assert len(names) == 2 * TASKS_PER_PAGE + 5
    assert names[TASKS_PER_PAGE] == "Renamed on page 2"
    assert names[:TASKS_PER_PAGE] == [f"Task no. {n}" for n in range(1, TASKS_PER_PAGE + 1)]


def test_removing_tasks_then_going_on_opens_this_page_again_with_those_moved_up(client):
    # Offset pages: the first two tasks of page 3 move up onto page 2 when two of page 2
    # go. Going straight on to page 3 would pass over them unseen.
    assessment = draft_with(3 * TASKS_PER_PAGE)
    second = page_rows(assessment, 2)
    changes = [(task, {}) for task in second]
    changes[0] = (second[0], {"DELETE": "on"})
    changes[7] = (second[7], {"DELETE": "on", "name": "Changed and removed"})

    response = client.post(step(assessment) + "?page=2", tasks_post([], changes, action="page-3"))

    assert response["Location"] == step(assessment) + "?page=2"
    assert assessment.tasks.count() == 3 * TASKS_PER_PAGE - 2
    again = client.get(response["Location"])
    names = shown(again)[0]
    moved_up = [f"Task no. {2 * TASKS_PER_PAGE + n}" for n in (1, 2)]
    assert names[-2:] == moved_up
    assert "Removed 2 tasks." in again.content.decode()
    assert "page 3 starts after them" in again.content.decode()
    # Going on from here passes over nothing.
    rest = client.post(
        step(assessment) + "?page=2",
        tasks_post([], [(task, {}) for task in page_rows(assessment, 2)], action="page-3"),
    )
    assert rest["Location"] == step(assessment) + "?page=3"
    assert shown(client.get(rest["Location"]))[0][0] == f"Task no. {2 * TASKS_PER_PAGE + 3}"


def test_removing_tasks_so_the_next_page_is_gone_says_this_page_is_now_the_last(client):
    assessment = draft_with(TASKS_PER_PAGE + 5)
    first = page_rows(assessment, 1)
    changes = [(task, {"DELETE": "on"} if n < 10 else {}) for n, task in enumerate(first)]

    response = client.post(step(assessment), tasks_post([], changes, action="page-2"))

    assert response["Location"] == step(assessment)
    page = client.get(response["Location"]).content.decode()
    assert "Removed 10 tasks." in page
    assert "it is now the last page." in page
    assert "page 2 starts" not in page
    assert shown(client.get(response["Location"]))[0][-5:] == [
        f"Task no. {TASKS_PER_PAGE + n}" for n in range(1, 6)
    ]


@pytest.mark.parametrize(
    ("action", "expected"), [("page-1", ""), ("page-4", "?page=4"), ("save", "?page=2")]
)
def test_removing_tasks_then_going_back_jumping_or_saving_goes_where_asked(
    client, action, expected
):
    assessment = draft_with(3 * TASKS_PER_PAGE + 10)
    second = page_rows(assessment, 2)
    changes = [(task, {}) for task in second]
    changes[3] = (second[3], {"DELETE": "on"})

    response = client.post(step(assessment) + "?page=2", tasks_post([], changes, action=action))

    assert response["Location"] == step(assessment) + expected
    assert assessment.tasks.count() == 3 * TASKS_PER_PAGE + 9


def test_moving_between_pages_without_changes_writes_nothing(client):
    assessment = draft_with(TASKS_PER_PAGE + 5)
    before = Assessment.objects.get(pk=assessment.pk).updated_at

    response = client.post(
        step(assessment),
        tasks_post([], [(task, {}) for task in page_rows(assessment, 1)], "page-2"),
    )

    assert response["Location"] == step(assessment) + "?page=2"
    assert Assessment.objects.get(pk=assessment.pk).updated_at == before


def test_adding_a_task_from_an_early_page_saves_it_and_opens_the_last_page(client):
    assessment = draft_with(2 * TASKS_PER_PAGE + 5)
    first = [(task, {}) for task in page_rows(assessment, 1)]

    response = client.post(step(assessment), tasks_post([task_row(name="New")], first, "add"))

    assert response["Location"] == step(assessment) + "?page=3&rows=1#new-task"
    last = assessment.tasks.order_by("position").last()
    assert last.name == "New"
    names, total, initial, numbers = shown(client.get(response["Location"]))
    assert names[-1] == "New"
    assert total == initial + 1
    assert numbers[-1] == 2 * TASKS_PER_PAGE + 7


def test_saving_a_later_page_stays_on_it(client):
    assessment = draft_with(TASKS_PER_PAGE + 5)
    rows = [(task, {}) for task in page_rows(assessment, 2)]
    rows[0] = (rows[0][0], {"name": "Changed"})

    response = client.post(step(assessment) + "?page=2", tasks_post([], rows))

    assert response["Location"] == step(assessment) + "?page=2"
    assert assessment.tasks.filter(name="Changed").exists()


def test_errors_show_the_page_again_with_its_own_numbers(client):
    assessment = draft_with(TASKS_PER_PAGE + 5)
    rows = [(task, {}) for task in page_rows(assessment, 2)]
    rows[0] = (rows[0][0], {"monthly_cost": "-1"})

    response = client.post(step(assessment) + "?page=2", tasks_post([], rows, "page-1"))

    assert response.status_code == 200
    _names, _total, initial, numbers = shown(response)
    assert numbers[0] == TASKS_PER_PAGE + 1
    assert initial == 5
    # The summary at the top names the row as its heading does.
    assert f"Task {TASKS_PER_PAGE + 1}, Monthly in-house cost" in response.content.decode()
    assert not assessment.tasks.filter(monthly_cost__lt=0).exists()


def test_rows_are_saved_by_key_even_when_the_pages_have_shifted(client):
    # Loaded page 2, then another tab removed a task of page 1: the first row of page 2 now
    # sits on page 1. Its change still reaches it.
    assessment = draft_with(TASKS_PER_PAGE + 5)
    rows = [(task, {}) for task in page_rows(assessment, 2)]
    rows[0] = (rows[0][0], {"name": "Still mine"})
    assessment.tasks.order_by("position").first().delete()

    response = client.post(step(assessment) + "?page=2", tasks_post([], rows))

    assert response.status_code == 302
    assert assessment.tasks.order_by("position")[TASKS_PER_PAGE - 1].name == "Still mine"


def test_the_cap_counts_every_page(client):
    assessment = draft_with(MAX_TASKS)
    rows = [(task, {}) for task in page_rows(assessment, 1)]

    response = client.post(step(assessment), tasks_post([task_row()], rows))

    assert response.status_code == 200
    assert f"at most {MAX_TASKS} tasks" in response.content.decode()
    assert assessment.tasks.count() == MAX_TASKS


def test_each_page_is_kept_apart(client):
    assessment = draft_with(TASKS_PER_PAGE + 5)

    first, second = client.get(step(assessment)), client.get(step(assessment) + "?page=2")
    again = client.get(step(assessment) + "?page=2")

    assert shown(first)[0] != shown(second)[0]
    assert shown(second)[0] == shown(again)[0]


def test_saving_a_new_task_on_a_full_last_page_opens_the_page_it_went_to(client):
    assessment = draft_with(2 * TASKS_PER_PAGE)
    rows = [(task, {}) for task in page_rows(assessment, 2)]

    response = client.post(step(assessment) + "?page=2", tasks_post([task_row(name="New")], rows))

    assert response["Location"] == step(assessment) + "?page=3"
    assert shown(client.get(response["Location"]))[0][0] == "New"


def test_odd_page_numbers_in_the_address_open_a_real_page(client):
    assessment = draft_with(TASKS_PER_PAGE + 5)

    for query, first_row in (
        ("", 1),
        ("?page=0", 1),
        ("?page=-3", 1),
        ("?page=x", 1),
        ("?page=2", TASKS_PER_PAGE + 1),
        ("?page=99999", TASKS_PER_PAGE + 1),
    ):
        page = client.get(step(assessment) + query)
        assert page.status_code == 200, query
        assert f'id="task-{first_row}"' in page.content.decode(), query


def test_the_review_links_each_task_to_its_row_on_its_page(client):
    assessment = draft_with(2 * TASKS_PER_PAGE + 20)

    page = client.get(f"/assessments/resume/{assessment.resume_token}/review/").content.decode()

    links = re.findall(r'<th scope="row"><a href="([^"]+)">Task no\. (\d+)</a></th>', page)
    assert len(links) == 2 * TASKS_PER_PAGE + 20
    by_number = {int(number): url for url, number in links}
    assert by_number[1] == step(assessment) + "#task-1"
    assert by_number[TASKS_PER_PAGE] == step(assessment) + f"#task-{TASKS_PER_PAGE}"
    last = 2 * TASKS_PER_PAGE + 20
    assert by_number[TASKS_PER_PAGE + 1] == step(assessment) + f"?page=2#task-{TASKS_PER_PAGE + 1}"
    assert by_number[last] == step(assessment) + f"?page=3#task-{last}"
    # The link opens the page that holds the row it names.
    target = client.get(by_number[TASKS_PER_PAGE + 1].split("#")[0])
    assert shown(target)[3][0] == TASKS_PER_PAGE + 1
    assert shown(target)[0][0] == f"Task no. {TASKS_PER_PAGE + 1}"
