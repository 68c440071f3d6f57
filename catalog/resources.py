"""Import and export of the catalog as CSV and XLSX (django-import-export).

Rows are matched by their natural keys (slugs), never by database ids, so a file exported
from one installation imports into another. Every row is validated with the model's own
checks (constraints included); one bad row refuses the whole file.
"""

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from .models import DeliveryLocation, Industry, Provider, RateCard, Risk, ServiceType
from .services import catalog_changed


class CatalogResource(resources.ModelResource):
    """A catalog import gives the catalog a new version once it is committed."""

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if not self._is_dry_run(kwargs) and not result.has_errors():
            catalog_changed()


class SlugListWidget(widgets.ManyToManyWidget):
    """Comma-separated slugs; an unknown slug is an error, not silently dropped."""

    def __init__(self, model):
        super().__init__(model, separator=",", field="slug")

    def clean(self, value, row=None, **kwargs):
        if not value:
            return self.model.objects.none()
        slugs = {slug.strip() for slug in str(value).split(self.separator) if slug.strip()}
        found = self.model.objects.filter(slug__in=slugs)
        unknown = slugs - set(found.values_list("slug", flat=True))
        if unknown:
            label = self.model._meta.verbose_name_plural
            raise ValueError(f"Unknown {label}: {', '.join(sorted(unknown))}")
        return found


class SlugWidget(widgets.ForeignKeyWidget):
    def __init__(self, model):
        super().__init__(model, field="slug")

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(f"Unknown {self.model._meta.verbose_name}: {value}") from None


class ServiceTypeResource(CatalogResource):
    industries = fields.Field(
        attribute="industries", column_name="industries", widget=SlugListWidget(Industry)
    )
    risks = fields.Field(attribute="risks", column_name="risks", widget=SlugListWidget(Risk))
    providers = fields.Field(
        attribute="providers", column_name="providers", widget=SlugListWidget(Provider)
    )

    class Meta:
        model = ServiceType
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "summary",
            "description",
            "sourcing_model",
            "office",
            "orientation",
            "industries",
            "typical_complexity",
            "typical_skill_level",
            "typical_standardisation",
            "risks",
            "providers",
            "is_published",
        ]
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if "industries" in row:
            industries = list(self.fields["industries"].clean(row))
        else:  # a file without the column leaves the industries as they are
            industries = list(instance.industries.all()) if instance.pk else []
        problem = ServiceType.industries_problem(instance.orientation, industries)
        if problem:
            raise ValidationError({"industries": problem})

    def get_queryset(self):
        return super().get_queryset().prefetch_related("industries", "risks", "providers")


class RateCardResource(CatalogResource):
    location = fields.Field(
        attribute="location", column_name="location", widget=SlugWidget(DeliveryLocation)
    )

    class Meta:
        model = RateCard
        import_id_fields = ["sourcing_model", "region"]
        fields = [
            "sourcing_model",
            "region",
            "location",
            "currency",
            "hourly_low",
            "hourly_typical",
            "hourly_high",
            "as_of",
            "as_of_precision",
            "publisher",
            "title",
            "published_year",
            "source",
            "source_url",
            "is_estimate",
            "estimate_method",
        ]
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        return super().get_queryset().select_related("location")
