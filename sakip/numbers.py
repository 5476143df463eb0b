"""Parsing and display of numbers: `Decimal` in, Indonesian text out.

Two input forms exist. The interchange JSON (`sakip-dataset/1`) uses canonical plain decimals ("1715.5");
planners type localized figures in forms and Excel ("1.715", "0,5 %", "Rp 22.511.784.601,-").
Computations never round: only the display helpers here round, half-up, as reports print figures.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Any, overload

__all__ = [
    "ANY_UNIT",
    "CANONICAL_DECIMAL_RE",
    "EMPTY",
    "NO_UNIT",
    "PERCENT",
    "RUPIAH",
    "STORABLE_SIGNIFICANT_DIGITS",
    "NumberBounds",
    "NumberBoundsError",
    "NumberFormatError",
    "canonical_str",
    "decimal_places",
    "format_number",
    "format_percent",
    "format_rupiah",
    "parse_canonical",
    "parse_localized",
    "report_str",
    "round_half_up",
    "storable_decimal",
]

CANONICAL_DECIMAL_RE = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")

#: Shown where a figure cannot be computed or is missing ("belum ada data"): an en dash, never 0.
EMPTY = "\u2013"
NBSP = "\u00a0"

# Generous precision so quantizing very large rupiah sums never overflows the default 28 digits.
_QUANTIZE_CONTEXT = Context(prec=100)

# A thousands group cannot start with 0: "0.500" is a decimal (0.5), "1.500" is 1500.
_THOUSANDS_RE = re.compile(r"^[1-9][0-9]{0,2}(\.[0-9]{3})+$")
_THOUSANDS_DECIMAL_COMMA_RE = re.compile(r"^[1-9][0-9]{0,2}(\.[0-9]{3})+,[0-9]+$")
_DECIMAL_COMMA_RE = re.compile(r"^[0-9]+,[0-9]+$")
_DECIMAL_POINT_RE = re.compile(r"^[0-9]+\.[0-9]+$")
_INTEGER_RE = re.compile(r"^[0-9]+$")
_RUPIAH_PREFIX_RE = re.compile(r"^rp\.?", re.IGNORECASE)

#: The unit marks a typed figure may carry. Each field says which belong to it (`units=`): "0,5%" in a rupiah
#: field or "Rp 1.000" in a percentage is a figure typed in the wrong place, not a figure to guess at.
RUPIAH = frozenset({"Rp"})
PERCENT = frozenset({"%"})
NO_UNIT: frozenset[str] = frozenset()
ANY_UNIT = RUPIAH | PERCENT

#: Significant digits a figure may have so that both databases give it back unchanged: SQLite keeps a decimal
#: column as a binary double (NUMERIC affinity) and Django reads it back rounded to 15 significant digits
#: (DBL_DIG: every decimal of at most 15 significant digits survives a double exactly); PostgreSQL's numeric
#: keeps every digit. "123456789012,3456" (16) would come back "123456789012,346" on SQLite.
STORABLE_SIGNIFICANT_DIGITS = 15


class NumberFormatError(ValueError):
    """A figure that cannot be read as a number; the message is Indonesian first, then English."""


class NumberBoundsError(NumberFormatError):
    """A well-formed figure that the database cannot keep exactly; `code` names the bound it breaks."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


def _invalid(value: object) -> NumberFormatError:
    return NumberFormatError(
        f"Angka tidak valid: {value!r} — gunakan format seperti 1.715 atau 0,5. / "
        f"Invalid number: {value!r} — use a form like 1.715 or 0,5."
    )


def _finite(value: Decimal, original: object) -> Decimal:
    if not value.is_finite():
        raise _invalid(original)
    return value


def _from_python_number(value: object) -> Decimal | None:
    """Decimal for int/float/Decimal values (floats via their repr, never binary); None for other types."""
    if isinstance(value, bool):
        # True/False are ints in Python but never a figure in a report.
        raise _invalid(value)
    if isinstance(value, Decimal):
        return _finite(value, value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return _finite(Decimal(str(value)), value)
    return None


def parse_canonical(value: object) -> Decimal | None:
    """Read a number of the interchange JSON: a JSON number or a plain decimal string such as "1715.5".

    None stays None (unknown). Localized strings are rejected with a message naming the canonical form.
    """
    if value is None:
        return None
    number = _from_python_number(value)
    if number is not None:
        return number
    if not isinstance(value, str):
        raise _invalid(value)
    if CANONICAL_DECIMAL_RE.fullmatch(value):
        return Decimal(value)
    try:
        suggestion = canonical_str(parse_localized(value)) or "1715.5"
    except NumberFormatError:
        suggestion = "1715.5"
    raise NumberFormatError(
        f'Angka {value!r} tidak dalam bentuk kanonik: tulis seperti "{suggestion}" '
        "(titik desimal, tanpa pemisah ribuan, tanpa Rp/%). / "
        f'Number {value!r} is not canonical: write it like "{suggestion}" '
        "(decimal point, no thousands separators, no Rp/%)."
    )


def parse_localized(text: object, *, units: Collection[str] = ANY_UNIT) -> Decimal | None:
    """Read a figure as planners type it (Indonesian: '.' groups thousands, ',' is the decimal comma).

    Accepts "1.715" (1715), "0,5%" (0.5), "Rp 22.511.784.601,-", "-3,25", "1.234.567,89", and, as Excel writes
    them, "22.73" or "0.5" (a point not followed by groups of three digits is a decimal point). Numbers from
    Excel cells (int, float, Decimal) are taken as they are. An empty text is None (no data).
    `units` lists the marks that belong to the field (RUPIAH, PERCENT, NO_UNIT, ANY_UNIT): another one is refused.
    """
    if text is None:
        return None
    number = _from_python_number(text)
    if number is not None:
        return number
    if not isinstance(text, str):
        raise _invalid(text)

    body = "".join(text.split())  # every kind of space, including the non-breaking ones Excel and Word insert
    sign = ""
    if body.startswith("-"):  # "-Rp 1.000", as format_rupiah prints a negative amount
        sign, body = "-", body[1:]
    unprefixed = _RUPIAH_PREFIX_RE.sub("", body, count=1)
    rupiah, body = unprefixed != body, unprefixed
    if not sign and body.startswith("-"):  # "Rp -1.000"
        sign, body = "-", body[1:]
    if body.endswith((",-", ".-")):
        rupiah, body = True, body[:-2]  # "22.511.784.601,-" is how rupiah amounts are written
    percent = body.endswith("%")
    body = body.removesuffix("%")
    if rupiah and "Rp" not in units:
        raise NumberFormatError(
            f"Rp tidak berlaku di sini: angka ini bukan rupiah ({text!r}). / "
            f"Rp does not belong here: this figure is not in rupiah ({text!r})."
        )
    if percent and "%" not in units:
        raise NumberFormatError(
            f"Tanda % tidak berlaku di sini: ketik angkanya tanpa % ({text!r}). / "
            f"A % sign does not belong here: type the figure without % ({text!r})."
        )
    if not body:
        if sign:
            raise _invalid(text)
        return None

    if "." in body and "," in body:
        if not _THOUSANDS_DECIMAL_COMMA_RE.fullmatch(body):
            raise _invalid(text)
        plain = body.replace(".", "").replace(",", ".")
    elif "," in body:
        if not _DECIMAL_COMMA_RE.fullmatch(body):
            raise _invalid(text)
        plain = body.replace(",", ".")
    elif "." in body:
        if _THOUSANDS_RE.fullmatch(body):
            plain = body.replace(".", "")
        elif _DECIMAL_POINT_RE.fullmatch(body):
            plain = body
        else:
            raise _invalid(text)
    elif _INTEGER_RE.fullmatch(body):
        plain = body
    else:
        raise _invalid(text)
    return Decimal(sign + plain)


@dataclass(frozen=True)
class NumberBounds:
    """What a decimal column keeps: `max_digits` digits in all, `decimal_places` of them after the comma.

    `NumberBounds.of(model_field)` reads them from the model field a form field or an import edits, so no
    path carries its own copy of the column's precision.
    """

    max_digits: int
    decimal_places: int

    @classmethod
    def of(cls, field: Any) -> NumberBounds:
        # `field` is a DecimalField; Any, because Model._meta.get_field() answers with the union of every kind
        # of field (and this module stays free of Django).
        return cls(field.max_digits, field.decimal_places)

    @property
    def integer_digits(self) -> int:
        return self.max_digits - self.decimal_places

    def whole(self) -> NumberBounds:
        """The same integer part with no decimal places (a count kept in a decimal column)."""
        return NumberBounds(self.integer_digits, 0)


def storable_decimal(value: Decimal, bounds: NumberBounds) -> Decimal:
    """`value` in plain form (no exponent, no trailing zeros) when both databases keep it exactly, else
    NumberBoundsError with a bilingual message.

    Stored exactly means: finite; no more decimal places than the column keeps (PostgreSQL would round the
    rest away, SQLite keep it and read it back rounded); an integer part within the column (PostgreSQL refuses
    more, SQLite reads back a value that no longer fits it and fails every page that reads it); and at most 15
    significant digits (STORABLE_SIGNIFICANT_DIGITS). Leading and trailing zeros are not significant:
    1.000.000.000.000.000 and 0,0001 are kept exactly.
    """
    if not isinstance(value, Decimal):
        raise _invalid(value)
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):  # 'n', 'N' or 'F': a NaN or an infinity, which no column holds
        raise _invalid(value)
    kept = list(digits)
    while len(kept) > 1 and kept[-1] == 0:  # trailing zeros hold no precision: 1.500 is 1.5, 1E+3 is 1000
        kept.pop()
        exponent += 1
    if kept == [0]:
        exponent = 0  # "0,00" is zero
    places = max(0, -exponent)
    if places > bounds.decimal_places:
        if bounds.decimal_places == 0:
            raise NumberBoundsError(
                "Harus bilangan bulat (tanpa angka di belakang koma). / Must be a whole number.", "max_places"
            )
        raise NumberBoundsError(
            f"Paling banyak {bounds.decimal_places} angka di belakang koma. / "
            f"At most {bounds.decimal_places} decimal places.",
            "max_places",
        )
    whole_digits = max(0, len(kept) + exponent) if kept != [0] else 0
    if whole_digits > bounds.integer_digits:
        raise NumberBoundsError(
            f"Angka terlalu besar: paling banyak {bounds.integer_digits} angka sebelum koma. / "
            f"The number is too large: at most {bounds.integer_digits} digits before the decimal comma.",
            "max_digits",
        )
    if len(kept) > STORABLE_SIGNIFICANT_DIGITS:
        raise NumberBoundsError(
            f"Terlalu banyak angka: paling banyak {STORABLE_SIGNIFICANT_DIGITS} angka bermakna (tanpa nol di "
            "depan dan di belakang) yang tersimpan tepat. / Too many digits: at most "
            f"{STORABLE_SIGNIFICANT_DIGITS} significant digits (leading and trailing zeros aside) are stored "
            "exactly.",
            "significant_digits",
        )
    plain = Decimal((sign, tuple(kept), exponent))
    # In plain form and without "-0": what canonical_str would write, read back.
    text = f"{plain:f}"
    return Decimal(text if text != "-0" else "0")


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """Round as Indonesian reports do (0,005 → 0,01), for display and for comparing declared figures only."""
    return Decimal(value).quantize(
        Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=_QUANTIZE_CONTEXT
    )


def _rounded(value: Decimal | int | float, places: int) -> Decimal:
    number = _from_python_number(value)
    if number is None:
        raise _invalid(value)
    rounded = round_half_up(number, places)
    # A value that rounds to zero is shown as 0, not "-0,00".
    return abs(rounded) if rounded == 0 else rounded


def decimal_places(text: str | Decimal) -> int:
    """Digits after the decimal point of a canonical figure ("103" → 0, "73.55" → 2, "100.00" → 2).

    A declared figure matches when the computed one, rounded to this many places, equals it (SPEC §3).
    """
    if isinstance(text, Decimal):
        exponent = text.as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0
    text = text.strip()
    _, point, fraction = text.partition(".")
    return len(fraction) if point else 0


def typed_places(text: object) -> int | None:
    """Decimals of a figure as it was typed, before any column normalises it: "0,10" → 2, "1.715" → 0,
    "34,6667" → 4. None when there is no figure (empty, a grade) or the text is not one.

    The column keeps 0,10 as 0,1; these places are kept beside it, since an entered value is compared with
    numerator ÷ denominator at its own precision (SPEC §3).
    """
    if isinstance(text, str) and (not text.strip() or text.strip().isalpha()):
        return None
    try:
        number = parse_localized(text)
    except (ValueError, ArithmeticError):
        return None
    return None if number is None else decimal_places(number)


def figure_with_places(value: Decimal, places: int | None) -> str:
    """`canonical_str(value)` padded with zeros to the typed `places` ("0.1", 2 → "0.10"); never cut shorter."""
    text = canonical_str(value)
    if places is None or places <= decimal_places(text):
        return text
    return f"{value.quantize(Decimal(1).scaleb(-places)):f}"


# Swaps the English separators for the Indonesian ones ('.' thousands, ',' decimal).
_INDONESIAN_SEPARATORS = str.maketrans(",.", ".,")


def format_number(
    value: Decimal | int | float | str | None, places: int = 2, *, grouping: bool = True
) -> str:
    """Indonesian display of a figure: "1.234.567,89", "-1.234,50"; None → "–"; a grade ("B") unchanged."""
    if value is None:
        return EMPTY
    if isinstance(value, str):
        return value
    rounded = _rounded(value, places)
    text = f"{abs(rounded):{',' if grouping else ''}.{places}f}"
    text = text.translate(_INDONESIAN_SEPARATORS)
    return f"-{text}" if rounded < 0 else text


def format_percent(value: Decimal | int | float | str | None, places: int = 2) -> str:
    """A capaian or absorption as reports print it: "314,00 %" (non-breaking space); None → "–"."""
    if value is None:
        return EMPTY
    if isinstance(value, str):
        return value
    return f"{format_number(value, places)}{NBSP}%"


def format_rupiah(value: Decimal | int | float | None) -> str:
    """Money without cents: "Rp 22.511.784.601" (non-breaking space), "-Rp 1.000" (CLDR id); None → "–"."""
    if value is None:
        return EMPTY
    rounded = _rounded(value, 0)
    text = f"Rp{NBSP}{format_number(abs(rounded), 0)}"
    return f"-{text}" if rounded < 0 else text


# None gives None and a number gives text, so a caller holding a number gets a `str` without a None check.
@overload
def canonical_str(value: None) -> None: ...
@overload
def canonical_str(value: Decimal | int) -> str: ...
def canonical_str(value: Decimal | int | None) -> str | None:
    """Plain decimal text for the interchange JSON: no exponent, no trailing zeros ("1.5700" → "1.57").

    The value is not rounded: `parse_canonical(canonical_str(x)) == x`.
    """
    if value is None:
        return None
    number = _from_python_number(value)
    if number is None:
        raise _invalid(value)
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def report_str(value: Decimal | int | str | None) -> str | None:
    """A figure of the `sakip-report/1` JSON: half-up to 2 places as plain text ("314.00"); None → None.

    A grade ("B") is returned unchanged, since targets and realisations of grade indicators are letters.
    """
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return f"{_rounded(value, 2):f}"
