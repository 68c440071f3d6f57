"""Spreadsheet-safe text: keep exported cells from running as formulas.

A cell that starts with =, +, -, @, a tab or a carriage return is read by spreadsheet
programs as a formula, which can run commands or leak data when a user opens the file
(CSV injection). Such text is written with a leading apostrophe, which spreadsheets show as
plain text; reading a file back removes that apostrophe again.
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"


def escape_formula(value):
    """The text to write for one cell; numbers and other non-text values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return ESCAPE + value
    return value


def unescape_formula(value):
    """Undo `escape_formula` on a cell read back from a file we wrote."""
    if (
        isinstance(value, str)
        and value.startswith(ESCAPE)
        and value[1:2]
        and (value[1:].startswith(FORMULA_PREFIXES))
    ):
        return value[1:]
    return value
