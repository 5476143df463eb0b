"""The shapes of the API's writes: what a request body must look like before the screens' row forms read it.

These serializers check only the shape (a list of rows, each an object with a code and figures). The figures
themselves are read by the very forms of the screens (`indicators.forms.realisations.RealisationRow`,
`budgets.forms.BudgetLineRow` / `ProgressLineRow`), with their number rules and bilingual messages.
A figure is text typed as a planner types it ("1.715", "0,5%", "Rp 1.500.000", a grade "B") or a JSON number,
read as a `Decimal` (`api.views.writes.DecimalJSONParser`), never a float.
"""

from __future__ import annotations

from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from indicators.models import Realisation

# DRF's own messages, in both languages (the forms' are already).
MESSAGES = {
    "required": "Wajib diisi. / Required.",
    "null": "Tidak boleh null. / Must not be null.",
    "blank": "Tidak boleh kosong. / Must not be blank.",
    "invalid": "Jenis isian salah. / Wrong type of value.",
    "max_length": "Terlalu panjang (paling banyak {max_length} karakter). / Too long (at most {max_length}).",
    "not_a_list": "Harus berupa daftar (list). / Must be a list.",
    "empty": "Daftar tidak boleh kosong. / The list must not be empty.",
    "max_length_list": "Paling banyak {max_length} baris. / At most {max_length} rows.",
    "invalid_choice": "{input} bukan pilihan yang sah. / {input} is not a valid choice.",
    "not_a_dict": "Harus berupa objek. / Must be an object.",
}
MAX_ROWS = 2000  # more than any plan has indicators or budget lines: one request is one grid
CODE_LENGTH = 300


def _messages(*names: str) -> dict[str, str]:
    return {name: MESSAGES[name] for name in names}


@extend_schema_field(
    {
        "oneOf": [{"type": "string", "maxLength": 100}, {"type": "number"}],
        "nullable": True,
        "description": 'Teks seperti diketik ("1.715", "0,5%", "B") atau angka JSON; null mengosongkan. / '
        'Text as typed ("1.715", "0,5%", a grade "B") or a JSON number; null clears it.',
    }
)
class FigureInput(serializers.Field):
    """A figure as typed (text) or a JSON number (a `Decimal`, never a float): handed to the screen's form field."""

    default_error_messages = {
        "invalid": "Isi angka (teks atau angka JSON) atau null. / Give a figure (text or a JSON number) or null.",
        "max_length": "Terlalu panjang. / Too long.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, str | int | float | Decimal):
            self.fail("invalid")
        if isinstance(data, str):
            if len(data) > 100:
                self.fail("max_length")
            return data
        if isinstance(data, float):  # a parser other than ours: its shortest repr, not its binary value
            data = str(data)
        return Decimal(data)

    def to_representation(self, value):
        return value


def _text(**kwargs) -> serializers.CharField:
    kwargs.setdefault("error_messages", _messages("invalid", "null", "blank", "max_length", "required"))
    return serializers.CharField(trim_whitespace=False, **kwargs)


class RealisationInput(serializers.Serializer):
    """One indicator's realisation for the period. A field left out keeps its stored value."""

    indicator = _text(max_length=CODE_LENGTH, help_text="Kode indikator / indicator code")
    value = FigureInput(help_text="Realisasi (bukan indikator rasio) / the value (not a ratio indicator)")
    numerator = FigureInput(help_text="Pembilang (indikator rasio) / numerator (ratio indicators)")
    denominator = FigureInput(help_text="Penyebut (indikator rasio) / denominator (ratio indicators)")
    status = serializers.ChoiceField(
        choices=Realisation.Status.choices,
        required=False,
        error_messages=_messages("invalid_choice", "null", "required"),
    )
    analysis = _text(required=False, allow_blank=True, allow_null=True, max_length=20000)
    version = _text(
        required=False,
        allow_blank=True,
        allow_null=True,
        max_length=64,
        help_text="Versi baris yang dibaca (GET); berbeda dari yang tersimpan dan isinya lain: 409. / The row's "
        "version as read (GET); if the stored row changed since: 409.",
    )


class RowList(serializers.ListField):
    """A list of rows whose length is checked before its rows: 50 000 rows are refused at once, not each one
    validated first (DRF checks `max_length` after the children) and answered with 50 000 errors."""

    def to_internal_value(self, data):
        if isinstance(data, list) and self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().to_internal_value(data)


def _rows(child) -> serializers.ListField:
    return RowList(
        child=child,
        allow_empty=False,
        max_length=MAX_ROWS,
        error_messages={
            **_messages("not_a_list", "empty", "required", "null"),
            "max_length": MESSAGES["max_length_list"],
        },
    )


class RealisationWrite(serializers.Serializer):
    rows = _rows(RealisationInput(error_messages=_messages("invalid", "null")))


class BudgetInput(serializers.Serializer):
    """One budget owner's spending and physical progress for the period. A field left out keeps its stored value."""

    path = _text(
        max_length=CODE_LENGTH,
        help_text='Jalur kode "program/kegiatan/sub kegiatan" (atau "program/kegiatan") / the code path',
    )
    spent = FigureInput(
        help_text="Realisasi keuangan triwulan (Rp; triwulan 0: total setahun) / the quarter's spending "
        "(quarter 0: the year's total)"
    )
    physical_progress = FigureInput(
        help_text="Realisasi fisik kumulatif akhir triwulan (%; triwulan 0: setahun) / cumulative physical "
        "progress at the quarter's end (quarter 0: the year's)"
    )
    version = _text(
        required=False,
        allow_blank=True,
        allow_null=True,
        max_length=64,
        help_text="Versi baris yang dibaca (GET) / the row's version as read (GET)",
    )


class BudgetWrite(serializers.Serializer):
    rows = _rows(BudgetInput(error_messages=_messages("invalid", "null")))


# --- answers (for the schema) ------------------------------------------------------------------------------
class Refusal(serializers.Serializer):
    """A refused request: why, in both languages; for rows, the errors per row (indicator code or code path), the
    unknown or duplicated codes, or the rows changed by someone else (409: their stored values and version)."""

    detail = serializers.CharField()
    rows = serializers.DictField(required=False)
    unknown = serializers.ListField(child=serializers.CharField(), required=False)
    duplicates = serializers.ListField(child=serializers.CharField(), required=False)
    conflicts = serializers.DictField(required=False)
    fields = serializers.DictField(required=False)  # a body of the wrong shape: DRF's errors per field
    file = serializers.ListField(child=serializers.CharField(), required=False)  # refused evidence files


class RealisationFigures(serializers.Serializer):
    indicator = serializers.CharField()
    version = serializers.CharField()
    target = serializers.CharField(allow_null=True)
    realisation = serializers.CharField(allow_null=True)
    capaian = serializers.CharField(allow_null=True)
    predicate = serializers.CharField(allow_null=True)
    annual_capaian = serializers.CharField(allow_null=True)
    annual_predicate = serializers.CharField(allow_null=True)


class RealisationRead(serializers.Serializer):
    indicator = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()
    kind = serializers.CharField()
    ratio = serializers.BooleanField()
    unit = serializers.CharField()
    value = serializers.CharField(allow_null=True)
    numerator = serializers.CharField(allow_null=True)
    denominator = serializers.CharField(allow_null=True)
    status = serializers.CharField()
    analysis = serializers.CharField()
    version = serializers.CharField()
    target = serializers.CharField(allow_null=True)
    capaian = serializers.CharField(allow_null=True)
    predicate = serializers.CharField(allow_null=True)


class RealisationList(serializers.Serializer):
    agency = serializers.CharField()
    year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    writable = serializers.BooleanField()
    rows = RealisationRead(many=True)


class Saved(serializers.Serializer):
    saved = serializers.IntegerField()
    rows = serializers.ListField(child=serializers.DictField())


class BudgetRead(serializers.Serializer):
    path = serializers.CharField()
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()
    spent = serializers.CharField(allow_null=True)
    physical_progress = serializers.CharField(allow_null=True)
    version = serializers.CharField()


class BudgetList(serializers.Serializer):
    agency = serializers.CharField()
    year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    writable = serializers.BooleanField()
    rows = BudgetRead(many=True)


class EvidenceRead(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    size = serializers.IntegerField()
    type = serializers.CharField()
    description = serializers.CharField()
    uploaded_at = serializers.DateTimeField()
    uploaded_by = serializers.CharField(allow_null=True)
    download = serializers.URLField()


class EvidenceList(serializers.Serializer):
    indicator = serializers.CharField()
    year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    files = EvidenceRead(many=True)


class EvidenceUpload(serializers.Serializer):
    file = serializers.ListField(child=serializers.FileField())
    description = serializers.CharField(required=False, allow_blank=True, max_length=300)


class EvidenceStored(EvidenceList):
    stored = serializers.ListField(child=serializers.CharField())
    repeated = serializers.ListField(child=serializers.CharField())


__all__ = [
    "BudgetList",
    "BudgetWrite",
    "EvidenceList",
    "EvidenceStored",
    "EvidenceUpload",
    "RealisationList",
    "RealisationWrite",
    "Saved",
]
