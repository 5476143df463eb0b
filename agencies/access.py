"""Which agencies a user may see: the one place that answers it, used by every view, export and API.

Planners and agency heads see their own agency, reviewers every agency of their Pemda, admins everything.
Anything else is a 404 (not a 403), so that other agencies' codes are not revealed.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
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


def can_edit(user, agency: Agency) -> bool:
    """Planners edit their own agency's data; admins edit everything; heads and reviewers only read."""
    role = role_of(user)
    if role == Profile.Role.ADMIN:
        return True
    return role == Profile.Role.PLANNER and user.profile.agency_id == agency.pk


def agency_view(view):
    """Resolve the `code` URL argument to an agency the user may see (404 otherwise) and pass it on.

    Sets `request.can_edit`; any request other than GET/HEAD from a user who may not edit is refused (403),
    so an edit screen is read-only for heads and reviewers and closed to everyone else.
    """

    @login_required
    @wraps(view)
    def wrapper(request, code, *args, **kwargs):
        agency = agency_for_user_or_404(request.user, code)
        request.can_edit = can_edit(request.user, agency)
        if request.method not in ("GET", "HEAD") and not request.can_edit:
            raise PermissionDenied(
                "Hanya perencana perangkat daerah ini yang dapat mengubah data. / Read only."
            )
        return view(request, agency, *args, **kwargs)

    return wrapper


def plan_or_404(agency: Agency, year: int):
    """The Renstra covering the year; a year outside every plan is a 404."""
    plan = agency.plans.covering(year).first()
    if plan is None:
        raise Http404("Tidak ada Renstra untuk tahun ini / no Renstra covers this year")
    return plan


def current_plan_or_404(agency: Agency):
    plan = agency.plans.order_by("-end_year", "-start_year", "-pk").first()
    if plan is None:
        raise Http404("Belum ada Renstra / no Renstra yet")
    return plan
