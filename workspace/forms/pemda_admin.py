"""The forms of the Pemda's own administration (workspace/views/pemda_admin.py): its settings, its agencies and
their units, its users and roles, its quarterly entry windows and their extensions.

Each refusal says what is wrong in Indonesian, then in English after " / ", beside the field (or above the form
when it concerns the whole form, such as a frozen year that forbids a change: `review.guards.write_error`).
"""

from __future__ import annotations

import datetime
import secrets
import string
from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency, Government, OrgUnit, Profile
from review.guards import write_error
from review.locks import QUARTER_LABELS, long_date
from review.models import EntryException, EntryWindow
from sakip.forms import PlannerDateField, RowForm, WholeNumberField
from workspace.access import AGENCY_ROLES, PEMDA_ASSIGNABLE_ROLES

User = get_user_model()


REQUIRED = gettext_lazy("Wajib diisi. / Required.")


class BilingualRequired:
    """Django's own "required" message is in one language; ours name both."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():  # type: ignore[attr-defined]
            field.error_messages["required"] = REQUIRED


class LockedRowsMixin:
    """A model form whose save a frozen year forbids says so above the form, before the model guard refuses."""

    def _post_clean(self):
        super()._post_clean()  # type: ignore[misc]
        if self.errors or (self.instance.pk is not None and not self.has_changed()):  # type: ignore[attr-defined]
            return
        error = write_error(self.instance)  # type: ignore[attr-defined]
        if error is not None:
            self.add_error(None, error.messages[0])  # type: ignore[attr-defined]


# --- the Pemda's settings ---------------------------------------------------------------------------------------
class SettingsForm(BilingualRequired, LockedRowsMixin, forms.ModelForm):
    class Meta:
        model = Government
        fields = [
            "name",
            "level",
            "head_title",
            "logo",
            "predicate_scale",
            "indicator_scale",
            "objective_cap",
            "plausible_capaian_max",
            "ikm_weight",
            "ikm_scale",
            "renstra_series",
        ]

    def _positive(self, name: str):
        value = self.cleaned_data.get(name)
        if value is not None and value <= 0:
            raise ValidationError(_("Harus lebih dari 0. / Must be more than 0."), code="not_positive")
        return value

    def clean_objective_cap(self):
        return self._positive("objective_cap")

    def clean_plausible_capaian_max(self):
        return self._positive("plausible_capaian_max")


# --- agencies ---------------------------------------------------------------------------------------------------
# Words of the administration's own addresses (kelola/opd/baru/), which an agency's code would shadow.
RESERVED_CODES = {"baru"}
AGENCY_FIELDS = ["name", "short_name", "address", "website", "head_name", "head_nip", "head_rank"]


class AgencyForm(BilingualRequired, LockedRowsMixin, forms.ModelForm):
    """An agency's printed fields. Its code is set once, when it is created: it is in every address of its
    workspace and in its dataset files, so changing it would break bookmarks, links and imports."""

    class Meta:
        model = Agency
        fields = AGENCY_FIELDS
        widgets = {"address": forms.Textarea(attrs={"rows": 2})}


class AgencyCreateForm(AgencyForm):
    class Meta(AgencyForm.Meta):
        fields = ["code", *AGENCY_FIELDS]
        help_texts = {
            "code": gettext_lazy(
                "Huruf kecil, angka dan tanda hubung (mis. dinkes). Tidak dapat diubah setelah disimpan: kode "
                "dipakai di alamat halaman dan berkas dataset."
            )
        }

    def clean_code(self):
        code = self.cleaned_data["code"]
        if code in RESERVED_CODES:
            raise ValidationError(
                _("Kode %(code)s dipakai aplikasi; pilih kode lain. / The code %(code)s is reserved.")
                % {"code": code},
                code="code_reserved",
            )
        if Agency.objects.filter(code=code).exists():
            raise ValidationError(
                _(
                    "Kode %(code)s sudah dipakai perangkat daerah lain. / The code %(code)s is already used by "
                    "another agency."
                )
                % {"code": code},
                code="code_taken",
            )
        return code

    def validate_unique(self):
        """`clean_code` says it in both languages; the model's own unique check would say it again."""
        self.instance.validate_unique(exclude=["code"])


# --- org units: one grid row per unit ----------------------------------------------------------------------------
class UnitRow(RowForm):
    """One unit of the agency's tree (or a blank row for a new one). The parent is one of the saved units: a unit
    added in this save can become a parent after it is saved."""

    value_fields = ("code", "name", "parent", "head_title", "position", "delete")

    def __init__(self, *args, unit: OrgUnit | None, parents: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        code, name = OrgUnit._meta.get_field("code"), OrgUnit._meta.get_field("name")
        title = OrgUnit._meta.get_field("head_title")
        self.fields["code"] = forms.CharField(
            label=gettext_lazy("Kode"), required=False, max_length=code.max_length
        )
        self.fields["name"] = forms.CharField(
            label=gettext_lazy("Nama unit"), required=False, max_length=name.max_length
        )
        self.fields["parent"] = forms.ChoiceField(
            label=gettext_lazy("Induk"),
            required=False,
            choices=[
                ("", "—"),
                *[(pk, label) for pk, label in parents if unit is None or pk != str(unit.pk)],
            ],
        )
        self.fields["head_title"] = forms.CharField(
            label=gettext_lazy("Jabatan kepala unit"), required=False, max_length=title.max_length
        )
        self.fields["position"] = WholeNumberField(
            label=gettext_lazy("Urutan"), required=False, min_value=0, max_value=100000
        )
        self.fields["delete"] = forms.BooleanField(label=gettext_lazy("Hapus"), required=False)
        for name_, field in self.fields.items():
            # The grid's cells have no label of their own: the column's name, and the unit's code, say what it is.
            if name_ == "version":
                continue
            field.widget.attrs["aria-label"] = f"{field.label} {unit.code}" if unit else str(field.label)
            if name_ == "delete":
                field.widget.attrs["class"] = "form-check-input"
            elif name_ == "parent":
                field.widget.attrs["class"] = "form-select form-select-sm"
            else:
                field.widget.attrs["class"] = "form-control form-control-sm"

    @property
    def is_new(self) -> bool:
        return self.unit is None

    @property
    def empty(self) -> bool:
        data = self.cleaned_data
        return self.is_new and not any(data.get(n) not in (None, "", False) for n in self.value_fields)

    def clean(self):
        cleaned = super().clean()
        for name in ("code", "name", "head_title"):
            cleaned[name] = (cleaned.get(name) or "").strip()
        if self.is_new and cleaned.get("delete"):
            cleaned["delete"] = False  # a blank row ticked for deletion is nothing
        if self.empty or cleaned.get("delete"):
            return cleaned
        for name in ("code", "name"):
            if not cleaned[name]:
                self.add_error(name, str(REQUIRED))
        return cleaned


def unit_stored(unit: OrgUnit | None) -> dict[str, Any]:
    if unit is None:
        return {"code": "", "name": "", "parent": "", "head_title": "", "position": None, "delete": False}
    return {
        "code": unit.code,
        "name": unit.name,
        "parent": str(unit.parent_id) if unit.parent_id else "",
        "head_title": unit.head_title,
        "position": unit.position,
        "delete": False,
    }


def check_unit_tree(rows: list[UnitRow], references: dict[int, str]) -> None:
    """What no single row can know: codes unique in the agency, no unit its own ancestor, no unit deleted while a
    kept unit hangs under it or an indicator, kegiatan or risk names it (`references`: unit pk → what names it).
    Errors are put on the rows concerned, so that the grid is not saved."""
    valid = [r for r in rows if not r.errors and not r.empty]
    kept = [r for r in valid if not r.cleaned_data["delete"]]
    seen: dict[str, UnitRow] = {}
    for row in kept:
        code = row.cleaned_data.get("code", "").lower()
        if code in seen:
            row.add_error(
                "code",
                _("Kode %(code)s tertulis dua kali. / The code %(code)s is listed twice.")
                % {"code": row.cleaned_data.get("code", "")},
            )
        seen[code] = row
    deleted = {str(r.unit.pk) for r in valid if r.cleaned_data["delete"] and r.unit is not None}
    for row in kept:
        if row.cleaned_data.get("parent") in deleted:
            row.add_error(
                "parent",
                _(
                    "Induknya ditandai untuk dihapus; pilih induk lain atau hapus unit ini juga. / Its parent "
                    "is marked for deletion; choose another parent or delete this unit too."
                ),
            )
    for row in valid:
        if row.cleaned_data["delete"] and row.unit is not None and row.unit.pk in references:
            row.add_error(
                "delete",
                _(
                    "Unit ini masih dipakai (%(uses)s): pindahkan dahulu ke unit lain. / This unit is still in "
                    "use (%(uses)s): move those to another unit first."
                )
                % {"uses": references[row.unit.pk]},
            )
    parents = {str(r.unit.pk): r.cleaned_data.get("parent", "") for r in kept if r.unit is not None}
    for row in kept:
        if row.unit is None:
            continue
        node, steps = parents.get(str(row.unit.pk)), 0
        while node and steps <= len(parents):
            if node == str(row.unit.pk):
                row.add_error(
                    "parent",
                    _(
                        "Unit tidak dapat berada di bawah dirinya sendiri atau di bawah unit bawahannya. / A "
                        "unit cannot sit under itself or under one of its own sub-units."
                    ),
                )
                break
            node, steps = parents.get(node), steps + 1


# --- users and roles ---------------------------------------------------------------------------------------------
PASSWORD_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")


def bilingual_password_errors(password: str, user) -> list[str]:
    """Django's password validators' refusals, said in Indonesian then in English."""
    said = {}
    for language in ("id", "en"):
        with translation.override(language):
            try:
                password_validation.validate_password(password, user)
                said[language] = []
            except ValidationError as error:
                said[language] = list(error.messages)
    return [f"{id_} / {en}" if id_ != en else id_ for id_, en in zip(said["id"], said["en"], strict=True)]


def generated_password(user) -> str:
    """A random password of 14 letters and digits (no look-alikes such as 0/O, 1/l) that the validators accept."""
    while True:
        password = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(14))
        if not bilingual_password_errors(password, user):
            return password


class PasswordFields(forms.Form):
    """A password typed twice, or nothing (then one is generated and shown once)."""

    password1 = forms.CharField(
        label=gettext_lazy("Kata sandi"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("Kosongkan untuk membuat kata sandi acak yang ditampilkan sekali."),
    )
    password2 = forms.CharField(
        label=gettext_lazy("Ulangi kata sandi"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def password_user(self):
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        one, two = cleaned.get("password1") or "", cleaned.get("password2") or ""
        if one != two:
            self.add_error(
                "password2",
                _("Kedua kata sandi tidak sama. / The two passwords differ."),
            )
        elif one:
            for message in bilingual_password_errors(one, self.password_user()):
                self.add_error("password1", message)
        return cleaned

    def chosen_password(self, user) -> tuple[str, bool]:
        """(the password, whether it was generated)."""
        typed = self.cleaned_data.get("password1") or ""
        return (typed, False) if typed else (generated_password(user), True)


class RoleFields(BilingualRequired, forms.Form):
    """A role the Pemda's administrators may give, and the agency for the agency roles."""

    role = forms.ChoiceField(label=gettext_lazy("Peran"))
    agency = forms.ModelChoiceField(
        label=gettext_lazy("Perangkat daerah"),
        queryset=Agency.objects.none(),
        required=False,
        help_text=gettext_lazy("Untuk perencana dan kepala perangkat daerah."),
    )

    def setup_roles(self, government: Government) -> None:
        self.fields["role"].choices = [
            (role.value, role.label) for role in Profile.Role if role in PEMDA_ASSIGNABLE_ROLES
        ]
        self.fields["agency"].queryset = Agency.objects.filter(government=government).order_by("name")
        self.fields["role"].error_messages["invalid_choice"] = _(
            "Peran ini tidak dapat diberikan di sini. / This role cannot be given here."
        )
        self.fields["agency"].error_messages["invalid_choice"] = _(
            "Pilih perangkat daerah Pemda ini. / Choose an agency of this Pemda."
        )

    def clean(self):
        cleaned = super().clean()
        role, agency = cleaned.get("role"), cleaned.get("agency")
        if role in AGENCY_ROLES and agency is None and "agency" not in self.errors:
            self.add_error(
                "agency",
                _(
                    "Perencana dan kepala perangkat daerah harus memilih perangkat daerahnya. / Planners and "
                    "agency heads need their agency."
                ),
            )
        if role and role not in AGENCY_ROLES:
            cleaned["agency"] = None
        return cleaned


class UserCreateForm(RoleFields, PasswordFields):
    username = forms.CharField(
        label=gettext_lazy("Nama pengguna"),
        max_length=150,
        validators=[User.username_validator],
        help_text=gettext_lazy("Huruf, angka dan @ . + - _ saja."),
    )
    first_name = forms.CharField(label=gettext_lazy("Nama"), max_length=150)
    last_name = forms.CharField(label=gettext_lazy("Nama belakang"), max_length=150, required=False)
    email = forms.EmailField(label=gettext_lazy("Email"), required=False)

    field_order = ["username", "first_name", "last_name", "email", "role", "agency", "password1", "password2"]

    def __init__(self, *args, government: Government, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_roles(government)

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(
                _("Nama pengguna %(name)s sudah dipakai. / The user name %(name)s is taken.")
                % {"name": username},
                code="username_taken",
            )
        return username

    def password_user(self):
        data = self.cleaned_data
        return User(
            username=data.get("username", ""),
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            email=data.get("email", ""),
        )


class UserEditForm(RoleFields):
    """A user's name, e-mail, role, agency and whether they may log in. Editing oneself, the role, the agency
    and the active state are shown but not taken from the form (`may_change_own_standing`)."""

    first_name = forms.CharField(label=gettext_lazy("Nama"), max_length=150)
    last_name = forms.CharField(label=gettext_lazy("Nama belakang"), max_length=150, required=False)
    email = forms.EmailField(label=gettext_lazy("Email"), required=False)
    is_active = forms.BooleanField(
        label=gettext_lazy("Aktif (dapat masuk)"),
        required=False,
        help_text=gettext_lazy("Pengguna nonaktif tidak dapat masuk; akunnya dan riwayatnya tetap disimpan."),
    )

    field_order = ["first_name", "last_name", "email", "role", "agency", "is_active"]

    def __init__(self, *args, government: Government, user, own_standing_fixed: bool, **kwargs):
        profile = user.profile
        initial = {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "role": profile.role,
            "agency": profile.agency_id,
            "is_active": user.is_active,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.setup_roles(government)
        if own_standing_fixed:
            for name in ("role", "agency", "is_active"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Peran dan status akun Anda sendiri diubah oleh admin Pemda lain. / Your own role and "
                    "account state are changed by another Pemda administrator."
                )


# --- entry windows -----------------------------------------------------------------------------------------------
def quarter_start(year: int, quarter: int) -> datetime.date:
    return datetime.date(year, 3 * (quarter - 1) + 1, 1)


class WindowRow(RowForm):
    """A quarter's last day of entry for every agency of the Pemda; empty: no deadline."""

    value_fields = ("deadline",)

    def __init__(self, *args, year: int, quarter: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.year, self.quarter = year, quarter
        self.label = QUARTER_LABELS[quarter]
        self.fields["deadline"] = PlannerDateField(label=self.label, required=False)

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        start = quarter_start(self.year, self.quarter)
        if deadline is not None and deadline < start:
            raise ValidationError(
                _(
                    "Batas pengisian %(quarter)s tidak boleh sebelum triwulan itu dimulai (%(start)s). / The "
                    "%(quarter)s deadline cannot precede the start of the quarter (%(start)s)."
                )
                % {"quarter": self.label, "start": long_date(start)},
                code="before_quarter",
            )
        return deadline


class ExceptionForm(BilingualRequired, forms.ModelForm):
    """An agency's extension of a quarter, after the Pemda's deadline."""

    until = PlannerDateField(label=gettext_lazy("Dibuka sampai"), required=True)

    class Meta:
        model = EntryException
        fields = ["agency", "quarter", "until", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, government: Government, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        self.government = government
        self.instance.year = year
        self.fields["agency"].queryset = Agency.objects.filter(government=government).order_by("name")
        self.fields["agency"].error_messages["invalid_choice"] = _(
            "Pilih perangkat daerah Pemda ini. / Choose an agency of this Pemda."
        )
        self.fields["quarter"] = forms.TypedChoiceField(
            label=gettext_lazy("Triwulan"),
            coerce=int,
            choices=list(QUARTER_LABELS.items()),
            error_messages={"required": REQUIRED},
        )
        for name, field in self.fields.items():
            field.widget.attrs.setdefault(
                "class", "form-select" if name in ("agency", "quarter") else "form-control"
            )

    def clean(self):
        cleaned = super().clean()
        quarter, until = cleaned.get("quarter"), cleaned.get("until")
        if quarter is None or until is None:
            return cleaned
        deadline = (
            EntryWindow.objects.filter(government=self.government, year=self.year, quarter=quarter)
            .values_list("deadline", flat=True)
            .first()
        )
        if deadline is None:
            self.add_error(
                "quarter",
                _(
                    "%(quarter)s %(year)s belum mempunyai batas pengisian: tidak ada yang perlu diperpanjang. / "
                    "%(quarter)s %(year)s has no deadline: there is nothing to extend."
                )
                % {"quarter": QUARTER_LABELS[quarter], "year": self.year},
            )
        elif until <= deadline:
            self.add_error(
                "until",
                _(
                    "Perpanjangan harus sesudah batas pengisian %(quarter)s, %(date)s. / The extension must end "
                    "after the %(quarter)s deadline, %(date)s."
                )
                % {"quarter": QUARTER_LABELS[quarter], "date": long_date(deadline)},
            )
        return cleaned
