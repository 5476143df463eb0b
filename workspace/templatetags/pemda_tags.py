from django import template

from workspace.review_years import STATE_BADGES

register = template.Library()


@register.filter
def state_badge(state: str) -> str:
    """The badge class of a review state, as everywhere a state is shown."""
    return STATE_BADGES.get(state, "text-bg-secondary")
