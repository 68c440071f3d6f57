"""assess_tasks: score a task file (CSV, or an Excel .xlsx workbook) from the command line.

    python manage.py assess_tasks FILE [--format csv|json] [--country CC] [--currency XXX]
        [--location onshore|nearshore|offshore] [--save --company NAME]

Costs are read and written in the currency (default: the country's own); onshore means the
country (default US). A workbook is told from CSV by its content, whatever its name, and
its first sheet is read with the same rules; costs may carry the currency's sign or code.

A file with any problem is refused as a whole: every problem is listed by row and column,
the exit status is non-zero, and nothing is saved. Results go to standard output; notes,
warnings and the saved assessment's path go to standard error.
"""

import os
import stat

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from assessments import services
from assessments.exports import csv_text, json_text
from assessments.models import Assessment
from assessments.task_file import MAX_FILE_BYTES, parse_task_file, with_unknown_service_types
from catalog.models import ExchangeRate
from catalog.money import country_currency, is_country, is_currency

COMPANY_MAX_LENGTH = Assessment._meta.get_field("company_name").max_length


class Command(BaseCommand):
    help = "Recommend BPO, KPO or in-house for each task of a CSV or .xlsx file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV or .xlsx file with a header row (see the template).")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument(
            "--location",
            choices=["onshore", "nearshore", "offshore"],
            help="Only consider this delivery location for outsourced work.",
        )
        parser.add_argument(
            "--country", default="US", help="ISO 3166 code of the company's country (US)."
        )
        parser.add_argument(
            "--currency", help="ISO 4217 code the costs are in (default: the country's own)."
        )
        parser.add_argument("--save", action="store_true", help="Store a submitted assessment.")
        parser.add_argument("--company", help="Company name for --save.")

    def handle(self, *args, **options):
        company = self.company_name(options)
        country, currency = self.country_and_currency(options)
        data = self.read(options["file"])
        parsed = parse_task_file(data, currency=currency)
        for warning in parsed.warnings:
            self.stderr.write(f"Warning: {warning}")
        # Service types are looked up even when other cells are wrong, so one refusal lists
        # every problem of the file.
        service_types, unknown = services.resolve_service_types(parsed.service_type_cells)
        problems = with_unknown_service_types(parsed.problems, unknown)
        if problems:
            self.refuse(problems)
        locations = [options["location"]] if options["location"] else None
        market = {"locations": locations, "country": country, "currency": currency}
        tasks = self.score(company, parsed.tasks, service_types, market)
        self.stdout.write(
            csv_text(tasks) if options["format"] == "csv" else json_text(tasks), ending=""
        )
        if options["format"] == "json":
            self.stdout.write("")

    def company_name(self, options):
        company = (options["company"] or "").strip()
        if options["save"] and not company:
            raise CommandError("--save needs --company NAME: the company the assessment is for.")
        if company and not options["save"]:
            raise CommandError("--company is only used with --save.")
        if len(company) > COMPANY_MAX_LENGTH:
            raise CommandError(f"--company can be at most {COMPANY_MAX_LENGTH} characters.")
        return company

    def read(self, path):
        """The file's bytes: only a regular file, and never more than the size limit, read
        as it comes (a device or a pipe reports no size, and a file may grow)."""
        too_large = CommandError(
            f"{path}: the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; "
            "split it into smaller files. Nothing was saved."
        )
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                raise CommandError(
                    f"{path}: not a regular file; give the path of a CSV or .xlsx file."
                )
            with open(path, "rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            raise CommandError(f"{path}: cannot read the file ({error.strerror}).") from None
        if len(data) > MAX_FILE_BYTES:
            raise too_large
        return data

    def refuse(self, problems):
        for problem in problems:
            self.stderr.write(str(problem))
        raise CommandError(
            f"The file was refused: {len(problems)} problem(s) listed above. Nothing was saved."
        )

    def country_and_currency(self, options):
        """The country and currency, refused with a message naming the code when unknown
        or when no exchange rate exists for the currency."""
        country = (options["country"] or "").strip().upper()
        if not is_country(country):
            raise CommandError(f"--country {country!r} is not an ISO 3166 country code (GB, DE).")
        currency = (options["currency"] or country_currency(country) or "").strip().upper()
        if not is_currency(currency):
            raise CommandError(f"--currency {currency!r} is not an ISO 4217 currency code.")
        if not ExchangeRate.objects.filter(currency=currency).exists():
            raise CommandError(
                f"There is no exchange rate for {currency}: a consultant can add one "
                "(import_exchange_rates), or choose another --currency."
            )
        return country, currency

    def score(self, company, rows, service_types, market):
        if company:
            assessment = services.create_scored_assessment(
                company, rows, service_types, source=Assessment.Source.COMMAND, **market
            )
            private = reverse(
                "assessments:owner-results", kwargs={"token": assessment.resume_token}
            )
            self.stderr.write(f"Saved. Your private results page: {private}")
            self.stderr.write(f"Read-only link to share: {assessment.get_absolute_url()}")
            return list(assessment.tasks.select_related("service_type"))
        return services.score_unsaved(rows, service_types, **market)
