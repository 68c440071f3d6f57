"""Password rules for accounts with admin rights, on top of Django's validators.

Staff and superusers edit the catalog and read every client's assessment, so their
passwords must be longer (14 characters by default) and must not contain the account's
username or the site's name, the first words an attacker aiming at this site would try.

Business owners have no accounts; every account here exists to use the admin. A new account
is therefore held to the staff rules too: the admin's "Add user" form and `createsuperuser`
check the password before the staff or superuser flag is saved, and would otherwise let a
short password through. Existing accounts without admin rights keep the common rules.
"""

import re

from django.core.exceptions import ValidationError

STAFF_MIN_LENGTH = 14
SITE_NAME = "Outsourcing Advisor"
# Shorter usernames ("al") are too often part of ordinary words to be refused inside one.
MIN_USERNAME_CHECKED = 4
NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


def letters_and_digits(text):
    """Lower case, separators dropped: "Outsourcing-Advisor" reads "outsourcingadvisor"."""
    return NOT_LETTER_OR_DIGIT.sub("", text.casefold())


def may_hold_admin_rights(user):
    if user is None:
        return False
    return user.pk is None or user.is_staff or user.is_superuser


class StaffPasswordValidator:
    """At least `min_length` characters, and neither the username nor the site's name."""

    def __init__(self, min_length=STAFF_MIN_LENGTH, site_name=SITE_NAME):
        self.min_length = min_length
        self.site_words = [letters_and_digits(word) for word in site_name.split()]

    def validate(self, password, user=None):
        if not may_hold_admin_rights(user):
            return
        errors = []
        if len(password) < self.min_length:
            errors.append(
                ValidationError(
                    "Accounts with admin rights need a password of at least "
                    "%(min_length)d characters.",
                    code="staff_password_too_short",
                    params={"min_length": self.min_length},
                )
            )
        if self.contains_forbidden_word(password, user):
            errors.append(
                ValidationError(
                    "The password must not contain the username or the site's name.",
                    code="staff_password_has_forbidden_word",
                )
            )
        if errors:
            raise ValidationError(errors)

    def contains_forbidden_word(self, password, user):
        text = letters_and_digits(password)
        words = list(self.site_words)
        username = letters_and_digits(user.get_username() or "")
        if len(username) >= MIN_USERNAME_CHECKED:
            words.append(username)
        return any(word in text for word in words)

    def get_help_text(self):
        return (
            f"An account with admin rights needs at least {self.min_length} characters, "
            "without its username or the site's name."
        )
