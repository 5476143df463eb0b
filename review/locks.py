"""Whether an agency's year (and a quarter of it) may still be written: the one place that answers it.

A year is frozen while its report is under review (submitted, resubmitted) and once it is approved: targets,
realisations, evidence, budget lines, narratives, the Perjanjian Kinerja and the IKM survey of that year are then
read-only in every path. Screens learn it from `workspace.access.agency_view` (read-only page, 403 on POST),
model saves and deletes from `review.guards` (admin, commands, forms), and the bulk writers (dataset import,
Excel import) call `ensure_writable` / `dataset_locked_years` themselves.

Quarterly entry windows close the realisations of a quarter (and their evidence) after the Pemda's deadline,
unless the admin extended it for the agency. They are an entry rule for the workspace and the Excel import; the
year lock is the invariant of the data.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from agencies.models import Agency

from .comments import CommentIndex
from .models import ApprovedEdition, Comment, EntryException, EntryWindow, ReviewEvent, YearReview
from .workflow import FROZEN, UNDER_REVIEW, Action, State

QUARTER_LABELS = {1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}


class LockError(ValidationError):
    """A write refused because of the review or an entry window (a ValidationError: grids show it on the row)."""


class YearLocked(LockError):
    pass


class EntryClosed(LockError):
    pass


def long_date(day: datetime.date) -> str:
    """15 Juli 2021 (15 July 2021 in English)."""
    return formats.date_format(day, "j F Y")


def frozen_message(year: int, state: str) -> str:
    if state == State.APPROVED:
        return _(
            "Laporan tahun %(year)s telah disetujui Inspektorat dan dikunci: datanya tidak dapat diubah kecuali "
            "admin membukanya kembali. / The %(year)s report is approved and locked: its data cannot change "
            "unless an admin reopens it."
        ) % {"year": year}
    return _(
        "Laporan tahun %(year)s sedang direviu Inspektorat: datanya tidak dapat diubah sampai dikembalikan "
        "atau pengajuannya ditarik. / The %(year)s report is under review: its data cannot change until it is "
        "returned or withdrawn."
    ) % {"year": year}


def printed_message(year: int, state: str) -> str:
    """For a figure of another year that the year's report prints (history, cumulation, Renstra targets)."""
    if state == State.APPROVED:
        return _(
            "Angka ini tercetak pada laporan tahun %(year)s yang telah disetujui dan dikunci: tidak dapat diubah "
            "kecuali admin membukanya kembali. / This figure is printed in the %(year)s report, approved and "
            "locked: it cannot change unless an admin reopens that year."
        ) % {"year": year}
    return _(
        "Angka ini tercetak pada laporan tahun %(year)s yang sedang direviu Inspektorat (riwayat, target Renstra "
        "atau capaian kumulatif): tidak dapat diubah sampai laporan itu dikembalikan atau pengajuannya ditarik. "
        "/ This figure is printed in the %(year)s report under review (history, Renstra targets or cumulative "
        "achievement): it cannot change until that report is returned or withdrawn."
    ) % {"year": year}


def closed_message(year: int, quarter: int, deadline: datetime.date) -> str:
    return _(
        "Pengisian realisasi %(quarter)s %(year)s ditutup sejak batasnya, %(date)s; minta perpanjangan kepada "
        "admin. / Entry for %(quarter)s %(year)s closed after its deadline, %(date)s; ask an admin for an "
        "extension."
    ) % {"quarter": QUARTER_LABELS[quarter], "year": year, "date": long_date(deadline)}


def window_open(deadline: datetime.date | None, extended_until: datetime.date | None, today) -> bool:
    """Entry is open through the deadline day (inclusive), or through the agency's extension."""
    if deadline is None or today <= deadline:
        return True
    return extended_until is not None and today <= extended_until


def today() -> datetime.date:
    return timezone.localdate()


# ------------------------------------------------------------------------------------------- status
def annotate_status(queryset, year: int, quarter: int | None = None):
    """Agencies with what the workspace needs about `year` (and `quarter`), in the same query."""
    annotations = {
        "review_state": Subquery(
            YearReview.objects.filter(agency=OuterRef("pk"), year=year).values("state")[:1]
        ),
        "review_has_comments": Exists(Comment.objects.filter(agency=OuterRef("pk"), year=year)),
    }
    if quarter:
        annotations["entry_deadline"] = Subquery(
            EntryWindow.objects.filter(government=OuterRef("government"), year=year, quarter=quarter).values(
                "deadline"
            )[:1]
        )
        annotations["entry_extended"] = Subquery(
            EntryException.objects.filter(agency=OuterRef("pk"), year=year, quarter=quarter)
            .order_by("-until")
            .values("until")[:1]
        )
    return queryset.annotate(**annotations)


@dataclass
class YearStatus:
    """The review state of an agency's year and, for a quarter's entry screen, its window."""

    agency: object
    year: int
    state: str = State.DRAFT
    quarter: int | None = None
    deadline: datetime.date | None = None
    extended_until: datetime.date | None = None
    has_comments: bool = False
    today: datetime.date = field(default_factory=today)

    @property
    def state_label(self) -> str:
        return State(self.state).label

    @property
    def quarter_label(self) -> str:
        return QUARTER_LABELS.get(self.quarter, "")

    @property
    def frozen(self) -> bool:
        return self.state in FROZEN

    @property
    def locked(self) -> bool:
        return self.state == State.APPROVED

    @property
    def window_open(self) -> bool:
        return window_open(self.deadline, self.extended_until, self.today)

    @property
    def extended(self) -> bool:
        return self.deadline is not None and self.today > self.deadline and self.window_open

    @property
    def writable(self) -> bool:
        return not self.frozen and self.window_open

    @property
    def block_message(self) -> str:
        if self.frozen:
            return frozen_message(self.year, self.state)
        if not self.window_open:
            return closed_message(self.year, self.quarter, self.deadline)
        return ""

    def error(self) -> LockError | None:
        if self.frozen:
            return YearLocked(frozen_message(self.year, self.state), code="year_locked")
        if not self.window_open:
            return EntryClosed(closed_message(self.year, self.quarter, self.deadline), code="entry_closed")
        return None

    @cached_property
    def return_event(self) -> ReviewEvent | None:
        """The return the agency is working on: shown on every page of the year until it is resubmitted
        (one query, and only in a returned year)."""
        if self.state != State.RETURNED:
            return None
        return (
            ReviewEvent.objects.filter(
                review__agency=self.agency, review__year=self.year, action=Action.RETURN
            )
            .select_related("actor")
            .order_by("-at", "-pk")
            .first()
        )

    @cached_property
    def comments(self):
        """The year's comments by anchor, loaded once (and only when the year has any)."""
        return CommentIndex.load(self.agency, self.year) if self.has_comments else CommentIndex.empty()


def status_from_annotations(agency, year: int, quarter: int | None = None) -> YearStatus:
    """The status of an agency fetched through `annotate_status` (no query)."""
    return YearStatus(
        agency=agency,
        year=year,
        state=agency.review_state or State.DRAFT,
        quarter=quarter or None,
        deadline=getattr(agency, "entry_deadline", None),
        extended_until=getattr(agency, "entry_extended", None),
        has_comments=agency.review_has_comments,
    )


def status_of(agency, year: int, quarter: int | None = None) -> YearStatus:
    """The status as the database has it now (one query)."""
    row = annotate_status(Agency.objects.filter(pk=agency.pk), year, quarter).first()
    return status_from_annotations(row, year, quarter) if row else YearStatus(agency, year)


def ensure_writable(agency, year: int, *, quarter: int | None = None) -> None:
    """Raise YearLocked or EntryClosed when the year (or the quarter's window) is closed to writes."""
    error = status_of(agency, year, quarter).error()
    if error is not None:
        raise error


def renders_live() -> Q:
    """The frozen reviews whose report is built from today's rows: under review, or approved before approved
    editions were kept. An approved year with an edition is served from it (reports/lkjip/editions.py)."""
    has_edition = Exists(ApprovedEdition.objects.filter(event__review=OuterRef("pk")))
    return Q(state__in=UNDER_REVIEW) | (Q(state=State.APPROVED) & ~has_edition)


def frozen_reviews(*, shared: bool = False):
    """The reviews of frozen years. `shared=True`: for rows several years' reports print (the plan, the agency,
    the Pemda, other years' figures), which freeze only the years whose report is still built from them: those
    under review, and those approved before approved editions were kept. An approved year with an edition is
    served from it (reports/lkjip/editions.py), so a later change of such a row does not reach it."""
    return YearReview.objects.filter(renders_live() if shared else Q(state__in=FROZEN))


def frozen_years(agency, *, shared: bool = False) -> dict[int, str]:
    """Year → state of the agency's years that are read-only (one query); `shared`: see `frozen_reviews`."""
    return dict(
        frozen_reviews(shared=shared).filter(agency=agency).values_list("year", "state").order_by("year")
    )


def closed_quarters(agency, year: int, on: datetime.date | None = None) -> dict[int, datetime.date]:
    """Quarter → deadline of the quarters whose entry window is closed for the agency (two queries)."""
    on = on or today()
    deadlines = dict(
        EntryWindow.objects.filter(government_id=agency.government_id, year=year).values_list(
            "quarter", "deadline"
        )
    )
    extended = {}
    for quarter, until in EntryException.objects.filter(agency=agency, year=year).values_list(
        "quarter", "until"
    ):
        extended[quarter] = max(until, extended.get(quarter, until))
    return {
        quarter: deadline
        for quarter, deadline in deadlines.items()
        if not window_open(deadline, extended.get(quarter), on)
    }


def closed_quarter_messages(agency, year: int, quarters) -> list[tuple[int, str]]:
    """(quarter, message) for each of `quarters` whose realisation entry is closed: for importers."""
    closed = closed_quarters(agency, year)
    return [(q, closed_message(year, q, closed[q])) for q in sorted(set(quarters)) if q in closed]


def frozen_years_between(
    agency_id, start_year: int, end_year: int, *, shared: bool = False
) -> dict[int, str]:
    """Year → state of the agency's frozen years within a period (one query); `shared`: see `frozen_reviews`."""
    return dict(
        frozen_reviews(shared=shared)
        .filter(agency_id=agency_id, year__gte=start_year, year__lte=end_year)
        .values_list("year", "state")
        .order_by("year")
    )


def frozen_years_rendered(agency_id, start_year: int, end_year: int) -> dict[int, tuple[str, bool]]:
    """Year → (state, whether its report is still built live: `renders_live`) of the agency's frozen years
    within a period (one query)."""
    rows = (
        YearReview.objects.filter(
            agency_id=agency_id, state__in=FROZEN, year__gte=start_year, year__lte=end_year
        )
        .annotate(live=ExpressionWrapper(renders_live(), output_field=BooleanField()))
        .values_list("year", "state", "live")
        .order_by("year")
    )
    return {year: (state, live) for year, state, live in rows}


def plan_frozen_years(plan) -> dict[int, str]:
    """The frozen years that use a Renstra: every year of its period (one query).

    A plan's rows (misi, tujuan, sasaran, indicators, programs...) appear in the report of every year of the
    period, so they are read-only while any of those years is under review (or approved without an edition).
    """
    return frozen_years_between(plan.agency_id, plan.start_year, plan.end_year, shared=True)


def years_label(years: dict[int, str]) -> str:
    """2020 (Disetujui), 2021 (Diajukan)."""
    return ", ".join(f"{year} ({State(state).label})" for year, state in sorted(years.items()))


def plan_locked_message(years: dict[int, str]) -> str:
    return _(
        "Renstra ini dipakai laporan tahun %(years)s yang sedang direviu atau telah disetujui: isinya "
        "(misi, tujuan, sasaran, strategi, arah kebijakan, indikator, program, kegiatan) tidak dapat diubah, "
        "ditambah atau dihapus sampai admin membuka kembali tahun itu (atau pengajuannya ditarik atau "
        "dikembalikan). / This plan is used by the %(years)s report, under review or approved: its "
        "content cannot be changed, added to or deleted until an admin reopens that year (or the submission "
        "is withdrawn or returned)."
    ) % {"years": years_label(years)}


def period_dropped_message(start_year: int, end_year: int, dropped: dict[int, str]) -> str:
    return _(
        "Periode Renstra tidak dapat diubah menjadi %(period)s: tahun %(years)s akan keluar dari periode, "
        "padahal laporannya sedang direviu atau telah disetujui (laporan, PDF, halaman reviu dan riwayatnya "
        "tidak akan dapat dibuka lagi). Admin harus membuka kembali tahun itu lebih dahulu. / The plan period "
        "cannot become %(period)s: %(years)s would fall outside it while its report is under review or "
        "approved (its report, PDF, review page and history could no longer be opened). An admin must reopen "
        "that year first."
    ) % {"period": f"{start_year}–{end_year}", "years": years_label(dropped)}


def agency_locked_message(years: dict[int, str]) -> str:
    return _(
        "Nama, alamat dan kepala perangkat daerah ini tercetak pada laporan tahun %(years)s yang sedang "
        "direviu atau telah disetujui (blok tanda tangan): tidak dapat diubah sampai admin membuka kembali "
        "tahun itu. / This agency's name, address and head are printed in the %(years)s report, under review "
        "or approved (the signature block): they cannot change until an admin reopens that year."
    ) % {"years": years_label(years)}


def org_unit_locked_message(years: dict[int, str]) -> str:
    return _(
        "Unit kerja tercetak pada laporan tahun %(years)s yang sedang direviu atau telah disetujui (struktur "
        "organisasi, penanggung jawab indikator): tidak dapat diubah, ditambah atau dihapus sampai admin membuka "
        "kembali tahun itu. / The org units are printed in the %(years)s report, under review or approved (the "
        "org chart, each indicator's responsible unit): they cannot be changed, added or deleted until an admin "
        "reopens that year."
    ) % {"years": years_label(years)}


def government_locked_message(reports: list[tuple[str, int, str]]) -> str:
    label = ", ".join(f"{agency} {year} ({State(state).label})" for agency, year, state in reports)
    return _(
        "Pengaturan perhitungan Pemda ini dipakai laporan %(reports)s yang sedang direviu atau telah "
        "disetujui: tidak dapat diubah sampai admin membuka kembali tahun itu. / This Pemda's computation "
        "settings are used by the %(reports)s report, under review or approved: they cannot change until an "
        "admin reopens that year."
    ) % {"reports": label}


def dropped_years(frozen: dict[int, str], old: range, new: range) -> dict[int, str]:
    """The frozen years of the old period that the new one no longer covers (pure)."""
    return {year: state for year, state in frozen.items() if year in old and year not in new}


def period_change_error(agency_id, old: range, new: range) -> YearLocked | None:
    """Why a plan may not move from period `old` to `new` (None: it may), one query.

    Dropping a frozen year would make its report, PDF, review page and history answer 404; any other change
    of a period that covers a frozen year changes its figures (cumulative indicators count from the start year,
    the Renstra progress is measured against the end year's target).
    """
    if old == new:
        return None
    frozen = frozen_years_between(agency_id, min(old.start, new.start), max(old.stop, new.stop) - 1)
    frozen = {y: s for y, s in frozen.items() if y in old or y in new}
    if not frozen:
        return None
    dropped = dropped_years(frozen, old, new)
    if dropped:
        return YearLocked(period_dropped_message(new.start, new.stop - 1, dropped), code="year_locked")
    # A year served from its approved edition is not changed by a new period; one still built live is.
    live = frozen_years_between(
        agency_id, min(old.start, new.start), max(old.stop, new.stop) - 1, shared=True
    )
    live = {y: s for y, s in live.items() if y in frozen}
    return YearLocked(plan_locked_message(live), code="year_locked") if live else None


def printed_error(agency, year: int, *, later: bool = False, plan=None) -> YearLocked | None:
    """For bulk writers of a year's rows (no model signals): why another year's report, rendered live (under
    review), forbids changing them: `later` for rows later years print (realisations, IKM surveys), `plan` for
    rows every year of the plan's period prints (Renstra targets). One query; None when nothing forbids it."""
    condition = Q(year__gt=year) if later else Q()
    if plan is not None:
        condition |= Q(year__gte=plan.start_year, year__lte=plan.end_year)
    if not condition:
        return None
    review = (
        frozen_reviews(shared=True)
        .filter(condition, agency=agency)
        .exclude(year=year)
        .order_by("year")
        .first()
    )
    return (
        None if review is None else YearLocked(printed_message(review.year, review.state), code="year_locked")
    )


def dataset_locked_years(agency) -> list[str]:
    """Messages for the frozen years of an agency a dataset import with `replace` would overwrite."""
    return [frozen_message(year, state) for year, state in frozen_years(agency).items()]
