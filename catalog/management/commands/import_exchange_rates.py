"""Update the exchange rates from a CSV file: `manage.py import_exchange_rates PATH`.

The file has a header row `currency,units_per_euro,as_of,source` and optionally a
`source_url` column; each row is one currency's units per 1 EUR on an ISO date, from a named
source (docs/rates.md has an example). Every row is checked with the same rules as the
admin form before anything is written; if any row is wrong the whole file is refused, each
problem named by its row as a spreadsheet numbers it (the header is row 1). Otherwise all
rows are written in one transaction, each change recorded in the history with the reason
"imported from <file name>".

Nothing is fetched from the network: the file is the only input.
"""

import csv
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalog.models import BASE_CURRENCY, ExchangeRate
from catalog.services import catalog_changed

REQUIRED_COLUMNS = ("currency", "units_per_euro", "as_of", "source")
COLUMNS = (*REQUIRED_COLUMNS, "source_url")
COMPARED_FIELDS = ("units_per_euro", "as_of", "source", "source_url")


class Command(BaseCommand):
    help = (
        "Update exchange rates (units per 1 EUR) from a CSV file with the columns "
        "currency,units_per_euro,as_of,source and optionally source_url. A file with any "
        "bad row is refused as a whole."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The CSV file (UTF-8).")

    def handle(self, *args, path, **options):
        rates = read_rates(path)
        changes = save_rates(rates, reason=f"imported from {path.name}")
        for change in changes:
            self.stdout.write(change)
        unchanged = len(rates) - len(changes)
        self.stdout.write(
            self.style.SUCCESS(
                f"{path.name}: {len(changes)} rate(s) changed, {unchanged} already up to date."
            )
        )


def read_rates(path):
    """Unsaved ExchangeRate rows from the file, or CommandError listing every problem."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            reader = csv.DictReader(file)
            check_header(reader.fieldnames)
            records = list(enumerate(reader, start=2))
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
    except UnicodeDecodeError:
        raise CommandError(f"{path} is not UTF-8 text: save it as CSV UTF-8.") from None
    except csv.Error as error:
        raise CommandError(f"{path} is not a readable CSV file: {error}.") from None
    rates, problems = [], []
    for row_number, record in records:
        rate, row_problems = rate_from_record(record)
        problems += [f"row {row_number}: {problem}" for problem in row_problems]
        if rate is not None and any(rate.currency == seen.currency for seen in rates):
            problems.append(f"row {row_number}: {rate.currency} appears on an earlier row.")
        if rate is not None:
            rates.append(rate)
    if not records:
        problems.append("the file has a header but no rates.")
    if problems:
        listed = "\n".join(f"  {problem}" for problem in problems)
        raise CommandError(f"{path.name} was not imported, nothing changed:\n{listed}")
    return rates


def check_header(fieldnames):
    header = [name.strip() for name in fieldnames or []]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    unknown = [name for name in header if name not in COLUMNS]
    if missing or unknown:
        raise CommandError(
            f"The header must be {','.join(REQUIRED_COLUMNS)} (and optionally source_url); "
            f"missing: {', '.join(missing) or 'none'}; unknown: {', '.join(unknown) or 'none'}."
        )


def rate_from_record(record):
    """(ExchangeRate or None, [problems]) for one row, by the model's own rules."""
    if None in record:  # csv puts cells beyond the header under the key None
        return None, ["the row has more cells than the header."]
    values = {name.strip(): (value or "").strip() for name, value in record.items()}
    rate = ExchangeRate(**{name: values.get(name, "") for name in COLUMNS})
    try:
        # Unique currencies are not checked: a known currency's row updates its rate.
        rate.full_clean(validate_unique=False)
    except ValidationError as error:
        return None, [
            message if field == NON_FIELD_ERRORS else f"{field}: {message}"
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return rate, []


@transaction.atomic
def save_rates(rates, reason):
    """Create or update each rate; a line per rate that changed."""
    codes = [rate.currency for rate in rates]
    stored = {
        rate.currency: rate
        for rate in ExchangeRate.objects.select_for_update().filter(currency__in=codes)
    }
    changes = []
    for rate in rates:
        old = stored.get(rate.currency)
        if old is None:
            changes.append(
                f"{rate.currency}: added, {shown(rate.units_per_euro)} per {BASE_CURRENCY}."
            )
            target = rate
        else:
            change = describe_change(old, rate)
            if not change:
                continue
            changes.append(f"{rate.currency}: {change}.")
            for field in COMPARED_FIELDS:
                setattr(old, field, getattr(rate, field))
            target = old
        target._change_reason = reason  # simple-history records it with the change
        target.save()
    if changes:
        catalog_changed()
    return changes


def describe_change(old, new):
    parts = []
    if old.units_per_euro != new.units_per_euro:
        parts.append(
            f"{shown(old.units_per_euro)} -> {shown(new.units_per_euro)} per {BASE_CURRENCY}"
        )
    if old.as_of != new.as_of:
        parts.append(f"as of {old.as_of} -> {new.as_of}")
    parts += [
        f"{field} changed"
        for field in ("source", "source_url")
        if getattr(old, field) != getattr(new, field)
    ]
    return ", ".join(parts)


def shown(units):
    return f"{units.normalize():f}"
