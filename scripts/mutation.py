"""Mutation testing (mutmut 3) of the modules whose rules users rely on, each against its own fast tests.

    .venv/bin/python scripts/mutation.py                  # every group, in the order below
    .venv/bin/python scripts/mutation.py numbers checks   # some groups
    .venv/bin/python scripts/mutation.py --fresh totals   # forget the cached results first (after new tests)
    JOBS=1 .venv/bin/python scripts/mutation.py totals    # fewer parallel workers (default 2)

mutmut runs each mutant against the tests that call the mutated function. It reads one test selection per
project, so each group runs in its own folder `mutants/<group>/`: the project's apps, templates and tests
linked there, and the project's pyproject.toml with the group's modules and tests in `[tool.mutmut]`. mutmut
then copies the mutated project into `mutants/<group>/mutants/`. Results are cached there: a second run
keeps every verdict, survivors included, so after adding tests run the group again with --fresh. Not run in CI (too slow); results and the survivors' explanations are in
docs/testing.md. The summary of a run is printed and written to `mutants/summary.md`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "mutants"
LINKED = (
    "agencies",
    "budgets",
    "indicators",
    "interchange",
    "reports",
    "review",
    "sakip",
    "surveys",
    "templates",
    "locale",
    "static",
    "tests",
    "manage.py",  # pytest-django puts the folder of manage.py first on sys.path: it must be the mutants'
)

# group → (modules mutated, tests run). Pure modules first: they are fast.
GROUPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "predicates": (("indicators/predicates.py",), ("tests/indicators/test_predicates.py",)),
    "totals": (("budgets/totals.py",), ("tests/budgets/test_totals.py",)),
    "ikm": (("surveys/ikm.py",), ("tests/surveys/test_ikm.py",)),
    "workflow": (("review/workflow.py",), ("tests/review/test_workflow.py",)),
    "concurrency": (
        ("sakip/concurrency.py",),
        ("tests/sakip/test_concurrency.py", "tests/sakip/test_grids.py"),
    ),
    "achievement": (("indicators/achievement.py",), ("tests/indicators/test_achievement.py",)),
    "numbers": (("sakip/numbers.py",), ("tests/sakip/test_numbers.py", "tests/sakip/test_forms.py")),
    "checks": (
        ("reports/readmodel/checks.py",),
        (
            "tests/reports/readmodel/test_checks.py",
            "tests/reports/readmodel/test_build.py",
            "tests/reports/renstra/test_checks.py",
        ),
    ),
    "access": (
        ("workspace/access.py",),
        (
            "tests/workspace/test_access.py",
            "tests/workspace/test_access_matrix.py",
            "tests/review/test_guards.py",
            "tests/review/test_locks_windows.py",
            # one extra query per agency when the government is no longer fetched with it:
            "tests/workspace/views/test_plan.py::test_tree_queries_do_not_grow_with_the_plan",
        ),
    ),
    "locks": (
        ("review/locks.py",),
        (
            "tests/review/test_locks.py",
            "tests/review/test_guards.py",
            "tests/review/test_guards_plan.py",
            "tests/review/test_locks_windows.py",
            # the workspace learns from the status whether the year has comments to show:
            "tests/workspace/views/test_review.py::test_a_reviewer_comments_beside_an_indicator_and_the_planner_sees_it_there",
            "tests/workspace/views/test_review.py::test_comments_cost_one_query_per_page",
        ),
    ),
    "history": (("workspace/history/entries.py",), ("tests/workspace/history/test_entries.py",)),
}

STATUS = {  # mutmut's words → what they mean here
    "killed": "killed",
    "timeout": "timeout",  # the tests did not finish within the CPU limit: detected, counted as killed
    "survived": "survived",
    "no tests": "no tests",
    "skipped": "skipped",
    "suspicious": "suspicious",
    "segfault": "killed",
}


def _toml_list(values) -> str:
    return "[" + ", ".join(f'"{v}"' for v in values) + "]"


def _group_pyproject(modules, tests) -> str:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    text, n1 = re.subn(r"(?ms)^only_mutate = \[.*?^\]", f"only_mutate = {_toml_list(modules)}", text)
    text, n2 = re.subn(
        r"(?ms)^pytest_add_cli_args_test_selection = \[.*?^\]",
        f"pytest_add_cli_args_test_selection = {_toml_list(tests)}",
        text,
    )
    if (n1, n2) != (1, 1):
        raise SystemExit(
            "pyproject.toml: [tool.mutmut] needs only_mutate and pytest_add_cli_args_test_selection"
        )
    return text


def _prepare(group: str) -> Path:
    modules, tests = GROUPS[group]
    folder = WORK / group
    folder.mkdir(parents=True, exist_ok=True)
    for name in LINKED:
        link = folder / name
        if not link.exists():
            link.symlink_to(ROOT / name)
    (folder / "pyproject.toml").write_text(_group_pyproject(modules, tests), encoding="utf-8")
    return folder


def _results(folder: Path) -> dict[str, str]:
    out = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = {}
    for line in out.splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if sep and "__mutmut_" in name:
            found[name] = status.strip()
    return found


def run(group: str, jobs: int) -> tuple[Counter, list[str], float]:
    folder = _prepare(group)
    start = time.monotonic()
    subprocess.run(
        ["nice", sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs)],
        cwd=folder,
        check=False,
        stdout=subprocess.DEVNULL,
    )
    elapsed = time.monotonic() - start
    results = _results(folder)
    counts = Counter(STATUS.get(s, s) for s in results.values())
    survivors = sorted(name for name, s in results.items() if STATUS.get(s, s) != "killed" and s != "timeout")
    return counts, survivors, elapsed


def main(argv: list[str]) -> int:
    fresh = "--fresh" in argv
    argv = [a for a in argv if a != "--fresh"]
    groups = argv or list(GROUPS)
    unknown = [g for g in groups if g not in GROUPS]
    if unknown:
        raise SystemExit(f"unknown group(s) {unknown}; choose from {list(GROUPS)}")
    jobs = int(os.environ.get("JOBS", "2"))
    lines = [
        "| group | mutants | killed | timeout | survived / other | score | minutes |",
        "|---|---|---|---|---|---|---|",
    ]
    details = []
    for group in groups:
        if fresh:
            shutil.rmtree(WORK / group, ignore_errors=True)
        counts, survivors, elapsed = run(group, jobs)
        total = sum(counts.values())
        detected = counts["killed"] + counts["timeout"]
        score = 100 * detected / total if total else 0.0
        lines.append(
            f"| {group} | {total} | {counts['killed']} | {counts['timeout']} | {total - detected} | "
            f"{score:.1f} % | {elapsed / 60:.1f} |"
        )
        details.append(f"\n### {group}\n" + ("\n".join(f"- `{s}`" for s in survivors) or "none"))
        print(lines[-1], flush=True)
    summary = (
        "\n".join(lines) + "\n\nSurvivors (inspect one with `cd mutants/<group> && mutmut show NAME`):\n"
    )
    summary += "\n".join(details) + "\n"
    (WORK / "summary.md").write_text(summary, encoding="utf-8")
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
