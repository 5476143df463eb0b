"""Where to fix a finding: the workspace screen that holds the data a check points at (by its dataset path)."""

from __future__ import annotations

from django.urls import reverse

from reports.readmodel.types import Finding, Report


def _budget_rows(row):
    yield row
    for child in row.children:
        yield from _budget_rows(child)


def finding_link(report: Report, finding: Finding) -> tuple[str, str]:
    """(URL, label) of the screen where the data behind a finding is entered."""
    code, year = report.agency.code, report.year
    path = finding.path
    if path.startswith(("$.expenditures", "$.spending_groups")):
        return reverse("budgets:whole_budget", args=[code, year]), "Belanja OPD"
    owners = [(row.path, "indicator", row.code) for row in report.indicators]
    owners += [(row.path, "budget", row.code) for row in _budget_rows(report.budget) if row.level != "total"]
    owners += [(o.path, "objective", o.code) for o in report.objectives]
    matches = [
        o for o in owners if path == o[0] or path.startswith(o[0] + ".") or path.startswith(o[0] + "[")
    ]
    if not matches:
        return reverse("agencies:overview_year", args=[code, year]), "Ringkasan"
    owner_path, kind, owner_code = max(matches, key=lambda o: len(o[0]))
    rest = path[len(owner_path) :]
    if kind == "indicator":
        if rest.startswith(".quarter_targets"):
            return reverse("indicators:targets_quarters", args=[code, year]) + f"#indikator-{owner_code}", (
                f"Rencana Aksi {owner_code}"
            )
        if rest.startswith(".targets"):
            return reverse("indicators:targets_pk", args=[code, year]) + f"#indikator-{owner_code}", (
                f"Target {owner_code}"
            )
        return reverse("indicators:realisations_annual", args=[code, year]) + f"#indikator-{owner_code}", (
            f"Realisasi {owner_code}"
        )
    if kind == "budget" and rest.startswith((".planned_quarters", ".physical_quarters")):
        return reverse("budgets:progress", args=[code, year]) + f"#triwulan-{owner_code}", (
            f"Fisik dan keuangan {owner_code}"
        )
    if kind == "budget":
        return reverse(
            "budgets:entry", args=[code, year]
        ) + f"#anggaran-{owner_code}", f"Anggaran {owner_code}"
    return reverse("agencies:overview_year", args=[code, year]), f"Sasaran {owner_code}"
