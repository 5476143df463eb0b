"""The Pemda's evaluation rubrics (/pemda/<code>/kelola/rubrik/): the shipped default (LKE 88/2021) and the Pemda's
own variants, which one new evaluations start with, each downloadable verbatim; and the upload of a variant
(sakip-rubric/1, docs/evaluation.md), checked whole (every problem listed by its JSON path, nothing stored).

Who: the inspectorate, who evaluates with the rubric, may load one as well as the Pemda's administrators
(`workspace.access.may_load_rubric`, given to `pemda_view` as who may POST); anyone else who sees the Pemda reads.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from evaluation.models import RubricVersion
from evaluation.rubric import RubricError
from evaluation.services import current_rubric, default_rubric, load_rubric
from workspace.access import may_load_rubric, pemda_view

# The shipped rubric is 36 KB; a variant a hundred times larger is no rubric.
MAX_RUBRIC_BYTES = 1024 * 1024


# The inspectorate, who evaluates with the rubric, loads one as well as the Pemda's administrators.
rubric_view = pemda_view(
    writers=may_load_rubric,
    refusal=(
        "Hanya inspektorat dan admin Pemda yang dapat memuat rubrik. / "
        "Only the inspectorate and the Pemda's administrators may load a rubric."
    ),
)


class RubricUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Berkas rubrik (JSON, sakip-rubric/1)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json", "class": "form-control"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_RUBRIC_BYTES:
            raise ValidationError(
                _("Berkas lebih dari %(kb)s KB. / The file is larger than %(kb)s KB.")
                % {"kb": MAX_RUBRIC_BYTES // 1024}
            )
        try:
            return upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError(_("Berkas bukan teks UTF-8. / The file is not UTF-8 text.")) from None


def _rubrics(government):
    default_rubric()  # the shipped rubric is listed (and stored, as on first use) even before any evaluation
    return list(
        RubricVersion.objects.filter(Q(government=None) | Q(government=government))
        .select_related("loaded_by")
        .order_by("government_id", "code", "-version", "pk")
    )


@rubric_view
@require_http_methods(["GET", "HEAD", "POST"])
def rubrics(request, government):
    form = RubricUploadForm()
    problems: list[str] = []
    if request.method == "POST":
        form = RubricUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                with transaction.atomic():
                    record = load_rubric(government, form.cleaned_data["file"], request.user)
            except RubricError as error:
                problems = error.problems
            except ValidationError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _(
                        "Rubrik %(code)s versi %(version)s dimuat; evaluasi baru memakainya. / Loaded; new evaluations use it."
                    )
                    % {"code": record.code, "version": record.version},
                )
                return redirect("pemda:admin_rubrics", code=government.code)
    used = current_rubric(government)
    rows = [
        {"record": record, "criteria": len(record.rubric.criteria), "current": record.pk == used.pk}
        for record in _rubrics(government)
    ]
    return render(
        request,
        "pemda/admin/rubrics.html",
        {
            "government": government,
            "section": "rubrics",
            # The base's read-only notice speaks of this screen's writes: loading a rubric.
            "can_administer": request.can_post,
            "rows": rows,
            "form": form,
            "problems": problems,
            "max_kb": MAX_RUBRIC_BYTES // 1024,
        },
    )


@rubric_view
@require_safe
def rubric_json(request, government, pk: int):
    record = RubricVersion.objects.filter(Q(government=None) | Q(government=government), pk=pk).first()
    if record is None:
        raise Http404("Rubrik tidak ditemukan / rubric not found")
    response = HttpResponse(record.text.encode("utf-8"), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{record.code}-v{record.version}.json"'
    return response
