"""Template filters of the results report. Display only: what the report says is decided
in `assessments.report`, and no HTML is written here."""

from babel.numbers import get_currency_name
from django import template

register = template.Library()


@register.filter
def currency_name(code):
    """The currency's English name, as amounts are counted in it: "British pounds"."""
    return get_currency_name(code, count=2, locale="en")
