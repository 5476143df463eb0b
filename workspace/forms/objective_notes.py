"""The analysis items of one sasaran for a year as a grid row (`RowForm`): one text box per kind, one item per
line. A program item starts with the program's code ("2.17.01 Pelatihan pengurus"); work without APBD money may
name its partner before a colon ("CSR Bank BJB: Pelatihan pemasaran digital")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.models import ObjectiveNote
from sakip.forms import RowForm

Kind = ObjectiveNote.Kind
PROGRAM_KINDS = (Kind.SUPPORTING_PROGRAM, Kind.HINDERING_PROGRAM)
PARTNER_MAX = ObjectiveNote._meta.get_field("partner").max_length
HELP = {
    Kind.SUPPORTING_PROGRAM: gettext_lazy(
        "Satu butir per baris, diawali kode program: 2.17.01 Pelatihan pengurus"
    ),
    Kind.HINDERING_PROGRAM: gettext_lazy("Satu butir per baris, diawali kode program."),
    Kind.NON_APBD: gettext_lazy(
        "Satu butir per baris; mitra atau sumber dana sebelum titik dua: CSR Bank BJB: …"
    ),
}


@dataclass(frozen=True)
class Item:
    kind: str
    text: str
    program: object | None = None  # budgets.Program
    partner: str = ""


def item_line(note) -> str:
    """How a stored item reads in its text box."""
    if note.program_id:
        return f"{note.program.code} {note.text}"
    return f"{note.partner}: {note.text}" if note.partner else note.text


class ObjectiveNotesRow(RowForm):
    value_fields = tuple(Kind.values)

    def __init__(self, *args, objective, programs: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.objective = objective
        self.programs = programs  # code → Program of the plan
        for kind in Kind:
            self.fields[kind.value] = forms.CharField(
                label=kind.label,
                required=False,
                help_text=HELP.get(kind, gettext_lazy("Satu butir per baris.")),
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
            )

    def _program_line(self, line: str):
        code = next(
            (
                c
                for c in sorted(self.programs, key=len, reverse=True)
                if re.match(re.escape(c) + r"(\s|:|$)", line)
            ),
            None,
        )
        if code is None:
            raise forms.ValidationError(
                _(
                    "Baris %(line)r tidak diawali kode program Renstra ini. / %(line)r does not start with a program code of this plan."
                )
                % {"line": line[:60]}
            )
        return self.programs[code], line[len(code) :].lstrip(" :–—-").strip()

    def items(self) -> list[Item]:
        """The typed items of every kind, in order (valid rows only)."""
        return [item for kind in Kind.values for item in self.cleaned_data[f"_{kind}_items"]]

    def clean(self):
        cleaned = super().clean()
        for kind in Kind.values:
            items, errors = [], []
            for line in (cleaned.get(kind) or "").splitlines():
                line = line.strip()
                if not line:
                    continue
                if kind in PROGRAM_KINDS:
                    try:
                        program, text = self._program_line(line)
                    except forms.ValidationError as error:
                        errors.extend(error.messages)
                        continue
                    items.append(Item(kind, text or program.name, program=program))
                elif kind == Kind.NON_APBD and ":" in line:
                    partner, text = (part.strip() for part in line.split(":", 1))
                    if len(partner) > PARTNER_MAX:
                        errors.append(
                            _(
                                "Nama mitra paling panjang %(n)d karakter. / A partner's name has at most %(n)d characters."
                            )
                            % {"n": PARTNER_MAX}
                        )
                        continue
                    items.append(Item(kind, text or partner, partner=partner))
                else:
                    items.append(Item(kind, line))
            if errors:
                self.add_error(kind, errors)
            cleaned[f"_{kind}_items"] = items
            # What the fingerprint compares: the items as they would read back after saving.
            cleaned[kind] = "\n".join(
                f"{i.program.code} {i.text}"
                if i.program
                else (f"{i.partner}: {i.text}" if i.partner else i.text)
                for i in items
            )
        return cleaned
