"""A 1,000-task CSV through the web upload, then its submission, as an owner's browser does it.

On each of REPEAT empty drafts (seed.py): GET the upload page (session and CSRF cookies,
the form's token), POST the file as multipart (parse, validate, import into the draft:
302 to the tasks step), GET the tasks step (its first page of rows) and the review page
with the 1,000 rows, POST the review (score and save: 302 to the results), GET the
results (their first, uncached render). Each request is timed on its own; the goal is on
upload + submit, the work of "parse, validate, score, save". Medians over the repetitions.
"""

import statistics

from command_bench import write_task_file
from http_client import Browser, form_fields

REPEAT = 5
TASKS = 1000
GOAL_SECONDS = 1.5
STEPS = ("upload", "tasks_page", "review_page", "submit", "results_first_view")


def expect(response, status, where, fragment=""):
    target = response.location if status == 302 else response.text
    if response.status != status or fragment not in target:
        raise SystemExit(
            f"upload bench, {where}: HTTP {response.status} (expected {status} {fragment!r})"
        )


def one_run(base_url, token, csv_bytes):
    browser = Browser(base_url)
    draft = f"/assessments/resume/{token}"
    page = browser.get(f"{draft}/upload/")
    expect(page, 200, "upload page", "csrfmiddlewaretoken")
    upload = browser.post_multipart(
        f"{draft}/upload/",
        {**form_fields(page), "mode": "add"},
        {"file": ("tasks.csv", csv_bytes, "text/csv")},
    )
    expect(upload, 302, "upload", "/tasks/")
    tasks_page = browser.get(upload.location)
    expect(tasks_page, 200, "tasks step", f"of {TASKS} <span")  # "Tasks 1 to 50 of 1000"
    review_page = browser.get(f"{draft}/review/")
    expect(review_page, 200, "review page", f"Task {TASKS - 1}")
    submit = browser.post_form(f"{draft}/review/", form_fields(review_page))
    expect(submit, 302, "submit", "/results/")
    results = browser.get(submit.location)
    expect(results, 200, "results", "Results for Bench upload")
    timings = (upload, tasks_page, review_page, submit, results)
    return {step: response.seconds * 1000 for step, response in zip(STEPS, timings, strict=True)}


def measure(base_url, tokens, folder):
    path = folder / "tasks.csv"
    write_task_file(path, TASKS)
    csv_bytes = path.read_bytes()
    runs = [one_run(base_url, token, csv_bytes) for token in tokens]
    medians = {f"{step}_ms": statistics.median(run[step] for run in runs) for step in STEPS}
    both = [run["upload"] + run["submit"] for run in runs]
    return {
        "tasks": TASKS,
        "repetitions": len(runs),
        "file_kilobytes": len(csv_bytes) / 1024,
        **medians,
        "upload_and_submit_ms": statistics.median(both),
        "upload_and_submit_samples_ms": [round(value) for value in both],
    }


def goal(figures):
    seconds = figures["upload_and_submit_ms"] / 1000
    return {
        "goal": f"{TASKS}-task upload (parse, validate, score, save) < {GOAL_SECONDS} s",
        "figure": f"{seconds:.2f} s (upload {figures['upload_ms'] / 1000:.2f} s "
        f"+ submit {figures['submit_ms'] / 1000:.2f} s; x{seconds / GOAL_SECONDS:.2f} the goal)",
        "holds": seconds < GOAL_SECONDS,
    }


def print_figures(figures):
    print(
        f"\n{TASKS}-task CSV through the web ({figures['file_kilobytes']:.0f} KiB), "
        f"median of {figures['repetitions']}, one request at a time:"
    )
    print(
        f"  upload (parse, validate, import) {figures['upload_ms']:7.0f} ms\n"
        f"  submit (score, save)             {figures['submit_ms']:7.0f} ms\n"
        f"  upload + submit                  {figures['upload_and_submit_ms']:7.0f} ms "
        f"(runs: {figures['upload_and_submit_samples_ms']}; goal < {GOAL_SECONDS * 1000:.0f} ms: "
        f"{'holds' if figures['upload_and_submit_ms'] < GOAL_SECONDS * 1000 else 'MISSES'})\n"
        f"  then, with {TASKS} rows: tasks step (first page) {figures['tasks_page_ms']:.0f} ms, "
        f"review page "
        f"{figures['review_page_ms']:.0f} ms, results first view "
        f"{figures['results_first_view_ms']:.0f} ms"
    )
