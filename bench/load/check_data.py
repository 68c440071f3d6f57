"""After a load or failure run: nothing a user saw saved is missing, nothing is half-saved.

    python bench/load/check_data.py build/load/locust-record.json

Runs against DATABASE_URL with the project's settings (DJANGO_SECRET_KEY set, as for
manage.py) and only reads. Two checks:

- every results page a user saw (resume token, tasks posted, from locustfile.py's record):
  the assessment exists, is submitted and holds exactly that many tasks;
- every assessment in the database is whole, as one transaction per write promises: a draft
  has no scored task; a submitted one has its date, summary, profile and at least one task,
  and every one of its tasks has its recommendation and scores.

Prints a JSON report on stdout; exits 1 when a check fails.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outsourcing_advisor.settings")

import django  # noqa: E402

django.setup()

from django.db.models import Count, Q  # noqa: E402

from assessments.models import Assessment, Task  # noqa: E402

SUBMITTED = Assessment.Status.SUBMITTED
DRAFT = Assessment.Status.DRAFT
UNSCORED = (
    Q(recommendation="")
    | Q(bpo_score__isnull=True)
    | Q(kpo_score__isnull=True)
    | Q(in_house_score__isnull=True)
    | Q(confidence__isnull=True)
)


def lost_results(results_seen):
    """Problems with the assessments users saw reach their results page."""
    posted = dict(results_seen)
    found = Assessment.objects.filter(resume_token__in=posted).annotate(task_count=Count("tasks"))
    by_token = {str(assessment.resume_token): assessment for assessment in found}
    problems = []
    for token, count in posted.items():
        assessment = by_token.get(token)
        if assessment is None:
            problems.append(f"{token[:8]}: missing")
        elif assessment.status != SUBMITTED:
            problems.append(f"{token[:8]}: {assessment.status}, not submitted")
        elif assessment.task_count != count:
            problems.append(f"{token[:8]}: {assessment.task_count} tasks, {count} posted")
    return problems


def half_saved():
    """Counts of assessments and tasks that only a partly applied write could leave."""
    submitted = Assessment.objects.filter(status=SUBMITTED)
    return {
        "submitted_without_date_summary_or_profile": submitted.filter(
            Q(submitted_at=None) | Q(scored_at=None) | Q(summary={}) | Q(scoring_profile=None)
        ).count(),
        "submitted_without_tasks": submitted.annotate(task_count=Count("tasks"))
        .filter(task_count=0)
        .count(),
        "unscored_tasks_in_submitted": Task.objects.filter(
            UNSCORED, assessment__status=SUBMITTED
        ).count(),
        "scored_tasks_in_drafts": Task.objects.filter(assessment__status=DRAFT)
        .exclude(recommendation="")
        .count(),
    }


def totals():
    return {
        "drafts": Assessment.objects.filter(status=DRAFT).count(),
        "submitted": Assessment.objects.filter(status=SUBMITTED).count(),
        "tasks": Task.objects.count(),
    }


def main():
    record = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    lost = lost_results(record["results_seen"])
    broken = half_saved()
    report = {
        "results_checked": len(record["results_seen"]),
        "lost": lost,
        "half_saved": broken,
        "database": totals(),
        "ok": not lost and not any(broken.values()),
    }
    print(json.dumps(report, indent=2))
    sys.exit(0 if report["ok"] else 1)


if __name__ == "__main__":
    main()
