"""What reads and writes evaluations beyond one model: which rubric a Pemda evaluates with, an agency's
evaluation of a year (started on first use), the answers as the scoring reads them, and whether an evaluation may
still be written."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agencies.models import Agency, Government

from .models import Answer, Evaluation, RubricVersion
from .rubric import default_rubric_text, parsed_rubric, rubric_from_text


def default_rubric() -> RubricVersion:
    """The shipped rubric (LKE 88/2021), stored on first use so that evaluations can name it."""
    text = default_rubric_text()
    rubric = parsed_rubric(text)
    record = RubricVersion.objects.filter(government=None, code=rubric.code, version=rubric.version).first()
    if record is None:
        record, _created = RubricVersion.objects.get_or_create(
            government=None,
            code=rubric.code,
            version=rubric.version,
            defaults={"title": rubric.title, "text": text},
        )
    return record


def current_rubric(government: Government) -> RubricVersion:
    """The rubric a new evaluation of the Pemda starts with: its own newest variant, else the shipped default."""
    own = RubricVersion.objects.filter(government=government).order_by("-loaded_at", "-pk").first()
    return own or default_rubric()


def load_rubric(government: Government | None, text: str, user=None) -> RubricVersion:
    """Store a rubric variant (checked first: `RubricError` lists every problem); a code and version already
    loaded for the Pemda is refused, so that evaluations never change under the inspectorate's feet."""
    rubric = rubric_from_text(text)
    if RubricVersion.objects.filter(government=government, code=rubric.code, version=rubric.version).exists():
        raise ValidationError(
            _("Rubrik %(code)s versi %(version)s sudah dimuat. / This rubric version is already loaded.")
            % {"code": rubric.code, "version": rubric.version}
        )
    return RubricVersion.objects.create(
        government=government,
        code=rubric.code,
        version=rubric.version,
        title=rubric.title,
        text=text,
        loaded_by=user,
    )


def evaluation_for(agency: Agency, year: int, *, create: bool = True) -> Evaluation | None:
    """The agency's evaluation of the year, with its rubric; started (with the Pemda's current rubric) on first
    use when `create`."""
    evaluation = (
        Evaluation.objects.select_related("rubric", "agency__government")
        .filter(agency=agency, year=year)
        .first()
    )
    if evaluation is None and create:
        with transaction.atomic():
            evaluation, _created = Evaluation.objects.select_related("rubric").get_or_create(
                agency=agency, year=year, defaults={"rubric": current_rubric(agency.government)}
            )
    return evaluation


def answers_of(evaluation: Evaluation) -> dict[str, Answer]:
    return {answer.criterion: answer for answer in evaluation.answers.all()}


def self_answers(answers: dict[str, Answer]) -> dict[str, str | None]:
    return {code: answer.self_answer or None for code, answer in answers.items()}


def evaluator_answers(answers: dict[str, Answer]) -> dict[str, str | None]:
    return {code: answer.evaluator_answer or None for code, answer in answers.items()}


def writable_message(evaluation: Evaluation) -> str | None:
    """Why the evaluation's answers, notes and recommendations may not be written now (None: they may)."""
    if evaluation.issued:
        return _(
            "LHE sudah diterbitkan; jawaban dan rekomendasi tidak dapat diubah kecuali LHE dibuka kembali. / "
            "The LHE has been issued; answers and recommendations are frozen unless it is reopened."
        )
    return None
