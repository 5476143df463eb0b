"""Template helpers of the Renstra document (reports/renstra/)."""

from django import template

from reports.renstra.document import measure_text
from sakip import numbers

register = template.Library()


@register.filter
def measure(value):
    """A target or baseline with its own decimals: 88; 78,5; 1.500 (a grade unchanged; none → "–")."""
    return measure_text(value)


@register.filter
def money(value):
    """Rupiah without the "Rp" prefix, for table cells under an "Rp" header: 1.250.000.000."""
    return numbers.format_number(value, 0)


@register.filter
def level_label(level):
    return {"program": "Program", "activity": "Kegiatan", "sub_activity": "Sub Kegiatan"}.get(level, "")


@register.filter
def section_entry(doc, key):
    """The numbered subsection of a section key (None when the section is not printed)."""
    return doc.numbers.get(key)


@register.filter
def split(text):
    return text.split()
