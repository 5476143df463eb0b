"""Renstra screens: the document and its downloads, its narratives, the indicative funding grid, frozen
revisions and their comparison, and the plan checks linked to the screens that hold the data.

Every view goes through `agency_view`: another agency's plan is a 404, and only the agency's planners (and
admins) may write; everyone who sees the agency reads.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from agencies.writes import serialised_writes
from budgets.models import MONEY_FIELDS, Activity, BudgetLine, Program, SubActivity
from indicators.models import Goal, Objective
from reports.models import PlanNarrative, PlanRevision, ProgramFunding
from reports.readmodel.types import Finding, ReportUnavailable
from reports.registry import RENSTRA, render_input
from reports.rendering import RenderInput
from reports.renstra.build import renstra_build
from reports.renstra.diff import revision_diff
from reports.renstra.document import RENSTRA_SECTIONS, RenstraDocument
from reports.renstra.render import renstra_html
from reports.renstra.snapshot import plan_snapshot
from sakip.forms import MoneyField, RowForm, model_bounds, row_id
from sakip.grids import grid_messages, grid_save
from workspace.access import agency_view
from workspace.shell import workspace_context
from workspace.views import pdf as pdf_views
from workspace.views.lkjip import XLSX, narrative_grid

CURRENT = "current"


def _document(agency, *, review: bool = True) -> RenstraDocument:
    try:
        return renstra_build(agency=agency, review=review)
    except ReportUnavailable as error:
        raise Http404(str(error)) from error


def _filename(doc: RenstraDocument, suffix: str) -> str:
    return RENSTRA.filename(doc.agency, None, doc, suffix)


def _download(content, doc, suffix, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{_filename(doc, suffix)}"'
    return response


# --- the document --------------------------------------------------------------------------------------------
@agency_view
def renstra(request, agency):
    """The Renstra as a web page (the same HTML the PDF is made of)."""
    return HttpResponse(renstra_html(_document(agency), request=request))


@agency_view
def renstra_html_download(request, agency):
    doc = _document(agency)
    return _download(renstra_html(doc, for_print=True), doc, "html", "text/html")


def _renstra_pdf(agency) -> pdf_views.PdfDocument:
    def build() -> RenderInput:
        try:
            return render_input(RENSTRA, agency, None)
        except ReportUnavailable as error:
            raise Http404(str(error)) from error

    return pdf_views.PdfDocument(
        kind=RENSTRA.pdf_kind,
        agency=agency,
        year=None,
        title="Renstra",
        download_url=reverse("reports:renstra_pdf", args=[agency.code]),
        status_url=reverse("reports:renstra_pdf_status", args=[agency.code]),
        build=build,
    )


@agency_view
def renstra_pdf_prepare(request, agency):
    """Asked by the document page once shown: the PDF is queued (see views.lkjip_pdf_prepare)."""
    return pdf_views.prepare(request, _renstra_pdf(agency))


@agency_view
def renstra_pdf_download(request, agency):
    return pdf_views.download(request, _renstra_pdf(agency))


@agency_view
def renstra_pdf_status(request, agency):
    return pdf_views.status(request, _renstra_pdf(agency))


@agency_view
def renstra_xlsx_download(request, agency):
    doc = _document(agency)
    return _download(RENSTRA.workbook(doc), doc, "xlsx", XLSX)


@agency_view
def renstra_json_download(request, agency):
    doc = _document(agency)
    return _download(RENSTRA.json(doc), doc, "json", "application/json")


# --- the plan checks -------------------------------------------------------------------------------------------
def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def funding_anchor(key: str) -> str:
    return f"pendanaan-{_slug(key)}"


class _Links:
    """Where to fix a Renstra finding: the screen holding the data its path points at."""

    def __init__(self, doc: RenstraDocument):
        self.doc = doc
        plan = doc.plan
        code = doc.agency.code
        self.tree = reverse("indicators:plan", args=[code])
        self.targets = reverse("indicators:targets_renstra", args=[code])
        self.funding = reverse("reports:renstra_funding", args=[code])
        self.owners = {}  # path -> (anchor in the plan tree, label, funding key)
        pks = {
            "goal": dict(Goal.objects.filter(plan=plan).values_list("code", "pk")),
            "objective": dict(Objective.objects.filter(plan=plan).values_list("code", "pk")),
            "program": dict(Program.objects.filter(plan=plan).values_list("code", "pk")),
            "activity": {
                (p, a): pk
                for p, a, pk in Activity.objects.filter(program__plan=plan).values_list(
                    "program__code", "code", "pk"
                )
            },
        }
        for goal in doc.goals:
            self.owners[goal.path] = (f"tujuan-{pks['goal'].get(goal.code)}", f"Tujuan {goal.code}", "")
            for o in goal.objectives:
                self.owners[o.path] = (f"sasaran-{pks['objective'].get(o.code)}", f"Sasaran {o.code}", "")
        for program in doc.programs:
            for row in program.walk():
                if row.level == "program":
                    anchor = f"program-{pks['program'].get(row.code)}"
                elif row.level == "activity":
                    anchor = f"kegiatan-{pks['activity'].get((program.code, row.code))}"
                else:
                    anchor = ""
                label = {"program": "Program", "activity": "Kegiatan"}.get(row.level, "Sub kegiatan")
                self.owners[row.path] = (anchor, f"{label} {row.code}", row.key)
        self.indicators = {i.row.path: i.code for i in doc.indicators}

    def __call__(self, finding: Finding) -> tuple[str, str]:
        path = finding.path
        if ".targets" in path:
            code = self.indicators.get(path.split(".targets", 1)[0])
            return f"{self.targets}#indikator-{code}", _("Target Renstra %(code)s") % {"code": code}
        owner_path = path.split(".funding", 1)[0]
        anchor, label, key = self.owners.get(owner_path, ("", "", ""))
        if ".funding" in path or finding.code == "renstra-funding-missing":
            return f"{self.funding}#{funding_anchor(key)}" if key else self.funding, _(
                "Pendanaan %(label)s"
            ) % {"label": label}
        if label:
            return f"{self.tree}#{anchor}", label
        return self.funding, _("Pendanaan")


@agency_view
def renstra_review(request, agency):
    """The Renstra hub: its revision, downloads and the plan checks, each linked to where its data is entered."""
    doc = _document(agency, review=False)
    link = _Links(doc)
    findings = [(finding, link(finding)) for finding in doc.checks]
    context = workspace_context(
        request,
        agency,
        section="renstra",
        renstra_tab="review",
        doc=doc,
        plan=doc.plan,
        findings=findings,
        errors=sum(1 for f in doc.checks if f.level == "error"),
        frozen=PlanRevision.objects.filter(plan=doc.plan).count(),
    )
    return render(request, "reports/renstra/review.html", context)


# --- narratives ------------------------------------------------------------------------------------------------
@serialised_writes
@agency_view
def renstra_narratives(request, agency):
    doc = _document(agency)
    plan = doc.plan
    stored = {n.key: n.text for n in PlanNarrative.objects.filter(plan=plan)}

    def store(key, text):
        if text:
            PlanNarrative.objects.update_or_create(plan=plan, key=key, defaults={"text": text})
        else:
            PlanNarrative.objects.filter(plan=plan, key=key).delete()

    # What the document prints while a section is empty: the planner sees the first draft.
    drafts = {key: text for key, (text, is_generated) in doc.texts.items() if is_generated}
    saved, chapters = narrative_grid(request, RENSTRA_SECTIONS, stored, store, placeholders=drafts)
    if saved:
        return saved
    context = workspace_context(
        request,
        agency,
        section="renstra",
        renstra_tab="narratives",
        plan=plan,
        doc=doc,
        chapters=chapters,
    )
    return render(request, "reports/renstra/narratives.html", context)


# --- indicative funding ----------------------------------------------------------------------------------------
class FundingRowForm(RowForm):
    """One program (its funding as the signed document prints it) or kegiatan / sub kegiatan (its indicative
    funding, `BudgetLine.ceiling_plan`) with one money cell per year of the plan."""

    def __init__(self, data=None, *, years, stored, prefix, label):
        super().__init__(data, stored=stored, prefix=prefix)
        for year in years:
            # Both a program's printed funding and a kegiatan's ceiling_plan are money columns of 18,2.
            field = MoneyField(label=str(year), bounds=model_bounds(BudgetLine, "ceiling_plan"))
            field.widget.attrs["aria-label"] = f"{label} {year}"
            self.fields[f"y{year}"] = field
        self.value_fields = tuple(f"y{year}" for year in years)

    def cells(self):
        """(field, computed funding of the row that year): a program row shows the sum of its kegiatan."""
        return list(zip((self[name] for name in self.value_fields), self.row.funding, strict=True))


def _line_is_empty(line: BudgetLine) -> bool:
    """Nothing left on a budget line once its Renstra figure is removed (so the row can go)."""
    money = [getattr(line, f) for f in MONEY_FIELDS if f != "ceiling_plan"]
    declared = [
        getattr(line, f"declared_{f}")
        for f in ("ceiling", "spent", "absorption", "remaining", "remaining_pct")
    ]
    return all(v is None for v in money) and line.physical_progress is None and not any(declared)


@serialised_writes
@agency_view
def renstra_funding(request, agency):
    doc = _document(agency, review=False)
    plan, years = doc.plan, doc.years
    programs = {p.code: p for p in Program.objects.filter(plan=plan)}
    activities = {
        (a.program.code, a.code): a
        for a in Activity.objects.filter(program__plan=plan).select_related("program")
    }
    subs = {
        (s.activity.program.code, s.activity.code, s.code): s
        for s in SubActivity.objects.filter(activity__program__plan=plan).select_related("activity__program")
    }
    declared = {(f.program_id, f.year): f for f in ProgramFunding.objects.filter(program__plan=plan)}
    lines = {}
    for line in BudgetLine.objects.filter(activity__program__plan=plan):
        lines[("activity", line.activity_id, line.year)] = line
    for line in BudgetLine.objects.filter(sub_activity__activity__program__plan=plan):
        lines[("sub_activity", line.sub_activity_id, line.year)] = line
    data = request.POST if request.method == "POST" else None
    items = []
    for program in doc.programs:
        for row in program.walk():
            path = tuple(row.key.split("/"))
            if row.level == "program":
                owner = programs[row.code]
                stored = {f"y{y}": getattr(declared.get((owner.pk, y)), "amount", None) for y in years}
            elif row.children:
                owner, stored = None, None  # a kegiatan with sub kegiatan has no funding of its own
            else:
                owner = activities[path] if row.level == "activity" else subs[path]
                stored = {
                    f"y{y}": getattr(lines.get((row.level, owner.pk, y)), "ceiling_plan", None) for y in years
                }
            form = None
            if stored is not None:
                form = FundingRowForm(
                    data, years=years, stored=stored, prefix=f"f-{_slug(row.key)}", label=f"{row.code}"
                )
                form.owner, form.row = owner, row
            items.append({"row": row, "form": form, "anchor": funding_anchor(row.key)})
    forms_ = [item["form"] for item in items if item["form"] is not None]

    def write(form):
        owner, row = form.owner, form.row
        for year in years:
            value = form.cleaned_data.get(f"y{year}")
            if value == form.stored[f"y{year}"]:
                continue
            if row.level == "program":
                if value is None:
                    ProgramFunding.objects.filter(program=owner, year=year).delete()
                else:
                    ProgramFunding.objects.update_or_create(
                        program=owner, year=year, defaults={"amount": value}
                    )
                continue
            line = lines.get((row.level, owner.pk, year))
            if line is None:
                if value is not None:
                    BudgetLine.objects.create(**{row.level: owner}, year=year, ceiling_plan=value)
                continue
            line.ceiling_plan = value
            if value is None and _line_is_empty(line):
                line.delete()
            else:
                line.save(update_fields=["ceiling_plan"])

    if data is not None:
        outcome = grid_save(forms_, write)
        grid_messages(
            request,
            outcome,
            lambda n: (
                ngettext("%(n)d baris pendanaan disimpan.", "%(n)d baris pendanaan disimpan.", n) % {"n": n}
            ),
        )
        if outcome.ok:
            return redirect(request.get_full_path())
    context = workspace_context(
        request,
        agency,
        section="renstra",
        renstra_tab="funding",
        plan=plan,
        doc=doc,
        items=items,
        has_conflicts=any(f.conflict for f in forms_),
    )
    return render(request, "reports/renstra/funding.html", context)


# --- revisions -------------------------------------------------------------------------------------------------
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def next_revision_label(label: str) -> str:
    """The name of the next revision: "" → "Perubahan I", "Perubahan II" → "Perubahan III"."""
    match = re.fullmatch(r"\s*Perubahan\s+([IVX]+)\s*", label or "", flags=re.IGNORECASE)
    if match and match.group(1).upper() in ROMAN[:-1]:
        return f"Perubahan {ROMAN[ROMAN.index(match.group(1).upper()) + 1]}"
    if not match and (not label or label.lower() in ("renstra awal", "awal", "murni")):
        return "Perubahan I"
    return ""


class FreezeForm(forms.Form):
    label = forms.CharField(
        label=gettext_lazy("Nama revisi yang dibekukan"),
        max_length=100,
        help_text=gettext_lazy("Isi Renstra saat ini disimpan dengan nama ini untuk dibandingkan kelak."),
    )
    note = forms.CharField(
        label=gettext_lazy("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    next_revision = forms.CharField(
        label=gettext_lazy("Nama revisi berjalan berikutnya"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("Kosongkan bila nama revisi berjalan tidak berubah."),
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean_label(self):
        label = self.cleaned_data["label"].strip()
        if PlanRevision.objects.filter(plan=self.plan, label__iexact=label).exists():
            raise forms.ValidationError(
                _("Sudah ada revisi bernama %(label)s. / A revision with this name exists.")
                % {"label": label}
            )
        return label


def _summary(snapshot: dict) -> dict:
    owners = snapshot.get("owners", [])
    total = sum(
        (Decimal(v) for o in owners if o["level"] == "program" for v in o.get("funding", {}).values()),
        Decimal(0),
    )
    return {
        "indicators": len(snapshot.get("indicators", [])),
        "programs": sum(1 for o in owners if o["level"] == "program"),
        "activities": sum(1 for o in owners if o["level"] == "activity"),
        "funding": total,
    }


@serialised_writes
@agency_view
def renstra_revisions(request, agency):
    doc = _document(agency, review=False)
    plan = doc.plan
    form = FreezeForm(
        request.POST or None,
        plan=plan,
        initial={
            "label": plan.revision or "Renstra awal",
            "next_revision": next_revision_label(plan.revision),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                PlanRevision.objects.create(
                    plan=plan,
                    label=form.cleaned_data["label"],
                    note=form.cleaned_data["note"],
                    snapshot=plan_snapshot(doc),
                    created_by=request.user,
                )
                next_label = form.cleaned_data["next_revision"].strip()
                if next_label and next_label != plan.revision:
                    plan.revision = next_label
                    plan.save(update_fields=["revision"])
        except IntegrityError:
            form.add_error(
                "next_revision",
                _(
                    "Nama revisi ini sudah dipakai Renstra lain. / Another plan already uses this revision name."
                ),
            )
        else:
            messages.success(
                request,
                _("Revisi %(label)s dibekukan. Perubahan berikutnya dibandingkan terhadapnya.")
                % {"label": form.cleaned_data["label"]},
            )
            return redirect(request.path)
    revisions = [
        {"revision": r, "summary": _summary(r.snapshot)}
        for r in PlanRevision.objects.filter(plan=plan)
        .select_related("created_by")
        .order_by("-created_at", "-pk")
    ]
    context = workspace_context(
        request,
        agency,
        section="renstra",
        renstra_tab="revisions",
        plan=plan,
        doc=doc,
        form=form,
        revisions=revisions,
        current_summary=_summary(plan_snapshot(doc)),
    )
    return render(request, "reports/renstra/revisions.html", context)


def _state(doc, plan, choice):
    """(label, snapshot) of a side of the comparison: "current" or the id of a frozen revision of this plan."""
    if choice == CURRENT:
        return _("%(label)s (berjalan)") % {"label": doc.revision}, plan_snapshot(doc)
    pk = row_id(str(choice))
    if pk is None:
        raise Http404("Revisi tidak dikenal / unknown revision")
    revision = get_object_or_404(PlanRevision, plan=plan, pk=pk)
    return revision.label, revision.snapshot


@agency_view
def renstra_compare(request, agency):
    doc = _document(agency, review=False)
    plan = doc.plan
    frozen = list(PlanRevision.objects.filter(plan=plan).order_by("-created_at", "-pk"))
    choices = [(CURRENT, _("%(label)s (berjalan)") % {"label": doc.revision})] + [
        (str(r.pk), r.label) for r in frozen
    ]
    a = request.GET.get("a") or (str(frozen[0].pk) if frozen else None)
    b = request.GET.get("b") or CURRENT
    diff = old = new = None
    if a is not None:
        old_label, old = _state(doc, plan, a)
        new_label, new = _state(doc, plan, b)
        diff = revision_diff(old, new)
    else:
        old_label = new_label = ""
    context = workspace_context(
        request,
        agency,
        section="renstra",
        renstra_tab="revisions",
        plan=plan,
        doc=doc,
        choices=choices,
        a=a,
        b=b,
        old_label=old_label,
        new_label=new_label,
        diff=diff,
    )
    return render(request, "reports/renstra/compare.html", context)
