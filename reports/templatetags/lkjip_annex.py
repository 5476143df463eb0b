"""Template access to the LKjIP annexes (`reports/annex.py`): `{% annexes report as annex %}`."""

from django import template

from reports.lkjip.annex import annexes_build

register = template.Library()


@register.simple_tag
def annexes(report):
    """Everything the Lampiran show, arranged once from the report object."""
    return annexes_build(report)
