"""Counters that move on whenever consultants edit the catalog, for caches that show it.

A cached page that shows catalog content puts the right counter in its key, so an edit
makes every older copy unreachable on every server at once: nothing is ever shown stale
and nothing has to be found and deleted. The counters are the one row of
`CatalogRevision`, moved on in the transaction of the edit itself.

- `PAGES` moves on with any catalog edit: the public catalog pages show all of it.
- `REPORTS` moves on only with what a results page shows from the live catalog (service
  type names and links, risks and their mitigations, the company's industry); rates and
  locations come from each assessment's own snapshot, so editing them need not throw
  reports away.

`current()` reads one, and `counter_sql()` lets a query for something else (an
assessment) bring one back in the same round trip. They are read on every view of a
cached page, so in SQL written once per process: building the same query with the ORM
took longer than serving the page itself (0.4 ms against 0.1 ms on the benchmark
machine; docs/performance.md). Edits made through the ORM's save, delete and
many-to-many methods (the admin, the import) move them; raw SQL or `QuerySet.update()` on
catalog tables would not.
"""

from functools import cache

from django.apps import apps
from django.db import connection
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import CatalogRevision

PAGES = "pages"
REPORTS = "reports"
ROW = 1
CATALOG_MODELS = ("Industry", "DeliveryLocation", "Risk", "Provider", "ServiceType", "RateCard")
REPORT_MODELS = ("Industry", "ServiceType", "Risk")
REPORT_RELATIONS = (("ServiceType", "risks"),)


def current(counter):
    """The counter's value; None only if the row is missing (a flushed test database)."""
    with connection.cursor() as cursor:
        cursor.execute(counter_sql(counter))
        row = cursor.fetchone()
    return None if row is None else row[0]


@cache
def counter_sql(counter):
    """SELECT of one counter, usable as a scalar subquery: `(...)`."""
    quote = connection.ops.quote_name
    meta = CatalogRevision._meta
    column = quote(meta.get_field(counter).column)
    table, key = quote(meta.db_table), quote(meta.pk.column)
    return f"SELECT {column} FROM {table} WHERE {key} = {ROW}"  # noqa: S608 names from _meta


def move_on(*counters):
    changes = {counter: F(counter) + 1 for counter in counters}
    if not CatalogRevision.objects.filter(pk=ROW).update(**changes):
        # The row was missing and read as None: any number now differs from that.
        CatalogRevision.objects.get_or_create(pk=ROW)


def _receiver(counters):
    def catalog_changed(action="post_", **kwargs):
        if action.startswith("post_"):  # many-to-many changes signal before and after
            move_on(*counters)

    return catalog_changed


def connect_signals():
    """Called once from CatalogConfig.ready()."""
    for name in CATALOG_MODELS:
        model = apps.get_model("catalog", name)
        counters = (PAGES, REPORTS) if name in REPORT_MODELS else (PAGES,)
        receiver = _receiver(counters)
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"rev-{name}-save")
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=f"rev-{name}-del")
        for field in model._meta.local_many_to_many:
            counters = (PAGES, REPORTS) if (name, field.name) in REPORT_RELATIONS else (PAGES,)
            m2m_changed.connect(
                _receiver(counters),
                sender=field.remote_field.through,
                weak=False,
                dispatch_uid=f"rev-{name}-{field.name}",
            )
