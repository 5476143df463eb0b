"""What a history entry is about, in one line ("Sasaran S1 …", "IK-01 · Realisasi 2021 TW II").

Pure: from a version's values and the names of the rows it refers to (`RowLabels`, which
`selectors.row_labels` loads).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from agencies.models import StaffCount
from budgets.models import Expenditure
from indicators.models import ObjectiveNote, PerformanceAgreement, Target
from reports.readmodel.sections import SECTIONS_AFTER_ANALYSIS, SECTIONS_BEFORE_ANALYSIS
from workspace.shell import QUARTER_LABELS


@dataclass
class RowLabels:
    """Names of the rows a change refers to, by id: indicator (code, name), activity and sub-activity codes,
    unit names."""

    indicators: dict[int, tuple[str, str]] = field(default_factory=dict)
    activities: dict[int, str] = field(default_factory=dict)
    sub_activities: dict[int, str] = field(default_factory=dict)
    units: dict[int, str] = field(default_factory=dict)

    @property
    def refs(self):
        return {("orgunit", pk): name for pk, name in self.units.items()}

    def indicator(self, pk) -> str:
        code, _name = self.indicators.get(pk, (f"#{pk}", ""))
        return code


def _period(values) -> str:
    quarter = values.get("quarter") or 0
    year = values.get("year")
    return f"{year} {QUARTER_LABELS[quarter]}" if quarter else f"{year}"


def shortened(text, limit=80) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def subject(source_key: str, values, labels: RowLabels) -> str:
    v = values
    match source_key:
        case "agency":
            return v.get("name") or ""
        case "orgunit":
            return f"{_('Unit kerja')} {v.get('code')} {v.get('name')}"
        case "plan":
            label = f"Renstra {v.get('start_year')}–{v.get('end_year')}"
            return f"{label} ({v['revision']})" if v.get("revision") else label
        case "mission":
            return f"{_('Misi')}: {shortened(v.get('statement'))}"
        case "goal":
            return f"{_('Tujuan')} {v.get('code')} {shortened(v.get('statement'))}"
        case "objective":
            return f"{_('Sasaran')} {v.get('code')} {shortened(v.get('statement'))}"
        case "strategy":
            return f"{_('Strategi')}: {shortened(v.get('statement'))}"
        case "policy":
            return f"{_('Arah kebijakan')}: {shortened(v.get('statement'))}"
        case "indicator":
            return f"{_('Indikator')} {v.get('code')} {shortened(v.get('name'))}"
        case "program":
            return f"{_('Program')} {v.get('code')} {shortened(v.get('name'))}"
        case "activity":
            return f"{_('Kegiatan')} {v.get('code')} {shortened(v.get('name'))}"
        case "subactivity":
            return f"{_('Sub kegiatan')} {v.get('code')} {shortened(v.get('name'))}"
        case "agreement":
            revision = dict(PerformanceAgreement.Revision.choices).get(v.get("revision"), v.get("revision"))
            return f"{_('Perjanjian Kinerja')} {v.get('year')} ({revision})"
        case "target":
            kind = dict(Target.Kind.choices).get(v.get("kind"), v.get("kind"))
            return f"{labels.indicator(v.get('indicator_id'))} · {kind} {_period(v)}"
        case "realisation":
            return f"{labels.indicator(v.get('indicator_id'))} · {_('Realisasi')} {_period(v)}"
        case "evidence":
            return f"{labels.indicator(v.get('indicator_id'))} · {_('Bukti')} {_period(v)}"
        case "budgetline":
            if v.get("sub_activity_id"):
                code = labels.sub_activities.get(v["sub_activity_id"], f"#{v['sub_activity_id']}")
            else:
                code = labels.activities.get(v.get("activity_id"), f"#{v.get('activity_id')}")
            return f"{_('Anggaran')} {code} {v.get('year')}"
        case "narrative":
            return f"{_('Narasi')} {_section_title(v.get('key'))} {v.get('year')}"
        case "reportsigning":
            return f"{_('Penanda tangan laporan')} {v.get('year')}"
        case "expenditure":
            part = dict(Expenditure.Part.choices).get(v.get("part"), v.get("part"))
            return f"{_('Belanja OPD')} {v.get('year')} · {part}"
        case "spendinggroup":
            return f"{_('Realisasi gabungan')} {v.get('year')} · {shortened(v.get('label'), 60)}"
        case "staffcount":
            breakdown = dict(StaffCount.Breakdown.choices).get(v.get("breakdown"), v.get("breakdown"))
            return f"{_('Pegawai')} {v.get('year')} · {breakdown}: {v.get('label')}"
        case "facility":
            return f"{_('Sarana dan prasarana')} {v.get('year')} · {shortened(v.get('name'), 60)}"
        case "strategicissue":
            return f"{_('Isu strategis')} {v.get('year')} · {shortened(v.get('issue'), 60)}"
        case "risk":
            return f"{_('Risiko')} {v.get('year')} · {shortened(v.get('statement'), 60)}"
        case "objectivenote":
            kind = dict(ObjectiveNote.Kind.choices).get(v.get("kind"), v.get("kind"))
            return f"{_('Analisis sasaran')} {v.get('year')} · {kind}: {shortened(v.get('text'), 60)}"
    return source_key


def _section_title(key) -> str:
    titles = {s.key: s.title for s in (*SECTIONS_BEFORE_ANALYSIS, *SECTIONS_AFTER_ANALYSIS)}
    return str(titles.get(key, key))
