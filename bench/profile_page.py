"""Where a page's time goes: cProfile of one view through Django's test client.

    .ci/with-postgres env DJANGO_SECRET_KEY=... bash -c \\
        '.venv/bin/python manage.py migrate -v0 && .venv/bin/python bench/profile_page.py results'

Pages: results (first view of the shared results page, the cache cleared before each),
results-cached, csv, tasks and review (a draft's steps, opened by its owner), review-submit
(the review POST: score and save), upload (the CSV upload POST), catalog, compare, landing.
--tasks sets the assessment's size (default 1000). Seeds what it needs with seed.py's
helpers, so run it on a throwaway database (.ci/with-postgres), never on one you keep.
Prints the unprofiled wall time of each repetition, then profiles as many more: with cProfile
(default) the functions with the most time of their own and time by area (templates,
database, ORM, engine, forms...); with --sampler, pyinstrument's call tree, if it is
installed (it is not a project dependency). cProfile's own overhead inflates code made of
many tiny calls (template variable lookups, attribute access): trust its proportions less
than the unprofiled times.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path
from uuid import uuid4

os.environ.setdefault("DJANGO_RATE_LIMIT_UPLOAD", "off")
os.environ.setdefault("DJANGO_RATE_LIMIT_CREATE", "off")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import seed
from command_bench import write_task_file
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

AREAS = (  # first match wins: (label, fragment of the file path)
    ("templates (django/template)", "django/template/"),
    ("forms and widgets (django/forms)", "django/forms/"),
    ("database driver (psycopg2, sqlite3)", "psycopg2"),
    ("database driver (psycopg2, sqlite3)", "sqlite3"),
    ("ORM (django/db)", "django/db/"),
    ("scoring engine (assessments/engine)", "assessments/engine/"),
    ("project code (assessments, catalog, outsourcing_advisor)", "/assessments/"),
    ("project code (assessments, catalog, outsourcing_advisor)", "/catalog/"),
    ("project code (assessments, catalog, outsourcing_advisor)", "/outsourcing_advisor/"),
    ("rest of Django", "django/"),
)


def requests_for(page, tasks, repeat):
    """A list of `repeat` zero-argument callables, each one request (setup done here)."""
    client = Client(SERVER_NAME="127.0.0.1")
    if page in ("results", "results-cached", "csv"):
        share = seed.submitted(tasks, 0)["share"]
        path = f"/assessments/{share}/results" + (".csv" if page == "csv" else "/")
        if page == "results":

            def first_view():
                cache.clear()  # every cached fragment: a first view
                return client.get(path)

            return [first_view for _ in range(repeat)]
        client.get(path)
        return [lambda: client.get(path) for _ in range(repeat)]
    if page in ("tasks", "review"):
        token = seed.draft("Profile draft", tasks)
        path = f"/assessments/resume/{token}/{page}/"
        client.get(f"/assessments/resume/{token}/")  # the owner's session
        return [lambda: client.get(path) for _ in range(repeat)]
    if page == "review-submit":
        tokens = [seed.draft(f"Profile draft {n}", tasks) for n in range(repeat)]
        return [
            lambda t=t: client.post(f"/assessments/resume/{t}/review/", {"form_key": uuid4()})
            for t in tokens
        ]
    if page == "upload":
        tokens = [seed.draft(f"Profile draft {n}", 0) for n in range(repeat)]
        path = Path(f"/tmp/profile-{os.getpid()}.csv")  # noqa: S108 (removed below)
        write_task_file(path, tasks)
        data = path.read_bytes()
        path.unlink()
        return [
            lambda t=t: client.post(
                f"/assessments/resume/{t}/upload/",
                {
                    "mode": "add",
                    "file": SimpleUploadedFile("tasks.csv", data, "text/csv"),
                    "form_key": uuid4(),
                },
            )
            for t in tokens
        ]
    path = {"catalog": "/catalog/", "compare": "/catalog/compare/", "landing": "/"}[page]
    client.get(path)
    return [lambda: client.get(path) for _ in range(repeat)]


def by_area(stats):
    totals = defaultdict(float)
    for (filename, _line, _name), (_cc, _nc, own, _cum, _callers) in stats.stats.items():
        label = next((label for label, part in AREAS if part in filename), "other (stdlib...)")
        totals[label] += own
    return sorted(totals.items(), key=lambda item: -item[1])


def wall_times(page, tasks, requests):
    for request in requests:
        started = time.perf_counter()
        response = request()
        elapsed = (time.perf_counter() - started) * 1000
        print(f"{page}, {tasks} tasks: HTTP {response.status_code} in {elapsed:.0f} ms")


def profile_with_cprofile(requests, top):
    profiler = cProfile.Profile()
    for request in requests:
        profiler.runcall(request)
    stats = pstats.Stats(profiler)
    total = sum(own for _cc, _nc, own, _cum, _callers in stats.stats.values())
    print(f"\ntime by area (own time, {total * 1000:.0f} ms profiled):")
    for label, seconds in by_area(stats):
        print(f"  {seconds / total:6.1%}  {label}")
    print()
    stats.sort_stats("tottime").print_stats(top)


def profile_with_pyinstrument(requests):
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    with profiler:
        for request in requests:
            request()
    print(profiler.output_text(unicode=False, color=False, show_all=False))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page")
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sampler", action="store_true", help="pyinstrument, if installed")
    parser.add_argument("--times-only", action="store_true", help="no profile, only the times")
    args = parser.parse_args()
    profiled_count = 0 if args.times_only else args.repeat
    requests = requests_for(args.page, args.tasks, args.repeat + profiled_count + 1)
    requests[0]()  # warm: templates compiled, connections open
    print("unprofiled:")
    wall_times(args.page, args.tasks, requests[1 : args.repeat + 1])
    profiled = requests[args.repeat + 1 :]
    if not profiled:
        return
    if args.sampler:
        profile_with_pyinstrument(profiled)
    else:
        profile_with_cprofile(profiled, args.top)


if __name__ == "__main__":
    main()
