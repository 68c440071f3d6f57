"""The catalog's one cache rule: whatever shows catalog content is cached under its version.

Pages and fragments that show the catalog (the public catalog pages, results reports)
put `catalog_version()` in their cache key. `catalog_changed()` gives the catalog a new
version, so every older entry becomes unreachable on every server at once; nothing has to
be found and deleted, and the old entries age out of the cache by themselves.

Every edit consultants can make calls `catalog_changed()`: the admin's saves, deletes,
actions, history reverts and imports (`catalog.admin.CatalogAdmin`, `catalog.resources`),
and the commands that write the catalog. An edit made any other way (a shell, a data
migration) shows after `CATALOG_CACHE_SECONDS` at the latest, or at once after calling
`catalog_changed()`.

The version lives in Django's cache itself (settings.CACHES, shared by every app server).
It is a random string, never a counter: if the cache ever drops it, the next reader
draws a new one, which no older entry can match.

The service suggestion search (`catalog.suggest`) keeps its index under the same version.
"""

from uuid import uuid4

from django.core.cache import cache
from django.db import transaction

from .models import ServiceType
from .suggest import DEFAULT_LIMIT, ServiceText, SuggestionIndex, suggest

VERSION_KEY = "catalog:version"
# How long an entry keyed on the version may live, as a bound on edits made outside the
# admin and the import; the admin's own edits show at once.
CATALOG_CACHE_SECONDS = 3600


def new_version():
    return uuid4().hex


def catalog_version():
    """The catalog's current version, for cache keys (one cache read)."""
    return cache.get_or_set(VERSION_KEY, new_version, timeout=None)


def catalog_changed():
    """Give the catalog a new version once the current transaction commits.

    After the commit, not before: a page rendered in between would otherwise show the old
    content under the new version, and keep showing it.
    """
    transaction.on_commit(lambda: cache.set(VERSION_KEY, new_version(), timeout=None))


def suggestion_index():
    """The service suggestion search's index of published service types, built once per
    catalog version and shared through the cache, so a suggestion reads no catalog table
    (only the cache: two reads, which are queries when the cache is the database's)."""
    return cache.get_or_set(
        f"catalog:suggestion-index:{catalog_version()}",
        build_suggestion_index,
        timeout=CATALOG_CACHE_SECONDS,
    )


def build_suggestion_index():
    rows = ServiceType.objects.published().values_list(
        "pk", "name", "synonyms", "summary", "description"
    )
    return SuggestionIndex.build(
        ServiceText(pk, name, synonyms, f"{summary}\n{description}")
        for pk, name, synonyms, summary, description in rows
    )


def suggest_service_types(task_name, limit=DEFAULT_LIMIT):
    """The published service types a task's name suggests, best first (`catalog.suggest`)."""
    return suggest(suggestion_index(), task_name, limit=limit)
