"""What every admin page of the project holds to: no filter on a secret.

A changelist filter on a secret (`?resume_token__startswith=4`) tells from its result count
whether a guess was right, so a whole secret could be read a character at a time. Every
ModelAdmin that can reach a secret field refuses such lookups (Django answers 400); the
auth app's User admin is registered again here with the same rule, for password hashes.
tests/project/test_admin_secrets.py walks every registered ModelAdmin to hold this.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import User
from django.db.models.constants import LOOKUP_SEP

# Owners' private links, and password hashes.
SECRET_FIELDS = frozenset({"resume_token", "share_token", "password"})


class SecretsNotFilterable:
    """Refuses any changelist filter that touches a secret field, directly or across a
    relation, whatever the suffix."""

    def lookup_allowed(self, lookup, value, request):
        if SECRET_FIELDS & set(lookup.split(LOOKUP_SEP)):
            return False
        return super().lookup_allowed(lookup, value, request)


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(SecretsNotFilterable, DjangoUserAdmin):
    pass
