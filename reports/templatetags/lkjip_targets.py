"""Template helpers naming the target set of every figure, marking provisional realisations and stating how a
grade converts to a percentage (issue 18, points 3 and 12). The sentences come from `reports.lkjip.narration`."""

from __future__ import annotations

from django import template

from reports.lkjip import narration

register = template.Library()


@register.simple_tag
def target_set_phrase(report) -> str:
    return narration.target_set_phrase(report)


@register.simple_tag
def target_set_heading(rows) -> str:
    """The set a table's "Target" header names ("" when its targets mix sets)."""
    return narration.target_set_heading(rows)


@register.simple_tag
def target_set_mark(figures, heading) -> str:
    """The mark beside one target when the table's header names no set ("PK-P", "PK", "R")."""
    return narration.target_set_mark(figures.source, heading)


@register.inclusion_tag("reports/lkjip/tables/_target_notes.html")
def target_notes(rows):
    """The notes under a table of results: the target sets' marks, the provisional realisations it prints and
    how a grade's capaian is computed."""
    rows = list(rows)
    return {
        "legend": narration.target_set_legend(rows),
        "provisional": narration.provisional_note(rows),
        "grades": narration.grade_notes(rows),
    }


@register.simple_tag
def agreement_columns(report) -> dict:
    """Whether BAB II's target table has the PK perubahan columns, and how many columns follow the code."""
    revised = bool(narration.revised_rows(report)) or report.agreement("perubahan") is not None
    return {"revised": revised, "span": 6 if revised else 4}


@register.simple_tag
def agreement_sentence(report) -> str:
    return narration.agreement_sentence(report)


@register.simple_tag
def achievement_counts(report):
    return narration.achievement_counts(report)


@register.simple_tag
def provisional_sentence(counts) -> str:
    return narration.provisional_sentence(counts)


@register.simple_tag
def target_set_title(rows) -> str:
    return narration.target_set_title(rows)


@register.simple_tag
def series_notes(objective, years) -> tuple[str, ...]:
    """The notes under a sasaran's comparison table: its provisional realisations by year, and how a grade's
    capaian is computed."""
    indicators = objective.indicators
    note = narration.series_provisional_note(indicators, years)
    return ((note,) if note else ()) + narration.grade_notes(indicators)


@register.simple_tag
def series_set_legend(objective, years) -> str:
    """What the target-set marks of a sasaran's comparison table mean (only the sets it uses)."""
    return narration.series_set_legend(objective.indicators, years)
