"""Read an amount as a business owner types it: "£3,200", "1.200,50", "3 200", "USD 4,000".

One reader for the questionnaire's money and hours fields and for a task file's number
columns, so that a value typed on the page and the same value in a file are read alike.
It returns a `Decimal` or raises `AmountRefused` naming the exact problem; it checks no
bounds and no number of decimals (its callers keep their own messages for those), and it
must not import Django.

The rules, each chosen so that no value is ever read as a number its writer did not mean:

- Digits are ASCII only. A minus (or U+2212) or plus sign may stand before the number or
  its currency; range checks say what is wrong with a negative amount.
- Spaces (also no-break and narrow no-break spaces) and apostrophes (Swiss 1'200) only
  ever group thousands. Groups after the first have exactly three digits.
- With both a dot and a comma, the last one is the decimal mark: "1.200,50" and
  "1,200.50" are both 1200.50.
- Two or more of the same mark group thousands: "1,200,000" and "1.200.000". Commas may
  also group as in India, in lakhs and crores: "1,20,000" and "12,34,567.50" (how the
  report writes rupees for an Indian company), which no other way of writing is.
- One comma: followed by exactly three digits (after 1 to 3 digits, not a lone 0) it groups
  thousands, "1,200" is 1200, as this app has always read it and as its templates and
  help texts write numbers; otherwise it is a decimal comma, "1,5" is 1.5.
- One dot: a decimal point, except that "1.200" (1 to 3 digits, not a lone 0, then a dot
  and exactly three digits, ending in a zero so that as a decimal it has no more places
  than the caller allows) is refused as ambiguous, "write 1200 or 1.2". In Germany it
  is 1200, in the English-speaking world 1.2 (a trailing zero); the assessment's currency
  does not tell which (EUR is written both ways, in Dublin and in Berlin), and a wrong
  guess is a cost off by a factor of a thousand that no one notices, where a refusal costs
  one retype. Babel's locale parsing is not used for the same reason: it needs a locale,
  and we know only a currency.
- A currency symbol or ISO code may stand before or after the number when it is the
  amount's own currency (its code in any case, its English symbol, or the bare sign of
  that symbol: "$" for A$); any other currency, or any currency where none is expected
  (hours), is refused by name. Other text is not a number.
"""

import re
import unicodedata
from decimal import Decimal
from functools import cache

from babel.numbers import get_currency_name, get_currency_symbol, is_currency, list_currencies

MINUS_SIGNS = "-\u2212"
SIGNS = MINUS_SIGNS + "+"
GROUPING_MARKS = " \u00a0\u202f\u2009'\u2019"  # only ever between thousands
# A number: digits and marks between a first and a last digit, with an optional leading
# decimal mark (.5) and trailing point (5.); what stands around it is a sign or a currency.
SHAPE = re.compile(
    r"(?P<before>[^0-9]*?)"
    rf"(?P<number>[.,]?[0-9](?:[0-9.,{GROUPING_MARKS}]*[0-9])?\.?)"
    r"(?P<after>[^0-9]*)"
)
GROUPED = re.compile(r"[0-9]{1,3}(?:_[0-9]{3})*")
LAKHS = re.compile(r"[1-9][0-9]?(?:_[0-9]{2})*_[0-9]{3}")  # 1_20_000, 12_34_567


class AmountRefused(ValueError):
    """The text is not an amount we can read unambiguously.

    `code` is "invalid" (not a number: the caller's own message), "currency" or
    "ambiguous"; `clause` completes "column monthly_cost: ..." in a task file's problem,
    and `sentence` is the same for a form's field.
    """

    def __init__(self, code, clause="", sentence=""):
        super().__init__(clause or code)
        self.code = code
        self.clause = clause
        self.sentence = sentence


def parse_amount(text, *, currency=None, decimal_places=2):
    """The amount `text` means, or None when it is blank; raises AmountRefused.

    `currency` is the ISO code amounts are in; None where no currency belongs (hours).
    `decimal_places` is how many the caller allows: "1.200" is ambiguous only when 1.2
    is one (the caller refuses more decimals than that with its own message).
    """
    text = text.strip()
    if not text:
        return None
    match = SHAPE.fullmatch(text)
    if match is None:
        raise AmountRefused("invalid")
    before, sign = _without_sign(match["before"])
    after = match["after"].strip()
    if before and after:
        raise AmountRefused("invalid")
    _check_currency(before or after, currency)
    digits = _plain_digits(match["number"], decimal_places)
    return Decimal(sign + digits) + 0  # + 0 turns "-0" into 0


def _without_sign(before):
    """What stands before the number, less one sign: "-£" and "£-" are both negative."""
    signs = [char for char in before if char in SIGNS]
    if len(signs) > 1:
        raise AmountRefused("invalid")
    sign = "-" if signs and signs[0] in MINUS_SIGNS else ""
    return "".join(char for char in before if char not in SIGNS).strip(), sign


def _check_currency(mark, currency):
    if not mark:
        return
    if currency is not None and mark.casefold() in own_marks(currency):
        return
    if not _is_currency_mark(mark):
        raise AmountRefused("invalid")
    named = f"the code {mark.upper()}" if mark.isalpha() else f"the {mark} sign"
    if currency is None:
        raise AmountRefused(
            "currency",
            "must be a plain number, without a currency symbol or code",
            f"Enter a plain number: remove {named}.",
        )
    amounts_are = f"amounts are in {get_currency_name(currency, 2, 'en')} ({currency})"
    raise AmountRefused(
        "currency",
        f"{amounts_are}: remove {named}",
        f"{amounts_are[0].upper()}{amounts_are[1:]}: remove {named}.",
    )


@cache
def own_marks(currency):
    """How an amount in `currency` may be marked: USD, usd, $ and US$ for USD."""
    symbol = get_currency_symbol(currency, "en")
    marks = {currency.casefold(), symbol.casefold()}
    signs = "".join(char for char in symbol if unicodedata.category(char) == "Sc")
    if signs:
        marks.add(signs)  # the bare sign: "$" for A$ and CA$
    if symbol == "$":
        marks.add("us$")
    return frozenset(marks)


@cache
def _english_symbols():
    return frozenset(get_currency_symbol(code, "en").casefold() for code in list_currencies())


def _is_currency_mark(mark):
    return (
        any(unicodedata.category(char) == "Sc" for char in mark)
        or (len(mark) == 3 and mark.isascii() and mark.isalpha() and is_currency(mark.upper()))
        or mark.casefold() in _english_symbols()
    )


def _plain_digits(number, decimal_places):
    """ "1234.56" from the number as written, or AmountRefused."""
    grouped = "".join("_" if char in GROUPING_MARKS else char for char in number)
    if "." in grouped and "," in grouped:
        return _with_both_marks(grouped)
    mark = "." if "." in grouped else "," if "," in grouped else None
    if mark is None:
        return _whole(grouped)
    if grouped.count(mark) > 1:
        return _whole(grouped.replace(mark, "_"), lakhs=mark == ",")
    whole, fraction = grouped.split(mark)
    if _could_be_thousands(whole, fraction, grouped):
        if mark == ",":
            return _whole(f"{whole}_{fraction}")
        point = Decimal(f"{whole}.{fraction}").normalize()
        # 12.345 is not ambiguous here: as a decimal it has too many places, which the
        # caller says; it may be a typo of 12.34 as much as 12345 written the German way.
        if -point.as_tuple().exponent <= decimal_places:
            advice = f"write {int(whole + fraction)} or {point:f}"
            sentence = f"{number} is ambiguous: {advice}."
            raise AmountRefused("ambiguous", f"is ambiguous: {advice}", sentence)
    return _decimal(whole, fraction)


def _could_be_thousands(whole, fraction, grouped):
    return (
        "_" not in grouped  # spaces group thousands, so the mark is the decimal one
        and len(fraction) == 3
        and 1 <= len(whole) <= 3
        and whole != "0"
    )


def _with_both_marks(grouped):
    point = max(grouped.rfind("."), grouped.rfind(","))
    thousands = "," if grouped[point] == "." else "."
    whole, fraction = grouped[:point], grouped[point + 1 :]
    if grouped[point] in whole or "_" in whole:
        raise AmountRefused("invalid")  # "1.200.50,3", or two kinds of grouping
    return _decimal(whole.replace(thousands, "_"), fraction, lakhs=thousands == ",")


def _decimal(whole, fraction, lakhs=False):
    if fraction and not fraction.isdigit():
        raise AmountRefused("invalid")
    whole = _whole(whole, lakhs) if whole else "0"
    return f"{whole}.{fraction}" if fraction else whole


def _whole(grouped, lakhs=False):
    """The digits of a whole number grouped by "_" (in thousands; also in lakhs when the
    grouping mark was a comma), or AmountRefused."""
    in_thousands = GROUPED.fullmatch(grouped) and grouped[0] != "0"
    if "_" in grouped and not (in_thousands or (lakhs and LAKHS.fullmatch(grouped))):
        raise AmountRefused("invalid")
    digits = grouped.replace("_", "")
    if not (digits.isascii() and digits.isdigit()):
        raise AmountRefused("invalid")
    return digits
