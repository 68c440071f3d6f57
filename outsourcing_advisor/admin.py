"""What every admin page of the project holds to: no filter on a secret, and a name for every
input that edits a row of a table.

A changelist filter on a secret (`?resume_token__startswith=4`) tells from its result count
whether a guess was right, so a whole secret could be read a character at a time. Every
ModelAdmin that can reach a secret field refuses such lookups (Django answers 400); the
auth app's User admin is registered again here with the same rule, for password hashes.
tests/project/test_admin_secrets.py walks every registered ModelAdmin to hold this.

In a changelist's editable columns and a tabular inline, an input sits in a table cell
under a column heading, with no label of its own: a screen reader announces a bare
"checkbox". `RowLabelledForm` names each one after its column and its row ("Published:
Bookkeeping"); `RowLabelledChangelist` gives every changelist's editable columns that form,
and `RowLabelledInlineFormSet` names an inline row's delete box too.
tests/project/test_admin_accessibility.py walks every registered ModelAdmin to hold this.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import User
from django.db.models.constants import LOOKUP_SEP
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import BaseInlineFormSet

# Owners' private links, and password hashes.
SECRET_FIELDS = frozenset({"resume_token", "share_token", "password"})


class SecretsNotFilterable:
    """Refuses any changelist filter that touches a secret field, directly or across a
    relation, whatever the suffix."""

    def lookup_allowed(self, lookup, value, request):
        if SECRET_FIELDS & set(lookup.split(LOOKUP_SEP)):
            return False
        return super().lookup_allowed(lookup, value, request)


class RowLabelledForm(forms.ModelForm):
    """A form for one row of a table: each input is named by its column and its row."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        row = self.row_name()
        for field in self.fields.values():
            field.widget.attrs.setdefault("aria-label", f"{field.label}: {row}")

    def row_name(self):
        if self.instance.pk:
            return str(self.instance)
        return f"new {self._meta.model._meta.verbose_name}"


class RowLabelledInlineFormSet(BaseInlineFormSet):
    """The rows of a tabular inline of `RowLabelledForm`s, each delete box named by its row
    (the formset adds that box after the form has named its own fields)."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if DELETION_FIELD_NAME in form.fields:
            form.fields[DELETION_FIELD_NAME].widget.attrs["aria-label"] = (
                f"Delete: {form.row_name()}"
            )


class RowLabelledChangelist:
    """Names the inputs of a changelist's editable columns (`list_editable`) by their row."""

    def get_changelist_form(self, request, **kwargs):
        kwargs.setdefault("form", RowLabelledForm)
        return super().get_changelist_form(request, **kwargs)


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(SecretsNotFilterable, DjangoUserAdmin):
    pass
