"""Saving an editing grid: every changed row or none (sakip.grids.grid_save).

The grid here edits report narratives (`indicators.models.Narrative`) of an agency, one row per section.
"""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from indicators.models import Narrative
from sakip.concurrency import fingerprint
from sakip.forms import RowForm
from sakip.grids import GridOutcome, grid_save
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

KEYS = ("uji-pengantar", "uji-latar", "uji-penutup")


class NarrativeRow(RowForm):
    value_fields = ("text",)
    text = forms.CharField(label="Teks", required=False, max_length=200)


@pytest.fixture
def narratives():
    agency = AgencyFactory()
    return [
        Narrative.objects.create(agency=agency, year=2021, key=key, text=f"teks awal {key}") for key in KEYS
    ]


def stored(narrative):
    return {"text": narrative.text}


def grid(narratives, texts, *, seen=None):
    """The rows as posted: `texts` are what the planner typed, `seen` what each row showed (default: stored)."""
    rows = []
    for i, (narrative, text) in enumerate(zip(narratives, texts, strict=True)):
        shown = stored(narrative) if seen is None else seen[i]
        data = {f"r{narrative.pk}-text": text, f"r{narrative.pk}-version": fingerprint(shown)}
        rows.append(bound_row(data, narrative))
    return rows


def bound_row(data, narrative):
    form = NarrativeRow(data, stored=stored(narrative), prefix=f"r{narrative.pk}")
    form.narrative = narrative  # what the view's write() stores into
    return form


class Writer:
    """The view's `write(row)`: stores one row and counts the writes."""

    def __init__(self, fail_on=None, error=None):
        self.written, self.fail_on, self.error = [], fail_on, error

    def __call__(self, row):
        narrative = row.narrative
        narrative.text = row.cleaned_data["text"]
        narrative.save(update_fields=["text"])
        self.written.append(narrative.key)
        if len(self.written) == self.fail_on:
            raise self.error or ValidationError("Bagian ini terkunci. / This section is locked.")


def texts_in_db():
    return dict(Narrative.objects.filter(key__in=KEYS).values_list("key", "text"))


def test_only_changed_rows_are_written(narratives):
    before = texts_in_db()
    rows = grid(narratives, ["teks baru", before["uji-latar"], "penutup baru"])
    write = Writer()
    outcome = grid_save(rows, write)
    assert outcome == GridOutcome(saved=2)
    assert outcome.ok
    assert write.written == ["uji-pengantar", "uji-penutup"]  # the untouched row is not written
    assert texts_in_db() == {**before, "uji-pengantar": "teks baru", "uji-penutup": "penutup baru"}


def test_grid_left_as_it_was_writes_nothing(narratives):
    before = texts_in_db()
    write = Writer()
    outcome = grid_save(grid(narratives, [before[k] for k in KEYS]), write)
    assert outcome.ok and outcome.saved == 0
    assert write.written == []


def test_one_invalid_row_saves_nothing(narratives):
    before = texts_in_db()
    rows = grid(narratives, ["teks baru", "x" * 201, "penutup baru"])  # the second is too long
    write = Writer()
    outcome = grid_save(rows, write)
    assert outcome.invalid and not outcome.ok and outcome.saved == 0
    assert write.written == []
    assert texts_in_db() == before
    assert rows[1].errors["text"]  # the error is shown next to the field of that row
    assert not rows[0].errors and not rows[2].errors


def test_every_invalid_row_shows_its_error(narratives):
    rows = grid(narratives, ["x" * 201, "ok", "y" * 300])
    outcome = grid_save(rows, Writer())
    assert outcome.invalid
    assert rows[0].errors["text"] and rows[2].errors["text"]


def test_a_conflict_saves_nothing_and_names_the_row(narratives):
    seen = [stored(n) for n in narratives]
    # Another planner changes the second section after this grid was rendered.
    other = Narrative.objects.get(pk=narratives[1].pk)
    other.text = "diubah orang lain"
    other.save()
    before = texts_in_db()
    current = list(Narrative.objects.filter(key__in=KEYS).order_by("pk"))
    rows = grid(current, ["teks baru", "versi saya", seen[2]["text"]], seen=seen)
    write = Writer()
    outcome = grid_save(rows, write)
    assert not outcome.ok and not outcome.invalid and outcome.saved == 0
    assert outcome.conflicts == [rows[1]]
    assert rows[1].conflict and not rows[0].conflict
    assert rows[1].stored_display("text") == "diubah orang lain"  # shown beside the planner's text
    assert write.written == []
    assert texts_in_db() == before


def test_conflicting_grid_saved_again_overwrites_deliberately(narratives):
    seen = [stored(n) for n in narratives]
    Narrative.objects.filter(pk=narratives[1].pk).update(text="diubah orang lain")
    current = list(Narrative.objects.filter(key__in=KEYS).order_by("pk"))
    first = grid(current, ["teks baru", "versi saya", seen[2]["text"]], seen=seen)
    assert grid_save(first, Writer()).conflicts == [first[1]]
    # The planner submits the re-rendered grid (carrying the new versions) again.
    again = [bound_row(row.data, n) for row, n in zip(first, current, strict=True)]
    outcome = grid_save(again, Writer())
    assert outcome == GridOutcome(saved=2)
    assert texts_in_db()["uji-latar"] == "versi saya"


def test_write_refused_on_a_later_row_rolls_back_the_earlier_rows(narratives):
    before = texts_in_db()
    rows = grid(narratives, ["teks baru", "latar baru", before["uji-penutup"]])
    write = Writer(fail_on=2)
    outcome = grid_save(rows, write)
    assert write.written == ["uji-pengantar", "uji-latar"]  # the first row was written before the refusal
    assert outcome.invalid and not outcome.ok and outcome.saved == 0
    assert texts_in_db() == before  # ... and rolled back
    assert rows[1].non_field_errors() == ["Bagian ini terkunci. / This section is locked."]
    assert not rows[0].non_field_errors()


def test_model_field_error_from_write_is_shown_on_the_row(narratives):
    before = texts_in_db()
    rows = grid(narratives, ["teks baru", "latar baru", before["uji-penutup"]])
    error = ValidationError({"key": "Kode bagian tidak valid. / Invalid section key."})
    outcome = grid_save(rows, Writer(fail_on=1, error=error))
    assert outcome.invalid
    assert texts_in_db() == before
    assert "Kode bagian tidak valid. / Invalid section key." in rows[0].non_field_errors()
