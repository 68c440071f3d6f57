"""What an assessment is scored with besides its tasks: rates, locations and catalog facts.

Recorded with every scoring (`Assessment.rates_snapshot`) so that re-running the engine with
the stored profile version gives the same answers whatever consultants later change in the
catalog. Plain data in, plain data out; reads the catalog, writes nothing.
"""

from dataclasses import replace
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.numbers import get_currency_symbol

from catalog.models import DeliveryLocation, ExchangeRate, LabourCost, RateCard
from catalog.money import convert
from catalog.regions import REGIONS, delivery_regions

from . import engine

DEFAULT_COUNTRY = "US"


def market_snapshot(currency, country=DEFAULT_COUNTRY, profile=None):
    """The market an assessment is scored in, as JSON-safe data: the delivery locations seen
    from `country` (onshore is its home region, nearshore and offshore its usual partners),
    each region's rate cards converted into `currency` with today's exchange rates, and the
    in-house hourly cost and fixed transition cost in that currency. Everything a re-run
    needs is recorded, the exchange rates used included.

    Raises catalog.money.MissingRate, naming the currency, when one has no exchange rate.
    """
    home, regions, priced_as_home = delivery_regions(country)
    rates = ExchangeRate.objects.as_table()
    locations = [loc for loc in DeliveryLocation.objects.order_by("position") if regions[loc.kind]]
    cards = RateCard.objects.filter(region__in={regions[loc.kind] for loc in locations})
    by_region = {}
    for card in cards:
        by_region.setdefault(card.region, []).append(card)
    used = {currency} | {card.currency for card in cards}
    snapshot = {
        "currency": currency,
        "symbol": currency_symbol(currency, country),
        "country": country,
        "home_region": home,
        "priced_as_home": priced_as_home,
        "locations": [location_data(loc, regions[loc.kind]) for loc in locations],
        "rates": [
            rate_data(card, loc.kind, currency, rates)
            for loc in locations
            for card in by_region.get(regions[loc.kind], [])
        ],
    }
    if profile is not None:
        snapshot |= home_costs(country, currency, profile, rates, used)
    snapshot["exchange_rates"] = {code: str(rates[code]) for code in sorted(used) if code in rates}
    return snapshot


def location_data(location, region):
    return {
        "kind": location.kind,
        "name": f"{location.name} ({REGIONS[region]})",
        "overlap_hours": location.time_zone_overlap_hours,
        "region": region,
    }


def rate_data(card, kind, currency, rates):
    def figure(value):
        return str(convert(value, card.currency, currency, rates))

    return {
        "model": card.sourcing_model,
        "location": kind,
        "region": card.region,
        "low": figure(card.hourly_low),
        "typical": figure(card.hourly_typical),
        "high": figure(card.hourly_high),
    }


def home_costs(country, currency, profile, rates, used):
    """The in-house hourly cost used when hours are not given (the country's labour cost,
    else the profile's, which is in US dollars) and the profile's fixed transition cost (in
    US dollars), both in `currency`."""
    labour = LabourCost.objects.filter(country=country).first()
    if labour is not None:
        hourly, source = labour.hourly, labour.currency
        note = f"{labour.publisher}, {labour.year}: {labour.measure}"
    else:
        hourly, source = profile.in_house_hourly_rate, "USD"
        note = "the scoring profile's US figure (no labour cost for this country)"
    used.update({source, "USD"})
    return {
        "in_house_hourly_rate": str(convert(hourly, source, currency, rates)),
        "in_house_hourly_note": note,
        "transition_fixed_cost": str(
            convert(profile.transition_fixed_cost, "USD", currency, rates)
        ),
    }


def profile_in_market(profile, snapshot):
    """The engine profile with the in-house hourly cost and fixed transition cost of the
    snapshot's country and currency; unchanged for snapshots recorded before they were."""
    changes = {
        name: Decimal(snapshot[name])
        for name in ("in_house_hourly_rate", "transition_fixed_cost")
        if name in snapshot
    }
    return replace(profile, **changes) if changes else profile


def market_from_snapshot(snapshot):
    return engine.Market(
        currency=snapshot["currency"],
        locations=tuple(
            engine.Location(item["kind"], item["name"], item["overlap_hours"])
            for item in snapshot["locations"]
        ),
        rates={
            (item["model"], item["location"]): engine.Rate(
                Decimal(item["low"]), Decimal(item["typical"]), Decimal(item["high"])
            )
            for item in snapshot["rates"]
        },
        symbol=snapshot.get("symbol"),
    )


def currency_symbol(currency, country):
    """The currency's symbol as English speakers in `country` write it ("£", "€", "$")."""
    try:
        locale = Locale.parse(f"en_{country}") if country else Locale("en")
    except (UnknownLocaleError, ValueError):
        locale = Locale("en")
    return get_currency_symbol(currency, locale=locale)


def service_type_info(service_type):
    if service_type is None:
        return None
    return engine.ServiceTypeInfo(
        slug=service_type.slug,
        name=service_type.name,
        sourcing_model=service_type.sourcing_model,
        office=service_type.office,
        industries=frozenset(industry.slug for industry in service_type.industries.all()),
    )


def service_type_data(info):
    return {
        "name": info.name,
        "sourcing_model": info.sourcing_model,
        "office": info.office,
        "industries": sorted(info.industries),
    }


def service_types_snapshot(tasks):
    """The catalog facts each task was scored with, so a re-run does not depend on later
    catalog edits: one entry per service type, and each task's slug in scoring order."""
    infos = [service_type_info(task.service_type) for task in tasks]
    return {
        "service_types": {info.slug: service_type_data(info) for info in infos if info},
        "task_service_types": [info.slug if info else None for info in infos],
    }


def service_types_from_snapshot(snapshot, tasks):
    """Each task's ServiceTypeInfo as recorded; live from the catalog for older snapshots."""
    slugs = snapshot.get("task_service_types")
    if slugs is None or len(slugs) != len(tasks):
        return [service_type_info(task.service_type) for task in tasks]
    recorded = snapshot["service_types"]
    return [
        None
        if slug is None
        else engine.ServiceTypeInfo(
            slug=slug,
            name=recorded[slug]["name"],
            sourcing_model=recorded[slug]["sourcing_model"],
            office=recorded[slug]["office"],
            industries=frozenset(recorded[slug]["industries"]),
        )
        for slug in slugs
    ]
