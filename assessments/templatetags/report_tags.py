"""Template filters of the results report and the questionnaire. Display only: what the
report says is decided in `assessments.report`, and no HTML is written here."""

from babel.numbers import get_currency_name
from django import template

from catalog.money import format_money

register = template.Library()


@register.filter
def currency_name(code):
    """The currency's English name, as amounts are counted in it: "British pounds"."""
    return get_currency_name(code, count=2, locale="en")


@register.filter
def money_of(amount, assessment):
    """An amount in the assessment's currency, written for its country: "£3,200.00"."""
    return format_money(amount, assessment.currency, getattr(assessment, "country", None))
