"""Parsing and display of numbers: `Decimal` in, Indonesian text out.

Two input forms exist. The interchange JSON (`sakip-dataset/1`) uses canonical plain decimals ("1715.5");
planners type localized figures in forms and Excel ("1.715", "0,5 %", "Rp 22.511.784.601,-").
Computations never round: only the display helpers here round, half-up, as reports print figures.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal

__all__ = [
    "CANONICAL_DECIMAL_RE",
    "EMPTY",
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


class NumberFormatError(ValueError):
    """A figure that cannot be read as a number; the message is Indonesian first, then English."""


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


def parse_localized(text: object) -> Decimal | None:
    """Read a figure as planners type it (Indonesian: '.' groups thousands, ',' is the decimal comma).

    Accepts "1.715" (1715), "0,5%" (0.5), "Rp 22.511.784.601,-", "-3,25", "1.234.567,89", and, as Excel writes
    them, "22.73" or "0.5" (a point not followed by groups of three digits is a decimal point). Numbers from
    Excel cells (int, float, Decimal) are taken as they are. An empty text is None (no data).
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
    body = _RUPIAH_PREFIX_RE.sub("", body, count=1)
    if not sign and body.startswith("-"):  # "Rp -1.000"
        sign, body = "-", body[1:]
    if body.endswith((",-", ".-")):
        body = body[:-2]
    body = body.removesuffix("%")
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
    # Swap the English separators for the Indonesian ones ('.' thousands, ',' decimal).
    text = text.translate(str.maketrans({",": ".", ".": ","}))
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
