"""Whether a year is ready to be submitted, read off the report object (pure: no queries).

Errors of the arithmetic checks block a submission; their warnings, the plausibility warnings and what is still
missing (the to-do list of the year's last quarter) are shown and need the submitter's confirmation.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from reports.readmodel.plausibility import implausible
from reports.readmodel.todo import Todo, todo_list
from reports.readmodel.types import Finding, Report

LAST_QUARTER = 4


@dataclass(frozen=True)
class Readiness:
    errors: tuple[Finding, ...]
    warnings: tuple[Finding, ...]
    implausible: tuple[Finding, ...]
    todo: Todo

    @property
    def blocked(self) -> bool:
        return bool(self.errors)

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.warnings or self.implausible or self.todo.count)


def readiness(report: Report, *, capaian_max: Decimal | None = None) -> Readiness:
    return Readiness(
        errors=tuple(c for c in report.checks if c.level == "error"),
        warnings=tuple(c for c in report.checks if c.level != "error"),
        implausible=implausible(report, capaian_max=capaian_max),
        todo=todo_list(report, LAST_QUARTER),
    )
