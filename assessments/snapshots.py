"""What an assessment is scored with besides its tasks: rates, locations and catalog facts.

Recorded with every scoring (`Assessment.rates_snapshot`) so that re-running the engine with
the stored profile version gives the same answers whatever consultants later change in the
catalog. Plain data in, plain data out; reads the catalog, writes nothing.
"""

from decimal import Decimal

from catalog.models import DeliveryLocation, RateCard

from . import engine


def market_snapshot(currency):
    """The catalog's locations and rates in `currency`, as JSON-safe data."""
    locations = DeliveryLocation.objects.order_by("position")
    cards = RateCard.objects.filter(currency=currency).select_related("location")
    return {
        "currency": currency,
        "locations": [
            {"kind": loc.kind, "name": loc.name, "overlap_hours": loc.time_zone_overlap_hours}
            for loc in locations
        ],
        "rates": [
            {
                "model": card.sourcing_model,
                "location": card.location.kind,
                "low": str(card.hourly_low),
                "typical": str(card.hourly_typical),
                "high": str(card.hourly_high),
            }
            for card in cards
        ],
    }


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
    )


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
