"""The consultants' workspace for the catalog.

Declarative only: every changelist shows its columns without a query per row (annotations,
`list_select_related`, prefetching), service types and rate cards import and export as CSV
or XLSX, exchange rates also from the `import_exchange_rates` command, and every model
keeps a change history with revert. A file that cannot be imported is refused with a
message, never a traceback (templates/admin/import_export/import.html shows messages only).
"""

from django import forms
from django.contrib import admin
from django.db import models, transaction
from django.db.models import Count
from import_export.admin import ImportExportModelAdmin
from import_export.forms import ExportForm
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from outsourcing_advisor.admin import (
    RowLabelledChangelist,
    RowLabelledForm,
    RowLabelledInlineFormSet,
)
from outsourcing_advisor.form_fields import PlainCharField, PlainTextField

from .formats import CSV, XLSX
from .models import (
    DeliveryLocation,
    ExchangeRate,
    Industry,
    LabourCost,
    Provider,
    RateCard,
    Risk,
    ServiceType,
)
from .money import country_name
from .resources import RateCardResource, ServiceTypeResource
from .services import catalog_changed


class HistoryChanges(HistoricalRecordContextHelper):
    """A version's changed values as shown in its history: an empty one as a dash, not
    "None" or nothing at all."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        return "\N{EM DASH}" if value is None or value == "" else value


class CatalogAdmin(RowLabelledChangelist, SimpleHistoryAdmin):
    """History and revert for every catalog model, and a new catalog version after every
    edit made here (`catalog.services`): saves, deletes, list edits, reverts, actions.
    Text is kept free of hidden characters (`outsourcing_advisor.plain_text`). A choice of
    many related rows is a list of labelled checkboxes: Django's two-box filter widget
    carries ARIA its elements may not have, and the lists here are short."""

    formfield_overrides = {
        models.CharField: {"form_class": PlainCharField},
        models.TextField: {"form_class": PlainTextField},
        # Text fields with a form field of their own keep it.
        models.SlugField: {},
        models.EmailField: {},
        models.URLField: {"assume_scheme": "https"},
        models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
    }

    # Says "created" for a first version and leaves an empty reason or user blank.
    object_history_list_template = "admin/catalog/object_history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return HistoryChanges(self.model, historical_record)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        catalog_changed()

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A revert saves the object, then its many-to-many fields, outside any transaction
        # of the library's own: in one, the new version is drawn after both are saved.
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        catalog_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        catalog_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        catalog_changed()


class ImportExportCatalogAdmin(ImportExportModelAdmin, CatalogAdmin):
    formats = [CSV, XLSX]
    import_error_display = ("message",)  # the library can also show each row's traceback
    # An export holds every column, so that the file comes back in whole through the import
    # (the library's per-field picker also draws a "Select all" box with no name).
    export_form_class = ExportForm

    def add_data_read_fail_error_to_form(self, form, e):
        """A file that cannot be read in the chosen format, said without the exception."""
        file_format = self.get_import_formats()[int(form.cleaned_data["format"])]()
        name = file_format.get_title().upper()
        form.add_error(
            "import_file",
            f"This file could not be read as {name}. Choose the format the file is in "
            "(a CSV file must be saved as UTF-8 text).",
        )


def service_count_column(queryset):
    return queryset.annotate(service_count=Count("service_types", distinct=True))


@admin.display(description="services", ordering="service_count")
def service_count(obj):
    return obj.service_count


# Industries and risks are filtered by the services they belong to ("risks of KPO work").
BY_SERVICE_SOURCING_MODEL = ("service_types__sourcing_model", admin.ChoicesFieldListFilter)


@admin.register(Industry)
class IndustryAdmin(CatalogAdmin):
    list_display = ["name", "slug", service_count]
    list_filter = [BY_SERVICE_SOURCING_MODEL]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "description"]}),
        ("Advanced", {"classes": ["collapse"], "fields": ["slug"]}),
    ]

    def get_queryset(self, request):
        return service_count_column(super().get_queryset(request))


class RateCardInline(admin.TabularInline):
    model = RateCard
    form = RowLabelledForm
    formset = RowLabelledInlineFormSet
    template = "admin/edit_inline/tabular_scrolling.html"
    extra = 0
    fields = [
        "sourcing_model",
        "region",
        "currency",
        "hourly_low",
        "hourly_typical",
        "hourly_high",
        "as_of",
    ]
    show_change_link = True


@admin.register(DeliveryLocation)
class DeliveryLocationAdmin(CatalogAdmin):
    list_display = ["name", "kind", "time_zone_overlap_hours", "rate_card_count", "position"]
    list_editable = ["position"]
    list_filter = ["kind"]
    search_fields = ["name", "description", "language_culture_notes"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "kind", "description", "examples"]}),
        (
            "Working together",
            {"fields": ["time_zone_overlap_hours", "time_zone_notes", "language_culture_notes"]},
        ),
        ("Advanced", {"classes": ["collapse"], "fields": ["slug", "position"]}),
    ]
    inlines = [RateCardInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(rate_card_count=Count("rate_cards"))

    @admin.display(description="rate cards", ordering="rate_card_count")
    def rate_card_count(self, obj):
        return obj.rate_card_count


@admin.register(Risk)
class RiskAdmin(CatalogAdmin):
    list_display = ["name", "slug", service_count]
    list_filter = [BY_SERVICE_SOURCING_MODEL]
    search_fields = ["name", "description", "mitigation"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "description", "mitigation"]}),
        ("Advanced", {"classes": ["collapse"], "fields": ["slug"]}),
    ]

    def get_queryset(self, request):
        return service_count_column(super().get_queryset(request))


@admin.register(Provider)
class ProviderAdmin(CatalogAdmin):
    list_display = [
        "name",
        "offers_bpo",
        "offers_kpo",
        "offers_lpo",
        "location_names",
        service_count,
    ]
    list_filter = ["offers_bpo", "offers_kpo", "offers_lpo", "locations"]
    search_fields = ["name", "note"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "note"]}),
        ("What and where", {"fields": ["offers_bpo", "offers_kpo", "offers_lpo", "locations"]}),
        ("Advanced", {"classes": ["collapse"], "fields": ["slug"]}),
    ]

    def get_queryset(self, request):
        return service_count_column(super().get_queryset(request)).prefetch_related("locations")

    @admin.display(description="locations")
    def location_names(self, obj):
        return ", ".join(location.name for location in obj.locations.all())


class ServiceTypeAdminForm(forms.ModelForm):
    class Meta:
        model = ServiceType
        fields = [
            "name",
            "slug",
            "summary",
            "description",
            "synonyms",
            "is_published",
            "sourcing_model",
            "office",
            "orientation",
            "industries",
            "typical_complexity",
            "typical_skill_level",
            "typical_standardisation",
            "risks",
            "providers",
        ]

    def clean(self):
        cleaned_data = super().clean()
        if "orientation" in cleaned_data and "industries" in cleaned_data:
            problem = ServiceType.industries_problem(
                cleaned_data["orientation"], list(cleaned_data["industries"])
            )
            if problem:
                self.add_error("industries", problem)
        return cleaned_data


@admin.register(ServiceType)
class ServiceTypeAdmin(ImportExportCatalogAdmin):
    form = ServiceTypeAdminForm
    resource_classes = [ServiceTypeResource]
    list_display = [
        "name",
        "sourcing_model",
        "office",
        "orientation",
        "typical_complexity",
        "typical_skill_level",
        "typical_standardisation",
        "risk_count",
        "is_published",
        "updated_at",
    ]
    list_editable = ["is_published"]
    list_filter = ["sourcing_model", "office", "orientation", "industries", "is_published"]
    search_fields = ["name", "slug", "summary", "description", "synonyms"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["name", "summary", "description", "synonyms", "is_published"]}),
        ("Facets", {"fields": ["sourcing_model", "office", "orientation", "industries"]}),
        (
            "Typical task profile (1 = lowest, 5 = highest)",
            {
                "fields": [
                    "typical_complexity",
                    "typical_skill_level",
                    "typical_standardisation",
                ]
            },
        ),
        ("Risks and providers", {"fields": ["risks", "providers"]}),
        ("Advanced", {"classes": ["collapse"], "fields": ["slug", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(risk_count=Count("risks"))

    @admin.display(description="risks", ordering="risk_count")
    def risk_count(self, obj):
        return obj.risk_count

    @admin.action(description="Publish the selected service types", permissions=["change"])
    def publish(self, request, queryset):
        updated = queryset.update(is_published=True)
        catalog_changed()
        self.message_user(request, f"{updated} service type(s) published.")

    @admin.action(description="Unpublish the selected service types", permissions=["change"])
    def unpublish(self, request, queryset):
        updated = queryset.update(is_published=False)
        catalog_changed()
        self.message_user(request, f"{updated} service type(s) unpublished.")


@admin.register(RateCard)
class RateCardAdmin(ImportExportCatalogAdmin):
    resource_classes = [RateCardResource]
    list_display = [
        "__str__",
        "sourcing_model",
        "region",
        "location",
        "currency",
        "hourly_low",
        "hourly_typical",
        "hourly_high",
        "as_of_shown",
        "publisher",
        "published_year",
        "is_estimate",
    ]
    list_display_links = ["__str__"]
    list_filter = ["sourcing_model", "region", "location", "currency", "is_estimate"]
    list_select_related = ["location"]
    search_fields = ["source", "publisher", "title", "region", "location__name", "currency"]
    date_hierarchy = "as_of"
    fieldsets = [
        (None, {"fields": ["sourcing_model", "region", "location", "currency"]}),
        ("Hourly rates", {"fields": ["hourly_low", "hourly_typical", "hourly_high"]}),
        (
            "Source",
            {
                "description": (
                    "Name who published the figures, the title and the year, and say how "
                    "low, typical and high were read from it. Enter only as much of the "
                    "as-of date as the source gives."
                ),
                "fields": [
                    "publisher",
                    "title",
                    "published_year",
                    ("as_of", "as_of_precision"),
                    "source",
                    "source_url",
                ],
            },
        ),
        (
            "Estimate",
            {
                "description": (
                    "When no source gives these figures directly, tick estimate and explain "
                    "the method: the figures it starts from, with their sources, and the "
                    "arithmetic."
                ),
                "fields": ["is_estimate", "estimate_method"],
            },
        ),
    ]

    @admin.display(description="as of", ordering="as_of")
    def as_of_shown(self, obj):
        # Only as much of the date as the source gives: "2011", not "Jan. 1, 2011".
        return obj.as_of_display


@admin.register(ExchangeRate)
class ExchangeRateAdmin(CatalogAdmin):
    list_display = ["currency", "units_per_euro", "as_of"]
    search_fields = ["currency", "source"]
    date_hierarchy = "as_of"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["currency", "units_per_euro"]}),
        (
            "Source",
            {
                "description": (
                    "Name who published the rate and under what title, the date it was "
                    "published for, and where you read it. A whole table of new rates is "
                    "quicker to load with the import_exchange_rates command (docs/rates.md)."
                ),
                "fields": ["as_of", "source", "source_url"],
            },
        ),
    ]


@admin.register(LabourCost)
class LabourCostAdmin(CatalogAdmin):
    list_display = ["country", "country_shown", "hourly", "currency", "year", "is_estimate"]
    list_filter = ["is_estimate", "currency", "year"]
    search_fields = ["country", "publisher", "title", "measure", "source"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["country", "currency", "hourly", "year", "measure"]}),
        (
            "Source",
            {
                "description": (
                    "Name who published the figure, the title of the release or table, and "
                    "where and how you read it."
                ),
                "fields": ["publisher", "title", "source", "source_url"],
            },
        ),
        (
            "Estimate",
            {
                "description": (
                    "When no source gives the employer's full cost per hour directly, tick "
                    "estimate and explain the method: the figures it starts from, with their "
                    "sources, and the arithmetic."
                ),
                "fields": ["is_estimate", "estimate_method"],
            },
        ),
    ]

    @admin.display(description="name", ordering="country")
    def country_shown(self, obj):
        return country_name(obj.country)
