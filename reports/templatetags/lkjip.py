"""Template helpers of the LKjIP document."""

from django import template

from reports.documents.base import chart_markup

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


@register.simple_tag(takes_context=True)
def chart(context, svg):
    """A chart (SVG text from `reports.lkjip.charts`): inline, or — when the context says `charts_as_images`, as for
    WeasyPrint — an <img> holding the same SVG. Inline, every element of the drawing would go through the
    page's HTML parser and style cascade before WeasyPrint reads it back as an image: a tenth of the PDF's
    time for the charts of a report."""
    return chart_markup(svg, as_image=context.get("charts_as_images", False))
