"""Two planners editing the same grid must not silently overwrite each other (sakip.concurrency)."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip.concurrency import Change, classify, fingerprint

D = Decimal
PROPERTY = settings(database=None, deadline=None, max_examples=200)

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-(10**12), max_value=10**12),
    st.text(max_size=20),
)
rows = st.dictionaries(st.text(min_size=1, max_size=10), values, max_size=6)


# --- fingerprint ------------------------------------------------------------------------------------------


@PROPERTY
@given(st.data())
def test_fingerprint_ignores_field_order(data):
    row = data.draw(rows)
    reordered = dict(data.draw(st.permutations(list(row.items()))))
    assert fingerprint(reordered) == fingerprint(row)


@PROPERTY
@given(
    st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-(10**15), max_value=10**15),
    st.integers(min_value=1, max_value=6),
)
def test_fingerprint_ignores_trailing_zeros_of_decimals(number, extra_zeros):
    # A figure read back from a DecimalField(decimal_places=4) is the same figure the planner typed.
    text = f"{number:f}"
    padded = D(text + ("" if "." in text else ".") + "0" * extra_zeros)
    assert padded == number
    assert fingerprint({"value": padded}) == fingerprint({"value": number})


def test_fingerprint_same_for_one_and_a_half_with_or_without_trailing_zero():
    assert fingerprint({"value": D("1.50")}) == fingerprint({"value": D("1.5")})
    assert fingerprint({"value": D("100.0000")}) == fingerprint({"value": D("100")})


@pytest.mark.parametrize(
    "left, right",
    [
        (None, 0),  # no data is not zero
        (None, D(0)),
        ("", 0),  # an empty text is no data, and no data is not zero
        (D("1.5"), D("1.6")),
        ("a", "b"),
    ],
)
def test_fingerprint_distinguishes_different_values(left, right):
    assert fingerprint({"value": left}) != fingerprint({"value": right})


def test_fingerprint_same_for_empty_text_and_no_data():
    # A blank form field cleans to "" while a NULL column reads None: both mean nothing was entered.
    assert fingerprint({"note": ""}) == fingerprint({"note": None}) == fingerprint({"note": "  "})


def test_fingerprint_same_for_crlf_and_lf_text():
    # Browsers submit textareas with CRLF; the database may hold LF.
    assert fingerprint({"text": "baris satu\r\nbaris dua"}) == fingerprint({"text": "baris satu\nbaris dua"})


def test_fingerprint_distinguishes_field_names():
    assert fingerprint({"target": D(1)}) != fingerprint({"realisation": D(1)})


def test_fingerprint_is_short_and_stable():
    first = fingerprint({"a": D("1.5"), "b": None})
    assert first == fingerprint({"b": None, "a": D("1.50")})
    assert len(first) == 16 and all(c in "0123456789abcdef" for c in first)


def test_fingerprint_is_the_same_across_releases():
    """A grid opened before an upgrade and saved after it must not report a false conflict: the digest of a
    row (non-ASCII analysis text included) is pinned."""
    row = {"analysis": "Capaian ≥ 100 % — naik", "value": D("1.50"), "status": "final"}
    assert fingerprint(row) == "8c056dcff5de683b"


def test_fingerprint_distinguishes_values_of_other_types():
    """Dates (and any other stored type) count as values too: changing one is a change."""
    import datetime

    assert fingerprint({"until": datetime.date(2021, 7, 15)}) != fingerprint(
        {"until": datetime.date(2021, 7, 16)}
    )


def test_fingerprint_same_for_int_and_equal_decimal():
    # A row whose stored value is an int (e.g. from an IntegerField) compared with the Decimal the form
    # field returns: the planner typed the same figure, so it should be the same fingerprint.
    assert fingerprint({"value": 3}) == fingerprint({"value": D(3)})


# --- classify ---------------------------------------------------------------------------------------------

SEEN = {"target": D("10"), "note": "awal"}


def test_unchanged_when_planner_submits_what_they_saw():
    assert classify(fingerprint(SEEN), dict(SEEN), dict(SEEN)) is Change.UNCHANGED


def test_unchanged_when_planner_submits_what_they_saw_in_another_spelling():
    submitted = {"note": "awal", "target": D("10.00")}
    assert classify(fingerprint(SEEN), submitted, dict(SEEN)) is Change.UNCHANGED


def test_save_when_only_the_planner_changed_the_row():
    submitted = {**SEEN, "target": D("12")}
    assert classify(fingerprint(SEEN), submitted, dict(SEEN)) is Change.SAVE


def test_conflict_when_both_changed_the_row_differently():
    stored = {**SEEN, "target": D("11")}  # another planner saved 11 meanwhile
    submitted = {**SEEN, "target": D("12")}
    assert classify(fingerprint(SEEN), submitted, stored) is Change.CONFLICT


def test_unchanged_when_both_made_the_same_change():
    stored = {**SEEN, "target": D("12")}
    submitted = {**SEEN, "target": D("12.0")}
    assert classify(fingerprint(SEEN), submitted, stored) is Change.UNCHANGED


def test_unchanged_when_only_the_other_user_changed_the_row():
    # The planner did not touch the row: their stale copy must not overwrite the other user's change.
    stored = {**SEEN, "target": D("11")}
    assert classify(fingerprint(SEEN), dict(SEEN), stored) is Change.UNCHANGED


@pytest.mark.parametrize("seen", ["", None])
def test_empty_seen_is_treated_as_seeing_what_is_stored(seen):
    assert classify(seen, dict(SEEN), dict(SEEN)) is Change.UNCHANGED
    assert classify(seen, {**SEEN, "target": D("12")}, dict(SEEN)) is Change.SAVE


@PROPERTY
@given(rows, rows)
def test_classify_never_conflicts_when_the_row_was_not_changed_meanwhile(seen, submitted):
    expected = Change.UNCHANGED if fingerprint(submitted) == fingerprint(seen) else Change.SAVE
    assert classify(fingerprint(seen), submitted, seen) is expected


@PROPERTY
@given(rows, rows, rows)
def test_classify_conflicts_only_when_three_versions_differ(seen, submitted, stored):
    fps = {fingerprint(seen), fingerprint(submitted), fingerprint(stored)}
    result = classify(fingerprint(seen), submitted, stored)
    assert (result is Change.CONFLICT) == (len(fps) == 3)
