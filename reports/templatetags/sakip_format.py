"""Indonesian number formats for templates; all rounding is half-up and happens only here, at display."""

from django import template

from sakip import numbers

register = template.Library()


@register.filter
def num(value, places=2):
    return numbers.format_number(value, int(places))


@register.filter
def pct(value, places=2):
    return numbers.format_percent(value, int(places))


@register.filter
def rupiah(value):
    return numbers.format_rupiah(value)
