"""Rate cards by region: each card says where its providers deliver from.

Adds `RateCard.region` and makes a card unique per sourcing model and region instead of
per sourcing model, location and currency. The nine default USD cards priced the US
market, so they become its three regions: onshore United States, nearshore Latin America,
offshore India or the Philippines. The location stays, as the kind of location the region
usually is.

A card in another currency was priced for the market that uses it, so it goes to that
market's region where the currency and location name one (a GBP onshore card is the United
Kingdom's); any other card goes to its location's US-market region. Putting every non-USD
card in the US market would give it the same region as the USD default of its model and
location, which the new uniqueness refuses. If two cards still land on the same model and
region, the migration stops and names them: delete or merge one, then migrate again. History rows get the region of their card (or, for a deleted card, the same rule),
so the admin's history and revert keep working. Reversing drops the field and puts the old
uniqueness back.
"""

from django.db import migrations, models

REGION_CHOICES = [
    ("us", "United States"),
    ("latin-america", "Latin America"),
    ("india-philippines", "India or the Philippines"),
    ("uk", "United Kingdom"),
    ("western-europe", "Western Europe"),
    ("eastern-europe", "Eastern Europe or Portugal"),
    ("canada-australia", "Canada or Australia"),
    ("india", "India"),
]
REGION_HELP = (
    "Where the providers priced here deliver from. Onshore is the company's home region; "
    "nearshore and offshore are that home's usual partner regions."
)
LOCATION_HELP = "The kind of location this region usually is; orders the cards in lists."
US_MARKET = {"onshore": "us", "nearshore": "latin-america", "offshore": "india-philippines"}
BY_CURRENCY = {
    ("GBP", "onshore"): "uk",
    ("EUR", "onshore"): "western-europe",
    ("EUR", "nearshore"): "eastern-europe",
    ("AUD", "onshore"): "canada-australia",
    ("CAD", "onshore"): "canada-australia",
    ("NZD", "onshore"): "canada-australia",
    ("INR", "onshore"): "india",
}
# A history row whose location was deleted since is read as onshore.
UNKNOWN_KIND = "onshore"


def region_of(currency, kind):
    if currency == "USD":
        return US_MARKET[kind]
    return BY_CURRENCY.get((currency, kind), US_MARKET[kind])


class RegionClash(Exception):
    """Two existing cards would become the same model's card for the same region."""


def card_regions(RateCard, kinds):
    """{card id: region}, refused whole if two cards would share a model and region."""
    regions, taken = {}, {}
    for card in RateCard.objects.order_by("pk"):
        region = region_of(card.currency, kinds.get(card.location_id, UNKNOWN_KIND))
        key = (card.sourcing_model, region)
        if key in taken:
            raise RegionClash(
                f"Rate cards {taken[key]} and {card.pk} ({card.sourcing_model}, "
                f"{card.currency}) would both be the {card.sourcing_model} card for region "
                f"{region!r}. Delete or merge one of them, then migrate again."
            )
        taken[key] = card.pk
        regions[card.pk] = region
    return regions


def assign_regions(apps, schema_editor):
    RateCard = apps.get_model("catalog", "RateCard")
    HistoricalRateCard = apps.get_model("catalog", "HistoricalRateCard")
    DeliveryLocation = apps.get_model("catalog", "DeliveryLocation")
    kinds = dict(DeliveryLocation.objects.values_list("pk", "kind"))
    regions = card_regions(RateCard, kinds)
    for pk, region in regions.items():
        RateCard.objects.filter(pk=pk).update(region=region)
    for row in HistoricalRateCard.objects.filter(region__isnull=True):
        kind = kinds.get(row.location_id, UNKNOWN_KIND)
        row.region = regions.get(row.id) or region_of(row.currency, kind)
        row.save(update_fields=["region"])


def region_field(null):
    return models.CharField(choices=REGION_CHOICES, help_text=REGION_HELP, max_length=20, null=null)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0013_consultants_edit_exchange_rates_and_labour_costs")]

    operations = [
        migrations.AddField(model_name="ratecard", name="region", field=region_field(True)),
        migrations.AddField(
            model_name="historicalratecard", name="region", field=region_field(True)
        ),
        migrations.RunPython(assign_regions, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(model_name="ratecard", name="region", field=region_field(False)),
        migrations.AlterField(
            model_name="historicalratecard", name="region", field=region_field(False)
        ),
        migrations.AlterField(
            model_name="ratecard",
            name="location",
            field=models.ForeignKey(
                help_text=LOCATION_HELP,
                on_delete=models.PROTECT,
                related_name="rate_cards",
                to="catalog.deliverylocation",
            ),
        ),
        migrations.AlterField(
            model_name="historicalratecard",
            name="location",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text=LOCATION_HELP,
                null=True,
                on_delete=models.DO_NOTHING,
                related_name="+",
                to="catalog.deliverylocation",
            ),
        ),
        migrations.AlterModelOptions(
            name="ratecard",
            options={"ordering": ["sourcing_model", "location__position", "region"]},
        ),
        migrations.RemoveConstraint(
            model_name="ratecard", name="ratecard_one_per_model_location_currency"
        ),
        migrations.AddConstraint(
            model_name="ratecard",
            constraint=models.CheckConstraint(
                condition=models.Q(("region__in", [slug for slug, _name in REGION_CHOICES])),
                name="ratecard_region_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="ratecard",
            constraint=models.UniqueConstraint(
                fields=("sourcing_model", "region"),
                name="ratecard_one_per_model_region",
                violation_error_message=(
                    "There is already a rate card for this sourcing model and region: edit "
                    "that one."
                ),
            ),
        ),
    ]
