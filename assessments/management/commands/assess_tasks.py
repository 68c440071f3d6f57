"""assess_tasks: score a CSV file of tasks from the command line.

    python manage.py assess_tasks FILE.csv [--format csv|json]
        [--location onshore|nearshore|offshore] [--save --company NAME]

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

COMPANY_MAX_LENGTH = Assessment._meta.get_field("company_name").max_length


class Command(BaseCommand):
    help = "Recommend BPO, KPO or in-house for each task of a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file with a header row (see the template).")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument(
            "--location",
            choices=["onshore", "nearshore", "offshore"],
            help="Only consider this delivery location for outsourced work.",
        )
        parser.add_argument("--save", action="store_true", help="Store a submitted assessment.")
        parser.add_argument("--company", help="Company name for --save.")

    def handle(self, *args, **options):
        company = self.company_name(options)
        data = self.read(options["file"])
        parsed = parse_task_file(data)
        for warning in parsed.warnings:
            self.stderr.write(f"Warning: {warning}")
        # Service types are looked up even when other cells are wrong, so one refusal lists
        # every problem of the file.
        service_types, unknown = services.resolve_service_types(parsed.service_type_cells)
        problems = with_unknown_service_types(parsed.problems, unknown)
        if problems:
            self.refuse(problems)
        locations = [options["location"]] if options["location"] else None
        tasks = self.score(company, parsed.tasks, service_types, locations)
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
                raise CommandError(f"{path}: not a regular file; give the path of a CSV file.")
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

    def score(self, company, rows, service_types, locations):
        if company:
            assessment = services.create_scored_assessment(
                company,
                rows,
                service_types,
                locations=locations,
                source=Assessment.Source.COMMAND,
            )
            private = reverse(
                "assessments:owner-results", kwargs={"token": assessment.resume_token}
            )
            self.stderr.write(f"Saved. Your private results page: {private}")
            self.stderr.write(f"Read-only link to share: {assessment.get_absolute_url()}")
            return list(assessment.tasks.select_related("service_type"))
        return services.score_unsaved(rows, service_types, locations=locations)
