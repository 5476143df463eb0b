"""Letter grade scales as a report states them (issue 18, point 12: how a grade converts to a percentage)."""

import pytest

from sakip.grades import GradeError, grade_scale_text


def test_the_akip_scale_is_stated_with_every_letters_value():
    assert grade_scale_text() == (
        "nilai AKIP (PermenPAN-RB 12/2015): D = 1, C = 2, CC = 3, B = 4, BB = 5, A = 6, AA = 7"
    )
    assert grade_scale_text("akip") == grade_scale_text(None)


def test_an_unknown_scale_is_refused_in_both_languages():
    with pytest.raises(GradeError, match="tidak dikenal.*Unknown grade scale"):
        grade_scale_text("x")
