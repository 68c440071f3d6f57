"""Rate cards for the regions beyond the US market, for BPO, KPO and LPO work.

No source found gives what providers in the United Kingdom, Western Europe, Eastern Europe
or Portugal, Canada or Australia, or India bill per hour for the work the catalog prices
(docs/research-currency-data.json, "not_found"), so every card here is an estimate:

- UK, Western Europe, Eastern Europe or Portugal, Canada or Australia: the region's fully
  loaded hourly labour cost times the US onshore card's multiple of US labour cost (BLS,
  USD 44.67, December 2024), in the region's currency, rounded half up to cents.
- India: the India or the Philippines card's USD figures, Indian providers' domestic rates
  taken as their export rates for lack of a published domestic rate.

The figures were worked out with Decimal and are written out below with their arithmetic,
so this migration replays identically. A region that already has a card for a model (a
consultant's) keeps it. Each card created gets a history row with the reason; reversing
deletes only the cards that still hold exactly these figures and texts.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations
from django.utils import timezone

REASON = "Regional rate cards estimated (migration 0015)"
PUBLISHED_YEAR = 2026
MODELS = {"bpo": "BPO", "kpo": "KPO", "lpo": "LPO"}
US_LABOUR = "44.67"
US_LABOUR_TEXT = (
    "United States: USD 44.67 an hour (U.S. Bureau of Labor Statistics, Employer Costs for "
    "Employee Compensation, December 2024: private industry, per hour worked)"
)
# The US onshore cards (migration 0009) each estimate starts from, and the date of the
# newer of that card and the BLS figure, which is the estimate's as-of date.
US_ONSHORE = {
    "bpo": {
        "figures": ("45.00", "52.50", "60.00"),
        "publisher": "PITON-Global",
        "cited": "PITON-Global, The Economics of Offshore vs. Nearshore, 13 July 2025",
        "as_of": (date(2025, 7, 13), "day"),
        "newer": "PITON-Global's article, 13 July 2025",
    },
    "kpo": {
        "figures": ("75.00", "110.00", "150.00"),
        "publisher": "IEEE-USA",
        "cited": (
            "IEEE-USA, 2004 Consultants Fee Survey, 2005, itself a proxy for onshore expert work"
        ),
        "as_of": (date(2024, 12, 1), "month"),
        "newer": "the BLS figure, December 2024",
    },
    "lpo": {
        "figures": ("54.00", "62.00", "70.00"),
        "publisher": "Blackman Kallick",
        "cited": (
            "Blackman Kallick legal staffing, 2011: contract-attorney pay times agency margin"
        ),
        "as_of": (date(2024, 12, 1), "month"),
        "newer": "the BLS figure, December 2024",
    },
}
LABOUR = {
    "uk": {
        "name": "the United Kingdom",
        "currency": "GBP",
        "hourly": "22.11",
        "publisher": "ONS",
        "text": (
            "United Kingdom: GBP 22.11 an hour, the catalog's labour cost for GB (Outsourcing "
            "Advisor's estimate from ONS figures: ASHE median full-time hourly pay of April "
            "2024, GBP 18.64, raised by the ONS Index of Labour Costs per Hour ratio of "
            "labour cost to wages for October-December 2019, 1.186)"
        ),
    },
    "western-europe": {
        "name": "Western Europe",
        "currency": "EUR",
        "hourly": "37.30",
        "publisher": "Eurostat",
        "text": (
            "Western Europe: EUR 37.30 an hour, Eurostat's euro-area average hourly labour "
            "cost for 2024 (news release of 28 March 2025, dataset lc_lci_lev, read from "
            "openstats.eu's reproduction)"
        ),
    },
    "eastern-europe": {
        "name": "Eastern Europe or Portugal",
        "currency": "EUR",
        "hourly": "16.63",
        "publisher": "Eurostat",
        "text": (
            "Eastern Europe or Portugal: EUR 16.63 an hour, the mean of Eurostat's 2024 hourly "
            "labour costs for Poland, Czechia, Romania and Portugal (news release of 28 March "
            "2025, dataset lc_lci_lev): (17.30 + 18.20 + 12.50 + 18.50) / 4 = 16.625, rounded "
            "half up to 16.63"
        ),
    },
    "canada-australia": {
        "name": "Canada or Australia",
        "currency": "AUD",
        "hourly": "45.25",
        "publisher": "ABS",
        "text": (
            "Canada or Australia: AUD 45.25 an hour, the catalog's labour cost for AU "
            "(Outsourcing Advisor's estimate from ABS figures: median hourly earnings of "
            "August 2023, AUD 39.50, divided by the 87.3 % share of earnings in labour costs "
            "in 2015-16). No Canadian figure with employer costs was found, so Australia's "
            "figure prices the region, in AUD"
        ),
    },
}
# Local labour x US onshore card / 44.67, each rounded half up to cents.
ESTIMATES = {
    ("uk", "bpo"): ("22.27", "25.99", "29.70"),
    ("uk", "kpo"): ("37.12", "54.45", "74.24"),
    ("uk", "lpo"): ("26.73", "30.69", "34.65"),
    ("western-europe", "bpo"): ("37.58", "43.84", "50.10"),
    ("western-europe", "kpo"): ("62.63", "91.85", "125.25"),
    ("western-europe", "lpo"): ("45.09", "51.77", "58.45"),
    ("eastern-europe", "bpo"): ("16.75", "19.54", "22.34"),
    ("eastern-europe", "kpo"): ("27.92", "40.95", "55.84"),
    ("eastern-europe", "lpo"): ("20.10", "23.08", "26.06"),
    ("canada-australia", "bpo"): ("45.58", "53.18", "60.78"),
    ("canada-australia", "kpo"): ("75.97", "111.43", "151.95"),
    ("canada-australia", "lpo"): ("54.70", "62.81", "70.91"),
}
# The India or the Philippines cards (migration 0009) whose figures India's cards take.
OFFSHORE = {
    "bpo": {
        "figures": ("12.00", "15.00", "18.00"),
        "publisher": "PITON-Global",
        "cited": "PITON-Global, The Economics of Offshore vs. Nearshore, 13 July 2025",
        "as_of": (date(2025, 7, 13), "day"),
    },
    "kpo": {
        "figures": ("20.00", "50.00", "80.00"),
        "publisher": "Hindustan Times",
        "cited": "Alok Aggarwal, Sifting KPO from BPO services, Hindustan Times, 2006",
        "as_of": (date(2006, 9, 29), "day"),
    },
    "lpo": {
        "figures": ("21.00", "50.00", "80.00"),
        "publisher": "Time and Hindustan Times",
        "cited": (
            "Time, Call My Lawyer ... in India, 2008, with the Hindustan Times knowledge-work "
            "range of 2006"
        ),
        "as_of": (date(2008, 1, 1), "year"),
    },
}
REGION_KIND = {
    "uk": "onshore",
    "western-europe": "onshore",
    "eastern-europe": "nearshore",
    "canada-australia": "onshore",
    "india": "onshore",
}


def common(region, model, figures, as_of):
    low, typical, high = (Decimal(figure) for figure in figures)
    return {
        "sourcing_model": model,
        "region": region,
        "hourly_low": low,
        "hourly_typical": typical,
        "hourly_high": high,
        "as_of": as_of[0],
        "as_of_precision": as_of[1],
        "published_year": PUBLISHED_YEAR,
        "source_url": "",
        "is_estimate": True,
    }


def scaled_card(region, model):
    labour, us, figures = LABOUR[region], US_ONSHORE[model], ESTIMATES[(region, model)]
    steps = ", ".join(
        f"{name} {labour['hourly']} x {us_figure} / {US_LABOUR} = {figure}"
        for name, us_figure, figure in zip(
            ("Low", "typical", "high"), us["figures"], figures, strict=True
        )
    )
    return {
        **common(region, model, figures, us["as_of"]),
        "currency": labour["currency"],
        "publisher": (
            f"Outsourcing Advisor, from {labour['publisher']}, BLS and {us['publisher']} figures"
        ),
        "title": (
            f"Estimate from {labour['name']}'s labour cost and the US onshore "
            f"{MODELS[model]} rate card"
        ),
        "source": (
            f"No published hourly rates for {MODELS[model]} work from providers in "
            f"{labour['name']} were found. Estimated from the region's labour cost and the US "
            f"onshore {MODELS[model]} card ({us['cited']})."
        ),
        "estimate_method": (
            f"Local labour cost x (US onshore card / US labour cost): a provider in "
            f"{labour['name']} is taken to bill the same multiple of what an hour of work "
            f"costs an employer there as a US provider bills of what it costs in the United "
            f"States. {labour['text']}. {US_LABOUR_TEXT}. US onshore {MODELS[model]} card: "
            f"{' / '.join(us['figures'])} USD. {steps}, each rounded half up to cents, in "
            f"{labour['currency']}. The multiple is assumed, not observed: replace these "
            f"figures with local quotes when you have them. The as-of date is that of the "
            f"newer input, {us['newer']}."
        ),
    }


def india_card(model):
    offshore = OFFSHORE[model]
    return {
        **common("india", model, offshore["figures"], offshore["as_of"]),
        "currency": "USD",
        "publisher": f"Outsourcing Advisor, from {offshore['publisher']} figures",
        "title": f"Estimate from the India or the Philippines {MODELS[model]} rate card",
        "source": (
            f"No published rate for {MODELS[model]} work an Indian provider does for an "
            f"Indian client was found. The figures are those of the India or the Philippines "
            f"{MODELS[model]} card ({offshore['cited']})."
        ),
        "estimate_method": (
            f"Indian providers' domestic rates are taken to be their export rates, for lack "
            f"of a published domestic rate: low, typical and high are the India or the "
            f"Philippines {MODELS[model]} card's {' / '.join(offshore['figures'])} USD, in "
            f"USD as that card gives them. Work bought and delivered within India may well "
            f"cost less: treat them as an upper guide. The as-of date is that card's."
        ),
    }


def regional_cards():
    cards = [scaled_card(region, model) for region, model in ESTIMATES]
    return cards + [india_card(model) for model in MODELS]


def record_history(apps, card, now):
    """What simple-history's signal would record for an admin edit (none fires here)."""
    RateCard = apps.get_model("catalog", "RateCard")
    HistoricalRateCard = apps.get_model("catalog", "HistoricalRateCard")
    values = {
        field.attname: getattr(card, field.attname) for field in RateCard._meta.concrete_fields
    }
    HistoricalRateCard.objects.create(
        **values,
        history_date=now,
        history_type="+",
        history_change_reason=REASON,
        history_user=None,
    )


def load_cards(apps, schema_editor):
    RateCard = apps.get_model("catalog", "RateCard")
    DeliveryLocation = apps.get_model("catalog", "DeliveryLocation")
    locations = {location.kind: location for location in DeliveryLocation.objects.all()}
    taken = set(RateCard.objects.values_list("sourcing_model", "region"))
    now = timezone.now()
    for row in regional_cards():
        if (row["sourcing_model"], row["region"]) in taken:
            continue  # a consultant's card for this region: theirs to keep
        location = locations[REGION_KIND[row["region"]]]
        card = RateCard.objects.create(**row, location=location)
        record_history(apps, card, now)


def remove_unchanged_cards(apps, schema_editor):
    RateCard = apps.get_model("catalog", "RateCard")
    for row in regional_cards():
        RateCard.objects.filter(**row).delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0014_rate_card_region")]

    operations = [
        migrations.RunPython(load_cards, remove_unchanged_cards, elidable=False),
    ]
