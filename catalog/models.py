"""The service catalog: what the product knows about BPO, KPO and LPO services.

Service types with their facets, delivery locations, rate cards, risks and example
providers, and the exchange rates and labour costs by country that put money in a
company's own currency, all edited by consultants in the admin. Every bound a form
enforces is also a database constraint. This app must never import `assessments`.
"""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .money import is_country, is_currency
from .regions import REGIONS

SCALE_MIN = 1
SCALE_MAX = 5
SCALE_CHOICES = [(value, str(value)) for value in range(SCALE_MIN, SCALE_MAX + 1)]
WORKING_DAY_HOURS = 8
MIN_HOURLY_RATE = Decimal("0.01")
CURRENCY_PATTERN = r"^[A-Z]{3}\Z"
CURRENCY_MESSAGE = "Currency must be a three-letter ISO code, e.g. USD."
RATES_ORDER_MESSAGE = "Rates must satisfy low <= typical <= high."
# A source's year of publication: no figure the catalog could use is older than 1950, and
# a year past 2100 is a typing error.
MIN_PUBLISHED_YEAR = 1950
MAX_PUBLISHED_YEAR = 2100
PUBLISHED_YEAR_MESSAGE = (
    f"The year of publication must lie between {MIN_PUBLISHED_YEAR} and {MAX_PUBLISHED_YEAR}."
)
ESTIMATE_METHOD_MESSAGE = (
    "An estimate needs its method: say which figures it starts from (with their sources) and "
    "the arithmetic that turns them into these rates."
)
NO_SOURCING_MODEL_MESSAGE = "Tick at least one sourcing model the provider offers."
# Exchange rates are quoted as the ECB quotes them: units of each currency per euro.
BASE_CURRENCY = "EUR"
MIN_UNITS_PER_EURO = Decimal("0.000001")
UNITS_PER_EURO_MESSAGE = "A rate must be more than zero units per euro."
BASE_RATE_MESSAGE = f"{BASE_CURRENCY} is the base of the table: its rate is 1 by definition."
COUNTRY_PATTERN = r"^[A-Z]{2}\Z"
COUNTRY_MESSAGE = "Country must be a two-letter ISO 3166 code in capitals, e.g. GB."
MIN_LABOUR_COST_YEAR = 1990
MAX_LABOUR_COST_YEAR = 2100
LABOUR_COST_YEAR_MESSAGE = (
    f"The year must lie between {MIN_LABOUR_COST_YEAR} and {MAX_LABOUR_COST_YEAR}."
)
HOURLY_COST_MESSAGE = "An hourly cost must be more than zero."
# Other words owners use for a service, searched when a task's name suggests one.
SYNONYMS_MAX_LENGTH = 1000
SYNONYMS_LENGTH_MESSAGE = f"Synonyms can be at most {SYNONYMS_MAX_LENGTH} characters."


class SourcingModel(models.TextChoices):
    BPO = "bpo", "BPO"
    KPO = "kpo", "KPO"
    LPO = "lpo", "LPO (legal KPO)"


class Office(models.TextChoices):
    FRONT = "front", "Front office"
    BACK = "back", "Back office"


class Orientation(models.TextChoices):
    HORIZONTAL = "horizontal", "Horizontal (any industry)"
    VERTICAL = "vertical", "Vertical (industry-specific)"


class DatePrecision(models.TextChoices):
    """How much of a rate card's as-of date its source gives; the rest is not shown."""

    DAY = "day", "Day"
    MONTH = "month", "Month (stored as its first day)"
    YEAR = "year", "Year (stored as 1 January)"


class LocationKind(models.TextChoices):
    ONSHORE = "onshore", "Onshore"
    NEARSHORE = "nearshore", "Nearshore"
    OFFSHORE = "offshore", "Offshore"


def choices_constraint(field, choices, model_name):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": choices.values}),
        name=f"{model_name}_{field}_valid",
    )


def scale_constraint(field, model_name):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": SCALE_MIN, f"{field}__lte": SCALE_MAX}),
        name=f"{model_name}_{field}_1_to_5",
    )


class Industry(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "industries"

    def __str__(self):
        return self.name


class DeliveryLocation(models.Model):
    kind = models.CharField(max_length=10, choices=LocationKind.choices, unique=True)
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField()
    time_zone_overlap_hours = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(WORKING_DAY_HOURS)],
        help_text=f"Hours of a {WORKING_DAY_HOURS}-hour working day shared with the client.",
    )
    time_zone_notes = models.TextField(blank=True)
    language_culture_notes = models.TextField("language and culture notes", blank=True)
    examples = models.CharField(max_length=250, blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in lists.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            choices_constraint("kind", LocationKind, "deliverylocation"),
            models.CheckConstraint(
                condition=Q(time_zone_overlap_hours__lte=WORKING_DAY_HOURS),
                name="deliverylocation_overlap_within_working_day",
            ),
        ]

    def __str__(self):
        return self.name


class Risk(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField()
    mitigation = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Provider(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    offers_bpo = models.BooleanField("offers BPO", default=False)
    offers_kpo = models.BooleanField("offers KPO", default=False)
    offers_lpo = models.BooleanField("offers LPO", default=False)
    locations = models.ManyToManyField(DeliveryLocation, related_name="providers", blank=True)
    note = models.CharField(
        max_length=300, blank=True, help_text="A short, neutral note: no endorsement."
    )

    history = HistoricalRecords(m2m_fields=[locations])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(offers_bpo=True) | Q(offers_kpo=True) | Q(offers_lpo=True),
                name="provider_offers_a_sourcing_model",
                violation_error_message=NO_SOURCING_MODEL_MESSAGE,
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        # The same rule as the constraint, reported next to the first checkbox.
        if not (self.offers_bpo or self.offers_kpo or self.offers_lpo):
            raise ValidationError({"offers_bpo": NO_SOURCING_MODEL_MESSAGE})

    @property
    def sourcing_models(self):
        offered = (
            (self.offers_bpo, SourcingModel.BPO),
            (self.offers_kpo, SourcingModel.KPO),
            (self.offers_lpo, SourcingModel.LPO),
        )
        return [model for offers, model in offered if offers]


# LPO is legal KPO, so asking for KPO also finds LPO services.
SOURCING_MODEL_MATCHES = {
    SourcingModel.BPO: [SourcingModel.BPO],
    SourcingModel.KPO: [SourcingModel.KPO, SourcingModel.LPO],
    SourcingModel.LPO: [SourcingModel.LPO],
}
SEARCH_FIELDS = ("name", "summary", "description", "synonyms")


class ServiceTypeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def search(self, text):
        """Every word must appear, in any case, in the name, summary, description or synonyms."""
        condition = Q()
        for word in text.split():
            any_field = Q()
            for field in SEARCH_FIELDS:
                any_field |= Q(**{f"{field}__icontains": word})
            condition &= any_field
        return self.filter(condition)

    def of_sourcing_model(self, sourcing_model):
        return self.filter(sourcing_model__in=SOURCING_MODEL_MATCHES[sourcing_model])

    def with_facets(self):
        """Everything a list of service types shows, in a constant number of queries."""
        return self.prefetch_related("industries")


class ServiceType(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.CharField(max_length=250, help_text="One sentence shown in lists.")
    description = models.TextField()
    synonyms = models.TextField(
        max_length=SYNONYMS_MAX_LENGTH,
        blank=True,
        help_text=(
            "Other words and phrases owners use for this work, separated by commas or new "
            "lines (e.g. accounts payable, AP, supplier invoices). A task whose name contains "
            "one is offered this service."
        ),
    )
    sourcing_model = models.CharField(max_length=3, choices=SourcingModel.choices)
    office = models.CharField(max_length=5, choices=Office.choices)
    orientation = models.CharField(max_length=10, choices=Orientation.choices)
    industries = models.ManyToManyField(
        Industry,
        related_name="service_types",
        blank=True,
        help_text="Required for vertical services, empty for horizontal ones.",
    )
    typical_complexity = models.PositiveSmallIntegerField(choices=SCALE_CHOICES)
    typical_skill_level = models.PositiveSmallIntegerField(choices=SCALE_CHOICES)
    typical_standardisation = models.PositiveSmallIntegerField(choices=SCALE_CHOICES)
    risks = models.ManyToManyField(Risk, related_name="service_types", blank=True)
    providers = models.ManyToManyField(Provider, related_name="service_types", blank=True)
    is_published = models.BooleanField("published", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ServiceTypeQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[industries, risks, providers])

    class Meta:
        ordering = ["name"]
        constraints = [
            choices_constraint("sourcing_model", SourcingModel, "servicetype"),
            choices_constraint("office", Office, "servicetype"),
            choices_constraint("orientation", Orientation, "servicetype"),
            scale_constraint("typical_complexity", "servicetype"),
            scale_constraint("typical_skill_level", "servicetype"),
            scale_constraint("typical_standardisation", "servicetype"),
            models.CheckConstraint(
                # SQLite ignores a column's length; this holds on every database.
                condition=LessThanOrEqual(Length("synonyms"), SYNONYMS_MAX_LENGTH),
                name="servicetype_synonyms_length",
                violation_error_message=SYNONYMS_LENGTH_MESSAGE,
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalog:service-detail", kwargs={"slug": self.slug})

    @staticmethod
    def industries_problem(orientation, industries):
        """Why these industries do not fit the orientation, or None when they do.

        Many-to-many values cannot be checked by the database, so the admin form and the
        importer both ask this before saving.
        """
        if orientation == Orientation.VERTICAL and not industries:
            return "A vertical service needs at least one industry."
        if orientation == Orientation.HORIZONTAL and industries:
            return "A horizontal service serves every industry: leave the industries empty."
        return None

    @property
    def is_knowledge_work(self):
        """LPO is legal KPO: both answer "KPO" in an assessment."""
        return self.sourcing_model in (SourcingModel.KPO, SourcingModel.LPO)


# The regions rate cards are kept for, in REGIONS' order: the US market's three first.
Region = models.TextChoices(
    "Region", [(slug.replace("-", "_").upper(), (slug, name)) for slug, name in REGIONS.items()]
)
RATE_CARD_UNIQUE_MESSAGE = (
    "There is already a rate card for this sourcing model and region: edit that one."
)


class RateCardQuerySet(models.QuerySet):
    def for_sourcing_model(self, sourcing_model):
        return self.filter(sourcing_model=sourcing_model).select_related("location").by_region()

    def by_region(self):
        """In REGIONS' order (the US market first), then by location."""
        position = models.Case(
            *(models.When(region=slug, then=index) for index, slug in enumerate(REGIONS)),
            default=len(REGIONS),
        )
        return self.alias(region_position=position).order_by(
            "region_position", "location__position"
        )


def rate_field():
    return models.DecimalField(
        max_digits=9, decimal_places=2, validators=[MinValueValidator(MIN_HOURLY_RATE)]
    )


class RateCard(models.Model):
    sourcing_model = models.CharField(max_length=3, choices=SourcingModel.choices)
    region = models.CharField(
        max_length=20,
        choices=Region.choices,
        help_text=(
            "Where the providers priced here deliver from. Onshore is the company's home "
            "region; nearshore and offshore are that home's usual partner regions."
        ),
    )
    location = models.ForeignKey(
        DeliveryLocation,
        on_delete=models.PROTECT,
        related_name="rate_cards",
        help_text="The kind of location this region usually is; orders the cards in lists.",
    )
    currency = models.CharField(
        max_length=3,
        default="USD",
        validators=[RegexValidator(CURRENCY_PATTERN, CURRENCY_MESSAGE)],
        help_text="ISO 4217 code.",
    )
    hourly_low = rate_field()
    hourly_typical = rate_field()
    hourly_high = rate_field()
    as_of = models.DateField(
        "as of",
        help_text=(
            "Date the figures describe, as the source gives it. If the source gives only a "
            "month or a year, enter its first day and set the precision to match: only the "
            "part the source gives is shown."
        ),
    )
    as_of_precision = models.CharField(
        "as-of precision",
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How much of the as-of date the source actually gives.",
    )
    publisher = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who published the figures (for an estimate: whoever made it).",
    )
    title = models.CharField(
        max_length=300, blank=True, help_text="Title of the report, survey or article."
    )
    published_year = models.PositiveSmallIntegerField(
        "year published",
        null=True,
        blank=True,
        validators=[
            MinValueValidator(MIN_PUBLISHED_YEAR, PUBLISHED_YEAR_MESSAGE),
            MaxValueValidator(MAX_PUBLISHED_YEAR, PUBLISHED_YEAR_MESSAGE),
        ],
    )
    source = models.TextField(
        help_text="Where the figures come from and how low, typical and high were read from it."
    )
    source_url = models.URLField("source link", blank=True)
    is_estimate = models.BooleanField(
        "estimate",
        default=False,
        help_text="Tick when no source gives these figures directly and they were worked out.",
    )
    estimate_method = models.TextField(
        "how the estimate was made",
        blank=True,
        help_text="Required for an estimate: the figures it starts from and the arithmetic.",
    )

    objects = RateCardQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["sourcing_model", "location__position", "region"]
        constraints = [
            choices_constraint("sourcing_model", SourcingModel, "ratecard"),
            choices_constraint("region", Region, "ratecard"),
            models.UniqueConstraint(
                fields=["sourcing_model", "region"],
                name="ratecard_one_per_model_region",
                violation_error_message=RATE_CARD_UNIQUE_MESSAGE,
            ),
            models.CheckConstraint(condition=Q(hourly_low__gt=0), name="ratecard_rates_positive"),
            models.CheckConstraint(
                condition=Q(hourly_low__lte=models.F("hourly_typical"))
                & Q(hourly_typical__lte=models.F("hourly_high")),
                name="ratecard_low_typical_high_ordered",
                violation_error_message=RATES_ORDER_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(currency__regex=CURRENCY_PATTERN),
                name="ratecard_currency_iso_code",
                violation_error_message=CURRENCY_MESSAGE,
            ),
            choices_constraint("as_of_precision", DatePrecision, "ratecard"),
            models.CheckConstraint(
                condition=Q(published_year__isnull=True)
                | Q(
                    published_year__gte=MIN_PUBLISHED_YEAR,
                    published_year__lte=MAX_PUBLISHED_YEAR,
                ),
                name="ratecard_published_year_in_range",
                violation_error_message=PUBLISHED_YEAR_MESSAGE,
            ),
            models.CheckConstraint(
                # Some character other than white space: the form strips the text anyway.
                condition=Q(is_estimate=False) | Q(estimate_method__regex=r"\S"),
                name="ratecard_estimate_has_method",
                violation_error_message=ESTIMATE_METHOD_MESSAGE,
            ),
        ]

    def __str__(self):
        return f"{self.get_sourcing_model_display()} {self.get_region_display()}: {self.currency}"

    def clean(self):
        # Both rules are also constraints; here each is reported next to the field at fault.
        errors = {}
        low, typical, high = self.hourly_low, self.hourly_typical, self.hourly_high
        if low is not None and typical is not None and low > typical:
            errors["hourly_typical"] = RATES_ORDER_MESSAGE
        elif typical is not None and high is not None and typical > high:
            errors["hourly_high"] = RATES_ORDER_MESSAGE
        if self.is_estimate and not (self.estimate_method or "").strip():
            errors["estimate_method"] = ESTIMATE_METHOD_MESSAGE
        if errors:
            raise ValidationError(errors)

    @property
    def as_of_display(self):
        """The as-of date with no more precision than its source gives."""
        if self.as_of is None:
            return ""
        if self.as_of_precision == DatePrecision.YEAR:
            return f"{self.as_of:%Y}"
        if self.as_of_precision == DatePrecision.MONTH:
            return f"{self.as_of:%b %Y}"
        return f"{self.as_of.day} {self.as_of:%b %Y}"

    @property
    def as_of_datetime_attribute(self):
        """The same date for an HTML <time datetime>: YYYY, YYYY-MM or YYYY-MM-DD."""
        if self.as_of is None:
            return ""
        if self.as_of_precision == DatePrecision.YEAR:
            return f"{self.as_of:%Y}"
        if self.as_of_precision == DatePrecision.MONTH:
            return f"{self.as_of:%Y-%m}"
        return self.as_of.isoformat()

    @property
    def citation(self):
        """Publisher, title and year in one line, or "" when the card names none."""
        parts = [part for part in (self.publisher, self.title) if part]
        if self.published_year:
            parts.append(str(self.published_year))
        return ", ".join(parts)


def unknown_currency_error(code):
    """A message when `code` has the right shape but no ISO 4217 currency has it."""
    if code and re.fullmatch(CURRENCY_PATTERN, code) and not is_currency(code):
        return f"{code} is not an ISO 4217 currency code."
    return None


class ExchangeRateQuerySet(models.QuerySet):
    def as_table(self):
        """{currency: units per 1 EUR}, the table `catalog.money.convert` reads."""
        return dict(self.values_list("currency", "units_per_euro"))


class ExchangeRate(models.Model):
    """How many units of a currency one euro buys, on a date, from a named source."""

    currency = models.CharField(
        max_length=3,
        unique=True,
        validators=[RegexValidator(CURRENCY_PATTERN, CURRENCY_MESSAGE)],
        help_text="ISO 4217 code.",
    )
    units_per_euro = models.DecimalField(
        max_digits=16,
        decimal_places=6,
        validators=[MinValueValidator(MIN_UNITS_PER_EURO, UNITS_PER_EURO_MESSAGE)],
        help_text=f"Units of this currency for 1 EUR, as the ECB quotes them ({BASE_CURRENCY}: 1).",
    )
    as_of = models.DateField("as of", help_text="The date the rate was published for.")
    source = models.TextField(help_text="Who published the rate, under what title, and where.")
    source_url = models.URLField("source link", blank=True)

    objects = ExchangeRateQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["currency"]
        constraints = [
            models.CheckConstraint(
                condition=Q(currency__regex=CURRENCY_PATTERN),
                name="exchangerate_currency_iso_code",
                violation_error_message=CURRENCY_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(units_per_euro__gt=0),
                name="exchangerate_units_positive",
                violation_error_message=UNITS_PER_EURO_MESSAGE,
            ),
            models.CheckConstraint(
                condition=~Q(currency=BASE_CURRENCY) | Q(units_per_euro=1),
                name="exchangerate_base_is_one",
                violation_error_message=BASE_RATE_MESSAGE,
            ),
        ]

    def __str__(self):
        return f"{self.currency} {self.units_per_euro} per {BASE_CURRENCY}"

    def clean(self):
        if message := unknown_currency_error(self.currency):
            raise ValidationError({"currency": message})


class LabourCost(models.Model):
    """What an hour of an employee's work costs an employer in a country, from a source."""

    country = models.CharField(
        max_length=2,
        unique=True,
        validators=[RegexValidator(COUNTRY_PATTERN, COUNTRY_MESSAGE)],
        help_text="ISO 3166 two-letter code.",
    )
    currency = models.CharField(
        max_length=3,
        validators=[RegexValidator(CURRENCY_PATTERN, CURRENCY_MESSAGE)],
        help_text="ISO 4217 code of the figure as published.",
    )
    hourly = models.DecimalField(
        "hourly cost",
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(MIN_HOURLY_RATE, HOURLY_COST_MESSAGE)],
        help_text="Employer's cost per hour worked: wages plus employer contributions.",
    )
    year = models.PositiveSmallIntegerField(
        validators=[
            MinValueValidator(MIN_LABOUR_COST_YEAR, LABOUR_COST_YEAR_MESSAGE),
            MaxValueValidator(MAX_LABOUR_COST_YEAR, LABOUR_COST_YEAR_MESSAGE),
        ],
        help_text="The year the figure describes.",
    )
    measure = models.CharField(
        max_length=500,
        help_text="What the figure measures: which workers, which costs, which period.",
    )
    publisher = models.CharField(
        max_length=200, help_text="Who published the figure (for an estimate: whoever made it)."
    )
    title = models.CharField(max_length=300, help_text="Title of the release, table or survey.")
    source = models.TextField(help_text="Where the figure was read and how.")
    source_url = models.URLField("source link", blank=True)
    is_estimate = models.BooleanField(
        "estimate",
        default=False,
        help_text="Tick when no source gives this figure directly and it was worked out.",
    )
    estimate_method = models.TextField(
        "how the estimate was made",
        blank=True,
        help_text="Required for an estimate: the figures it starts from and the arithmetic.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["country"]
        constraints = [
            models.CheckConstraint(
                condition=Q(country__regex=COUNTRY_PATTERN),
                name="labourcost_country_iso_code",
                violation_error_message=COUNTRY_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(currency__regex=CURRENCY_PATTERN),
                name="labourcost_currency_iso_code",
                violation_error_message=CURRENCY_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(hourly__gt=0),
                name="labourcost_hourly_positive",
                violation_error_message=HOURLY_COST_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(year__gte=MIN_LABOUR_COST_YEAR, year__lte=MAX_LABOUR_COST_YEAR),
                name="labourcost_year_in_range",
                violation_error_message=LABOUR_COST_YEAR_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(is_estimate=False) | Q(estimate_method__regex=r"\S"),
                name="labourcost_estimate_has_method",
                violation_error_message=ESTIMATE_METHOD_MESSAGE,
            ),
        ]

    def __str__(self):
        return f"{self.country}: {self.hourly} {self.currency} an hour ({self.year})"

    def clean(self):
        # The codes' shape is checked by the fields; here, that they name a real country
        # and currency. The estimate rule is also a constraint, reported here by its field.
        errors = {}
        if re.fullmatch(COUNTRY_PATTERN, self.country or "") and not is_country(self.country):
            errors["country"] = f"{self.country} is not an ISO 3166 country code."
        if message := unknown_currency_error(self.currency):
            errors["currency"] = message
        if self.is_estimate and not (self.estimate_method or "").strip():
            errors["estimate_method"] = ESTIMATE_METHOD_MESSAGE
        if errors:
            raise ValidationError(errors)
