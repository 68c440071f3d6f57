"""Create the first consultant login on a local development database, once.

The login is staff in the "Consultants" group: it edits the catalog in the admin, with no
user or group management (use `createsuperuser` for that).

`make run` calls this after `migrate`. It only ever acts on the local default SQLite file
with DEBUG on, and only while the database has no users, so it can never plant a login in a
shared or production database. The password is random and printed once, never stored in
plain text or logged.
"""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

USERNAME = "consultant"
PASSWORD_BYTES = 18
CONSULTANTS_GROUP = "Consultants"


def is_local_default_database():
    return (
        connection.vendor == "sqlite"
        and Path(str(connection.settings_dict["NAME"])).resolve()
        == Path(settings.LOCAL_DATABASE_FILE).resolve()
    )


class Command(BaseCommand):
    help = "Create a consultant login with a random password on a new local database."

    def handle(self, *args, **options):
        if not settings.DEBUG or not is_local_default_database():
            raise CommandError(
                "Refusing: this command only creates a login on the local development "
                "database (SQLite file in the project, DJANGO_DEBUG=1). Use "
                "`manage.py createsuperuser` elsewhere."
            )
        user_model = get_user_model()
        with transaction.atomic():
            if user_model.objects.exists():
                return
            password = secrets.token_urlsafe(PASSWORD_BYTES)
            user = user_model.objects.create_user(
                username=USERNAME, email="", password=password, is_staff=True
            )
            user.groups.add(Group.objects.get(name=CONSULTANTS_GROUP))
        self.stdout.write(
            self.style.SUCCESS("A consultant login was created for this local database:")
        )
        self.stdout.write(f"    username: {USERNAME}")
        self.stdout.write(f"    password: {password}")
        self.stdout.write(
            "Keep it now: it is shown only once. Sign in at http://127.0.0.1:8000/"
            f"{settings.ADMIN_PATH}"
        )
