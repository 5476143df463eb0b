"""What a comment is about, named for people: "Indikator S1.1 Persentase koperasi aktif"."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from budgets.models import Activity, Program, SubActivity
from indicators.models import Indicator, Objective
from reports.readmodel.sections import report_sections
from review.models import Comment

Anchor = Comment.Anchor
# Where a comment sends the reader back to: the id of the row on the screen that holds the data.
FRAGMENTS = {
    Anchor.INDICATOR: "indikator-{key}",
    Anchor.BUDGET: "anggaran-{key}",
    Anchor.SECTION: "narasi-{key}",
    Anchor.OBJECTIVE: "sasaran-{key}",
}


def _names(plan, kind: str) -> dict[str, str]:
    if kind == Anchor.INDICATOR:
        return dict(Indicator.objects.filter(plan=plan).values_list("code", "name"))
    if kind == Anchor.OBJECTIVE:
        return dict(Objective.objects.filter(plan=plan).values_list("code", "statement"))
    if kind == Anchor.BUDGET:
        names = dict(Program.objects.filter(plan=plan).values_list("code", "name"))
        names.update(Activity.objects.filter(program__plan=plan).values_list("code", "name"))
        names.update(SubActivity.objects.filter(activity__program__plan=plan).values_list("code", "name"))
        return names
    if kind == Anchor.SECTION:
        objectives = Objective.objects.filter(plan=plan).order_by("goal__position", "position")
        return {s.key: str(s.title) for s in report_sections(objectives)}
    return {}


def anchor_labels(plan, kinds) -> dict[tuple[str, str], str]:
    """(kind, key) → label for every anchor of the plan of the given kinds (one or three queries a kind)."""
    labels = {(Anchor.GENERAL, ""): _("Laporan secara umum")}
    for kind in set(kinds) - {Anchor.GENERAL}:
        prefix = Anchor(kind).label
        for key, name in _names(plan, kind).items():
            labels[(kind, key)] = (
                f"{prefix} {key} · {name}" if kind != Anchor.SECTION else f"{prefix}: {name}"
            )
    return labels


def anchor_label(plan, kind: str, key: str) -> str | None:
    """The label of one anchor, or None when the plan has no such thing."""
    if kind not in Anchor.values:
        return None
    return anchor_labels(plan, [kind]).get((kind, "" if kind == Anchor.GENERAL else key))


def anchor_fragment(kind: str, key: str) -> str:
    template = FRAGMENTS.get(kind)
    return "#" + template.format(key=key) if template else "#catatan"


SCREENS = {
    Anchor.INDICATOR: "indicators:realisations_annual",
    Anchor.OBJECTIVE: "indicators:targets_pk",
    Anchor.BUDGET: "budgets:entry",
    Anchor.SECTION: "reports:narratives",
}


def anchor_url(agency, year: int, kind: str, key: str) -> str | None:
    """The screen where the data a comment is about is entered, at its row."""
    screen = SCREENS.get(kind)
    if screen is None:
        return None
    return reverse(screen, args=[agency.code, year]) + anchor_fragment(kind, key)
