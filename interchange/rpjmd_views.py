"""The RPJMD file (`sakip-rpjmd/1`, interchange/rpjmd_dataset.py) in the browser, on the Pemda's RPJMD screens:
downloaded by the Pemda-wide roles as `manage.py export_rpjmd` writes it, imported by the Pemda's administrators
as `manage.py import_rpjmd` does (all or nothing, in one transaction holding the Pemda's row like every RPJMD
write: `workspace.views.rpjmd.serialised`)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from interchange.dataset.validation import DatasetError, Problem, parse_json
from interchange.exporter import dumps
from interchange.rpjmd_dataset import rpjmd_export, rpjmd_import
from workspace.access import pemda_view
from workspace.forms.rpjmd import RpjmdUploadForm
from workspace.views.rpjmd import back_to_plan, plan_of, serialised

# The screen's words for `import_rpjmd --replace`, ending the refusal of an RPJMD that exists (Indonesian, English).
HOW_TO_REPLACE = (
    'centang "Ganti RPJMD …" untuk menggantinya',
    'tick "Ganti RPJMD …" (replace) to replace it',
)


@pemda_view
@require_safe
def download(request, government, plan):
    """The RPJMD as a `sakip-rpjmd/1` file, the bytes `manage.py export_rpjmd` writes: to keep, to move to another
    installation, to import again after editing."""
    plan = plan_of(government, plan)
    plan.government = government
    response = HttpResponse(
        dumps(rpjmd_export(plan)).encode(), content_type="application/json; charset=utf-8"
    )
    name = f"RPJMD-{government.code}-{plan.start_year}-{plan.end_year}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _file_problems(data, government) -> list[Problem]:
    """A file of another Pemda is refused whole: this page writes this Pemda's RPJMD only."""
    named = data.get("government") if isinstance(data, dict) else None
    code = named.get("code") if isinstance(named, dict) else None
    if isinstance(code, str) and code != government.code:
        return [
            Problem(
                "$.government.code",
                f"Berkas ini RPJMD Pemda {code}, bukan {government.code}. / "
                f"This file is the RPJMD of {code}, not of {government.code}.",
            )
        ]
    return []


@serialised
@pemda_view(administer=True)
@require_http_methods(["GET", "HEAD", "POST"])
def upload(request, government):
    """Import a `sakip-rpjmd/1` file, all or nothing, as `manage.py import_rpjmd` does: every problem is listed
    with its place in the file and nothing is saved; links to agency sasaran or indicators not found are left out
    and said. An RPJMD of the same period and revision is replaced only when asked."""
    posted = request.method == "POST"
    form = RpjmdUploadForm(request.POST if posted else None, request.FILES if posted else None)
    problems: list[Problem] = []
    if posted and form.is_valid():
        try:
            data = parse_json(form.cleaned_data["file"].read())
            problems = _file_problems(data, government)
            summary = (
                None
                if problems
                else rpjmd_import(data, replace=form.cleaned_data["replace"], how_to_replace=HOW_TO_REPLACE)
            )
        except UnicodeDecodeError:
            problems = [Problem("$", "Berkas bukan teks UTF-8. / The file is not UTF-8 text.")]
        except DatasetError as error:
            problems = error.problems
        else:
            if summary is not None:
                counts = ", ".join(f"{n} {name}" for name, n in summary.counts.items())
                done = (
                    _("RPJMD %(plan)s diganti: %(counts)s.")
                    if summary.replaced
                    else _("RPJMD %(plan)s diimpor: %(counts)s.")
                )
                messages.success(request, done % {"plan": summary.plan, "counts": counts})
                for warning in summary.warnings:
                    messages.warning(request, str(warning))
                return redirect(back_to_plan(government, summary.plan))
    return render(
        request,
        "pemda/rpjmd/import.html",
        {"government": government, "can_administer": True, "form": form, "problems": problems},
        status=400 if problems or form.errors else 200,
    )
