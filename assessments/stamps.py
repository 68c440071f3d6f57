"""One-query stamps that name what an assessment's cached page shows right now.

A cached page is served again only if its key still names what it shows. For a shared
report that is the assessment, when it was last scored and the catalog's report counter;
for a draft's step, the draft, its status, when it last changed (every write to a draft
moves `updated_at`: `drafts.touch`) and the catalog's page counter. Each stamp comes back
in one round trip and is only ever used as part of a cache key or to pick the path, never
shown, so the values are taken as the database driver returns them.

These run on every view of the pages they serve, so their SQL is written once per process
from the models' own table and column names: building the same query through the ORM cost
more than the rest of the request (docs/performance.md).
"""

from functools import cache
from typing import NamedTuple

from django.db import connection

from catalog import revisions

from .models import Assessment


class DraftStamp(NamedTuple):
    pk: int
    status: str
    updated_at: object  # as the driver returns it
    catalog_revision: int | None


def shared_report(token):
    """(pk, scored_at, catalog report counter) of the submitted assessment shared under
    `token`, or None."""
    params = [prepared("share_token", token), Assessment.Status.SUBMITTED.value]
    sql = stamp_sql(("id", "scored_at"), revisions.REPORTS, ("share_token", "status"))
    return fetch_one(sql, params)


def draft(token):
    """The `DraftStamp` of the assessment whose resume token is `token`, or None."""
    sql = stamp_sql(("id", "status", "updated_at"), revisions.PAGES, ("resume_token",))
    row = fetch_one(sql, [prepared("resume_token", token)])
    return None if row is None else DraftStamp(*row)


def fetch_one(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def prepared(field_name, value):
    return Assessment._meta.get_field(field_name).get_db_prep_value(value, connection)


def column(field_name):
    return connection.ops.quote_name(Assessment._meta.get_field(field_name).column)


def table():
    return connection.ops.quote_name(Assessment._meta.db_table)


# Names come from the models' metadata, quoted by the backend; values are parameters.
@cache
def stamp_sql(fields, counter, where_fields):
    """SELECT `fields` and the catalog `counter` of the assessment matching `where_fields`."""
    selected = ", ".join([*map(column, fields), f"({revisions.counter_sql(counter)})"])
    where = " AND ".join(f"{column(name)} = %s" for name in where_fields)
    return f"SELECT {selected} FROM {table()} WHERE {where}"  # noqa: S608
