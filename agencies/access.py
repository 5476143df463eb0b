"""Which agencies a user may see: the one place that answers it, used by every view, export and API.

Planners and agency heads see their own agency, reviewers every agency of their Pemda, admins everything.
Anything else is a 404 (not a 403), so that other agencies' codes are not revealed.
"""

from django.db.models import QuerySet
from django.http import Http404

from .models import Agency, Profile


def role_of(user) -> str | None:
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Profile.Role.ADMIN
    profile = getattr(user, "profile", None)
    return profile.role if profile else None


def visible_agencies(user) -> QuerySet[Agency]:
    agencies = Agency.objects.select_related("government")
    role = role_of(user)
    if role == Profile.Role.ADMIN:
        return agencies.all()
    if role in (Profile.Role.PLANNER, Profile.Role.HEAD):
        return agencies.filter(pk=user.profile.agency_id)
    if role == Profile.Role.REVIEWER:
        return agencies.filter(government_id=user.profile.government_id)
    return agencies.none()


def agency_for_user_or_404(user, code: str) -> Agency:
    agency = visible_agencies(user).filter(code=code).first()
    if agency is None:
        raise Http404("Perangkat daerah tidak ditemukan / agency not found")
    return agency
