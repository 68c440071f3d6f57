"""SQL queries per page, first and repeat view, for assessments of growing size.

Measured in-process by page_costs.py with Django's test client and
`django.test.utils.CaptureQueriesContext`: the first view right after `cache.clear()` (every
cached fragment, the catalog's version included, rendered again), the repeat view just
after it. Every page is requested once beforehand, so what a worker does once in its life
(loading content types, compiling templates) is not counted. The counting functions import
Django themselves; the table and the verdict are pure, for the parent process and tests.
"""

PAGES = {  # key -> title, in the order of the table
    "landing": "landing /",
    "catalog": "catalog list",
    "catalog-detail": "catalog detail",
    "compare": "compare",
    "results": "shared results",
    "tasks": "tasks step (owner)",
    "review": "review step (owner)",
}
OWNER_PAGES = {"tasks", "review"}  # reached through the private link, with its session
VIEWS = ("first", "repeat")


def page_paths(share_path, resume_token, service_slug):
    """{page key: path} for one assessment's shared results and one draft's steps."""
    draft = f"/assessments/resume/{resume_token}/"
    return {
        "landing": "/",
        "catalog": "/catalog/",
        "catalog-detail": f"/catalog/{service_slug}/",
        "compare": "/catalog/compare/",
        "results": share_path,
        "tasks": f"{draft}tasks/",
        "review": f"{draft}review/",
    }


def count(client, path):
    """Queries of one GET of `path`, which must answer 200."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path}: HTTP {response.status_code}, expected 200")
    return len(queries)


def first_and_repeat(client, path):
    """{"first": queries after the cache is cleared, "repeat": queries of the next view}."""
    from django.core.cache import cache

    cache.clear()
    first = count(client, path)
    return {"first": first, "repeat": count(client, path)}


def measure(visitor, owner, paths_by_size):
    """{page: {size: {"first": n, "repeat": n}}}. `paths_by_size` is {size: page_paths(...)},
    sizes as strings; `owner` is a test client holding the owner's session of every draft,
    `visitor` one that opens the public pages and the shared results."""
    clients = {page: owner if page in OWNER_PAGES else visitor for page in PAGES}
    for page, path in next(iter(paths_by_size.values())).items():
        clients[page].get(path)  # once in the worker's life, not counted
    return {
        page: {
            size: first_and_repeat(clients[page], paths[page])
            for size, paths in paths_by_size.items()
        }
        for page in PAGES
    }


def constant_in_tasks(queries):
    """Whether every page runs the same number of queries at every size, on each view."""
    return not varying(queries)


def table(queries):
    """Markdown table lines: one row per page, first and repeat view at each size."""
    sizes = list(next(iter(queries.values())))
    header = "| page | " + " | ".join(f"{int(size):,} tasks" for size in sizes) + " |"
    lines = [header, "|---|" + "---:|" * len(sizes)]
    for page, by_size in queries.items():
        cells = [f"{by_size[size]['first']} / {by_size[size]['repeat']}" for size in sizes]
        lines.append(f"| {PAGES.get(page, page)} | " + " | ".join(cells) + " |")
    return lines


def varying(queries):
    """{page title: "first views a, b, c"} for each page whose count changes with the size."""
    changing = {}
    for page, by_size in queries.items():
        for view in VIEWS:
            counts = [by_size[size][view] for size in by_size]
            if len(set(counts)) > 1:
                changing[f"{PAGES.get(page, page)}, {view} view"] = ", ".join(map(str, counts))
    return changing


def goal(title, queries):
    sizes = ", ".join(f"{int(size):,}" for size in next(iter(queries.values())))
    changing = varying(queries)
    figure = "; ".join(f"{page}: {counts}" for page, counts in changing.items())
    return {
        "goal": f"{title}: queries constant in tasks ({sizes} tasks)",
        "figure": figure or "every page the same at every size",
        "holds": not changing,
    }
