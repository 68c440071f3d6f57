"""Form widgets of the questionnaire, written out in Python.

Django renders every widget, and every option of a select or radio group, through a
template of its own; a tasks step with 35 catalog services and 25 rating buttons a row
spent most of its time there. These tags write the same HTML directly: same names, ids,
values and attributes (required, aria-describedby for help text, aria-invalid on errors).
"""

import uuid
from functools import lru_cache

from django import forms, template
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def widget(bound):
    """The HTML of `bound`'s widget, as `{{ bound }}` would render it."""
    field_widget = bound.field.widget
    # Django's own attributes: required, aria-describedby, aria-invalid on errors.
    attrs = bound.build_widget_attrs({**field_widget.attrs, "id": bound.auto_id})
    if isinstance(field_widget, forms.RadioSelect):
        return radio_buttons(bound, attrs)
    if isinstance(field_widget, forms.Select):
        return select(bound, attrs)
    if isinstance(field_widget, forms.CheckboxInput):
        if field_widget.check_test(bound.value()):
            attrs["checked"] = True
        return format_html('<input type="checkbox" name="{}"{}>', bound.html_name, flatatt(attrs))
    if isinstance(field_widget, forms.Textarea):
        text = field_widget.format_value(bound.value()) or ""
        html = '<textarea name="{}"{}>\n{}</textarea>'
        return format_html(html, bound.html_name, flatatt(attrs), text)
    value = field_widget.format_value(bound.value())
    if value is not None:
        attrs["value"] = value
    return format_html(
        '<input type="{}" name="{}"{}>', field_widget.input_type, bound.html_name, flatatt(attrs)
    )


def chosen_values(bound):
    value = bound.value()
    return {"" if value is None else str(value)}


@lru_cache(maxsize=256)
def escaped_choices(choices):
    """(value, escaped value, escaped label) of each choice; the same lists recur per row."""
    return tuple((str(value), escape(value), escape(label)) for value, label in choices)


def select(bound, attrs):
    chosen = chosen_values(bound)
    options = "".join(
        f'<option value="{value_html}"{" selected" if value in chosen else ""}>{label}</option>'
        for value, value_html, label in escaped_choices(tuple(bound.field.choices))
    )
    return format_html(
        '<select name="{}"{}>{}</select>',
        bound.html_name,
        flatatt(attrs),
        mark_safe(options),  # noqa: S308
    )


def radio_buttons(bound, attrs):
    """Each choice as an input followed by its label, ids suffixed _0, _1... as Django does."""
    chosen = chosen_values(bound)
    attrs.pop("id", None)
    attrs.pop("aria-describedby", None)  # the fieldset around the group carries it
    css = attrs.pop("class", "")
    is_button = "btn-check" in css
    label_css = "btn btn-outline-secondary scale-option" if is_button else "form-check-label"
    name, auto_id, css, extra = (
        escape(bound.html_name),
        escape(bound.auto_id),
        escape(css),
        flatatt(attrs),
    )
    buttons = "".join(
        f'<input type="radio" name="{name}" value="{value_html}" id="{auto_id}_{index}" '
        f'class="{css}"{" checked" if value in chosen else ""}{extra}>'
        f'<label class="{label_css}" for="{auto_id}_{index}">{label}</label>'
        for index, (value, value_html, label) in enumerate(
            escaped_choices(tuple(bound.field.choices))
        )
    )
    return mark_safe(buttons)  # noqa: S308 every part above is escaped


@register.simple_tag
def write_once_fields(assessment=None):
    """The hidden fields every questionnaire form sends (`assessments.once`): a fresh
    one-time key, and the draft's revision this page shows."""
    fields = format_html('<input type="hidden" name="form_key" value="{}">', uuid.uuid4())
    if assessment is not None and assessment.pk is not None:
        fields += format_html(
            '<input type="hidden" name="revision" value="{}">', assessment.revision
        )
    return fields
