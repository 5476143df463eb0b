"""What a planner still has to do for a year, read off the report object (pure: no queries)."""

from __future__ import annotations

from dataclasses import dataclass

from reports.readmodel.types import IndicatorRow, Report


@dataclass(frozen=True)
class Todo:
    quarter: int
    missing_targets: tuple[IndicatorRow, ...]  # no Renstra / PK target for the year
    missing_quarter_targets: tuple[IndicatorRow, ...]  # no Rencana Aksi target in any quarter
    missing_realisations: tuple[IndicatorRow, ...]  # nothing entered for the quarter (nor for the year)
    entered: int  # indicators with a realisation for the quarter or the year
    total: int

    @property
    def progress(self) -> int:
        return round(100 * self.entered / self.total) if self.total else 0

    @property
    def count(self) -> int:
        return len(self.missing_targets) + len(self.missing_quarter_targets) + len(self.missing_realisations)


def todo_list(report: Report, quarter: int) -> Todo:
    rows = report.indicators
    missing_realisations = tuple(
        row for row in rows if row.quarters[quarter - 1].realisation is None and row.inputs.entered is None
    )
    return Todo(
        quarter=quarter,
        missing_targets=tuple(row for row in rows if row.target is None),
        missing_quarter_targets=tuple(row for row in rows if all(q.target is None for q in row.quarters)),
        missing_realisations=missing_realisations,
        entered=len(rows) - len(missing_realisations),
        total=len(rows),
    )
