"""Letter grades (indicators of kind `grade`): the scales and the value of a letter on one. Pure; kernel: the
number fields (sakip/forms.py) read letters with it, the achievement rules (indicators/achievement.py) compute
with the values."""

from __future__ import annotations

from decimal import Decimal

#: Grade scales (kind `grade`): letter → value. "akip" is the AKIP evaluation grade (PermenPAN-RB 12/2015).
GRADE_SCALES: dict[str, dict[str, int]] = {
    "akip": {"D": 1, "C": 2, "CC": 3, "B": 4, "BB": 5, "A": 6, "AA": 7},
}
DEFAULT_GRADE_SCALE = "akip"


class GradeError(ValueError):
    """An unknown letter grade or grade scale; the message is Indonesian first, then English."""


#: How a scale is named in a report.
GRADE_SCALE_NAMES = {"akip": "nilai AKIP (PermenPAN-RB 12/2015)"}


def grade_scale_text(grade_scale: str | None = None) -> str:
    """A scale and its letters' values as a report prints them: "nilai AKIP (…): D = 1, C = 2, …, AA = 7"."""
    code = grade_scale or DEFAULT_GRADE_SCALE
    scale = GRADE_SCALES.get(code)
    if scale is None:
        raise GradeError(f"Skala nilai huruf tidak dikenal: {code!r}. / Unknown grade scale: {code!r}.")
    values = ", ".join(f"{letter} = {value}" for letter, value in scale.items())
    return f"{GRADE_SCALE_NAMES.get(code, code)}: {values}"


def grade_value(grade: str | Decimal | int, grade_scale: str | None = None) -> Decimal:
    """Value of a letter grade on a scale (case-insensitive: "bb" is "BB"); a number is its own value."""
    if not isinstance(grade, str):
        return Decimal(grade)
    scale_code = grade_scale or DEFAULT_GRADE_SCALE
    scale = GRADE_SCALES.get(scale_code)
    if scale is None:
        raise GradeError(
            f"Skala nilai huruf tidak dikenal: {scale_code!r}. / Unknown grade scale: {scale_code!r}."
        )
    value = scale.get(grade.strip().upper())
    if value is None:
        letters = ", ".join(scale)
        raise GradeError(
            f"Nilai huruf {grade!r} tidak ada pada skala {scale_code!r} ({letters}). / "
            f"Grade {grade!r} is not on the {scale_code!r} scale ({letters})."
        )
    return Decimal(value)
