"""What the fuzz tests throw at the site: hostile values, tagged cells, and their settings.

Every value a test generates is tagged: VALID (the rules say it must be accepted), INVALID
(the rules say it must be refused) or UNKNOWN (anything else, hostile or odd: the site must
answer without a server error, and whatever it stores must be within bounds). A row is as
bad as its worst cell. The rules are written here from the README and the models, not
read from the forms under test.
"""

import hypothesis
from hypothesis import HealthCheck, Phase
from hypothesis import strategies as st

# `make test` runs each fuzz test with at least this many examples; HYPOTHESIS_PROFILE=fuzz
# (`make fuzz`) raises it to the profile's count (tests/conftest.py).
MIN_EXAMPLES = 1_000
FUZZ = hypothesis.settings(
    max_examples=max(MIN_EXAMPLES, hypothesis.settings().max_examples),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    # The explain phase re-runs a failure hundreds of times to say which parts matter:
    # minutes for a request-level test. The shrunk example and its seed are enough.
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
)

VALID, UNKNOWN, INVALID = "valid", "unknown", "invalid"  # in order of badness
HUGE = "x" * 50_000

# Values known to break naive code. All of them encode as UTF-8, so a browser can post them.
HOSTILE_TEXT = (
    "",
    " ",
    "\t\r\n",
    "\x00",
    "a\x00b",
    "\u200b",  # zero-width space: not whitespace to str.strip()
    "\u00a0",
    "\ufeff",
    "\u202eevil",  # right-to-left override
    "\x1c",  # a separator str.strip() removes
    HUGE,
    "\u0663",  # Arabic-Indic three
    "\uff13",  # fullwidth three
    "\U0001d7d1",  # mathematical bold three
    "\u00b3",  # superscript three: str.isdigit() says yes, int() says no
    "\u0967\u0968\u0969\u096a",  # Devanagari 1234
    "1e9",
    "1E-2",
    "NaN",
    "sNaN",
    "-0",
    "Infinity",
    "-Infinity",
    "1_000",
    "0x10",
    "99999999999999999999",
    "1" + "0" * 400,  # a very long number
    "0." + "0" * 300 + "1",
    "1,000.5",
    "1.000,50",
    "=1+1",
    "+SUM(A1:A9)",
    "-2+3",
    "@cmd",
    '=HYPERLINK("http://example.com","x")',
    "'=1+1",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%00",
    "%",
    "_",
    "🙂",
    "\U0010ffff",
)
# Text a form can receive: anything but lone surrogates, which UTF-8 cannot carry.
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
HOSTILE = st.one_of(st.sampled_from(HOSTILE_TEXT), ANY_TEXT)
NUMBER_TEXT = st.one_of(
    st.integers().map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(str),
)
# Text that a form keeps as typed: stripped, 1 to `limit` characters, without the control
# and bidirectional characters every text answer drops (outsourcing_advisor.plain_text,
# with tests of its own).
PLAIN_CHARACTERS = st.characters(
    exclude_categories=["Cs", "Cc"],
    exclude_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
)


def plain_text(min_size, max_size):
    return (
        st.text(PLAIN_CHARACTERS, min_size=min_size, max_size=max_size)
        .map(str.strip)
        .filter(lambda text: len(text) >= min_size)
    )


def padded(strategy):
    """The same text, sometimes with the spaces people leave around what they type."""
    return st.tuples(st.sampled_from(["", " ", "  \t"]), strategy, st.sampled_from(["", " "])).map(
        "".join
    )


def tagged(valid, invalid=None, unknown=HOSTILE):
    """(tag, value): mostly valid values, one time in ten an invalid or an unknown one.

    Valid comes first, so a failing example shrinks towards valid values. Without `invalid`
    (no value is wrong in itself), the odd value out is always an unknown one.
    """
    choices = {VALID: valid, INVALID: invalid if invalid is not None else unknown}
    choices[UNKNOWN] = unknown
    return st.sampled_from([VALID] * 18 + [INVALID, UNKNOWN]).flatmap(
        lambda tag: choices[tag].map(
            lambda value: (tag if invalid is not None or tag == VALID else UNKNOWN, value)
        )
    )


def worst(tags):
    """The tag of a row or a request made of values with these tags."""
    tags = set(tags)
    return INVALID if INVALID in tags else UNKNOWN if UNKNOWN in tags else VALID


def money_text(low, high):
    """Amounts with at most 2 decimals, written plainly or with thousands separators."""
    return st.tuples(
        st.decimals(low, high, places=2), st.sampled_from(["{}", "{:,}", "{:,.2f}", "{:.2f}"])
    ).map(lambda pair: pair[1].format(pair[0]))


SCORE = st.sampled_from(["1", "2", "3", "4", "5"])
BAD_SCORE = st.sampled_from(["0", "6", "-1", "1.0", " 3", "3 ", "\u0663", "three", "\x00", HUGE])
