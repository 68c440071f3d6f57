"""Give the nine default USD rate cards named, dated sources (docs/rates.md explains each).

The first defaults (0002, `data/default_catalog_v1.json`) cited unnamed "vendor-published"
figures with an as-of date set by convention to mid-2025, priced onshore legal work at the
midpoint of contract-attorney pay and law-firm billing, and put offshore legal work below
offshore knowledge work. A card is replaced here only while it still holds exactly those
first figures, dates and source text: a card a consultant has edited is left as it is.

The new content is frozen below, so this migration replays identically. Reversing it puts
the first figures back on cards that still hold the ones written here. Each card changed
gets a history row with the reason, as an edit in the admin would.
"""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import migrations
from django.utils import timezone

OLD_DATA_FILE = Path(__file__).resolve().parent / "data" / "default_catalog_v1.json"
CURRENCY = "USD"
REASON = "Default rate cards sourced (migration 0009)"
REVERSE_REASON = "Default rate cards sourced: reversed (migration 0009)"

PITON = {
    "as_of": date(2025, 7, 13),
    "as_of_precision": "day",
    "publisher": "PITON-Global",
    "title": "The Economics of Offshore vs. Nearshore: A Decision Framework for BPO Buyers",
    "published_year": 2025,
    "source_url": (
        "https://www.piton-global.com/blog/"
        "the-economics-of-offshore-vs-nearshore-a-decision-framework-for-bpo-buyers"
    ),
    "is_estimate": False,
    "estimate_method": "",
}
PITON_NOTE = (
    " Low and high are that range; typical is its midpoint. The article compares what a "
    "buyer pays per agent hour in each region; its publisher is a Philippine call-centre "
    "provider that sells offshore delivery."
)

NEW_CARDS = {
    ("bpo", "onshore"): {
        **PITON,
        "low": "45.00",
        "typical": "52.50",
        "high": "60.00",
        "source": (
            "Article by Jedemae Lazo on the PITON-Global blog, 13 July 2025: fully loaded "
            "agent cost for BPO services of USD 45-60 an hour in the United States." + PITON_NOTE
        ),
    },
    ("bpo", "nearshore"): {
        **PITON,
        "low": "28.00",
        "typical": "31.50",
        "high": "35.00",
        "source": (
            "Article by Jedemae Lazo on the PITON-Global blog, 13 July 2025: fully loaded "
            "agent cost for BPO services of USD 28-35 an hour in nearshore locations such as "
            "Mexico, Colombia and Costa Rica." + PITON_NOTE
        ),
    },
    ("bpo", "offshore"): {
        **PITON,
        "low": "12.00",
        "typical": "15.00",
        "high": "18.00",
        "source": (
            "Article by Jedemae Lazo on the PITON-Global blog, 13 July 2025: fully loaded "
            "agent cost for BPO services of USD 12-18 an hour in the traditional offshore "
            "locations (India, the Philippines)." + PITON_NOTE
        ),
    },
    ("kpo", "onshore"): {
        "low": "75.00",
        "typical": "110.00",
        "high": "150.00",
        "as_of": date(2004, 1, 1),
        "as_of_precision": "year",
        "publisher": "IEEE-USA",
        "title": "2004 IEEE-USA Consultants Fee Survey",
        "published_year": 2005,
        "source_url": "http://psychcentral.com/news/archives/2005-05/i-ecf050605.html",
        "source": (
            "IEEE-USA surveyed self-employed US engineering consultants in 2004 and reported "
            "the results in May 2005 (press release 'Electrotechnology consultants fees rise, "
            "incomes drop'): a median fee of USD 110 an hour, with 58 % of consultants "
            "charging USD 75-150."
        ),
        "is_estimate": True,
        "estimate_method": (
            "Proxy: no source found gives what US knowledge-process providers bill per hour, "
            "so the fees US engineering consultants charge stand in for onshore expert work. "
            "Low and high are the USD 75-150 band most of them charge; typical is their "
            "median, USD 110. Cross-check: Alok Aggarwal of Evalueserve put US knowledge-work "
            "billing at USD 80-600 an hour (Hindustan Times, 'Sifting KPO from BPO services', "
            "2006); this card stays in the lower part of that range, where analysts rather "
            "than senior experts are priced."
        ),
    },
    ("kpo", "nearshore"): {
        "low": "47.50",
        "typical": "80.00",
        "high": "115.00",
        "as_of": date(2006, 1, 1),
        "as_of_precision": "year",
        "publisher": "Outsourcing Advisor",
        "title": "Estimate from the onshore and offshore KPO default rate cards",
        "published_year": 2026,
        "source_url": "",
        "source": (
            "No published rates for knowledge-process work delivered from Latin America were "
            "found. The figures sit halfway between the onshore KPO card (IEEE-USA, 2005) "
            "and the offshore KPO card (Hindustan Times, 2006)."
        ),
        "is_estimate": True,
        "estimate_method": (
            "Each figure is the midpoint of the same figure on the onshore KPO card "
            "(75 / 110 / 150) and the offshore KPO card (20 / 50 / 80): low (75 + 20) / 2 = "
            "47.50, typical (110 + 50) / 2 = 80, high (150 + 80) / 2 = 115. The as-of year is "
            "that of the newer input, 2006."
        ),
    },
    ("kpo", "offshore"): {
        "low": "20.00",
        "typical": "50.00",
        "high": "80.00",
        "as_of": date(2006, 9, 29),
        "as_of_precision": "day",
        "publisher": "Hindustan Times",
        "title": "Sifting KPO from BPO services",
        "published_year": 2006,
        "source_url": (
            "https://www.hindustantimes.com/india/sifting-kpo-from-bpo-services/"
            "story-orRwxRfWTgcI8qGgZLLKYP.html"
        ),
        "source": (
            "Column by Alok Aggarwal, chairman of the KPO provider Evalueserve, in the "
            "Hindustan Times, 29 September 2006: knowledge-process firms earn USD 20-80 per "
            "professional hour in India (about USD 30 for an analyst with two years' "
            "experience). Low and high are that range; typical is its midpoint."
        ),
        "is_estimate": False,
        "estimate_method": "",
    },
    ("lpo", "onshore"): {
        "low": "54.00",
        "typical": "62.00",
        "high": "70.00",
        "as_of": date(2011, 1, 1),
        "as_of_precision": "year",
        "publisher": "Blackman Kallick legal staffing (Jill Rorem)",
        "title": "A message to those who hire attorneys in transition: caveat emptor!",
        "published_year": 2011,
        "source_url": "https://h20cooler.wordpress.com/tag/rates/",
        "source": (
            "One product: US contract attorneys doing managed document review or contract "
            "review, billed by the staffing or LPO provider that supplies and manages them. "
            "It is neither the attorney's pay nor a law firm's rate for the same work. Jill "
            "Rorem, who ran legal staffing at Blackman Kallick, wrote in 2011 that contract "
            "attorneys on document review were paid about USD 30 an hour (USD 35 had been "
            "standard shortly before) and that most agencies kept margins of 80-100 % on top "
            "of that pay."
        ),
        "is_estimate": True,
        "estimate_method": (
            "Provider bill rate = attorney pay x (1 + agency margin), with both taken from "
            "the source: low USD 30 x 1.8 = 54, high USD 35 x 2.0 = 70, typical the midpoint, "
            "62. Cross-check: an anonymous contract attorney in the ABA Journal (vol. 94, "
            "December 2008, p. 32) described a law firm paying the staffing agency USD 60 an "
            "hour for a reviewer the agency paid USD 40, and billing the client USD 180 for "
            "that hour (quoted by Rees Morrison, Law Department Management Blog, 'Contract "
            "lawyers who do litigation review work - high markups and low productivity', "
            "2008)."
        ),
    },
    ("lpo", "nearshore"): {
        "low": "37.50",
        "typical": "56.00",
        "high": "75.00",
        "as_of": date(2011, 1, 1),
        "as_of_precision": "year",
        "publisher": "Outsourcing Advisor",
        "title": "Estimate from the onshore and offshore LPO default rate cards",
        "published_year": 2026,
        "source_url": "",
        "source": (
            "No published rates for legal process work delivered from Latin America were "
            "found. The figures sit halfway between the onshore LPO card (Blackman Kallick, "
            "2011) and the offshore LPO card (Time, 2008)."
        ),
        "is_estimate": True,
        "estimate_method": (
            "Each figure is the midpoint of the same figure on the onshore LPO card "
            "(54 / 62 / 70) and the offshore LPO card (21 / 50 / 80): low (54 + 21) / 2 = "
            "37.50, typical (62 + 50) / 2 = 56, high (70 + 80) / 2 = 75. The onshore card "
            "prices contract attorneys on review work and the offshore card a mix of review, "
            "research and drafting, so treat the result as a rough middle. The as-of year is "
            "that of the newer input, 2011."
        ),
    },
    ("lpo", "offshore"): {
        "low": "21.00",
        "typical": "50.00",
        "high": "80.00",
        "as_of": date(2008, 1, 1),
        "as_of_precision": "year",
        "publisher": "Time",
        "title": "Call My Lawyer ... in India",
        "published_year": 2008,
        "source_url": "https://content.time.com/time/magazine/article/0,9171,1727726,00.html",
        "source": (
            "Legal process work from India. Suzanne Barlyn in Time (3 April 2008): Atlas "
            "Legal Research has lawyers in India do legal research and brief writing for US "
            "attorneys at USD 60 an hour, where the US attorney quoted bills USD 395 and a "
            "junior associate USD 225. The same provider's document review starts at about "
            "USD 21 an hour (LawyersClubIndia, 'Want legal services for $25 a hour? Think "
            "India', 2008). Document review is the cheap end of this card; drafting, due "
            "diligence and research are priced at or above offshore KPO analysts."
        ),
        "is_estimate": True,
        "estimate_method": (
            "LPO is knowledge work on legal matters, so the card takes the range Alok "
            "Aggarwal gives for knowledge work from India, USD 20-80 an hour (Hindustan "
            "Times, 'Sifting KPO from BPO services', 2006): typical is its midpoint, USD 50, "
            "the same as the offshore KPO card, and high its top, USD 80. Low is the "
            "document-review rate of USD 21 (2008). The typical lies between that review "
            "rate and the USD 60 research-and-drafting rate (Time, 2008) because the "
            "catalog's legal services mix both kinds of work: pricing all of them at USD 60 "
            "would put paralegal and review work above what many US firms pay their own "
            "staff. The as-of year is that of the legal figures, 2008."
        ),
    },
}
NEW_FIELDS = (
    "as_of_precision",
    "publisher",
    "title",
    "published_year",
    "source_url",
    "is_estimate",
    "estimate_method",
)
BLANK_NEW_FIELDS = {
    "as_of_precision": "day",
    "publisher": "",
    "title": "",
    "published_year": None,
    "is_estimate": False,
    "estimate_method": "",
}


def old_cards():
    """The first defaults, keyed like NEW_CARDS."""
    data = json.loads(OLD_DATA_FILE.read_text(encoding="utf-8"))
    return {
        (row["sourcing_model"], row["location"]): row
        for row in data["rate_cards"]
        if row["currency"] == CURRENCY
    }


def holds(card, low, typical, high, as_of, source, source_url):
    return (
        card.hourly_low == Decimal(low)
        and card.hourly_typical == Decimal(typical)
        and card.hourly_high == Decimal(high)
        and card.as_of == (date.fromisoformat(as_of) if isinstance(as_of, str) else as_of)
        and card.source == source
        and card.source_url == source_url
    )


def default_cards(apps):
    RateCard = apps.get_model("catalog", "RateCard")
    cards = RateCard.objects.filter(currency=CURRENCY).select_related("location")
    return {(card.sourcing_model, card.location.kind): card for card in cards}


def record_history(apps, card, reason):
    """What simple-history's signal would record for an admin edit (none fires here)."""
    HistoricalRateCard = apps.get_model("catalog", "HistoricalRateCard")
    RateCard = apps.get_model("catalog", "RateCard")
    values = {
        field.attname: getattr(card, field.attname) for field in RateCard._meta.concrete_fields
    }
    HistoricalRateCard.objects.create(
        **values,
        history_date=timezone.now(),
        history_type="~",
        history_change_reason=reason,
        history_user=None,
    )


def source_default_cards(apps, schema_editor):
    old = old_cards()
    for key, card in default_cards(apps).items():
        if key not in NEW_CARDS or key not in old:
            continue
        first = old[key]
        if not holds(
            card, first["low"], first["typical"], first["high"], first["as_of"], first["source"], ""
        ):
            continue  # edited by a consultant: theirs to keep
        new = NEW_CARDS[key]
        card.hourly_low = Decimal(new["low"])
        card.hourly_typical = Decimal(new["typical"])
        card.hourly_high = Decimal(new["high"])
        card.as_of = new["as_of"]
        card.source = new["source"]
        for field in NEW_FIELDS:
            setattr(card, field, new[field])
        card.save()
        record_history(apps, card, REASON)


def restore_first_defaults(apps, schema_editor):
    old = old_cards()
    for key, card in default_cards(apps).items():
        if key not in NEW_CARDS or key not in old:
            continue
        new = NEW_CARDS[key]
        if not holds(
            card,
            new["low"],
            new["typical"],
            new["high"],
            new["as_of"],
            new["source"],
            new["source_url"],
        ):
            continue
        first = old[key]
        card.hourly_low = Decimal(first["low"])
        card.hourly_typical = Decimal(first["typical"])
        card.hourly_high = Decimal(first["high"])
        card.as_of = date.fromisoformat(first["as_of"])
        card.source = first["source"]
        card.source_url = ""
        for field, value in BLANK_NEW_FIELDS.items():
            setattr(card, field, value)
        card.save()
        record_history(apps, card, REVERSE_REASON)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0008_rate_card_sources")]

    operations = [
        migrations.RunPython(source_default_cards, restore_first_defaults, elidable=False),
    ]
