"""The rendered body of a submitted assessment's report, kept in the shared cache.

A submitted assessment is frozen, so its report only changes when it is re-scored or when
consultants edit the catalog it names (service types, risks). The cache key holds the
assessment, its scoring version and time, and a catalog generation that any catalog save
moves on; re-scoring also deletes the old entry. The cache is the database cache every app
server shares (settings.CACHES), so one server's rendering serves them all.
"""

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.safestring import mark_safe

CATALOG_GENERATION_KEY = "catalog-generation"
REPORT_SECONDS = 7 * 24 * 3600
# What the cached body shows from the live catalog: service type names and links, and the
# risks with their mitigations. Rates and locations come from the assessment's snapshot.
CATALOG_MODELS = ("ServiceType", "Risk")


def report_key(assessment, generation):
    scored = assessment.scored_at.isoformat() if assessment.scored_at else "never"
    version = assessment.scoring_profile.version if assessment.scoring_profile_id else 0
    return f"report-body:{assessment.pk}:v{version}:{scored}:{generation}"


def catalog_generation():
    generation = cache.get(CATALOG_GENERATION_KEY)
    if generation is None:
        generation = 1
        cache.add(CATALOG_GENERATION_KEY, generation, timeout=None)
    return generation


def cached_report_body(assessment, render):
    """The report body HTML from the cache, or `render()`ed and stored."""
    key = report_key(assessment, catalog_generation())
    body = cache.get(key)
    if body is None:
        body = str(render())
        cache.set(key, body, timeout=REPORT_SECONDS)
    return mark_safe(body)  # noqa: S308 our own template's output, escaped when rendered


def forget_report(assessment):
    """Drop the cached report as it was last scored (called before re-scoring)."""
    cache.delete(report_key(assessment, catalog_generation()))


def catalog_changed(**kwargs):
    try:
        cache.incr(CATALOG_GENERATION_KEY)
    except ValueError:  # not set yet: every cached report has generation 1 or none
        cache.add(CATALOG_GENERATION_KEY, 2, timeout=None)


def connect_catalog_signals():
    from django.apps import apps

    for name in CATALOG_MODELS:
        model = apps.get_model("catalog", name)
        post_save.connect(catalog_changed, sender=model, dispatch_uid=f"report-{name}-save")
        post_delete.connect(catalog_changed, sender=model, dispatch_uid=f"report-{name}-delete")
    risks_of_service_types = apps.get_model("catalog", "ServiceType").risks.through
    m2m_changed.connect(
        catalog_changed, sender=risks_of_service_types, dispatch_uid="report-service-risks"
    )
