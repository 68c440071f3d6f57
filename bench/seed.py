"""Seeds the database for the web benchmark and prints what it made as JSON on stdout.

    python bench/seed.py [--sizes 10 100 1000] [--copies 4] [--draft-tasks 5] [--upload-drafts 5]

Run by web_bench.py in its own process (Django set up here, never in the benchmark's own
process), against DATABASE_URL, which must already be migrated. It makes, through the
project's own services:

- for each size, `copies` submitted, scored assessments with that many tasks
  (`services.create_scored_assessment`, as `assess_tasks --save` does), none viewed yet,
  so the first request of each renders its report uncached;
- one draft with `draft_tasks` tasks, for the tasks and review steps;
- `upload_drafts` empty drafts (company step done), one per timed CSV upload;

and names a published service type (its slug) for the catalog detail page.

Task rows come from the same seeded CSV as command_bench.py, parsed by `task_file`.
page_costs.py and profile_page.py use `submitted()` and `draft()` in their own process.
Only writes new rows; never deletes anything.
"""

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path[:0] = [str(ROOT), str(BENCH_DIR)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outsourcing_advisor.settings")

import django  # noqa: E402

django.setup()

from command_bench import write_task_file  # noqa: E402

from assessments import drafts, services, task_file  # noqa: E402
from assessments.models import Assessment  # noqa: E402
from catalog.models import ServiceType  # noqa: E402


def task_rows(count, seed):
    """Clean task rows and their resolved service types, as an upload would give them."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tasks.csv"
        write_task_file(path, count, seed=seed)
        parsed = task_file.parse_task_file(path.read_bytes())
    if parsed.problems:
        raise SystemExit(f"seed file has problems: {parsed.problems[:3]}")
    service_types, unknown = services.resolve_service_types(parsed.service_type_cells)
    if unknown:
        raise SystemExit(f"seed file names unknown service types: {unknown[:3]}")
    return parsed.tasks, service_types


def submitted(size, copy):
    rows, service_types = task_rows(size, seed=size)
    assessment = services.create_scored_assessment(
        f"Bench {size} tasks #{copy}", rows, service_types, source=Assessment.Source.COMMAND
    )
    return {"tasks": size, "share": str(assessment.share_token)}


def draft(name, task_count):
    assessment = Assessment.objects.create(company_name=name)
    if task_count:
        rows, service_types = task_rows(task_count, seed=task_count)
        drafts.import_task_rows(assessment, rows, service_types, replace=False)
    return str(assessment.resume_token)


def service_slug():
    """The first published service type's slug, for its catalog page."""
    return ServiceType.objects.published().order_by("slug").values_list("slug", flat=True)[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--draft-tasks", type=int, default=5)
    parser.add_argument("--upload-drafts", type=int, default=5)
    args = parser.parse_args()
    seeded = {
        "results": {
            str(size): [submitted(size, copy)["share"] for copy in range(args.copies)]
            for size in args.sizes
        },
        "draft": draft("Bench draft", args.draft_tasks),
        "upload_drafts": [
            draft(f"Bench upload #{number}", 0) for number in range(args.upload_drafts)
        ],
        "service_slug": service_slug(),
    }
    print(json.dumps(seeded))  # the last line of stdout: web_bench.py reads it


if __name__ == "__main__":
    main()
