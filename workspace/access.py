"""Which agencies a user may see: the one place that answers it, used by every view, export and API.

Planners and agency heads see their own agency; the Pemda-wide roles (the inspectorate's reviewers, the Pemda
administrators at Bappeda or the Bagian Organisasi) every agency of their Pemda and the Pemda's own screens; admins
everything. Anything else is a 404 (not a 403), so that other agencies' and Pemda's codes are not revealed.
Whether a year may still be written (review workflow, quarterly entry windows) is `review.locks`' answer;
`agency_view` folds it into `request.can_edit`.
"""

from functools import partial, wraps

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import render

from agencies.models import Agency, Government, Profile, role_of
from review.locks import LockError, annotate_status, status_from_annotations

# Roles that watch every agency of one Pemda (and read them only): the inspectorate and the Pemda administrators.
PEMDA_WIDE = (Profile.Role.REVIEWER, Profile.Role.PEMDA)


def visible_agencies(user) -> QuerySet[Agency]:
    agencies = Agency.objects.select_related("government")
    role = role_of(user)
    if role == Profile.Role.ADMIN:
        return agencies.all()
    if role in (Profile.Role.PLANNER, Profile.Role.HEAD):
        return agencies.filter(pk=user.profile.agency_id)
    if role in PEMDA_WIDE:
        return agencies.filter(government_id=user.profile.government_id)
    return agencies.none()


def visible_governments(user) -> QuerySet[Government]:
    """The Pemda whose own screens (dashboard, batch reports) the user may open: not an agency's planners."""
    role = role_of(user)
    if role == Profile.Role.ADMIN:
        return Government.objects.all()
    if role in PEMDA_WIDE:
        return Government.objects.filter(pk=user.profile.government_id)
    return Government.objects.none()


def may_administer(user, government: Government) -> bool:
    """Pemda administration (agencies, units, users, entry windows, scales, batch reports): its Pemda
    administrators and the admins; the inspectorate only reads."""
    role = role_of(user)
    if role == Profile.Role.ADMIN:
        return True
    return role == Profile.Role.PEMDA and user.profile.government_id == government.pk


# The roles a Pemda's administrators hand out on their own screens (workspace/views/pemda_admin.py). Never the
# administrator's: a superuser sees every Pemda, so only another superuser makes one (in the Django admin).
PEMDA_ASSIGNABLE_ROLES = (Profile.Role.PLANNER, Profile.Role.HEAD, Profile.Role.REVIEWER, Profile.Role.PEMDA)
# Roles that belong to one agency of the Pemda (the others to the Pemda itself).
AGENCY_ROLES = (Profile.Role.PLANNER, Profile.Role.HEAD)


def pemda_users(government: Government) -> QuerySet:
    """The users a Pemda's administrators manage: the planners and heads of its agencies, its reviewers and its
    own administrators. Superusers and administrators are nobody's Pemda's, and users without a role nobody's."""
    return (
        get_user_model()
        .objects.filter(
            Q(profile__role__in=AGENCY_ROLES, profile__agency__government=government)
            | Q(profile__role__in=PEMDA_WIDE, profile__government=government)
        )
        .exclude(is_superuser=True)
    )


def may_change_own_standing(actor, user) -> bool:
    """Whether `actor` may change `user`'s role, scope or active state: never their own (no one locks
    themselves out of the Pemda's administration by a slip of the mouse)."""
    return actor.pk != user.pk


def pemda_view(view=None, *, administer: bool = False, writers=None, refusal: str = ""):
    """Resolve the `code` URL argument to a Pemda the user may see (404 otherwise) and pass it on.

    `request.can_administer` says whether the user may change the Pemda's settings; a request other than GET/HEAD
    from a user who may not is refused (403). `administer=True` closes the view to readers altogether (403).
    `writers`: another rule `(user, government) -> bool` for who may POST here instead of the administrators
    (`may_approve_pemda_report`: the inspectorate approves the Pemda LKjIP; `may_load_rubric`: it loads a rubric),
    with `refusal` as the 403's message. `request.can_post` is the answer either way.
    """
    if view is None:
        return partial(pemda_view, administer=administer, writers=writers, refusal=refusal)

    @login_required
    @wraps(view)
    def wrapper(request, code, *args, **kwargs):
        government = visible_governments(request.user).filter(code=code).first()
        if government is None:
            raise Http404("Pemerintah daerah tidak ditemukan / Pemda not found")
        request.can_administer = may_administer(request.user, government)
        request.can_post = writers(request.user, government) if writers else request.can_administer
        writes = request.method not in ("GET", "HEAD")
        if (administer and not request.can_administer) or (writes and not request.can_post):
            raise PermissionDenied(
                refusal
                or (
                    "Hanya admin Pemda yang dapat melakukan ini. / Only the Pemda's administrators may do this."
                    if writers is None
                    else "Anda tidak berwenang melakukan ini. / You may not do this."
                )
            )
        return view(request, government, *args, **kwargs)

    return wrapper


def agency_for_user_or_404(user, code: str, *, year: int | None = None, quarter: int | None = None) -> Agency:
    """The agency, with its review status for `year` (and `quarter`) fetched in the same query."""
    agencies = visible_agencies(user).filter(code=code)
    if year is not None:
        agencies = annotate_status(agencies, year, quarter)
    agency = agencies.first()
    if agency is None:
        raise Http404("Perangkat daerah tidak ditemukan / agency not found")
    return agency


def can_edit(user, agency: Agency) -> bool:
    """Planners edit their own agency's data; admins edit everything; heads and the Pemda-wide roles only read."""
    role = role_of(user)
    if role == Profile.Role.ADMIN:
        return True
    return role == Profile.Role.PLANNER and user.profile.agency_id == agency.pk


def may_evaluate(user, agency: Agency) -> bool:
    """The AKIP evaluation (LKE answers, notes, recommendations, the LHE, decisions on follow-ups): the
    inspectorate of the agency's Pemda and the admins. Everyone who sees the agency reads what the rules let them."""
    role = role_of(user)
    if role == Profile.Role.ADMIN:
        return True
    return role == Profile.Role.REVIEWER and user.profile.government_id == agency.government_id


def may_self_assess(user, agency: Agency) -> bool:
    """The agency's own side of the evaluation (self-assessment, its evidence, follow-ups): its planners and the
    admins, whatever the review state of the year (the year evaluated is usually approved and locked by then)."""
    return can_edit(user, agency)


def sees_evaluator_work(user, agency: Agency, issued: bool) -> bool:
    """The evaluator's answers, notes, score and recommendations stay with the inspectorate (and the admins) until
    the LHE is issued; then everyone who sees the agency reads them."""
    return issued or may_evaluate(user, agency)


def agency_view(view=None, *, review: bool = False):
    """Resolve the `code` URL argument to an agency the user may see (404 otherwise) and pass it on.

    Sets `request.review` (the review status of the URL's `year`, and of its `quarter`'s entry window) and
    `request.can_edit`: the user may edit the agency and the year is neither under review, approved, nor
    past the quarter's deadline. Any request other than GET/HEAD from a user who may not edit is refused (403),
    so an edit screen is read-only for heads, reviewers and frozen years and closed to everyone else.
    A `LockError` raised by a write the view attempts (a model guard) is a 403 with its message.
    `review=True`: the view decides itself who may POST (the review workflow and comments).
    """
    if view is None:
        return partial(agency_view, review=review)

    @login_required
    @wraps(view)
    def wrapper(request, code, *args, **kwargs):
        year, quarter = kwargs.get("year"), kwargs.get("quarter")
        agency = agency_for_user_or_404(request.user, code, year=year, quarter=quarter)
        request.review = status_from_annotations(agency, year, quarter) if year is not None else None
        editor = can_edit(request.user, agency)
        request.can_edit = editor and (request.review is None or request.review.writable)
        if not review and request.method not in ("GET", "HEAD") and not request.can_edit:
            if editor:
                return locked_response(request, agency, request.review.block_message)
            raise PermissionDenied(
                "Hanya perencana perangkat daerah ini yang dapat mengubah data. / Read only."
            )
        try:
            return view(request, agency, *args, **kwargs)
        except NoPlanForYear as missing:
            return no_plan_response(request, agency, missing.year)
        except LockError as error:  # the view's transaction (or the deletion's own) has been rolled back
            return locked_response(request, agency, " ".join(error.messages))

    return wrapper


def locked_response(request, agency: Agency, message: str):
    """403: the write was refused because the year is frozen or the quarter's entry is closed."""
    return render(request, "review/locked.html", {"agency": agency, "message": message}, status=403)


class NoPlanForYear(Http404):
    """No Renstra covers the year of the URL: `agency_view` answers with a page that says what to do next."""

    def __init__(self, year: int):
        super().__init__("Tidak ada Renstra untuk tahun ini / no Renstra covers this year")
        self.year = year


def plan_or_404(agency: Agency, year: int):
    """The Renstra covering the year; for a year outside every plan, `NoPlanForYear`."""
    plan = agency.plans.covering(year).first()
    if plan is None:
        raise NoPlanForYear(year)
    return plan


def no_plan_response(request, agency: Agency, year: int):
    """A year no Renstra covers: the way to a new period (or to the years that have one), not a bare 404."""
    plans = list(agency.plans.order_by("start_year"))
    context = {
        "agency": agency,
        "year": year,
        "plans": plans,
        "after_last": bool(plans) and year > plans[-1].end_year,
        "can_edit": can_edit(request.user, agency),
    }
    return render(request, "workspace/no_plan.html", context)


def current_plan_or_404(agency: Agency):
    plan = agency.plans.order_by("-end_year", "-start_year", "-pk").first()
    if plan is None:
        raise Http404("Belum ada Renstra / no Renstra yet")
    return plan


def may_load_rubric(user, government: Government) -> bool:
    """Loading a Pemda's own variant of the evaluation rubric (workspace/views/pemda_rubrics.py): its inspectorate,
    who evaluates with it, its Pemda administrators and the admins. Everyone else does not see the Pemda (404)."""
    role = role_of(user)
    if role == Profile.Role.ADMIN:
        return True
    return role in PEMDA_WIDE and user.profile.government_id == government.pk


def may_approve_pemda_report(user, government: Government) -> bool:
    """Approving (and reopening) the Pemda LKjIP of a year (workspace/views/pemda_lkjip.py): the Pemda's
    inspectorate and the admins. Its Pemda administrators (Bappeda) read it only."""
    role = role_of(user)
    if role == Profile.Role.ADMIN:
        return True
    return role == Profile.Role.REVIEWER and user.profile.government_id == government.pk
