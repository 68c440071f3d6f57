"""Forms of the business-owner questionnaire: the company, its tasks and a task file.

Every bound here is also a database constraint on the model. Forms validate and clean; they
never save anything themselves beyond what a ModelForm does when a service asks it to.
Country and currency names come from Babel (CLDR) through `catalog.money`, never from
tables of our own.
"""

import unicodedata
from decimal import Decimal

from babel.numbers import get_currency_name
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from catalog.models import SCALE_CHOICES, ExchangeRate, Industry
from catalog.money import TERRITORY_NAMES, country_currency, country_name, is_country
from outsourcing_advisor.form_fields import PlainCharField

from . import task_file
from .models import (
    MAX_HOURS_PER_MONTH,
    MAX_MONTHLY_COST,
    MAX_TASKS,
    Assessment,
    SizeBand,
    Task,
)
from .numbers import AmountRefused, parse_amount
from .scales import PRIORITIES, TASK_SCALES, short_hint

OPTIONAL_SCALES = ("standardisation",)
# Asked of every task, with "Not sure" beside 1-5: the owner says so rather than leaving
# a blank that silently becomes 3.
UNSURE_SCALES = ("strategic_importance", "data_sensitivity")
UNSURE = "unsure"
UNSURE_CHOICES = [*SCALE_CHOICES, (UNSURE, "Not sure")]
# The names of a task's ratings in the one-line summary of a row (static/js/tasks.js
# writes the same line as they change).
RATING_SHORT_NAMES = {
    "complexity": "complexity",
    "skill_level": "skill",
    "standardisation": "standardisation",
    "strategic_importance": "importance",
    "data_sensitivity": "sensitivity",
}
UNSURE_REQUIRED = "Choose 1 to 5, or Not sure."
PREFILLED_SCALES = {  # task field -> the service type's typical rating
    "complexity": "typical_complexity",
    "skill_level": "typical_skill_level",
    "standardisation": "typical_standardisation",
}
MIDDLE_OF_SCALE = 3
# Says what the number counts, since a team's total is what people most often get wrong.
HOURS_TOO_MANY = (
    f"Enter at most {MAX_HOURS_PER_MONTH:,} hours: the total people-hours a month across "
    "everyone who does this task."
)


COUNTRY_OWN_CURRENCY = "The country's own currency"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ACCEPTED_FILES = f".csv,text/csv,.xlsx,{XLSX_TYPE}"


def name_order(pair):
    """Sort key of a (code, English name) pair: accents ignored, so Åland sorts with the As."""
    decomposed = unicodedata.normalize("NFKD", pair[1])
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


COUNTRY_CHOICES = sorted(
    ((code, country_name(code)) for code in TERRITORY_NAMES if is_country(code)), key=name_order
)


def currency_choices(codes):
    """The currencies we hold a rate for, as "GBP - British Pound" (an en dash), after the
    country's own."""
    named = [
        (code, f"{code} \N{EN DASH} {get_currency_name(code, locale='en')}")
        for code in sorted(codes)
    ]
    return [("", COUNTRY_OWN_CURRENCY), *named]


def scale_field(label, levels, *, required=True):
    return forms.TypedChoiceField(
        label=label,
        choices=SCALE_CHOICES,
        coerce=int,
        required=required,
        empty_value=None,
        widget=forms.RadioSelect(attrs={"class": "btn-check"}),
        help_text=short_hint(levels),
    )


class CompanyForm(forms.ModelForm):
    """The company's answers. A currency left empty is the country's own, which needs an
    exchange rate like any other: costs are converted with it."""

    industry = forms.ModelChoiceField(
        queryset=Industry.objects.order_by("name"),
        required=False,
        empty_label="Another industry, or several",
        help_text="Specialist providers for your industry count in the advice.",
    )
    country = forms.ChoiceField(
        label="Country",
        choices=COUNTRY_CHOICES,
        error_messages={"invalid_choice": "Choose the company's country from the list."},
        help_text="Where the company is based: onshore means this country, priced at what "
        "providers there charge.",
    )
    currency = forms.ChoiceField(
        label="Currency",
        required=False,
        error_messages={
            "invalid_choice": "Choose a currency from the list: we have exchange rates for those."
        },
        help_text="Every amount is entered and shown in this currency. Left as the country's "
        "own, it follows the country: GBP for the United Kingdom.",
    )

    class Meta:
        field_classes = {"company_name": PlainCharField, "region": PlainCharField}
        model = Assessment
        fields = [
            "company_name",
            "industry",
            "size_band",
            "region",
            "country",
            "currency",
            "priority_cost",
            "priority_quality",
            "priority_control",
            "allow_onshore",
            "allow_nearshore",
            "allow_offshore",
        ]
        labels = {
            "company_name": "Company name",
            "size_band": "Number of staff",
            "region": "Region",
            "allow_onshore": "Onshore: in your own country",
            "allow_nearshore": "Nearshore: a neighbouring country, similar time zone",
            "allow_offshore": "Offshore: a distant country with lower labour costs",
        }
        help_texts = {
            "company_name": "Only you and people you share the results with will see it.",
            "region": "Where in the country your team works, e.g. Scotland or Bavaria.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rated_currencies = frozenset(ExchangeRate.objects.values_list("currency", flat=True))
        self.fields["currency"].choices = currency_choices(self.rated_currencies)
        self.initial.setdefault("country", self.instance.country)  # a new draft's: the default
        if self.instance.currency == country_currency(self.instance.country):
            # Shown as "the country's own", so changing the country alone changes it too.
            self.initial["currency"] = ""
        if self.instance.pk is not None:
            onshore = self.fields["allow_onshore"]
            onshore.label = f"{onshore.label} ({country_name(self.instance.country)})"
        for name, (label, levels) in PRIORITIES.items():
            self.fields[name] = scale_field(label, levels)
            self.fields[name].initial = MIDDLE_OF_SCALE
        self.fields["size_band"].required = False
        self.fields["size_band"].choices = [("", "Rather not say"), *SizeBand.choices]
        for name, field in self.fields.items():
            if name.startswith("allow_"):
                field.widget.attrs["class"] = "form-check-input"
            elif not name.startswith("priority_"):
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs["class"] = css

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"allow_{kind}") for kind in ("onshore", "nearshore", "offshore")):
            raise forms.ValidationError(
                "Allow at least one delivery location, or every task will stay in-house.",
                code="no_location",
            )
        country = cleaned.get("country")
        if country and not cleaned.get("currency") and "currency" not in self.errors:
            cleaned["currency"] = self.own_currency(country)
        return cleaned

    def own_currency(self, country):
        """The country's currency; refused, on the currency field, when we cannot use it."""
        code = country_currency(country)
        if code is None:
            message = (
                f"{country_name(country)} has no currency of its own: choose one from the list."
            )
        elif code not in self.rated_currencies:
            message = (
                f"We have no exchange rate for {code} (the currency of {country_name(country)}): "
                "choose a currency from the list."
            )
        else:
            return code
        raise forms.ValidationError({"currency": message}, code="no_rate")


class ServiceTypeField(forms.TypedChoiceField):
    """A published service type chosen by key, from a catalog loaded once per formset."""

    def __init__(self, catalog, **kwargs):
        self.catalog = catalog
        choices = [("", "None: describe it myself")]
        choices += [(pk, service_type.name) for pk, service_type in catalog.items()]
        super().__init__(choices=choices, coerce=self.catalog_entry, empty_value=None, **kwargs)

    def catalog_entry(self, value):
        try:
            return self.catalog[int(value)]
        except KeyError:
            raise ValueError(value) from None

    def valid_value(self, value):
        # isdigit() alone would let "³" through to int(), which refuses it with a ValueError.
        text = str(value)
        return text.isascii() and text.isdigit() and int(text) in self.catalog


def skip_constraint_queries(exclude=None):
    """Stands in for Task.validate_constraints while a TaskForm validates."""


class AmountField(forms.DecimalField):
    """A number as people type it, read by `numbers.parse_amount` as a task file's cells
    are: 3,200 or 3 200 or 1.200,50, and with the sign or code of `currency` (None: no
    currency belongs here, as in hours)."""

    def __init__(self, *, currency=None, **kwargs):
        self.currency = currency
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            try:
                value = parse_amount(
                    value, currency=self.currency, decimal_places=self.decimal_places
                )
            except AmountRefused as refusal:
                if refusal.code == "invalid":
                    raise forms.ValidationError(
                        self.error_messages["invalid"], code="invalid"
                    ) from None
                raise forms.ValidationError(refusal.sentence, code=refusal.code) from None
        value = super().to_python(value)
        # Refused here, not only in validate(): Django compares the value with the saved one
        # first, and comparing with "sNaN" (a signalling NaN) raises InvalidOperation.
        if value is not None and not value.is_finite():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return value


def task_scale_field(name):
    """A task's 1-5 rating. Complexity, skill and standardisation may be left blank for a
    catalog service to fill (standardisation is otherwise the middle of the scale)."""
    question, levels = TASK_SCALES[name]
    field = scale_field(question, levels, required=False)
    field.optional = name in OPTIONAL_SCALES
    return field


def rating_or_unsure(value):
    return value if value == UNSURE else int(value)


def unsure_scale_field(name):
    """A task's 1-5 rating or "Not sure", which counts as the middle of the scale and is
    recorded as assumed."""
    field = task_scale_field(name)
    field.choices = UNSURE_CHOICES
    field.coerce = rating_or_unsure
    field.required = True
    field.error_messages["required"] = UNSURE_REQUIRED
    return field


class TaskForm(forms.ModelForm):
    """One task; a catalog service type fills in whatever ratings are left blank.

    Every field but the catalog's is declared here, built once: each form gets a copy, as
    Django gives any declared field (building them anew for each row took a third of the
    time of a 1,000-row tasks step).
    """

    monthly_cost = AmountField(
        label="Monthly in-house cost",
        min_value=Decimal(0),
        max_value=MAX_MONTHLY_COST,
        max_digits=12,
        decimal_places=2,
        help_text="Salaries with on-costs, tools and space, per month, e.g. 3,200 or 3200.50.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "form-control"}),
    )
    hours_per_month = AmountField(
        label="Team hours per month",
        required=False,
        max_digits=8,
        decimal_places=2,
        validators=[
            MinValueValidator(Decimal("0.01")),
            MaxValueValidator(MAX_HOURS_PER_MONTH, message=HOURS_TOO_MANY),
        ],
        help_text="Total people-hours a month across everyone who does this task "
        "(e.g. 10 agents x 160 h = 1,600); 1 600 or 1600.5 work too. Estimated from the cost "
        "when blank.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "form-control"}),
    )
    # Complexity and skill level are checked in clean(): a catalog service may give them.
    complexity = task_scale_field("complexity")
    skill_level = task_scale_field("skill_level")
    standardisation = task_scale_field("standardisation")
    strategic_importance = unsure_scale_field("strategic_importance")
    data_sensitivity = unsure_scale_field("data_sensitivity")
    # The ratings the page's script filled from the catalog service ("complexity,skill_level"):
    # only believed where the rating still is the service's typical one.
    prefilled = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        field_classes = {"name": PlainCharField, "description": PlainCharField}
        model = Task
        fields = list(task_file.COLUMNS)  # the same answers as a row of a task file
        labels = {"name": "Task", "description": "Notes"}
        help_texts = {"name": "Name it as you would to a new hire, e.g. Invoice data entry."}
        widgets = {
            "name": forms.TextInput(attrs={"class": "form-control"}),
            "description": forms.TextInput(
                attrs={"class": "form-control", "maxlength": Task.DESCRIPTION_MAX_LENGTH}
            ),
        }

    def __init__(self, *args, catalog, currency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["monthly_cost"].label = f"Monthly in-house cost ({currency})"
        self.fields["monthly_cost"].currency = currency  # "£3,200" is read when GBP
        self.fields["service_type"] = ServiceTypeField(
            catalog,
            required=False,
            label="Closest catalog service",
            help_text="Optional: fills in typical ratings you leave blank.",
        )
        self.fields["service_type"].widget.attrs["class"] = "form-select service-type-select"
        for name in self.instance.assumed_inputs:
            # Shown as the owner left it: "Not sure", or blank for standardisation.
            self.initial[name] = UNSURE if name in UNSURE_SCALES else None
        self.initial["prefilled"] = ",".join(self.instance.prefilled_inputs)

    def ratings_summary(self):
        """The row's ratings on one line, for the folded details: "complexity 2, skill 2,
        standardisation not rated, importance not sure, sensitivity 3"."""
        parts = []
        for field, short in RATING_SHORT_NAMES.items():
            value = self[field].value()
            if value in (None, ""):
                value = "not rated"
            elif value == UNSURE:
                value = "not sure"
            parts.append(f"{short} {value}")
        return ", ".join(parts)

    def prefill_note(self):
        """The note under a row whose ratings came from its catalog service, or ""."""
        service_type = self.fields["service_type"].catalog.get(self.instance.service_type_id)
        if service_type is None or not self.instance.prefilled_inputs:
            return ""
        ratings = self.instance.prefilled_ratings()
        return f"Filled from {service_type.name}: {ratings} \N{EM DASH} change any of them."

    def _post_clean(self):
        # Every bound of Task's check constraints is a bound of this form's fields, which
        # the fuzz tests hold to; letting the model re-check them costs one query per
        # constraint and row (15,000 for a 1,000-task list). The database still enforces
        # them on write.
        self.instance.validate_constraints = skip_constraint_queries
        super()._post_clean()
        del self.instance.validate_constraints

    def clean(self):
        cleaned = super().clean()
        service_type = cleaned.get("service_type")
        said_filled = set((cleaned.get("prefilled") or "").split(","))
        prefilled, assumed = [], []
        for field, typical in PREFILLED_SCALES.items():
            if service_type is None:
                continue
            value = getattr(service_type, typical)
            if cleaned.get(field) is None:
                cleaned[field] = value
            if cleaned.get(field) == value and (field in said_filled or not self.rated(field)):
                prefilled.append(field)
        for field in ("complexity", "skill_level"):
            if cleaned.get(field) is None and field not in self.errors:
                self.add_error(field, "Choose 1 to 5, or pick a catalog service to fill it in.")
        for field in (*OPTIONAL_SCALES, *UNSURE_SCALES):
            if field in self.errors:
                continue
            if cleaned.get(field) in (None, UNSURE):
                cleaned[field] = MIDDLE_OF_SCALE
                assumed.append(field)
        # Not answers of the row but what is known about them: kept with the task.
        self.instance.assumed_inputs = assumed
        self.instance.prefilled_inputs = prefilled
        return cleaned

    def rated(self, field):
        """Whether the owner's post gives this rating (not left for the service to fill)."""
        return bool(self.data.get(self.add_prefix(field)))


class OwnTaskField(forms.IntegerField):
    """The hidden key of a saved row: one of the draft's own tasks (a set lookup per row)."""

    widget = forms.HiddenInput
    default_error_messages = {"foreign": "This row is not one of this assessment's tasks."}

    def __init__(self, own_keys, **kwargs):
        self.own_keys = own_keys
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value is not None and value not in self.own_keys:
            raise forms.ValidationError(self.error_messages["foreign"], code="foreign")


class BaseTaskFormSet(forms.BaseModelFormSet):
    """The tasks of one draft. Rows naming a task outside this draft are refused."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # Django checks the hidden key against every task in the database, one query a row;
        # only the draft's own tasks are acceptable here, and they are already loaded.
        form.fields["id"] = OwnTaskField(
            self.own_keys(), initial=form.fields["id"].initial, required=False
        )

    def clean(self):
        super().clean()
        self.refuse_repeated_rows()
        deleted = sum(1 for form in self.initial_forms if self._should_delete_form(form))
        added = sum(
            1
            for form in self.extra_forms
            if form.has_changed() and not self._should_delete_form(form)
        )
        if len(self.own_keys()) - deleted + added > MAX_TASKS:
            raise forms.ValidationError(
                f"An assessment holds at most {MAX_TASKS} tasks; remove some first.",
                code="too_many_tasks",
            )

    def refuse_repeated_rows(self):
        """Two rows may not be the same saved task: a page edited by hand, or two tabs'
        posts mixed. Django would save (or delete) that task twice."""
        keys = [form.instance.pk for form in self.initial_forms if form.instance.pk is not None]
        if len(keys) != len(set(keys)):
            raise forms.ValidationError(
                "Two rows are the same saved task. Reload the page and make your changes again.",
                code="repeated_row",
            )

    def own_keys(self):
        if not hasattr(self, "_own_keys"):
            self._own_keys = frozenset(task.pk for task in self.get_queryset())
        return self._own_keys


TaskFormSet = forms.modelformset_factory(
    Task,
    form=TaskForm,
    formset=BaseTaskFormSet,
    extra=0,
    can_delete=True,
    max_num=MAX_TASKS,
    validate_max=True,
    absolute_max=MAX_TASKS + 50,
)


class TaskFileForm(forms.Form):
    """A task file (CSV or .xlsx), read with the same rules as the consultants' command."""

    class Mode:
        ADD = "add"
        REPLACE = "replace"

    file = forms.FileField(
        label="CSV file of tasks (or an Excel .xlsx workbook)",
        help_text=f"UTF-8 CSV or an Excel workbook (.xlsx, the first sheet), at most "
        f"{task_file.MAX_FILE_BYTES // (1024 * 1024)} MiB and {MAX_TASKS} tasks.",
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ACCEPTED_FILES}),
    )
    mode = forms.ChoiceField(
        label="What to do with the tasks already listed",
        choices=[
            (Mode.ADD, "Add the file's tasks to them"),
            (Mode.REPLACE, "Replace them with the file's tasks"),
        ],
        initial=Mode.ADD,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > task_file.MAX_FILE_BYTES:
            limit = task_file.MAX_FILE_BYTES // (1024 * 1024)
            raise forms.ValidationError(
                f"The file is larger than the {limit} MiB limit; split the tasks across files.",
                code="too_large",
            )
        return upload


def error_summary(*forms_or_formsets, first_task=1):
    """(anchor id, message) for every error, in page order, for the summary at the top.
    A formset's rows are named from `first_task` on (a later page of the tasks step)."""
    items = []
    for item in forms_or_formsets:
        if isinstance(item, forms.BaseFormSet):
            items += [(None, error) for error in item.non_form_errors()]
            for number, form in enumerate(item.forms, start=first_task):
                items += form_errors(form, prefix=f"Task {number}")
        else:
            items += form_errors(item)
    return items


def form_errors(form, prefix=""):
    items = []
    for name, errors in form.errors.items():
        if name == forms.forms.NON_FIELD_ERRORS or name not in form.fields:
            anchor, label = None, ""
        else:
            bound = form[name]
            anchor, label = bound.auto_id, bound.label
            if isinstance(bound.field.widget, forms.RadioSelect):
                anchor = f"{bound.auto_id}_0"
        heading = ", ".join(part for part in (prefix, label) if part)
        items += [(anchor, f"{heading}: {error}" if heading else error) for error in errors]
    return items
