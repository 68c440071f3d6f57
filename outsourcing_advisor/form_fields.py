"""Form fields for text people type, without the characters that hide or disguise it
(`outsourcing_advisor.plain_text`): what is left is what is checked, stored and shown."""

from django import forms

from .plain_text import plain_text


class PlainCharField(forms.CharField):
    """One line of text: hidden characters removed, line breaks read as spaces."""

    def to_python(self, value):
        if isinstance(value, str):
            value = plain_text(value)
        return super().to_python(value)


class PlainTextField(forms.CharField):
    """Text of several lines: hidden characters removed, line breaks kept."""

    def to_python(self, value):
        if isinstance(value, str):
            value = plain_text(value, multiline=True)
        return super().to_python(value)
