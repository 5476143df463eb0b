"""API writes: a quarter's realisations, its budget spending and physical progress, and evidence files.

Each write goes the screens' way, in one transaction holding the agency's write lock (`agencies.writes.lock_agency`,
as `serialised_writes` does for the screens) and rolled back on any answer of 400 or more:
1. `api_agency(write=True)`: 404 for an agency the user does not see, 403 for a read-only role, a frozen year or a
   closed entry window (the screens' `agency_view`, with their messages);
2. the body's shape (`api/serializers/writes.py`), then the rows read by the screens' own row forms
   (`RealisationRow`, `BudgetLineRow`, `ProgressLineRow`: the number rules, bounds and bilingual messages);
3. `sakip.grids.grid_save`: every row valid and none changed by someone else since the client read it (the row's
   `version`, `sakip.concurrency`), then every changed row saved with its history row naming the user ("API").

A field a row leaves out keeps its stored value; `null` clears it. The answer carries what the report now computes
(`report_build`, as the screens' live preview shows it).

ETags: each endpoint's GET is tagged from the stored rows its answer is made of (`*_etag` below: a few queries, no
`report_build`), so `If-None-Match` gets a 304 for those queries. A write sent with `If-Match` compares it, inside
the locked transaction and before anything is saved, with the tag the GET would give now: another tag is a 412 and
nothing saved (a whole-grid check, stricter than the per-row `version`, which still applies). Every successful write
answers with the new tag, so that a client can chain writes without reading again.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils.http import parse_etags
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.audit import VIA_API, history_reason
from agencies.writes import lock_agency
from budgets.forms import (
    PHYSICAL_FIELDS,
    PLANNED_FIELDS,
    QUARTER_FIELDS,
    VALUE_FIELDS,
    ProgressLineRow,
    stored_progress,
)
from budgets.models import BudgetLine, SubActivity
from indicators.forms.realisations import EvidenceForm, stored_realisation
from indicators.models import Evidence as EvidenceFile
from indicators.models import Indicator, Realisation, Target
from reports.readmodel.build import report_build
from review.guards import one_save
from sakip.concurrency import Change, classify, fingerprint
from sakip.grids import grid_save
from sakip.numbers import canonical_str, figure_with_places, report_str
from workspace.access import plan_or_404
from workspace.budget_entry import BudgetGrid
from workspace.realisation_entry import RealisationGrid, store_evidence
from workspace.shell import QUARTER_LABELS

from ..access import api_agency
from ..etags import IF_NONE_MATCH, conditional, content_etag, make_etag, tagged
from ..serializers import writes as shapes


class DecimalJSONParser(JSONParser):
    """JSON whose numbers with a fraction are read as `Decimal` ("1.715" and 1.715 are exact, never a float)."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            return json.load(
                codecs.getreader(encoding)(stream), parse_float=Decimal, parse_constant=_no_constant
            )
        except (ValueError, UnicodeDecodeError, RecursionError) as error:  # RecursionError: nested too deep
            raise ParseError(f"JSON tidak sah. / JSON parse error: {error}") from error


def _no_constant(name: str):
    raise ValueError(f"{name} bukan angka. / {name} is not a number.")


def _refusal(text: str) -> OpenApiResponse:
    return OpenApiResponse(shapes.Refusal, description=text)


READ_ERRORS = {
    401: _refusal("Tanpa kunci yang sah. / No valid key."),
    404: _refusal(
        "Perangkat daerah, tahun, triwulan atau indikator tidak ada (bagi Anda). / Not found (for you)."
    ),
}
WRITE_ERRORS = {
    **READ_ERRORS,
    400: _refusal("Isian salah; tidak ada yang disimpan. / Invalid request; nothing saved."),
    403: _refusal(
        "Hanya baca, tahun dibekukan, atau jendela pengisian tutup. / Read only, a frozen year or a closed window."
    ),
    412: _refusal(
        "If-Match bukan ETag data saat ini; tidak ada yang disimpan. / If-Match is not the data's current ETag; "
        "nothing saved."
    ),
}
CHANGED_SINCE_READ = (
    "Data telah berubah sejak Anda membacanya; baca ulang lalu kirim lagi. / The data changed since you read it; "
    "read it again and resend."
)
NOT_MODIFIED = OpenApiResponse(description="Tidak berubah sejak ETag Anda. / Not modified since your ETag.")
ROWS_ERRORS = {
    **WRITE_ERRORS,
    409: _refusal(
        "Diubah pengguna lain sejak dibaca; tidak ada yang disimpan. / Changed since read; nothing saved."
    ),
}
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="ETag dari GET yang dibaca: 412 dan tidak ada yang disimpan bila data berubah sejak itu; tanpa "
    "header, hanya versi per baris yang diperiksa. / The ETag of the GET read: 412 and nothing saved if the data "
    "changed since; without it only each row's version is checked.",
)


def _changed_since_read(request, etag_now: Callable[[], str]) -> Response | None:
    """The 412 of a write whose `If-Match` does not name the current tag (`*` names any); None to go on.
    Weak tags compare as their strong form, as for `If-None-Match` (a compressing proxy weakens them)."""
    header = request.headers.get("If-Match")
    if header is None:
        return None
    tags = parse_etags(header)
    if "*" in tags or any(tag.removeprefix("W/") == etag_now() for tag in tags):
        return None
    return Response({"detail": CHANGED_SINCE_READ}, status=status.HTTP_412_PRECONDITION_FAILED)


def _conditional_write(request, etag_now: Callable[[], str], write: Callable[[], Response]) -> Response:
    """Inside `_agency_write`: the write unless `If-Match` names another tag than the GET's now (412, nothing
    written); a success carries the tag of what is stored after it, the GET's next tag."""
    response = _changed_since_read(request, etag_now) or write()
    if status.is_success(response.status_code):
        tagged(response, etag_now())
    return _finished(response)


def _check_quarter(quarter: int) -> None:
    if quarter not in QUARTER_LABELS:
        raise Http404("Triwulan tidak dikenal (0–4). / Unknown quarter (0–4).")


@contextmanager
def _agency_write(code: str) -> Iterator[None]:
    """One transaction holding the agency's write lock; history rows written inside say "API"."""
    with transaction.atomic(), history_reason(VIA_API):
        lock_agency(code)
        yield


def _finished(response: Response) -> Response:
    """Inside `_agency_write`: a refusal leaves nothing of what was written."""
    if response.status_code >= 400:
        transaction.set_rollback(True)
    return response


def _figure(value) -> str | None:
    """A stored figure as the API gives it: exact plain text, or a grade letter."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    return canonical_str(value)


# Django's generic form messages come in one language; these say them in both.
GENERIC = {
    "required": "Wajib diisi. / Required.",
    "invalid_choice": "Pilihan tidak sah: {value}. / Not a valid choice: {value}.",
    "null_characters_not_allowed": "Karakter null tidak diperbolehkan. / Null characters are not allowed.",
    "max_length": "Terlalu panjang (paling banyak {limit_value} karakter). / Too long (at most {limit_value}).",
}


def _bilingual(errors) -> dict[str, list[str]]:
    """A row form's errors, `__all__` named "row"; Django's generic messages in both languages."""
    out = {}
    for name, items in errors.as_data().items():
        messages = []
        for error in items:
            generic = GENERIC.get(error.code or "")
            if generic:
                params = error.params or {}
                messages.append(
                    generic.format(value=params.get("value", ""), limit_value=params.get("limit_value", ""))
                )
            else:
                messages.extend(error.messages)
        out["row" if name == "__all__" else name] = messages
    return out


def _duplicates(keys: list[str]) -> list[str]:
    seen, twice = set(), []
    for key in keys:
        if key in seen and key not in twice:
            twice.append(key)
        seen.add(key)
    return twice


def _named_rows(body, name: str, twice_message: str) -> tuple[list[dict], list[str], Response | None]:
    """The body's rows and the name each gives (its `indicator`, its `path`); or the 400 of a malformed body or of
    a row named twice."""
    if not body.is_valid():
        return (
            [],
            [],
            _bad_request(
                "Bentuk permintaan salah; tidak ada yang disimpan. / Malformed request; nothing saved.",
                fields=body.errors,
            ),
        )
    rows = body.validated_data["rows"]
    names = [row[name] for row in rows]
    twice = _duplicates(names)
    return rows, names, _bad_request(twice_message, duplicates=twice) if twice else None


def _unknown_names(names: list[str], known, message: str) -> Response | None:
    """The 400 naming the rows the grid does not have, if any."""
    unknown = sorted(set(names) - set(known))
    return _bad_request(message, unknown=unknown) if unknown else None


def _bad_request(detail: str, **extra) -> Response:
    return Response({"detail": detail, **extra}, status=status.HTTP_400_BAD_REQUEST)


# --- realisations ------------------------------------------------------------------------------------------
def _kept(existing: Realisation | None, name: str):
    """A field the request leaves out: its stored value as the row form reads it (a value keeps its typed places)."""
    if existing is None:
        return "final" if name == "status" else ""
    if name == "value":
        if existing.grade:
            return existing.grade
        if existing.value is None:
            return ""
        return Decimal(figure_with_places(existing.value, existing.value_places))
    value = getattr(existing, name)
    return "" if value is None else value


def _realisation_data(grid: RealisationGrid, rows: list[dict]) -> tuple[dict, dict]:
    """The row forms' data from the request's rows, and the errors of fields the indicator does not have."""
    by_code = {i.code: i for i in grid.indicators}
    data, errors = {}, {}
    for row in rows:
        indicator = by_code[row["indicator"]]
        ratio = indicator.computation == Indicator.Computation.RATIO
        fields = ("numerator", "denominator") if ratio else ("value",)
        foreign = ("value",) if ratio else ("numerator", "denominator")
        wrong = [name for name in foreign if row.get(name) is not None]
        if wrong:
            errors[indicator.code] = {
                name: [
                    "Indikator rasio: isi pembilang dan penyebut. / A ratio indicator: give numerator and "
                    "denominator."
                    if ratio
                    else "Bukan indikator rasio: isi realisasi (value). / Not a ratio indicator: give the value."
                ]
                for name in wrong
            }
        existing = grid.existing.get(indicator.pk)
        prefix = f"r{indicator.pk}-"
        for name in (*fields, "status", "analysis"):
            if name in row:
                data[prefix + name] = "" if row[name] is None else row[name]
            else:
                data[prefix + name] = _kept(existing, name)
        data[prefix + "version"] = row.get("version") or ""
    return data, errors


def _realisation_versions(grid: RealisationGrid) -> dict[int, str]:
    """Each indicator's row fingerprint as stored now (what a GET gives as `version`)."""
    stored = {
        r.indicator_id: r
        for r in Realisation.objects.filter(
            indicator__in=grid.indicators, year=grid.year, quarter=grid.quarter
        )
    }
    return {row.indicator.pk: _version(row, stored.get(row.indicator.pk)) for row in grid.rows}


def _version(row, realisation: Realisation | None) -> str:
    values = stored_realisation(realisation)
    return fingerprint({name: values.get(name) for name in row.value_fields})


def _period_figures(report, quarter: int) -> dict[str, dict]:
    """Per indicator code: the period's target, realisation, capaian and predicate, and the year's."""
    out = {}
    for row in report.indicators:
        period = row.quarters[quarter - 1] if quarter else row.current
        band = report.scale.band_for(period.capaian)
        out[row.code] = {
            "target": report_str(period.target),
            "realisation": report_str(period.realisation),
            "capaian": report_str(period.capaian),
            "predicate": band.label if band else None,
            "annual_capaian": report_str(row.current.capaian),
            "annual_predicate": row.predicate.label if row.predicate else None,
        }
    return out


def _realisations_etag(agency, plan, year: int, quarter: int) -> str:
    """The tag of a period's realisations as GET answers them, from stored rows only (four queries): the plan's
    indicators, their realisations and targets of the whole year (the answer's target and capaian read them: a
    cumulative indicator's capaian reads the earlier quarters), the Pemda's predicate scales, whether the user may
    write."""
    indicators = Indicator.objects.filter(plan=plan).order_by("position", "pk").values_list()
    realisations = (
        Realisation.objects.filter(indicator__plan=plan, year=year)
        .order_by("indicator", "quarter")
        .values_list()
    )
    targets = (
        Target.objects.filter(indicator__plan=plan, year=year)
        .order_by("indicator", "kind", "quarter")
        .values_list()
    )
    government = agency.government
    return make_etag(
        "realisations",
        agency.code,
        year,
        quarter,
        agency.can_edit,
        government.predicate_scale,
        government.indicator_scale,
        repr(list(indicators)),
        repr(list(realisations)),
        repr(list(targets)),
    )


class QuarterRealisations(APIView):
    """The realisations of every indicator of the plan for one period (quarter 0: the year)."""

    parser_classes = [DecimalJSONParser]

    @extend_schema(
        parameters=[IF_NONE_MATCH], responses={200: shapes.RealisationList, 304: NOT_MODIFIED, **READ_ERRORS}
    )
    def get(self, request, code: str, year: int, quarter: int):
        _check_quarter(quarter)
        agency = api_agency(request, code, year=year, quarter=quarter)
        plan = plan_or_404(agency, year)
        return conditional(
            request,
            lambda: self._list(agency, year, quarter),
            _realisations_etag(agency, plan, year, quarter),
        )

    def _list(self, agency, year: int, quarter: int) -> Response:
        grid = RealisationGrid(agency, year, quarter)
        figures = _period_figures(report_build(agency=agency, year=year), quarter)
        rows = []
        for indicator, form in zip(grid.indicators, grid.rows, strict=True):
            stored, realisation = form.stored, grid.existing.get(indicator.pk)
            shown = figures.get(indicator.code, {})
            value = _figure(stored["value"])
            if realisation is not None and realisation.value is not None and not realisation.grade:
                value = figure_with_places(realisation.value, realisation.value_places)  # "0.10" as typed
            rows.append(
                {
                    "indicator": indicator.code,
                    "name": indicator.name,
                    "level": indicator.level,
                    "kind": indicator.kind,
                    "ratio": form.is_ratio,
                    "unit": indicator.unit,
                    "value": value,
                    "numerator": _figure(stored["numerator"]),
                    "denominator": _figure(stored["denominator"]),
                    "status": stored["status"],
                    "analysis": stored["analysis"],
                    "version": form.stored_fingerprint(),
                    "target": shown.get("target"),
                    "capaian": shown.get("capaian"),
                    "predicate": shown.get("predicate"),
                }
            )
        return Response(
            {
                "agency": agency.code,
                "year": year,
                "quarter": quarter,
                "writable": agency.can_edit,
                "rows": rows,
            }
        )

    @extend_schema(
        parameters=[IF_MATCH],
        request=shapes.RealisationWrite,
        responses={200: shapes.Saved, **ROWS_ERRORS},
    )
    def put(self, request, code: str, year: int, quarter: int):
        _check_quarter(quarter)
        with _agency_write(code):
            agency = api_agency(request, code, year=year, quarter=quarter, write=True)
            plan = plan_or_404(agency, year)
            return _conditional_write(
                request,
                lambda: _realisations_etag(agency, plan, year, quarter),
                lambda: self._write(request, agency, year, quarter),
            )

    @extend_schema(
        parameters=[IF_MATCH],
        request=shapes.RealisationWrite,
        responses={200: shapes.Saved, **ROWS_ERRORS},
    )
    def post(self, request, code: str, year: int, quarter: int):
        return self.put(request, code, year, quarter)

    def _write(self, request, agency, year: int, quarter: int) -> Response:
        rows, codes, refused = _named_rows(
            shapes.RealisationWrite(data=request.data),
            "indicator",
            "Indikator disebut lebih dari sekali; tidak ada yang disimpan. / Indicators named more than once; "
            "nothing saved.",
        )
        if refused:
            return refused
        grid = RealisationGrid(agency, year, quarter, codes=codes)
        refused = _unknown_names(
            codes,
            {i.code for i in grid.indicators},
            "Kode indikator tidak dikenal di Renstra tahun ini; tidak ada yang disimpan. / Unknown indicator codes "
            "in this year's plan; nothing saved.",
        )
        if refused:
            return refused
        data, field_errors = _realisation_data(grid, rows)
        grid.bind(data)
        if field_errors:
            for row in grid.rows:
                row.is_valid()
                if row.errors and row.indicator.code in field_errors:
                    field_errors[row.indicator.code].update(_bilingual(row.errors))
                elif row.errors:
                    field_errors[row.indicator.code] = _bilingual(row.errors)
            return _invalid(field_errors)
        with one_save():  # the year's lock asked once for the rows
            outcome = grid_save(grid.rows, grid.write)
        if outcome.conflicts:
            return _conflicts(
                {
                    row.indicator.code: {
                        "version": row.stored_fingerprint(),
                        "stored": {name: _figure(row.stored.get(name)) for name in row.value_fields},
                    }
                    for row in outcome.conflicts
                }
            )
        if not outcome.ok:
            return _invalid({row.indicator.code: _bilingual(row.errors) for row in grid.rows if row.errors})
        versions = _realisation_versions(grid)
        figures = _period_figures(report_build(agency=agency, year=year), quarter)
        return Response(
            {
                "saved": outcome.saved,
                "rows": [
                    {"indicator": i.code, "version": versions[i.pk], **figures.get(i.code, {})}
                    for i in grid.indicators
                ],
            }
        )


def _invalid(rows: dict) -> Response:
    return Response(
        {
            "detail": "Periksa baris yang disebut; tidak ada yang disimpan. / Check the rows named; nothing saved.",
            "rows": rows,
        },
        status=status.HTTP_400_BAD_REQUEST,
    )


def _conflicts(rows: dict) -> Response:
    return Response(
        {
            "detail": "Baris ini diubah pengguna lain sejak dibaca; tidak ada yang disimpan. Baca nilai mereka, lalu "
            "kirim lagi dengan versi yang baru untuk menimpanya. / These rows were changed by someone else since "
            "read; nothing saved. Read their values, then send again with the new version to overwrite them.",
            "conflicts": rows,
        },
        status=status.HTTP_409_CONFLICT,
    )


# --- budget: a quarter's spending and physical progress ----------------------------------------------------------
def _budget_fields(quarter: int) -> tuple[str, str]:
    """The line's columns behind the API's "spent" and "physical_progress" for the period."""
    if quarter == 0:
        return "spent", "physical_progress"
    return QUARTER_FIELDS[quarter - 1], PHYSICAL_FIELDS[quarter - 1]


LINE_FIELDS = (*VALUE_FIELDS, *PLANNED_FIELDS, *PHYSICAL_FIELDS)


def _blank(value):
    return "" if value is None else value


def _line_values(line, names) -> dict:
    return {name: getattr(line, name) if line is not None else None for name in names}


def _budget_version(line, quarter: int) -> str:
    return fingerprint(_line_values(line, _budget_fields(quarter)))


def _line_writer(grid: BudgetGrid, forms):
    """`grid.write` once per line: a quarter's spending (the budget row) and physical progress (the progress row)
    of one owner in one save, so that the line gets one model guard check and one history row."""
    of_owner: dict[str, list] = {}
    for form in forms:
        of_owner.setdefault(form.prefix, []).append(form)
    written = set()

    def write(form):
        if form.prefix in written:
            return
        written.add(form.prefix)
        values = {}
        for each in of_owner[form.prefix]:
            values.update(each.submitted())
        BudgetLine.objects.update_or_create(year=grid.year, **{form.owner_kind: form.owner}, defaults=values)

    return write


def _budget_figures(report, quarter: int) -> dict[str, dict]:
    """Per code path: the pagu, the spending, absorption, and for a quarter its cumulative progress."""
    out = {}

    def visit(row, prefix):
        path = f"{prefix}/{row.code}" if prefix else row.code
        figures = {
            "ceiling": report_str(row.figures.ceiling),
            "spent_year": report_str(row.figures.spent),
            "absorption": report_str(row.figures.absorption),
        }
        if quarter and len(row.progress) >= quarter:
            progress = row.progress[quarter - 1]
            figures.update(
                financial_pct=report_str(progress.financial_pct),
                physical_pct=report_str(progress.physical_pct),
                milestone_gap=report_str(progress.milestone_gap),
            )
        out[path] = figures
        for child in row.children:
            visit(child, path)

    for program in report.budget.children:
        visit(program, "")
    return out


def _budget_answer(agency, year: int, quarter: int) -> dict:
    """What GET answers: every budget owner with its stored spending and physical progress for the period."""
    grid = BudgetGrid(agency, year, keys=())
    spent, physical = _budget_fields(quarter)
    rows = []
    for key, path in grid.paths().items():
        owner, line = grid.owners[key], grid.existing.get(key)
        rows.append(
            {
                "path": path,
                "code": owner.code,
                "name": owner.name,
                "level": "sub_activity" if isinstance(owner, SubActivity) else "activity",
                "spent": _figure(getattr(line, spent, None)),
                "physical_progress": _figure(getattr(line, physical, None)),
                "version": _budget_version(line, quarter),
            }
        )
    rows.sort(key=lambda row: row["path"])
    return {
        "agency": agency.code,
        "year": year,
        "quarter": quarter,
        "writable": agency.can_edit,
        "rows": rows,
    }


def _budget_etag(answer: dict) -> str:
    """The tag of a period's budget answer: its content, which is stored values only (no computed figure)."""
    return content_etag(answer)


class QuarterBudget(APIView):
    """The spending and physical progress of every budget owner (sub kegiatan, or kegiatan without sub kegiatan)
    for one quarter (0: the year's total spending and physical progress)."""

    parser_classes = [DecimalJSONParser]

    @extend_schema(
        parameters=[IF_NONE_MATCH], responses={200: shapes.BudgetList, 304: NOT_MODIFIED, **READ_ERRORS}
    )
    def get(self, request, code: str, year: int, quarter: int):
        _check_quarter(quarter)
        agency = api_agency(request, code, year=year, quarter=quarter)
        answer = _budget_answer(agency, year, quarter)
        return conditional(request, lambda: Response(answer), _budget_etag(answer))

    @extend_schema(
        parameters=[IF_MATCH],
        request=shapes.BudgetWrite,
        responses={200: shapes.Saved, **ROWS_ERRORS},
    )
    def put(self, request, code: str, year: int, quarter: int):
        _check_quarter(quarter)
        with _agency_write(code):
            agency = api_agency(request, code, year=year, quarter=quarter, write=True)
            return _conditional_write(
                request,
                lambda: _budget_etag(_budget_answer(agency, year, quarter)),
                lambda: self._write(agency, year, quarter, request.data),
            )

    @extend_schema(
        parameters=[IF_MATCH],
        request=shapes.BudgetWrite,
        responses={200: shapes.Saved, **ROWS_ERRORS},
    )
    def post(self, request, code: str, year: int, quarter: int):
        return self.put(request, code, year, quarter)

    def _write(self, agency, year: int, quarter: int, payload) -> Response:
        rows, paths, refused = _named_rows(
            shapes.BudgetWrite(data=payload),
            "path",
            "Baris anggaran disebut lebih dari sekali; tidak ada yang disimpan. / Budget lines named more than "
            "once; nothing saved.",
        )
        if refused:
            return refused
        grid = BudgetGrid(agency, year, keys=())
        key_of = {path: key for key, path in grid.paths().items()}
        refused = _unknown_names(
            paths,
            key_of,
            "Jalur kode sub kegiatan/kegiatan tidak dikenal (lihat GET); tidak ada yang disimpan. / Unknown code "
            "paths (see GET); nothing saved.",
        )
        if refused:
            return refused
        spent_field, physical_field = _budget_fields(quarter)
        api_name = {spent_field: "spent", physical_field: "physical_progress"}
        entries = []  # (path, row, forms)
        for row in rows:
            key = key_of[row["path"]]
            line = grid.existing.get(key)
            prefix = f"{key}-"
            # Every other figure of the line as stored: the forms check the whole line (the quarters against
            # the total, physical progress never going down), and write it back unchanged.
            data = {prefix + name: _blank(getattr(line, name, None)) for name in LINE_FIELDS}
            for api_field, name in (("spent", spent_field), ("physical_progress", physical_field)):
                if api_field in row:
                    data[prefix + name] = _blank(row[api_field])
            forms = [grid.form(data, key)]
            if quarter:
                forms.append(grid.form(data, key, ProgressLineRow, stored_progress))
            entries.append((row, key, line, forms))
        errors = {}
        for row, _key, _line, forms in entries:
            for form in forms:
                if not form.is_valid():
                    found = _bilingual(form.errors)
                    errors.setdefault(row["path"], {}).update(
                        {api_name.get(name, name): messages for name, messages in found.items()}
                    )
        if errors:
            return _invalid(errors)
        conflicts, changed = {}, []
        for row, _key, line, forms in entries:
            stored = _line_values(line, (spent_field, physical_field))
            submitted = {
                spent_field: forms[0].cleaned_data.get(spent_field),
                physical_field: forms[-1].cleaned_data.get(physical_field),
            }
            change = classify(row.get("version") or "", submitted, stored)
            if change is Change.CONFLICT:
                conflicts[row["path"]] = {
                    "version": fingerprint(stored),
                    "stored": {api_name[name]: _figure(value) for name, value in stored.items()},
                }
            elif change is Change.SAVE:
                changed.extend(forms)
        if conflicts:
            return _conflicts(conflicts)
        with one_save():
            outcome = grid_save(changed, _line_writer(grid, changed))
        if not outcome.ok:
            return _invalid(
                {
                    path: _bilingual(form.errors)
                    for row, _key, _line, forms in entries
                    for form in forms
                    if form.errors
                    for path in [row["path"]]
                }
            )
        fresh = BudgetGrid(agency, year, keys=())
        figures = _budget_figures(report_build(agency=agency, year=year), quarter)
        return Response(
            {
                "saved": len({form.owner.pk for form in changed}),
                "rows": [
                    {
                        "path": row["path"],
                        "version": _budget_version(fresh.existing.get(key), quarter),
                        **figures.get(row["path"], {}),
                    }
                    for row, key, _line, _forms in entries
                ],
            }
        )


# --- evidence files ------------------------------------------------------------------------------------------
def _evidence_rows(request, agency, files) -> list[dict]:
    return [
        {
            "id": item.pk,
            "name": item.original_name,
            "size": item.size,
            "type": item.content_type,
            "description": item.description,
            "uploaded_at": item.uploaded_at,
            "uploaded_by": item.uploaded_by.get_username() if item.uploaded_by else None,
            "download": request.build_absolute_uri(
                reverse("indicators:evidence_download", args=[agency.code, item.pk])
            ),
        }
        for item in files
    ]


def _evidence_etag(indicator: Indicator, year: int, quarter: int) -> str:
    """The tag of an indicator's evidence list for a period, from the stored files' rows (one query)."""
    files = (
        EvidenceFile.objects.filter(indicator=indicator, year=year, quarter=quarter)
        .order_by("pk")
        .values_list(
            "pk", "original_name", "size", "content_type", "description", "uploaded_at", "uploaded_by"
        )
    )
    return make_etag("evidence", indicator.pk, year, quarter, repr(list(files)))


class Evidence(APIView):
    """The evidence files (bukti dukung) of one indicator for a period: list, and upload (multipart: `file`, one or
    more, and `description`), checked as on the screen (size limit, the content must match the extension)."""

    parser_classes = [MultiPartParser]

    def _indicator(self, agency, year: int, code: str) -> Indicator:
        indicator = Indicator.objects.filter(plan=plan_or_404(agency, year), code=code).first()
        if indicator is None:
            raise Http404("Indikator tidak ditemukan. / Indicator not found.")
        return indicator

    def _files(self, indicator, year: int, quarter: int):
        return EvidenceFile.objects.filter(indicator=indicator, year=year, quarter=quarter).select_related(
            "uploaded_by"
        )

    @extend_schema(
        parameters=[IF_NONE_MATCH], responses={200: shapes.EvidenceList, 304: NOT_MODIFIED, **READ_ERRORS}
    )
    def get(self, request, code: str, year: int, quarter: int, indicator: str):
        _check_quarter(quarter)
        agency = api_agency(request, code, year=year, quarter=quarter)
        found = self._indicator(agency, year, indicator)

        def build() -> Response:
            files = self._files(found, year, quarter)
            return Response(
                {
                    "indicator": found.code,
                    "year": year,
                    "quarter": quarter,
                    "files": _evidence_rows(request, agency, files),
                }
            )

        return conditional(request, build, _evidence_etag(found, year, quarter))

    @extend_schema(
        parameters=[IF_MATCH],
        request={"multipart/form-data": shapes.EvidenceUpload},
        responses={201: shapes.EvidenceStored, 200: shapes.EvidenceStored, **WRITE_ERRORS},
    )
    def post(self, request, code: str, year: int, quarter: int, indicator: str):
        _check_quarter(quarter)
        with _agency_write(code):
            agency = api_agency(request, code, year=year, quarter=quarter, write=True)
            found = self._indicator(agency, year, indicator)
            return _conditional_write(
                request,
                lambda: _evidence_etag(found, year, quarter),
                lambda: self._upload(request, agency, found, year, quarter),
            )

    def _upload(self, request, agency, found: Indicator, year: int, quarter: int) -> Response:
        form = EvidenceForm(request.POST, request.FILES)
        if form.is_valid() and not form.cleaned_data["file"]:  # the form takes an empty list as valid
            form.add_error("file", "Kirim paling sedikit satu berkas. / Send at least one file.")
        if not form.is_valid():
            return Response(
                {
                    "detail": "Berkas ditolak; tidak ada yang disimpan. / Files refused; nothing saved.",
                    **_bilingual(form.errors),
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        stored, repeated = store_evidence(request.user, found, year, quarter, form.cleaned_data)
        files = self._files(found, year, quarter)
        return Response(
            {
                "indicator": found.code,
                "year": year,
                "quarter": quarter,
                "stored": stored,
                "repeated": repeated,
                "files": _evidence_rows(request, agency, files),
            },
            status=status.HTTP_201_CREATED if stored else status.HTTP_200_OK,
        )
