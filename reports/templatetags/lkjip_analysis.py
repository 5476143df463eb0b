"""Template helpers of BAB III (Akuntabilitas Kinerja) and BAB IV (Penutup) of the LKjIP.

They select rows of the report object and hand figures to the pure modules (`indicators.achievement`,
`reports.lkjip.narration`); no figure is computed here or in the templates.
"""

from __future__ import annotations

from django import template

from indicators import achievement
from reports.lkjip import analysis, narration
from reports.lkjip.document import objective_keys
from reports.readmodel import sections
from sakip.numbers import EMPTY, format_number

register = template.Library()


@register.filter
def section_key(code: str) -> str:
    """The narrative section of a sasaran's analysis: "S1" → "analisis_s1"."""
    return sections.objective_section_key(code)


@register.simple_tag
def caption_of(doc, kind: str, key: str):
    """The numbered caption of a table or figure, or None when the document has none of that kind
    (an indicator without figures has no trend chart, hence no "trend-<code>" caption)."""
    cap = doc.captions.get(key)
    return cap if cap is not None and cap.kind == kind else None


@register.simple_tag
def programs_of(report, objective):
    """The budget rows (program → kegiatan → sub kegiatan) of the programs linked to a sasaran, in plan order."""
    codes = set(objective.program_codes)
    return [p for p in report.budget.children if p.code in codes]


@register.filter
def signed(value, places=2) -> str:
    """A difference with its sign, as a comparison prints it: "+1,30", "-0,06", "0,00"; None → "–"."""
    if value is None:
        return EMPTY
    text = format_number(value, int(places))
    return text if text.startswith("-") or text.strip("0,") == "" else f"+{text}"


@register.filter
def has_national_standard(objective) -> bool:
    return any(i.national_standard is not None for i in objective.indicators)


@register.filter
def has_renstra_end_target(objective) -> bool:
    return any(i.renstra_end_target is not None for i in objective.indicators)


@register.filter
def has_quarter_targets(report) -> bool:
    return any(q.target is not None for i in report.objective_indicators for q in i.quarters)


@register.filter
def has_quarter_figures(report) -> bool:
    return any(
        q.target is not None or q.realisation is not None
        for i in report.objective_indicators
        for q in i.quarters
    )


@register.simple_tag
def objectives_to_improve(report):
    """Sasaran whose capaian is below 100 % (the areas to improve), in report order."""
    return [o for o in report.objectives if achievement.is_achieved(o.capaian) is False]


@register.simple_tag
def objectives_unmeasured(report):
    return [o for o in report.objectives if o.capaian is None]


@register.filter
def missed_indicators(objective):
    """The indicators of a sasaran that did not reach their target."""
    return [i for i in objective.indicators if achievement.is_achieved(i.capaian) is False]


@register.simple_tag
def budget_sentence(report) -> str:
    return narration.budget_sentence(report)


@register.simple_tag
def comparison_years(year: int) -> tuple[int, int, int]:
    """The years of the comparison table: N-2, N-1, N."""
    return analysis.comparison_years(year)


@register.simple_tag
def objective_caption(doc, objective, which: str):
    """The numbered caption of one of a sasaran's analysis tables ("realisation", "comparison", …)."""
    return caption_of(doc, "table", objective_keys(objective.code)[which])


@register.filter
def comparison(doc, code: str):
    """An indicator's N-2..N comparison (`reports.lkjip.analysis.Comparison`), built with the document."""
    return doc.comparisons[code]


@register.filter
def trend_chart(doc, code: str) -> str:
    """The N-2..N chart of an indicator (safe SVG text), or "" when it has none."""
    return doc.trend_charts.get(code, "")


@register.filter
def notes_of(objective, kind: str):
    """The objective's analysis items of one kind, in the typed order."""
    return objective.notes_of(kind)


@register.simple_tag
def note_kinds(group: str):
    """The kinds of analysis items printed together: "causes" (analysis c) or "programs" (analysis e)."""
    return analysis.CAUSE_NOTES if group == "causes" else analysis.PROGRAM_NOTES


@register.filter
def causes_default(doc, code: str) -> str:
    """A sasaran's generated sentence for analysis c ("" once a cause is typed), built with the document."""
    return doc.causes_defaults.get(code, "")
