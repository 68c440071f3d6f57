"""The questionnaire's `{% widget %}` tag writes what Django's own widget rendering writes.

The tag exists for speed (a tasks step of 50 rows renders in a fraction of the time that
Django's per-widget templates take); these tests hold it to Django's output for every
field of the questionnaire's forms, unbound, filled in and with errors: the same
elements, names, ids, values and attributes, `aria-describedby` and `aria-invalid`
included. Compared as parsed HTML (attribute order and whitespace aside). Radio groups
are laid out differently on purpose (each input followed by its own label, for
Bootstrap's button group), so for them the inputs and labels are compared one by one.
"""

from html.parser import HTMLParser

import pytest
from django.test.html import parse_html

from assessments.forms import CompanyForm, TaskFileForm, TaskForm
from assessments.templatetags.questionnaire import widget
from catalog.models import ServiceType
from tests.assessments.questionnaire_helpers import company_data, task_row

pytestmark = pytest.mark.django_db


class RadioGroup(HTMLParser):
    """The inputs (attributes, without layout classes) and labels (`for`, text) of a group."""

    def __init__(self, html):
        super().__init__()
        self.inputs, self.labels, self.label = [], [], None
        self.feed(str(html))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        attrs.pop("class", None)
        if tag == "input":
            self.inputs.append(attrs)
        elif tag == "label":
            self.label = [attrs.get("for"), ""]

    def handle_data(self, data):
        if self.label is not None:
            self.label[1] += data

    def handle_endtag(self, tag):
        if tag == "label":
            self.labels.append((self.label[0], self.label[1].strip()))
            self.label = None


def radio_parts(html):
    group = RadioGroup(html)
    return group.inputs, group.labels


def task_form(data=None):
    catalog = {service.pk: service for service in ServiceType.objects.published()[:5]}
    return TaskForm(data, catalog=catalog, currency="USD", prefix="tasks-0")


def company_form(data=None):
    return CompanyForm(data)


FORMS = {
    "company, empty": lambda: company_form(),
    "company, filled in": lambda: company_form(company_data()),
    "company, with errors": lambda: company_form(
        company_data(company_name="", size_band="huge", priority_cost="9")
    ),
    "task, empty": lambda: task_form(),
    "task, filled in": lambda: task_form(
        {f"tasks-0-{name}": value for name, value in task_row(description="Keys <in>").items()}
    ),
    "task, with errors": lambda: task_form(
        {
            f"tasks-0-{name}": value
            for name, value in task_row(name="", complexity="7", monthly_cost="lots").items()
        }
    ),
    "task file, empty": lambda: TaskFileForm(),
}


def bound_fields(form):
    if form.is_bound:
        form.is_valid()
    return [form[name] for name in form.fields]


@pytest.mark.parametrize("make_form", FORMS.values(), ids=FORMS.keys())
def test_the_tag_writes_what_django_renders_for_every_field(make_form):
    form = make_form()
    compared = 0
    for bound in bound_fields(form):
        ours, djangos = widget(bound), bound.as_widget()
        if bound.widget_type == "radioselect":
            assert radio_parts(ours) == radio_parts(djangos), bound.name
        else:
            assert parse_html(ours) == parse_html(djangos), (bound.name, ours, djangos)
        compared += 1
    assert compared == len(form.fields)


def test_help_text_is_tied_to_its_field_as_django_does():
    form = task_form()
    bound = form["monthly_cost"]

    ours = str(widget(bound))

    assert f'aria-describedby="{bound.auto_id}_helptext"' in ours
    assert parse_html(ours) == parse_html(bound.as_widget())


def test_a_field_with_an_error_is_marked_invalid_for_assistive_technology():
    form = task_form({f"tasks-0-{name}": value for name, value in task_row(name="").items()})
    form.is_valid()

    ours = str(widget(form["name"]))

    assert 'aria-invalid="true"' in ours
    assert parse_html(ours) == parse_html(form["name"].as_widget())


def test_text_is_escaped_as_django_escapes_it():
    row = task_row(name='"><script>alert(1)</script>', description="</textarea><b>x</b>")
    form = task_form({f"tasks-0-{name}": value for name, value in row.items()})
    form.is_valid()

    for name in ("name", "description"):
        ours = str(widget(form[name]))
        assert "<script>" not in ours
        assert "<b>" not in ours
        assert parse_html(ours) == parse_html(form[name].as_widget())
