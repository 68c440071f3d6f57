"""The rendered report of a submitted assessment, kept so that it is rendered once.

A submitted assessment is frozen, so its report only changes when it is re-scored or when
consultants edit what it shows from the live catalog (service types, risks, industries).
Every key therefore holds the assessment, its scoring version and time, and the catalog's
report counter (`catalog.revisions.REPORTS`), which those edits move on: a change makes
old copies unreachable everywhere at once, and re-scoring also deletes its old entry.

Two levels:
- the body, in the database cache every app server shares (settings.CACHES), so one
  server's rendering serves them all;
- in front of it, in each server process's memory (`outsourcing_advisor.process_cache`),
  the body again, and for plain visits of the shared link the whole page, compressed
  once (`outsourcing_advisor.page_cache.CachedPage`). Such a visit costs one small query
  (`stamps.shared_report`) and no rendering.
"""

from django.core.cache import cache
from django.http import Http404
from django.utils.safestring import mark_safe

from catalog import revisions
from outsourcing_advisor.page_cache import CachedPage, memory_share
from outsourcing_advisor.process_cache import ProcessCache

from . import stamps

REPORT_SECONDS = 7 * 24 * 3600
# Bodies and whole shared pages this process used recently (a 1,000-task body is 3 MiB).
LOCAL = ProcessCache(max_bytes=memory_share(4 / 7))


def report_key(assessment, generation):
    scored = assessment.scored_at.isoformat() if assessment.scored_at else "never"
    version = assessment.scoring_profile.version if assessment.scoring_profile_id else 0
    return f"report-body:{assessment.pk}:v{version}:{scored}:{generation}"


def cached_report_body(assessment, render, generation=None):
    """The report body HTML from this process, the shared cache, or `render()`ed and stored."""
    if generation is None:
        generation = revisions.current(revisions.REPORTS)
    key = report_key(assessment, generation)
    body = LOCAL.get(key)
    if body is None:
        body = cache.get(key)
        if body is None:
            body = str(render())
            cache.set(key, body, timeout=REPORT_SECONDS)
        LOCAL.set(key, body)
    return mark_safe(body)  # noqa: S308 our own template's output, escaped when rendered


def cached_shared_page(token, render_page):
    """The whole shared results page (a `CachedPage`), from this process or rendered by
    `render_page(generation)`, which returns the page's bytes.

    Only for visits whose page holds nothing of the visitor's own
    (`outsourcing_advisor.page_cache.is_plain_visit`): the shared page has no form, so it
    is then the same for everyone.
    """
    stamp = stamps.shared_report(token)
    if stamp is None:
        raise Http404("No results at this address.")
    key = ("shared-page", *stamp)
    page = LOCAL.get(key)
    if page is None:
        page = CachedPage.of(render_page(stamp[-1]))
        LOCAL.set(key, page, size=page.size)
    return page


def forget_report(assessment):
    """Drop the cached report as it was last scored (called before scoring again)."""
    if assessment.scored_at is None:
        return  # first scoring (submit, --save): nothing was cached
    key = report_key(assessment, revisions.current(revisions.REPORTS))
    cache.delete(key)
    # Other processes keep their copies until evicted, unreachable: scoring moves the key.
    LOCAL.delete(key)
