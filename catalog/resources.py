"""Import and export of the catalog as CSV and XLSX (django-import-export).

Rows are matched by their natural keys (slugs), never by database ids, so a file exported
from one installation imports into another. Every row is validated with the model's own
checks (constraints included); one bad row refuses the whole file. A file whose columns are
not the resource's, or a value that is not a number where one is due, is refused with a
message that names the problem in the consultant's words, never with the library's
exception text. Unchanged rows are skipped and only counted in the preview.
"""

from diff_match_patch import diff_match_patch
from django.core.exceptions import ValidationError
from django.utils.encoding import force_str
from django.utils.html import format_html, format_html_join
from import_export import fields, resources, widgets

from outsourcing_advisor.plain_text import plain_text

from .models import DeliveryLocation, Industry, Provider, RateCard, Risk, ServiceType
from .services import catalog_changed

# How each part of a value's diff is marked in the preview (diff_match_patch's operations).
DIFF_MARKUP = {
    diff_match_patch.DIFF_DELETE: "<del>{}</del>",
    diff_match_patch.DIFF_EQUAL: "{}",
    diff_match_patch.DIFF_INSERT: "<ins>{}</ins>",
}


class PreviewDiff(resources.Diff):
    """The preview's before/after of each value, marked with <del> and <ins> only: the
    library's own markup carries inline styles, which the Content-Security-Policy refuses
    (import_export/import.css styles these tags)."""

    def as_html(self):
        matcher = diff_match_patch()
        cells = []
        for before, after in zip(self.left, self.right, strict=False):
            if before != after and self.new:
                before = ""
            parts = matcher.diff_main(force_str(before), force_str(after))
            matcher.diff_cleanupSemantic(parts)
            cells.append(
                format_html_join(
                    "", "{}", ((format_html(DIFF_MARKUP[op], text),) for op, text in parts)
                )
            )
        return cells


class CatalogResource(resources.ModelResource):
    """A catalog import gives the catalog a new version once it is committed."""

    def get_diff_class(self):
        return PreviewDiff

    def before_import_row(self, row, **kwargs):
        """Text cells without hidden characters (`outsourcing_advisor.plain_text`)."""
        super().before_import_row(row, **kwargs)
        for column, value in row.items():
            if isinstance(value, str):
                row[column] = plain_text(value, multiline=True)

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        if problem := self.columns_problem(dataset.headers or []):
            raise ValueError(problem)

    def columns_problem(self, headers):
        """What is wrong with a file's header row, in words, or "" if nothing is."""
        expected = [field.column_name for field in self.get_import_fields()]
        keys = [self.fields[name].column_name for name in self._meta.import_id_fields]
        missing = [key for key in keys if key not in headers]
        unknown = [str(header) for header in headers if header not in expected]
        problems = []
        if missing:
            problems.append(f"it has no {' or '.join(missing)} column to match rows by")
        if unknown:
            problems.append(f"it has columns this import does not know: {', '.join(unknown)}")
        if not problems:
            return ""
        return (
            f"The file's first row does not name the right columns: {'; '.join(problems)}. "
            f"Expected columns: {', '.join(expected)}."
        )

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        try:
            super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)
        except ArithmeticError:  # decimal.InvalidOperation from the number widgets
            value = row.get(field.column_name)
            raise ValueError(f'"{value}" is not a number.') from None

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
            "synonyms",
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
        report_skipped = False

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
        report_skipped = False

    def get_queryset(self):
        return super().get_queryset().select_related("location")
