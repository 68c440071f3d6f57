"""Forms of the public catalog pages.

`CatalogFilterForm` only validates what a visitor typed into the catalog's GET filters; the
list view turns its cleaned values into a query. `ServiceSuggestForm` checks the task name
the suggestion endpoint is asked about. A value the form refuses is reported on the
page and that one filter is left out: a hand-edited URL must never cause a server error.
"""

from django import forms

from outsourcing_advisor.form_fields import PlainCharField

from .models import Industry, Office, Orientation, SourcingModel

SEARCH_MAX_LENGTH = 100
# A task name is at most this long; shorter than SUGGEST_MIN_LENGTH suggests nothing yet.
SUGGEST_MAX_LENGTH = 200
SUGGEST_MIN_LENGTH = 3
# KPO includes legal KPO, so "kpo" finds LPO services too; "lpo" narrows to legal work only.
SOURCING_MODEL_CHOICES = [
    (SourcingModel.BPO.value, "BPO"),
    (SourcingModel.KPO.value, "KPO, including LPO"),
    (SourcingModel.LPO.value, "LPO only"),
]
IGNORED_CHOICE_MESSAGE = "That is not one of the listed options, so this filter was ignored."


def choice_field(label, choices, help_text=""):
    return forms.ChoiceField(
        label=label,
        choices=[("", "Any"), *choices],
        required=False,
        help_text=help_text,
        error_messages={"invalid_choice": IGNORED_CHOICE_MESSAGE},
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class CatalogFilterForm(forms.Form):
    q = forms.CharField(
        label="Search",
        max_length=SEARCH_MAX_LENGTH,
        required=False,
        error_messages={
            "max_length": (
                f"Search text can be at most {SEARCH_MAX_LENGTH} characters, "
                "so the search was ignored."
            ),
        },
        widget=forms.SearchInput(attrs={"class": "form-control", "placeholder": "e.g. payroll"}),
    )
    sourcing_model = choice_field(
        "Sourcing model",
        SOURCING_MODEL_CHOICES,
        help_text="LPO is legal KPO, so KPO includes it.",
    )
    office = choice_field("Front or back office", Office.choices)
    orientation = choice_field("Orientation", Orientation.choices)
    industry = forms.ModelChoiceField(
        label="Industry",
        queryset=Industry.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any",
        error_messages={"invalid_choice": IGNORED_CHOICE_MESSAGE},
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def full_clean(self):
        super().full_clean()
        # Bootstrap shows a field's error only next to an input marked `is-invalid`.
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


class ServiceSuggestForm(forms.Form):
    """The task name the service suggestion endpoint is asked about."""

    q = PlainCharField(
        max_length=SUGGEST_MAX_LENGTH,
        required=False,
        error_messages={
            "max_length": f"A task name can be at most {SUGGEST_MAX_LENGTH} characters."
        },
    )

    def task_name(self):
        """The name to search for, or "" when it is too short to suggest anything."""
        name = self.cleaned_data["q"]
        return name if len(name) >= SUGGEST_MIN_LENGTH else ""
