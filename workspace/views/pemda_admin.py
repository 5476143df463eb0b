"""The Pemda's own administration, in the app (issue 20, point 5): its settings, its agencies and their units, its
users and roles, its quarterly entry windows and their extensions. For the Pemda's administrators (and the
admins); the inspectorate reads the lists (every POST is a 403), anyone else meets a 404
(`workspace.access.pemda_view`).

Every save is whole or nothing. A change a frozen year's report forbids (a computation setting, an agency's
printed fields, a unit) is refused with the year lock's own message (`review.guards`), beside the form.
Changes to users are recorded in Django's admin log (who, when, what), read back on the user's page and in the
Django admin's history of the user; agencies and units keep their audit history (agencies/audit.py), and so do
the settings, entry windows and extensions, listed on the administration's history page (pemda_history.py).
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager

from django.contrib import messages
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from agencies.models import Agency, Government, OrgUnit, Profile
from agencies.writes import lock_agency
from review.locks import QUARTER_LABELS, LockError, org_unit_locked_message
from review.locks import frozen_years as year_locks
from review.models import EntryException, EntryWindow
from sakip.grids import GridOutcome, grid_messages, grid_save
from workspace.access import AGENCY_ROLES, may_change_own_standing, pemda_users, pemda_view
from workspace.forms.pemda_admin import (
    AgencyCreateForm,
    AgencyForm,
    ExceptionForm,
    PasswordFields,
    SettingsForm,
    UnitRow,
    UserCreateForm,
    UserEditForm,
    WindowRow,
    check_unit_tree,
    unit_stored,
)

User = get_user_model()
NEW_UNIT_ROWS = 3


def _page(request, government, template: str, section: str, **context):
    return render(
        request,
        f"pemda/admin/{template}",
        {"government": government, "section": section, "can_administer": request.can_administer, **context},
    )


def _refused(form, error: LockError) -> None:
    form.add_error(None, " ".join(error.messages))


@contextmanager
def _agency_writes(agency: Agency):
    """One transaction holding the agency's write lock (agencies/writes.py), as the agency's own screens take."""
    with transaction.atomic():
        lock_agency(agency.code)
        yield


# --- settings ---------------------------------------------------------------------------------------------------
@pemda_view
def settings(request, government):
    form = SettingsForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        instance=Government.objects.get(pk=government.pk),  # a copy: the page keeps the stored name
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                form.save()
        except LockError as error:  # a year frozen after the form was checked
            _refused(form, error)
        else:
            messages.success(request, _("Pengaturan Pemda disimpan."))
            return redirect("pemda:admin_settings", code=government.code)
    return _page(request, government, "settings.html", "settings", form=form)


# --- agencies ---------------------------------------------------------------------------------------------------
def _count(model, field: str):
    rows = model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field)
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")[:1]), 0)


@pemda_view
@require_safe
def agencies(request, government):
    rows = (
        Agency.objects.filter(government=government)
        .annotate(unit_count=_count(OrgUnit, "agency"), user_count=_count(Profile, "agency"))
        .order_by("name")
    )
    return _page(request, government, "agencies.html", "agencies", agencies=rows)


def _agency_or_404(government, code: str) -> Agency:
    return get_object_or_404(Agency, government=government, code=code)


@pemda_view(administer=True)
def agency_new(request, government):
    form = AgencyCreateForm(request.POST if request.method == "POST" else None)
    form.instance.government = government
    if request.method == "POST" and form.is_valid():
        agency = form.save()
        messages.success(request, _("Perangkat daerah %(name)s ditambahkan.") % {"name": agency.name})
        return redirect("pemda:admin_units", code=government.code, agency=agency.code)
    return _page(request, government, "agency_form.html", "agencies", form=form, creating=True)


def agency_holdings(agency: Agency) -> list[tuple[str, int]]:
    """(what, how many) of the rows that hang on the agency, its units aside: users, plans, reviews, figures…
    An agency holding any is not deleted: its history and its users' would go with it."""
    held = []
    for relation in Agency._meta.related_objects:
        if relation.related_model is OrgUnit:
            continue
        count = relation.related_model._default_manager.filter(**{relation.field.name: agency}).count()
        if count:
            held.append((str(relation.related_model._meta.verbose_name_plural), count))
    return held


@pemda_view
def agency_edit(request, government, agency):
    agency = _agency_or_404(government, agency)
    form = AgencyForm(
        request.POST if request.method == "POST" else None, instance=Agency.objects.get(pk=agency.pk)
    )
    if request.method == "POST":
        try:
            with _agency_writes(agency):
                if form.is_valid():
                    form.save()
                    messages.success(request, _("Perangkat daerah disimpan."))
                    return redirect("pemda:admin_agencies", code=government.code)
        except LockError as error:
            _refused(form, error)
    return _page(
        request,
        government,
        "agency_form.html",
        "agencies",
        form=form,
        agency=agency,
        creating=False,
        holdings=agency_holdings(agency),
    )


@pemda_view(administer=True)
@require_POST
def agency_delete(request, government, agency):
    agency = _agency_or_404(government, agency)
    holdings = agency_holdings(agency)
    if holdings:
        held = ", ".join(f"{what}: {n}" for what, n in holdings)
        messages.error(
            request,
            _(
                "%(name)s tidak dihapus karena sudah mempunyai data (%(held)s). Perangkat daerah dengan data "
                "tidak dapat dihapus; riwayatnya harus tetap ada. / %(name)s was not deleted: it holds data "
                "(%(held)s), and an agency with data is never deleted, so that its history remains."
            )
            % {"name": agency.name, "held": held},
        )
        return redirect("pemda:admin_agency", code=government.code, agency=agency.code)
    try:
        with _agency_writes(agency):
            agency.delete()
    except LockError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("pemda:admin_agency", code=government.code, agency=agency.code)
    messages.success(request, _("Perangkat daerah %(name)s dihapus.") % {"name": agency.name})
    return redirect("pemda:admin_agencies", code=government.code)


# --- org units --------------------------------------------------------------------------------------------------
def unit_references(agency: Agency) -> dict[int, str]:
    """Unit pk → what names it (indicators, kegiatan, risks…), for the units something names: such a unit is
    not deleted (the names would be blanked silently). Its sub-units are the grid's own concern."""
    found: dict[int, list[str]] = defaultdict(list)
    for relation in OrgUnit._meta.related_objects:
        if relation.related_model is OrgUnit:
            continue
        name = relation.field.name
        counts = (
            relation.related_model._default_manager.filter(**{f"{name}__agency": agency})
            .values(name)
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in counts:
            found[row[name]].append(f"{relation.related_model._meta.verbose_name_plural}: {row['n']}")
    return {pk: ", ".join(uses) for pk, uses in found.items()}


def _unit_rows(agency, data):
    units = list(OrgUnit.objects.filter(agency=agency).order_by("position", "pk"))
    parents = [(str(u.pk), f"{u.code} — {u.name}") for u in units]
    rows = [
        UnitRow(data, stored=unit_stored(u), unit=u, parents=parents, prefix=f"unit-{u.pk}") for u in units
    ]
    rows += [
        UnitRow(data, stored=unit_stored(None), unit=None, parents=parents, prefix=f"new-{n}")
        for n in range(NEW_UNIT_ROWS)
    ]
    return units, rows


def _write_unit(agency, next_position):
    def write(row):
        data = row.cleaned_data
        if row.empty:
            return
        if data["delete"]:
            # A sub-unit also ticked may be gone already with its parent (the tree cascades).
            unit = OrgUnit.objects.filter(pk=row.unit.pk).first()
            if unit is not None:
                unit.delete()
            return
        unit = row.unit or OrgUnit(agency=agency)
        unit.code, unit.name, unit.head_title = data["code"], data["name"], data["head_title"]
        unit.parent_id = int(data["parent"]) if data["parent"] else None
        unit.position = data["position"] if data["position"] is not None else next(next_position)
        unit.save()

    return write


@pemda_view
def units(request, government, agency):
    agency = _agency_or_404(government, agency)
    frozen = year_locks(agency, shared=True)
    if request.method == "POST":
        try:
            with _agency_writes(agency):
                # Read inside the lock, so that a save that waited for another one sees what it wrote.
                stored, rows = _unit_rows(agency, request.POST)
                for row in rows:
                    row.is_valid()
                check_unit_tree(rows, unit_references(agency))
                positions = iter(range(max((u.position for u in stored), default=-1) + 1, 10**6))
                outcome = grid_save(rows, _write_unit(agency, positions))
        except IntegrityError:
            # Two units trading codes in one save meet the database's uniqueness mid-way; all was rolled back.
            outcome = GridOutcome(invalid=True)
            messages.error(
                request,
                _(
                    "Kode unit bertukar dalam satu simpanan; ubah salah satunya dahulu, simpan, lalu ubah yang "
                    "lain. / Unit codes were swapped in one save; change one, save, then change the other."
                ),
            )
        grid_messages(
            request,
            outcome,
            lambda n: ngettext("%(n)d unit kerja disimpan.", "%(n)d unit kerja disimpan.", n) % {"n": n},
        )
        if outcome.ok:
            return redirect("pemda:admin_units", code=government.code, agency=agency.code)
    else:
        stored, rows = _unit_rows(agency, None)
    return _page(
        request,
        government,
        "units.html",
        "agencies",
        agency=agency,
        rows=rows,
        locked=org_unit_locked_message(frozen) if frozen else "",
    )


# --- users ------------------------------------------------------------------------------------------------------
def _user_or_404(government, user_id: int):
    user = pemda_users(government).select_related("profile__agency").filter(pk=user_id).first()
    if user is None:
        raise Http404("Pengguna tidak ditemukan / user not found")
    return user


def _log(actor, user, flag: int, message: str) -> None:
    """Who changed which user, when and how: Django's admin log, also shown in the admin's history of the user."""
    LogEntry.objects.log_actions(actor.pk, [user], flag, change_message=message, single_object=True)


def _user_history(user) -> list[LogEntry]:
    content_type = ContentType.objects.get_for_model(User)
    return list(
        LogEntry.objects.filter(content_type=content_type, object_id=str(user.pk))
        .select_related("user")
        .order_by("-action_time", "-pk")[:20]
    )


def _role_label(role: str) -> str:
    return str(Profile.Role(role).label)


def _assign_role(profile: Profile, role: str, agency: Agency | None, government) -> None:
    profile.role = role
    if role in AGENCY_ROLES:
        profile.agency, profile.government = agency, None
    else:
        profile.agency, profile.government = None, government


@pemda_view
@require_safe
def users(request, government):
    rows = (
        pemda_users(government)
        .select_related("profile__agency")
        .order_by("-is_active", "profile__role", "profile__agency__name", "username")
    )
    return _page(request, government, "users.html", "users", users=rows)


def _password_shown(request, government, user, password: str, *, created: bool):
    """The generated password, shown once on this answer (never stored in the session or a message)."""
    response = _page(
        request,
        government,
        "password_shown.html",
        "users",
        shown_user=user,
        password=password,
        created=created,
    )
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@pemda_view(administer=True)
def user_new(request, government):
    form = UserCreateForm(request.POST if request.method == "POST" else None, government=government)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            user = User.objects.create_user(
                data["username"],
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
            password, generated = form.chosen_password(user)
            user.set_password(password)
            user.save(update_fields=["password"])
            profile = Profile(user=user)
            _assign_role(profile, data["role"], data["agency"], government)
            profile.save()
            scope = profile.agency.name if profile.agency else government.name
            _log(request.user, user, ADDITION, f"dibuat: {_role_label(profile.role)}, {scope}")
        if generated:
            return _password_shown(request, government, user, password, created=True)
        messages.success(request, _("Pengguna %(name)s dibuat.") % {"name": user.username})
        return redirect("pemda:admin_users", code=government.code)
    return _page(request, government, "user_form.html", "users", form=form, creating=True)


def _changes(before: dict, after: dict) -> str:
    labels = {
        "first_name": "nama",
        "last_name": "nama belakang",
        "email": "email",
        "role": "peran",
        "agency": "perangkat daerah",
        "is_active": "aktif",
    }
    return "; ".join(
        f"{labels[name]}: {before[name] or '—'} → {after[name] or '—'}"
        for name in labels
        if before[name] != after[name]
    )


def _standing(user) -> dict:
    profile = user.profile
    return {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": _role_label(profile.role),
        "agency": profile.agency.name if profile.agency else "",
        "is_active": "ya" if user.is_active else "tidak",
    }


@pemda_view
def user_edit(request, government, user_id):
    user = _user_or_404(government, user_id)
    fixed = not may_change_own_standing(request.user, user)
    form = UserEditForm(
        request.POST if request.method == "POST" else None,
        government=government,
        user=user,
        own_standing_fixed=fixed,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        before = _standing(user)
        with transaction.atomic():
            user.first_name, user.last_name, user.email = data["first_name"], data["last_name"], data["email"]
            if not fixed:
                user.is_active = data["is_active"]
                _assign_role(user.profile, data["role"], data["agency"], government)
                user.profile.save()
            user.save()
            change = _changes(before, _standing(user))
            if change:
                _log(request.user, user, CHANGE, change)
        messages.success(request, _("Pengguna %(name)s disimpan.") % {"name": user.username})
        return redirect("pemda:admin_users", code=government.code)
    return _page(
        request,
        government,
        "user_form.html",
        "users",
        form=form,
        creating=False,
        shown_user=user,
        history=_user_history(user),
    )


class _PasswordForm(PasswordFields):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def password_user(self):
        return self.user


@never_cache
@pemda_view(administer=True)
def user_password(request, government, user_id):
    user = _user_or_404(government, user_id)
    form = _PasswordForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and form.is_valid():
        password, generated = form.chosen_password(user)
        with transaction.atomic():
            user.set_password(password)
            user.save(update_fields=["password"])
            _log(request.user, user, CHANGE, "kata sandi diatur ulang")
        if generated:
            return _password_shown(request, government, user, password, created=False)
        messages.success(request, _("Kata sandi %(name)s diganti.") % {"name": user.username})
        return redirect("pemda:admin_user", code=government.code, user_id=user.pk)
    return _page(request, government, "user_password.html", "users", form=form, shown_user=user)


# --- entry windows ----------------------------------------------------------------------------------------------
@pemda_view
@require_safe
def windows_home(request, government):
    return redirect("pemda:admin_windows", code=government.code, year=timezone.localdate().year)


def _window_rows(government, year, data):
    stored = dict(
        EntryWindow.objects.filter(government=government, year=year).values_list("quarter", "deadline")
    )
    return [
        WindowRow(data, stored={"deadline": stored.get(q)}, year=year, quarter=q, prefix=f"tw{q}")
        for q in QUARTER_LABELS
    ]


def _write_window(government, year):
    def write(row):
        deadline = row.cleaned_data["deadline"]
        if deadline is None:
            EntryWindow.objects.filter(government=government, year=year, quarter=row.quarter).delete()
        else:
            EntryWindow.objects.update_or_create(
                government=government, year=year, quarter=row.quarter, defaults={"deadline": deadline}
            )

    return write


def _windows_page(request, government, year, rows, exception_form, *, status=200):
    extensions = (
        EntryException.objects.filter(agency__government=government, year=year)
        .select_related("agency", "granted_by")
        .order_by("quarter", "agency__name", "-until")
    )
    response = _page(
        request,
        government,
        "windows.html",
        "windows",
        year=year,
        rows=rows,
        extensions=extensions,
        exception_form=exception_form,
        quarter_labels=QUARTER_LABELS,
    )
    response.status_code = status
    return response


@pemda_view
def windows(request, government, year):
    if request.method == "POST":
        with transaction.atomic():
            rows = _window_rows(government, year, request.POST)
            outcome = grid_save(rows, _write_window(government, year))
        grid_messages(
            request,
            outcome,
            lambda n: (
                ngettext("%(n)d batas pengisian disimpan.", "%(n)d batas pengisian disimpan.", n) % {"n": n}
            ),
        )
        if outcome.ok:
            return redirect("pemda:admin_windows", code=government.code, year=year)
    else:
        rows = _window_rows(government, year, None)
    exception_form = ExceptionForm(government=government, year=year) if request.can_administer else None
    return _windows_page(request, government, year, rows, exception_form)


@pemda_view(administer=True)
@require_POST
def exception_add(request, government, year):
    form = ExceptionForm(request.POST, government=government, year=year)
    if form.is_valid():
        form.instance.granted_by = request.user
        extension = form.save()
        messages.success(
            request,
            _("Perpanjangan %(quarter)s untuk %(name)s disimpan.")
            % {"quarter": QUARTER_LABELS[extension.quarter], "name": extension.agency.name},
        )
        return redirect("pemda:admin_windows", code=government.code, year=year)
    messages.error(request, _("Periksa isian yang ditandai; tidak ada yang disimpan."))
    return _windows_page(request, government, year, _window_rows(government, year, None), form)


@pemda_view(administer=True)
@require_POST
def exception_delete(request, government, year, pk):
    extension = get_object_or_404(EntryException, pk=pk, year=year, agency__government=government)
    extension.delete()
    messages.success(
        request,
        _("Perpanjangan %(quarter)s untuk %(name)s dihapus.")
        % {"quarter": QUARTER_LABELS[extension.quarter], "name": extension.agency.name},
    )
    return redirect("pemda:admin_windows", code=government.code, year=year)
