"""Template helpers of the LKjIP document."""

from django import template

register = template.Library()


@register.simple_tag
def caption(doc, key):
    """The numbered caption of a table or figure: `{% caption doc "budget" as cap %}`."""
    return doc.captions[key]


@register.filter
def text_of(doc, key):
    """A section's text, typed by the planner or generated from the figures."""
    return doc.text(key)


@register.filter
def generated(doc, key):
    return doc.texts.get(key, ("", True))[1]


@register.filter
def lines(text):
    """Non-empty lines of a text (e.g. the legal basis list, one regulation per line)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
