"""What the next view shows: every change to the assessment, the draft or the catalog.

Reports may come from the cache (keyed on the scoring and the catalog's version), the
tasks step is rendered each time; either way the next view is what a fresh rendering
would show, each with its own CSRF token, compressed for browsers that accept it.
"""

import gzip
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import services
from assessments.models import Task
from catalog.models import Industry, ServiceType
from tests.assessments.questionnaire_helpers import company_data, form_key, task_row, tasks_post
from tests.assessments.test_results_page import results_url, scored_assessment
from tests.factories import AssessmentFactory, ConsultantFactory, TaskFactory

pytestmark = pytest.mark.django_db

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_KEY = re.compile(r'name="form_key" value="([^"]+)"')


def without_tokens(page):
    """The page without what each view draws afresh: the CSRF token and the form key."""
    return FORM_KEY.sub("", CSRF_FIELD.sub("", page))


def get(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, [query["sql"] for query in queries]


# --- The shared report ------------------------------------------------------------------


def test_a_second_view_of_a_shared_report_is_the_same_private_page(client):
    assessment = scored_assessment(task_count=3)
    first, _ = get(client, results_url(assessment.share_token))
    again, _ = get(client, results_url(assessment.share_token))

    assert again.status_code == 200
    assert again.content == first.content
    assert "no-store" in again["Cache-Control"]
    assert "noindex" in again["X-Robots-Tag"]


def test_renaming_the_companys_industry_in_the_admin_shows_in_the_next_view(
    client, django_capture_on_commit_callbacks
):
    industry = Industry.objects.order_by("pk").first()
    assessment = scored_assessment(task_count=1, industry=industry)
    assert industry.name in get(client, results_url(assessment.share_token))[0].content.decode()
    consultant = Client()
    consultant.force_login(ConsultantFactory())

    with django_capture_on_commit_callbacks(execute=True):
        response = consultant.post(
            reverse("admin:catalog_industry_change", args=[industry.pk]),
            {
                "name": "Renamed industry",
                "description": industry.description,
                "slug": industry.slug,
            },
        )

    assert response.status_code == 302
    page = get(client, results_url(assessment.share_token))[0].content.decode()
    assert "Renamed industry" in page


def test_rescoring_shows_in_the_next_view(client):
    assessment = scored_assessment(task_count=1)
    before, _ = get(client, results_url(assessment.share_token))
    Task.objects.filter(assessment=assessment).update(monthly_cost=999_999)

    services.rescore(assessment)

    after, _ = get(client, results_url(assessment.share_token))
    assert after.content != before.content
    assert "999,999" in after.content.decode()


def test_a_deleted_assessment_is_gone_at_once(client):
    assessment = scored_assessment(task_count=1)
    get(client, results_url(assessment.share_token))
    assessment.delete()
    assert get(client, results_url(assessment.share_token))[0].status_code == 404


# --- The tasks step ---------------------------------------------------------------------


def tasks_url(assessment):
    return f"/assessments/resume/{assessment.resume_token}/tasks/"


def draft_with_tasks(*names, company_name="Harbour Logistics"):
    assessment = AssessmentFactory(company_name=company_name)
    for position, name in enumerate(names, start=1):
        TaskFactory(assessment=assessment, name=name, position=position)
    return assessment


def test_every_view_gets_its_own_csrf_token_and_the_form_still_posts():
    browser = Client(enforce_csrf_checks=True)
    assessment = draft_with_tasks("Payroll run")
    first = browser.get(tasks_url(assessment)).content.decode()
    again = browser.get(tasks_url(assessment)).content.decode()
    token = CSRF_FIELD.search(again).group(1)

    assert token != CSRF_FIELD.search(first).group(1)
    assert without_tokens(first) == without_tokens(again)
    task = assessment.tasks.get()
    data = tasks_post([], existing=[(task, {"name": "Payroll and benefits"})])
    data["form_key"] = FORM_KEY.search(again).group(1)
    response = browser.post(tasks_url(assessment), data | {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert assessment.tasks.get().name == "Payroll and benefits"


def test_saved_changes_and_their_message_show_in_the_next_view(client):
    assessment = draft_with_tasks("Payroll run")
    get(client, tasks_url(assessment))

    response = client.post(tasks_url(assessment), tasks_post([task_row(name="Invoice entry")]))
    followed = client.get(response["Location"])
    again, _ = get(client, tasks_url(assessment))

    assert "Tasks saved." in followed.content.decode()
    for page in (followed, again):
        assert "Invoice entry" in page.content.decode()
    assert "Tasks saved." not in again.content.decode()


def test_a_catalog_edit_shows_in_the_tasks_step(client):
    assessment = draft_with_tasks("Payroll run")
    get(client, tasks_url(assessment))
    service_type = ServiceType.objects.published().order_by("pk").first()
    service_type.name = "Renamed catalog service"
    service_type.save()

    assert "Renamed catalog service" in get(client, tasks_url(assessment))[0].content.decode()


def test_the_number_of_blank_rows_asked_for_is_shown(client):
    assessment = draft_with_tasks("Payroll run")
    one = get(client, tasks_url(assessment))[0].content.decode()
    five = get(client, tasks_url(assessment) + "?rows=5")[0].content.decode()
    assert five.count('name="tasks-TOTAL_FORMS" value="6"') == 1
    assert one.count('name="tasks-TOTAL_FORMS" value="2"') == 1


def test_a_submitted_assessment_goes_to_its_results_after_an_earlier_view(client):
    assessment = draft_with_tasks("Payroll run")
    get(client, tasks_url(assessment))
    client.post(f"/assessments/resume/{assessment.resume_token}/review/", form_key())

    response, _ = get(client, tasks_url(assessment))

    assert response.status_code == 302
    assert response["Location"].endswith(f"/resume/{assessment.resume_token}/results/")


def test_the_browser_remembers_a_draft_it_resumes_or_saves_not_one_it_only_opens():
    owner = Client()
    owner.post("/assessments/start/", company_data(company_name="Started here"))
    other = draft_with_tasks("Payroll run", company_name="Saved here")
    opened = draft_with_tasks("Audit", company_name="Only opened here")
    resumed = draft_with_tasks("Billing", company_name="Resumed here")
    owner.get(tasks_url(opened))
    owner.get(f"/assessments/resume/{resumed.resume_token}/")
    owner.post(tasks_url(other), tasks_post([task_row(name="Invoice entry")]))

    start = owner.get("/assessments/start/").content.decode()

    for remembered in ("Started here", resumed.company_name, other.company_name):
        assert remembered in start
    assert opened.company_name not in start


def test_a_browser_gets_the_tasks_step_gzipped_with_a_token_that_posts():
    browser = Client(enforce_csrf_checks=True)
    assessment = draft_with_tasks("Payroll run")
    plain = browser.get(tasks_url(assessment)).content.decode()
    compressed = browser.get(tasks_url(assessment), headers={"accept-encoding": "gzip"})
    page = gzip.decompress(compressed.content).decode()

    assert compressed["Content-Encoding"] == "gzip"
    assert len(compressed.content) < len(plain) / 4
    assert without_tokens(page) == without_tokens(plain)
    token = CSRF_FIELD.search(page).group(1)
    task = assessment.tasks.get()
    data = tasks_post([], existing=[(task, {"name": "Payroll and benefits"})])
    data["form_key"] = FORM_KEY.search(page).group(1)
    response = browser.post(tasks_url(assessment), data | {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert assessment.tasks.get().name == "Payroll and benefits"
