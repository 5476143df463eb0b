"""Rubrics for the evaluation tests: the shipped one as data (to break on purpose) and a tiny one whose figures are
easy to work out by hand."""

import copy
import json
from decimal import Decimal
from functools import cache

from evaluation.rubric import DEFAULT_RUBRIC_PATH, Rubric, default_rubric_text, parsed_rubric


@cache
def _shipped_data() -> dict:
    return json.loads(DEFAULT_RUBRIC_PATH.read_text(encoding="utf-8"))


def shipped_data() -> dict:
    """A fresh, mutable copy of the shipped rubric's JSON (lke-88-2021)."""
    return copy.deepcopy(_shipped_data())


def shipped() -> Rubric:
    return parsed_rubric(default_rubric_text())


def yt(code: str, **extra) -> dict:
    return {"code": code, "text": f"Kriteria {code}", "answer_type": "Y/T", **extra}


def tiny_data(*, method: str = "mean_of_criteria") -> dict:
    """Two components: "1" (30) of one sub-component of three Y/T criteria, "2" (70) of one sub-component of one
    A–E criterion; the shipped answer scales and predicate table."""
    shipped_json = _shipped_data()
    return {
        "format": "sakip-rubric/1",
        "code": "mini",
        "version": 1,
        "title": "Rubrik mini",
        "regulation": "Uji",
        "year": 2024,
        "scoring_method": method,
        "answer_types": copy.deepcopy(shipped_json["answer_types"]),
        "predicates": copy.deepcopy(shipped_json["predicates"]),
        "components": [
            {
                "code": "1",
                "name": "Satu",
                "weight": "30",
                "sub_components": [
                    {
                        "code": "1.a",
                        "kind": "pemenuhan",
                        "name": "Satu A",
                        "weight": "30",
                        "criteria": [yt("1.a.1"), yt("1.a.2"), yt("1.a.3")],
                    }
                ],
            },
            {
                "code": "2",
                "name": "Dua",
                "weight": "70",
                "sub_components": [
                    {
                        "code": "2.a",
                        "kind": "kualitas",
                        "name": "Dua A",
                        "weight": "70",
                        "criteria": [{"code": "2.a.1", "text": "Kriteria 2.a.1", "answer_type": "A/B/C/D/E"}],
                    }
                ],
            },
        ],
        "rules": [],
    }


def top_answers(rubric: Rubric) -> dict[str, str]:
    """Every criterion answered with its highest option (Y or A)."""
    return {c.code: max(rubric.options(c), key=lambda o: o.value).answer for c in rubric.criteria}


def bottom_answers(rubric: Rubric) -> dict[str, str]:
    """Every criterion answered with its lowest option (T or E)."""
    return {c.code: min(rubric.options(c), key=lambda o: o.value).answer for c in rubric.criteria}


D = Decimal
