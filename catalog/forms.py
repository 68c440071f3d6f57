"""Forms of the public catalog pages.

`CatalogFilterForm` only validates what a visitor typed into the catalog's GET filters; the
list view turns its cleaned values into a query. A value the form refuses is reported on the
page and that one filter is left out: a hand-edited URL must never cause a server error.
"""

from django import forms

from .models import Industry, Office, Orientation, SourcingModel

SEARCH_MAX_LENGTH = 100
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
