"""Load the ECB's euro reference rates of 28 February 2025 as the default exchange rates.

The figures are written out below (from docs/research-currency-data.json, which is not read
at run time), so this migration replays identically. They were read from a third-party copy
of the ECB's table, not from ecb.europa.eu; docs/rates.md says how to check and replace
them. Each row created gets a history row with the reason, as an edit in the admin would.
Reversing it deletes only the rows that still hold exactly these figures, and applying it
again leaves any other row as it is.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations
from django.utils import timezone

AS_OF = date(2025, 2, 28)
SOURCE_URL = (
    "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/"
    "euro_reference_exchange_rates/html/index.en.html"
)
SOURCE = (
    "European Central Bank, Euro foreign exchange reference rates, 28 February 2025: units of "
    "each currency per 1 EUR. The figures were read from a third-party copy of the ECB's "
    "table (eurodripusa.net, 'Daily Euro Exchange Rate - 28 February 2025', "
    "https://eurodripusa.net/?p=3470), not from ecb.europa.eu itself; USD 1.0411 is "
    "confirmed by a second page on the same site (https://eurodripusa.net/?p=3028)."
)
BASE_SOURCE = (
    "The euro is the base of the European Central Bank's Euro foreign exchange reference "
    "rates: 1 EUR is 1 EUR by definition."
)
REASON = "ECB reference rates of 28 February 2025 (migration 0011)"
BASE = "EUR"
RATES = {
    "USD": "1.0411",
    "JPY": "156.96",
    "BGN": "1.9558",
    "CZK": "25.029",
    "DKK": "7.4583",
    "GBP": "0.82608",
    "HUF": "399.50",
    "PLN": "4.1503",
    "RON": "4.9768",
    "SEK": "11.1880",
    "CHF": "0.9394",
    "ISK": "145.70",
    "NOK": "11.7245",
    "TRY": "38.0186",
    "AUD": "1.6741",
    "BRL": "6.0712",
    "CAD": "1.5019",
    "CNY": "7.5782",
    "HKD": "8.0980",
    "IDR": "17228.17",
    "ILS": "3.7457",
    "INR": "90.9710",
    "KRW": "1519.92",
    "MXN": "21.2191",
    "MYR": "4.6459",
    "NZD": "1.8579",
    "PHP": "60.355",
    "SGD": "1.4037",
    "THB": "35.567",
    "ZAR": "19.1917",
}


def default_rates():
    yield BASE, Decimal(1), BASE_SOURCE
    for currency, units in RATES.items():
        yield currency, Decimal(units), SOURCE


def load_rates(apps, schema_editor):
    ExchangeRate = apps.get_model("catalog", "ExchangeRate")
    HistoricalExchangeRate = apps.get_model("catalog", "HistoricalExchangeRate")
    now = timezone.now()
    kept = set(ExchangeRate.objects.values_list("currency", flat=True))
    for currency, units, source in default_rates():
        if currency in kept:
            continue  # a consultant's rate, left when this migration was reversed
        rate = ExchangeRate.objects.create(
            currency=currency,
            units_per_euro=units,
            as_of=AS_OF,
            source=source,
            source_url=SOURCE_URL,
        )
        # What simple-history's signal would record for an admin edit (none fires here).
        HistoricalExchangeRate.objects.create(
            id=rate.id,
            currency=currency,
            units_per_euro=units,
            as_of=AS_OF,
            source=source,
            source_url=SOURCE_URL,
            history_date=now,
            history_type="+",
            history_change_reason=REASON,
        )


def remove_unchanged_rates(apps, schema_editor):
    ExchangeRate = apps.get_model("catalog", "ExchangeRate")
    for currency, units, source in default_rates():
        ExchangeRate.objects.filter(
            currency=currency,
            units_per_euro=units,
            as_of=AS_OF,
            source=source,
            source_url=SOURCE_URL,
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0010_exchange_rates_labour_costs")]

    operations = [
        migrations.RunPython(load_rates, remove_unchanged_rates, elidable=False),
    ]
