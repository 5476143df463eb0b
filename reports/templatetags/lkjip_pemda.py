"""Small lookups for the Pemda LKjIP's templates (templates/reports/lkjip_pemda/): no figure is computed here."""

from django import template

register = template.Library()

TARGET_SOURCES = {"pk": "PK kepala daerah", "rpjmd": "RPJMD"}


@register.filter
def year_value(values, year):
    """A yearly figure of a {year: value} mapping; None when the year has none."""
    return (values or {}).get(year)


@register.filter
def target_source_label(source):
    return TARGET_SOURCES.get(source or "", "–")
