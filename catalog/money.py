"""Currencies, countries and exact conversion between currencies.

Which currency and country codes exist, what a country pays in, how many decimals an
amount carries and how it is written come from Babel (the Unicode CLDR data), not from
tables of our own. A conversion goes through the euro, as the ECB reference rates are
quoted: `rates` maps each currency to its units per 1 EUR, as
`ExchangeRate.objects.as_table()` returns them.

Plain functions on values: this module must not touch the database, the network or the
clock, so a conversion gives the same answer every time it is given the same rates.
"""

from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from functools import cache

from babel import Locale, localedata
from babel.numbers import format_currency, get_currency_precision, get_territory_currencies
from babel.numbers import is_currency as babel_is_currency

# CLDR lists these as territories, but they are not countries a company is based in:
# groupings (EU, EZ, UN), placeholders (QO, ZZ), pseudo-locales (XA, XB) and places ISO 3166
# only reserves, each a part of a country that has its own code (AC, CP, CQ, DG, EA, IC, TA).
NON_COUNTRY_TERRITORIES = frozenset(
    {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AC", "CP", "CQ", "DG", "EA", "IC", "TA"}
)
TERRITORY_NAMES = Locale("en").territories
# Amounts are written in English, in the company's country's English when CLDR has it.
MONEY_LOCALE = Locale("en")
# Working precision for a conversion's quotient, before it is rounded to the currency.
QUOTIENT = Context(prec=50)


class MissingRate(LookupError):
    """A currency that cannot be converted: unknown, or without an exchange rate."""

    def __init__(self, code):
        self.code = code
        if is_currency(code):
            message = f"There is no exchange rate for {code}."
        else:
            message = f"{code!r} is not an ISO 4217 currency code."
        super().__init__(message)


def is_currency(code):
    """True for an ISO 4217 code that Babel knows, in capitals (as stored): "USD"."""
    return isinstance(code, str) and babel_is_currency(code)


def is_country(code):
    """True for an ISO 3166 alpha-2 country code that CLDR knows, in capitals: "GB".

    Kosovo's XK is accepted: ISO has not assigned it, but CLDR and the European Commission
    use it for a country with companies of its own.
    """
    return (
        isinstance(code, str)
        and len(code) == 2
        and code.isalpha()
        and code.isupper()
        and code in TERRITORY_NAMES
        and code not in NON_COUNTRY_TERRITORIES
    )


def country_name(code):
    """The country's English name, or the code itself when CLDR has no name for it."""
    return TERRITORY_NAMES.get(code, code)


def country_currency(code):
    """The currency the country uses as legal tender today, or None if it has none."""
    if not is_country(code):
        return None
    currencies = get_territory_currencies(code, tender=True)
    return currencies[0] if currencies else None


def currency_digits(code):
    """How many decimals an amount in this currency has: 2 for GBP, 0 for JPY."""
    return get_currency_precision(code)


def convert(amount, from_code, to_code, rates):
    """`amount` (a Decimal) in `from_code`, expressed exactly in `to_code`.

    amount x rate_to / rate_from, rounded half up to `to_code`'s decimals. Raises
    MissingRate naming the first currency that is unknown or has no rate in `rates`.
    """
    rate_from, rate_to = rate_of(from_code, rates), rate_of(to_code, rates)
    digits = currency_digits(to_code)
    # Fifty significant digits: the quotient of two rates of a few digits each is never
    # that close to a half-cent without being on it, so one rounding is exact.
    with localcontext(QUOTIENT):
        value = amount * rate_to / rate_from
    return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def rate_of(code, rates):
    if not is_currency(code) or code not in rates:
        raise MissingRate(code)
    return rates[code]


@cache
def money_locale(country):
    """The Babel locale amounts for a company in `country` are written in: English as
    written there ("en_IN" groups in lakhs, "en_CA" writes CAD as "$" and USD as "US$").

    Plain "en" when CLDR has no English for the country, or when its English uses other
    separators ("en_DE" writes "1.234,50 €"): the report is English prose whose other
    figures use "," and ".", and "1.234" in it would read as a little over one.
    """
    if not is_country(country) or not localedata.exists(f"en_{country}"):
        return MONEY_LOCALE
    locale = Locale.parse(f"en_{country}")
    if locale.number_symbols["latn"] != MONEY_LOCALE.number_symbols["latn"]:
        return MONEY_LOCALE
    return locale


def format_money(amount, currency, country=None, whole=False):
    """An amount (a Decimal, or the text of one) written for its currency: "£1,234.50",
    "€1,234.50", "¥1,235", "₹1,23,456.00", "$1,234.50"; None gives "".

    Symbols, decimals (JPY has none) and grouping come from Babel, which reads the Unicode
    CLDR data that the Python Babel project maintains; py-moneyed would add a Money type
    around amounts we keep as Decimals, and formats through Babel anyway. `country` picks
    the English of the company's country (see `money_locale`). The amount is rounded half
    up, as `convert` rounds, to the currency's decimals, or to whole units with none shown
    when `whole` (the report's figures).
    """
    if amount is None or amount == "":
        return ""
    locale = money_locale(country)
    digits = 0 if whole else currency_digits(currency)
    rounded = Decimal(amount).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    pattern = locale.currency_formats["standard"].pattern
    if whole:  # the locale's own pattern, its grouping kept, without the decimals
        pattern = pattern.split(";")[0].split(".")[0]
    return format_currency(rounded, currency, pattern, locale=locale, currency_digits=not whole)
