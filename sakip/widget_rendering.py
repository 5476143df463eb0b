"""The form renderer (settings.FORM_RENDERER): Django's own widget templates, the plainest of them written out.

An editing grid of forty indicators renders 150–170 widgets (a figure, an analysis, a grade, the row's version).
Through Django's templates each one is a template render with an include per attribute list and, for a select,
an include per option: 0,2–0,4 ms apiece, about half of a grid page's CPU under load. `WidgetRenderer` renders
the input, textarea and select templates in Python, to the same bytes as Django's templates: same escaping, same
localisation of displayed values, same whitespace (`tests/sakip/test_widget_rendering.py` compares the two for
every widget the screens use and for generated attributes and choices). Any other template (a form's or a
field's layout, crispy-forms' templates, a radio list) and any widget whose option template is not Django's
goes through the templates as before. Django's renderer reads its built-in widget templates before the apps'
templates, so no app can override the ones written out here.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.safestring import SafeData, mark_safe

WIDGETS = "django/forms/widgets/"
# The templates that are nothing but `{% include "django/forms/widgets/input.html" %}`.
INPUT_TEMPLATES = frozenset(
    WIDGETS + name
    for name in (
        "text.html",
        "hidden.html",
        "number.html",
        "email.html",
        "password.html",
        "url.html",
        "search.html",
        "tel.html",
        "date.html",
        "datetime.html",
        "time.html",
        "color.html",
        "checkbox.html",
        "file.html",
    )
)
TEXTAREA_TEMPLATE = WIDGETS + "textarea.html"
SELECT_TEMPLATE = WIDGETS + "select.html"
OPTION_TEMPLATE = WIDGETS + "select_option.html"

# What `{{ value }}` reads from the context of a widget's template: autoescape on, the settings' localisation and
# time zone (the form renderer's engine has no options of its own).
TEMPLATE_CONTEXT = Context(autoescape=True)


def shown(value: Any) -> str:
    """`{{ value }}`: localised (a number, a date), escaped unless already safe."""
    return render_value_in_context(value, TEMPLATE_CONTEXT)


def formatted(value: Any) -> str:
    """`{{ value|stringformat:'s' }}`: the value's own str (never localised), escaped unless already safe."""
    text = str(value)  # what "%s" % value gives (the filter turns a tuple into its str first)
    return shown(mark_safe(text) if isinstance(value, SafeData) else text)


def attributes(attrs: dict[str, Any]) -> str:
    """django/forms/widgets/attrs.html: ` name="value"`, a bare ` name` for True, nothing for False."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(" " + shown(name))
        if value is not True:
            parts.append('="' + formatted(value) + '"')
    return "".join(parts)


def input_html(widget: dict[str, Any]) -> str:
    value = widget["value"]
    shown_value = "" if value == None else ' value="' + formatted(value) + '"'  # noqa: E711 (the template's `!=`)
    return (
        f'<input type="{shown(widget["type"])}" name="{shown(widget["name"])}"{shown_value}'
        f"{attributes(widget['attrs'])}>"
    )


def textarea_html(widget: dict[str, Any]) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{shown(widget["name"])}"{attributes(widget["attrs"])}>\n'
        f"{shown(value) if value else ''}</textarea>"
    )


def option_html(option: dict[str, Any]) -> str:
    return (
        f'<option value="{formatted(option["value"])}"{attributes(option["attrs"])}>{shown(option["label"])}'
        "</option>\n"
    )


def select_html(widget: dict[str, Any]) -> str | None:
    """None when an option has a template of its own (rendered by the templates, then)."""
    parts = [f'<select name="{shown(widget["name"])}"{attributes(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{shown(group_name)}">')
        for option in group_choices:
            if option.get("template_name") != OPTION_TEMPLATE:
                return None
            parts.append("\n  " + option_html(option))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class WidgetRenderer(DjangoTemplates):
    """Django's template renderer, with the input, textarea and select widgets rendered without templates."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        widget = context.get("widget")
        if isinstance(widget, dict) and widget.get("template_name") == template_name:
            html: str | None = None
            if template_name in INPUT_TEMPLATES:
                html = input_html(widget)
            elif template_name == TEXTAREA_TEMPLATE:
                html = textarea_html(widget)
            elif template_name == SELECT_TEMPLATE:
                html = select_html(widget)
            if html is not None:
                return html.strip()  # as BaseRenderer.render strips a template's output
        return super().render(template_name, context, request)
