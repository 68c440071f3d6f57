"""Text people type or upload, without the characters that only hide or disguise it.

Removed: control characters (C0 and C1, DEL), and the Unicode controls that reorder how
text is shown (bidirectional embeddings, overrides and isolates, U+202A-U+202E and
U+2066-U+2069), which can make a name read differently from what it is. Kept: tabs (as a
space), and in multi-line text the line breaks; the right-to-left and left-to-right marks
(U+200E, U+200F, U+061C), which languages written right to left need and which reorder
nothing beyond themselves. No Django here: the task file parser uses it too. Used for what
owners type or upload (assessments) and what consultants type or import (catalog admin).
"""

import re

BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
HIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
HIDDEN_IN_ONE_LINE = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


def plain_text(value, *, multiline=False):
    """`value` without hidden characters; a tab becomes a space, and in one-line text so
    does a line break (CR LF and CR become LF in multi-line text)."""
    if not value:
        return value
    text = value.replace("\t", " ")
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return HIDDEN.sub("", text)
    text = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    return HIDDEN_IN_ONE_LINE.sub("", text)
