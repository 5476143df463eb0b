"""Who reports: the Pemda, its agencies (OPD), their organisation units, and the people who use the app."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sakip.fields import FigureField
from sakip.numbers import PERCENT
from sakip.uploads import LOGO_MAX_BYTES, image_type

from .audit import AuditedRecords

# Kept as literal choices (not imported from the pure modules) so migrations stay stable if a label changes.
PREDICATE_SCALE_CHOICES = [
    ("permendagri-86-2017", "Permendagri 86/2017"),
    ("target-3", _("Capaian terhadap target (3 kategori)")),
    ("permendagri-54-2010", "Permendagri 54/2010"),
]


def validate_logo(file) -> None:
    """A Pemda's logo: a PNG or JPEG image (by its content, not its name) of at most LOGO_MAX_BYTES."""
    if file.size > LOGO_MAX_BYTES:
        raise ValidationError(
            _("Lambang paling besar 512 KB. / The logo may be at most 512 KB."), code="logo_too_large"
        )
    file.seek(0)
    if image_type(file.read(16)) is None:
        raise ValidationError(
            _("Lambang harus berkas PNG atau JPEG. / The logo must be a PNG or JPEG image."), code="logo_type"
        )
    file.seek(0)


class Government(models.Model):
    """Pemda: a province, city or regency. Computation variants are chosen per Pemda (SPEC.md §2)."""

    class Level(models.TextChoices):
        PROVINCE = "provinsi", _("Provinsi")
        CITY = "kota", _("Kota")
        REGENCY = "kabupaten", _("Kabupaten")

    class IkmWeight(models.TextChoices):
        EXACT = "exact", _("Tepat 1/n")
        PRINTED = "0.11", _("0,11 (tercetak di PermenPAN-RB 14/2017)")

    class IkmScale(models.TextChoices):
        PERMENPAN_14_2017 = "14/2017", "PermenPAN-RB 14/2017"
        PERMENPAN_16_2014 = "16/2014", "PermenPAN-RB 16/2014"

    code = models.SlugField(_("kode"), max_length=100, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices, blank=True)
    head_title = models.CharField(_("jabatan kepala daerah"), max_length=200, blank=True)
    predicate_scale = models.CharField(
        _("skala predikat"), max_length=30, choices=PREDICATE_SCALE_CHOICES, default="permendagri-86-2017"
    )
    # A second scale printed beside the first for each indicator (e.g. "Tercapai / Tidak Tercapai" per indicator
    # while sasaran means keep the 5-level scale); empty: one scale for everything.
    indicator_scale = models.CharField(
        _("skala predikat tambahan per indikator"),
        max_length=30,
        choices=PREDICATE_SCALE_CHOICES,
        blank=True,
        help_text=_("Dicetak sebagai kolom tambahan pada tabel capaian indikator. Kosong = tidak ada."),
    )
    objective_cap = FigureField(
        _("batas capaian per indikator"),
        units=PERCENT,
        max_digits=9,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Dibatasi sebelum dirata-rata per sasaran (mis. 120). Kosong = tanpa batas."),
    )
    ikm_weight = models.CharField(
        _("bobot IKM"), max_length=5, choices=IkmWeight.choices, default=IkmWeight.EXACT
    )
    ikm_scale = models.CharField(
        _("tabel mutu IKM"), max_length=7, choices=IkmScale.choices, default=IkmScale.PERMENPAN_14_2017
    )
    # Printed on every LKjIP cover of the Pemda, embedded in the HTML as a data: URL (a PDF worker reads no file).
    logo = models.FileField(
        _("lambang daerah"),
        upload_to="lambang/",
        blank=True,
        validators=[validate_logo],
        help_text=_("PNG atau JPEG, paling besar 512 KB; dicetak di sampul LKjIP."),
    )

    class Meta:
        verbose_name = _("pemerintah daerah")
        verbose_name_plural = _("pemerintah daerah")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(objective_cap__isnull=True) | Q(objective_cap__gt=0),
                name="government_cap_positive",
            ),
        ]

    def __str__(self):
        return self.name


class Agency(models.Model):
    """OPD / Perangkat Daerah: the reporting agency."""

    government = models.ForeignKey(Government, on_delete=models.PROTECT, related_name="agencies")
    code = models.SlugField(_("kode"), max_length=100, unique=True)
    name = models.CharField(_("nama"), max_length=300)
    short_name = models.CharField(_("singkatan"), max_length=100, blank=True)
    address = models.TextField(_("alamat"), blank=True)
    website = models.CharField(_("situs web"), max_length=300, blank=True)
    head_name = models.CharField(_("nama kepala dinas"), max_length=200, blank=True)
    head_nip = models.CharField(_("NIP kepala dinas"), max_length=40, blank=True)
    head_rank = models.CharField(_("pangkat/golongan kepala dinas"), max_length=100, blank=True)

    history = AuditedRecords()  # who changed what (agencies/audit.py); a dataset import is one event here

    class Meta:
        verbose_name = _("perangkat daerah")
        verbose_name_plural = _("perangkat daerah")
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name


class OrgUnit(models.Model):
    """Unit kerja (Sekretariat, Bidang, Seksi, Sub Bagian, UPTD): a tree inside one agency."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="org_units")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    code = models.CharField(_("kode"), max_length=100)
    name = models.CharField(_("nama"), max_length=300)
    head_title = models.CharField(_("jabatan kepala unit"), max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)

    history = AuditedRecords()

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["agency", "position"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="orgunit_code_unique_per_agency"),
        ]

    def __str__(self):
        return self.name


class Profile(models.Model):
    """A user's role and scope: planners and agency heads belong to one agency, reviewers to one Pemda."""

    class Role(models.TextChoices):
        PLANNER = "planner", _("Perencana")
        HEAD = "head", _("Kepala perangkat daerah")
        REVIEWER = "reviewer", _("Reviu (Inspektorat)")
        ADMIN = "admin", _("Administrator")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(_("peran"), max_length=10, choices=Role.choices)
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, null=True, blank=True, related_name="members"
    )
    government = models.ForeignKey(
        Government, on_delete=models.CASCADE, null=True, blank=True, related_name="members"
    )

    class Meta:
        verbose_name = _("profil pengguna")
        verbose_name_plural = _("profil pengguna")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=["planner", "head"]) | Q(agency__isnull=False),
                name="profile_agency_roles_have_agency",
            ),
            models.CheckConstraint(
                condition=~Q(role="reviewer") | Q(government__isnull=False),
                name="profile_reviewer_has_government",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


def role_of(user) -> str | None:
    """The user's role (`Profile.Role`), None for anonymous users and users without a profile; superusers are
    administrators. What a role may do is decided in one place above the apps (workspace/access.py)."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Profile.Role.ADMIN
    profile = getattr(user, "profile", None)
    return profile.role if profile else None
