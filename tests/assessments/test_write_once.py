"""Every questionnaire write happens once, and never from a page older than the draft.

A form sent twice (a double click, a resent POST, Back then save) acts once and the
second copy lands where the first went, with no error (`assessments.once`). A save made
from a page opened before another window saved is refused, names what changed, keeps the
owner's entries and never brings a removed task back (`drafts.DraftConflict`).
"""

import re
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client

from assessments.models import Assessment, FormSubmission, Task
from tests.assessments.questionnaire_helpers import company_data, task_row, tasks_post
from tests.factories import AssessmentFactory, SubmittedAssessmentFactory, TaskFactory

FORM_KEY = re.compile(r'name="form_key" value="([^"]+)"')
REVISION = re.compile(r'name="revision" value="(\d+)"')
CSV = "name,complexity,skill_level,monthly_cost\nPayroll,2,2,3000\nInvoicing,1,1,1500\n"


def url(assessment, step):
    return f"/assessments/resume/{assessment.resume_token}/{step}/"


def page_fields(client, address):
    """The hidden fields the page at `address` gives its form (the first one)."""
    page = client.get(address).content.decode()
    fields = {"form_key": FORM_KEY.search(page).group(1)}
    revision = REVISION.search(page)
    if revision:
        fields["revision"] = revision.group(1)
    return fields


def upload_data(fields, content=CSV, mode="add"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    file = SimpleUploadedFile("tasks.csv", content.encode(), content_type="text/csv")
    return {"file": file, "mode": mode, **fields}


# --- Sent twice, done once --------------------------------------------------------------


@pytest.mark.django_db
def test_the_start_form_sent_twice_makes_one_draft_and_both_land_on_it(client):
    data = company_data() | page_fields(client, "/assessments/start/")

    first = client.post("/assessments/start/", data)
    second = client.post("/assessments/start/", data)

    assert Assessment.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"] == url(Assessment.objects.get(), "tasks")


@pytest.mark.django_db
def test_new_rows_sent_twice_are_saved_once(client):
    draft = AssessmentFactory()
    data = tasks_post([task_row(name="Payroll")]) | page_fields(client, url(draft, "tasks"))

    first = client.post(url(draft, "tasks"), data)
    second = client.post(url(draft, "tasks"), data)

    assert list(draft.tasks.values_list("name", flat=True)) == ["Payroll"]
    assert second["Location"] == first["Location"]
    assert "already been sent" in client.get(second["Location"]).content.decode()


@pytest.mark.django_db
def test_a_file_uploaded_twice_is_imported_once(client):
    draft = AssessmentFactory()
    fields = page_fields(client, url(draft, "upload"))

    client.post(url(draft, "upload"), upload_data(fields))
    second = client.post(url(draft, "upload"), upload_data(fields))

    assert draft.tasks.count() == 2
    assert second["Location"] == url(draft, "tasks") + "?imported=1"


@pytest.mark.django_db
def test_revise_sent_twice_makes_one_copy(client):
    submitted = SubmittedAssessmentFactory()
    TaskFactory(assessment=submitted)
    data = {"form_key": "0c4d6f7e-52a1-4b8e-9d1b-3f2a5c6e7d80"}

    first = client.post(url(submitted, "revise"), data)
    second = client.post(url(submitted, "revise"), data)

    assert Assessment.objects.count() == 2
    assert second["Location"] == first["Location"]


@pytest.mark.django_db
def test_each_page_gives_its_form_a_new_key(client):
    draft = AssessmentFactory()

    keys = {page_fields(client, url(draft, "tasks"))["form_key"] for _ in range(3)}

    assert len(keys) == 3


@pytest.mark.django_db
def test_a_form_refused_for_its_entries_can_be_sent_again_with_the_same_key(client):
    fields = page_fields(client, "/assessments/start/")

    refused = client.post("/assessments/start/", company_data(company_name="") | fields)
    accepted = client.post("/assessments/start/", company_data() | fields)

    assert refused.status_code == 200
    assert accepted.status_code == 302
    assert Assessment.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("key", [None, "", "not-a-key"])
def test_a_form_without_a_valid_key_saves_nothing_and_keeps_the_entries(client, key):
    data = company_data(company_name="Harbour Freight")
    data.pop("form_key")
    if key is not None:
        data["form_key"] = key

    response = client.post("/assessments/start/", data)

    assert response.status_code == 200
    assert not Assessment.objects.exists()
    page = response.content.decode()
    assert "nothing was saved" in page
    assert 'value="Harbour Freight"' in page
    assert FORM_KEY.search(page)  # a fresh key to send it with


# --- Two at the same moment (PostgreSQL) --------------------------------------------------


def at_once(count, send):
    """Run `send(client)` from `count` threads released together; their responses."""
    barrier = threading.Barrier(count)
    responses = [None] * count

    def run(index):
        from django.db import connections

        try:
            client = Client()
            barrier.wait()
            responses[index] = send(client)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses


needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks: PostgreSQL (make test runs both)"
)


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_identical_start_forms_at_once_make_one_draft():
    data = company_data()

    responses = at_once(2, lambda client: client.post("/assessments/start/", data))

    assert Assessment.objects.count() == 1
    assert {response.status_code for response in responses} == {302}
    assert len({response["Location"] for response in responses}) == 1
    assert FormSubmission.objects.count() == 1


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_identical_uploads_at_once_import_once():
    draft = AssessmentFactory()
    fields = {"form_key": "5b3c2e1d-8f7a-4c6b-9e0d-1a2b3c4d5e6f", "revision": "1"}

    at_once(2, lambda client: client.post(url(draft, "upload"), upload_data(fields)))

    assert draft.tasks.count() == 2


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_identical_saves_of_new_rows_at_once_add_them_once():
    draft = AssessmentFactory()
    data = tasks_post([task_row(name="Payroll"), task_row(name="Invoicing")])

    at_once(2, lambda client: client.post(url(draft, "tasks"), data))

    assert sorted(draft.tasks.values_list("name", flat=True)) == ["Invoicing", "Payroll"]


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_saves_from_the_same_old_page_at_once_one_wins_the_other_is_refused():
    draft = AssessmentFactory()
    first, second = TaskFactory(assessment=draft), TaskFactory(assessment=draft)
    revision = {"revision": str(draft.revision)}
    renames = [
        tasks_post([], existing=[(first, {"name": "Renamed by A"}), (second, {})]) | revision,
        tasks_post([], existing=[(first, {}), (second, {"name": "Renamed by B"})]) | revision,
    ]
    turn = iter(renames)
    lock = threading.Lock()

    def send(client):
        with lock:
            data = next(turn)
        return client.post(url(draft, "tasks"), data)

    responses = at_once(2, send)

    names = set(draft.tasks.values_list("name", flat=True))
    assert names in ({"Renamed by A", second.name}, {first.name, "Renamed by B"})
    assert sorted(response.status_code for response in responses) == [200, 302]


# --- A save from an older page ----------------------------------------------------------


@pytest.mark.django_db
def test_a_save_from_an_older_page_is_refused_and_undoes_nothing():
    draft = AssessmentFactory()
    first, second = TaskFactory(assessment=draft, name="T1"), TaskFactory(assessment=draft)
    a, b = Client(), Client()
    a_fields, b_fields = page_fields(a, url(draft, "tasks")), page_fields(b, url(draft, "tasks"))
    a.post(
        url(draft, "tasks"),
        tasks_post([], existing=[(first, {"name": "Payroll"}), (second, {})]) | a_fields,
    )

    first.refresh_from_db()
    response = b.post(
        url(draft, "tasks"),
        tasks_post([], existing=[(first, {"name": "T1"}), (second, {"monthly_cost": "4321"})])
        | b_fields,
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "nothing was saved" in page
    assert "Changed there: “Payroll”" in page
    assert draft.tasks.get(pk=first.pk).name == "Payroll"  # A's save stands
    assert draft.tasks.get(pk=second.pk).monthly_cost != Decimal("4321")
    assert 'value="4321"' in page  # B's own entry is kept on the form
    assert 'value="Payroll"' in page  # the row changed there shows what was saved there
    assert REVISION.search(page).group(1) == str(Assessment.objects.get().revision)


@pytest.mark.django_db
def test_saving_again_from_the_refusal_page_keeps_both_changes():
    draft = AssessmentFactory()
    first, second = TaskFactory(assessment=draft, name="T1"), TaskFactory(assessment=draft)
    a, b = Client(), Client()
    a_fields, b_fields = page_fields(a, url(draft, "tasks")), page_fields(b, url(draft, "tasks"))
    a.post(url(draft, "tasks"), tasks_post([], existing=[(first, {"name": "Payroll"})]) | a_fields)
    refused = b.post(
        url(draft, "tasks"),
        tasks_post([], existing=[(first, {}), (second, {"monthly_cost": "4321"})]) | b_fields,
    )
    first.refresh_from_db()  # the refusal page shows it as saved by A

    again = b.post(
        url(draft, "tasks"),
        tasks_post([], existing=[(first, {}), (second, {"monthly_cost": "4321"})])
        | page_fields_from(refused.content.decode()),
    )

    assert again.status_code == 302
    assert draft.tasks.get(pk=first.pk).name == "Payroll"
    assert draft.tasks.get(pk=second.pk).monthly_cost == Decimal("4321")


def page_fields_from(page):
    return {"form_key": FORM_KEY.search(page).group(1), "revision": REVISION.search(page).group(1)}


@pytest.mark.django_db
def test_a_task_removed_elsewhere_is_never_brought_back():
    draft = AssessmentFactory()
    kept, removed = TaskFactory(assessment=draft), TaskFactory(assessment=draft, name="Gone")
    a, b = Client(), Client()
    a_fields, b_fields = page_fields(a, url(draft, "tasks")), page_fields(b, url(draft, "tasks"))
    a.post(
        url(draft, "tasks"),
        tasks_post([], existing=[(kept, {}), (removed, {"DELETE": "on"})]) | a_fields,
    )

    response = b.post(
        url(draft, "tasks"),
        tasks_post([], existing=[(kept, {}), (removed, {"name": "Gone, edited"})]) | b_fields,
    )

    page = response.content.decode()
    assert "Removed there: 1 task" in page
    assert "Gone, edited" not in page
    assert not Task.objects.filter(pk=removed.pk).exists()
    assert list(draft.tasks.values_list("pk", flat=True)) == [kept.pk]


@pytest.mark.django_db
def test_company_details_from_an_older_page_are_refused_with_the_entries_kept():
    draft = AssessmentFactory(company_name="Harbour")
    a, b = Client(), Client()
    a_fields = page_fields(a, url(draft, "company"))
    b_fields = page_fields(b, url(draft, "company"))
    a.post(url(draft, "company"), company_data(company_name="Harbour Logistics") | a_fields)

    response = b.post(url(draft, "company"), company_data(company_name="Harbour Ltd") | b_fields)

    assert response.status_code == 200
    assert Assessment.objects.get().company_name == "Harbour Logistics"
    assert 'value="Harbour Ltd"' in response.content.decode()


@pytest.mark.django_db
def test_submitting_from_a_review_older_than_the_draft_is_refused(client):
    draft = AssessmentFactory()
    task = TaskFactory(assessment=draft)
    review_fields = page_fields(client, url(draft, "review"))
    other = Client()
    other.post(
        url(draft, "tasks"),
        tasks_post([], existing=[(task, {"name": "Renamed"})])
        | page_fields(other, url(draft, "tasks")),
    )

    response = client.post(url(draft, "review"), review_fields)

    assert response["Location"] == url(draft, "review")
    assert not Assessment.objects.get().is_submitted
    assert "Renamed" in client.get(response["Location"]).content.decode()
