"""Dates as planners type them: "3 Januari 2022", "3 Jan 2022", "03/01/2022", "3-1-2022", "2022-01-03". Pure.

Slashes and dashes with the year last are day-month-year, as Indonesians write them; with the year first,
year-month-day (ISO). Month names in Indonesian (and their usual English spellings), whole or abbreviated to three
letters; "Agt"/"Ags" for Agustus and "Nop" for November are accepted too.
"""

from __future__ import annotations

import datetime
import re

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
_ENGLISH = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december")  # fmt: skip
_MONTH_NAMES: dict[str, int] = {}
for _number, (_id, _en) in enumerate(zip(MONTHS, _ENGLISH, strict=True), start=1):
    for _name in (_id.lower(), _en, _id.lower()[:3], _en[:3]):
        _MONTH_NAMES.setdefault(_name, _number)
_MONTH_NAMES.update({"agt": 8, "ags": 8, "nop": 11, "mei": 5, "okt": 10, "des": 12, "peb": 2, "pebruari": 2})

_NAMED = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$")
_MONTH_NAMED = re.compile(r"^([A-Za-z]+)\.?\s+(\d{4})$")
_MONTH_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{4})$")
_MONTH_YEAR_FIRST = re.compile(r"^(\d{4})[/.-](\d{1,2})$")


class DateFormatError(ValueError):
    """A text that is no date; the message is Indonesian / English."""


def parse_date(text: str) -> datetime.date:
    value = " ".join((text or "").split())
    day = month = year = None
    if match := _NAMED.match(value):
        day, year = int(match[1]), int(match[3])
        month = _MONTH_NAMES.get(match[2].lower())
        if month is None:
            raise DateFormatError(
                f"Nama bulan {match[2]!r} tidak dikenal. / Unknown month name {match[2]!r}."
            )
    elif match := _DAY_FIRST.match(value):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    elif match := _YEAR_FIRST.match(value):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    else:
        raise DateFormatError(
            f"{value!r} bukan tanggal; tulis misalnya 3 Januari 2022 atau 03/01/2022. / {value!r} is not a date; "
            "write e.g. 3 Januari 2022 or 03/01/2022."
        )
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise DateFormatError(
            f"Tanggal {value!r} tidak ada di kalender. / {value!r} is not a calendar date."
        ) from None


def format_date(day: datetime.date) -> str:
    """As an Indonesian document prints it: "3 Januari 2022"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


_STORED = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def stored_date_display(text: str) -> str | None:
    """A date kept as "2022-01-03", or a month kept as "2022-01", as printed: "3 Januari 2022", "Januari 2022".
    None for anything else (empty, free text from an older import, a day not on the calendar): never guessed."""
    match = _STORED.match((text or "").strip())
    if match is None:
        return None
    year, month = int(match[1]), int(match[2])
    if match[3] is None:
        return f"{MONTHS[month - 1]} {year}" if 1 <= month <= 12 else None
    try:
        return format_date(datetime.date(year, month, int(match[3])))
    except ValueError:
        return None


def parse_month(text: str) -> tuple[int, int]:
    """(year, month) of a month typed as "Januari 2022", "Jan 2022", "01/2022" or "2022-01"."""
    value = " ".join((text or "").split())
    if match := _MONTH_NAMED.match(value):
        year, month = int(match[2]), _MONTH_NAMES.get(match[1].lower())
        if month is None:
            raise DateFormatError(
                f"Nama bulan {match[1]!r} tidak dikenal. / Unknown month name {match[1]!r}."
            )
    elif match := _MONTH_FIRST.match(value):
        month, year = int(match[1]), int(match[2])
    elif match := _MONTH_YEAR_FIRST.match(value):
        year, month = int(match[1]), int(match[2])
    else:
        raise DateFormatError(
            f"{value!r} bukan bulan; tulis misalnya Januari 2022. / {value!r} is not a month; write e.g. Januari 2022."
        )
    if not 1 <= month <= 12:
        raise DateFormatError(f"Bulan {month} tidak ada. / There is no month {month}.")
    return year, month
