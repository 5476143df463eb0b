"""The reading API's filters: plain query parameters, each checked before any query, so that a bad value is a 400
with a message in both languages (`?year=abc`), never a 500 nor a silently ignored filter.

django-filter is not used: a handful of typed parameters per list, declared once here and named in the schema
(`Param.openapi`)."""

from __future__ import annotations

from dataclasses import dataclass

from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

# Years a SAKIP figure can belong to: wide enough for any Renstra, narrow enough to catch a typo ("20221").
FIRST_YEAR, LAST_YEAR = 1990, 2100


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # "year", "quarter", "text" or "choice"
    description: str
    choices: tuple[str, ...] = ()
    low: int = 0
    high: int = 0

    @property
    def openapi(self) -> OpenApiParameter:
        numeric = self.kind in ("year", "quarter")
        if numeric:
            schema = {"type": "integer", "minimum": self.low, "maximum": self.high}
        else:
            schema = {"type": "string", "minLength": 1}
        return OpenApiParameter(
            self.name,
            schema,
            OpenApiParameter.QUERY,
            required=False,
            description=self.description,
            enum=list(self.choices) if self.choices else None,
        )

    def parse(self, raw: str) -> int | str:
        if self.kind in ("year", "quarter"):
            return self._integer(raw.strip())
        if self.kind == "choice" and raw not in self.choices:
            allowed = ", ".join(self.choices)
            raise self._error(
                f"Nilai ?{self.name}= tidak dikenal: {raw!r}; pilih salah satu dari {allowed}. / "
                f"Unknown ?{self.name}= value {raw!r}; use one of {allowed}."
            )
        if not raw:
            raise self._error(f"?{self.name}= kosong. / ?{self.name}= is empty.")
        return raw

    def _integer(self, raw: str) -> int:
        what_id, what_en = ("Tahun", "Year") if self.kind == "year" else ("Triwulan", "Quarter")
        try:
            number = int(raw)
        except ValueError:
            number = None
        if number is None or not self.low <= number <= self.high or not raw.isdigit():
            raise self._error(
                f"{what_id} ?{self.name}= harus bilangan bulat {self.low}–{self.high}, bukan {raw!r}. / "
                f"{what_en} ?{self.name}= must be a whole number from {self.low} to {self.high}, not {raw!r}."
            )
        return number

    def _error(self, message: str) -> ValidationError:
        return ValidationError({self.name: [message]})


def year_param(description: str = "Tahun. / Year.") -> Param:
    return Param("year", "year", description, low=FIRST_YEAR, high=LAST_YEAR)


def quarter_param(name: str = "quarter", low: int = 0, description: str = "") -> Param:
    return Param(
        name,
        "quarter",
        description or "Triwulan 1–4 (0 = tahunan). / Quarter 1–4 (0 = the year).",
        low=low,
        high=4,
    )


def code_param(description: str) -> Param:
    return Param("code", "text", description)


def choice_param(name: str, choices, description: str) -> Param:
    return Param(name, "choice", description, choices=tuple(choices))


def query_filters(request, params: tuple[Param, ...]) -> dict[str, int | str]:
    """The request's values of `params` (only those given), checked; every bad one reported at once (400).
    A parameter given twice is refused too: which of the two was meant cannot be told."""
    values: dict[str, int | str] = {}
    errors: dict[str, list[str]] = {}
    for param in params:
        given = request.query_params.getlist(param.name)
        if not given:
            continue
        if len(given) > 1:
            errors[param.name] = [
                f"?{param.name}= diberikan lebih dari sekali. / ?{param.name}= is given more than once."
            ]
            continue
        try:
            values[param.name] = param.parse(given[0])
        except ValidationError as error:
            errors.update(error.detail)  # type: ignore[arg-type]
    if errors:
        raise ValidationError(errors)
    return values
