"""Forms of the Renstra editor: one model form per kind of plan element.

Uniqueness is checked here and not left to the database: the unique constraints involve `plan` (or the
parent), which is not a form field, so Django's own check skips them and a duplicate would end as a
500. Messages are
Indonesian first, then English, like those of `sakip.forms`.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import OrgUnit
from budgets.models import Activity, Program, SubActivity
from indicators.models import Goal, Indicator, Mission, Objective, Policy, StrategicPlan, Strategy
from review.guards import write_error
from rpjmd.models import RegionalObjective
from sakip.forms import LocalizedDecimalField, MeasureField, measure_units, model_bounds, period_error
from sakip.grades import DEFAULT_GRADE_SCALE, GRADE_SCALES
from sakip.numbers import NO_UNIT

MAX_PLAN_YEARS = 10

DUPLICATE_IN_PLAN = (
    "Kode %(code)s sudah dipakai di Renstra ini. / Code %(code)s is already used in this plan."
)
DUPLICATE_IN_PROGRAM = (
    "Kode %(code)s sudah dipakai di program ini. / Code %(code)s is already used in this program."
)
DUPLICATE_IN_ACTIVITY = (
    "Kode %(code)s sudah dipakai di kegiatan ini. / Code %(code)s is already used in this activity."
)
ACTIVITY_PREFIX = (
    "Kode kegiatan harus diawali kode program %(prefix)s diikuti titik (mis. %(prefix)s.2.01). / "
    "An activity code must start with the program code %(prefix)s and a dot (e.g. %(prefix)s.2.01)."
)
SUB_ACTIVITY_PREFIX = (
    "Kode sub kegiatan harus diawali kode kegiatan %(prefix)s diikuti titik (mis. %(prefix)s.0001). / "
    "A sub-activity code must start with the activity code %(prefix)s and a dot (e.g. %(prefix)s.0001)."
)


def _rows(n):
    return forms.Textarea(attrs={"rows": n})


class PlanForm(forms.ModelForm):
    """A form for one element of `plan`. The view sets the instance's plan and parent before validating."""

    def __init__(self, *args, plan: StrategicPlan, **kwargs):
        self.plan = plan
        super().__init__(*args, **kwargs)

    def unique_code(self, queryset, message: str) -> str:
        code = self.cleaned_data["code"]
        if queryset.filter(code=code).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(message, code="duplicate", params={"code": code})
        return code

    def prefixed_code(self, prefix: str, message: str) -> str:
        code = self.cleaned_data["code"]
        if not code.startswith(prefix + ".") or len(code) == len(prefix) + 1:
            raise forms.ValidationError(message, code="prefix", params={"prefix": prefix})
        return code

    def lock_field(self) -> str | None:
        """The field beside which a refusal by the year lock is shown (None: above the form)."""
        return None

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        # A row the report of a frozen year uses (review/guards.py): say why here, before the model guard refuses.
        error = write_error(self.instance)
        if error is not None:
            self.add_error(self.lock_field(), error.messages[0])


class PlanYearsForm(PlanForm):
    start_year = forms.IntegerField(label=_("Tahun awal"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("Tahun akhir"), min_value=2000, max_value=2100)

    class Meta:
        model = StrategicPlan
        fields = ["start_year", "end_year", "revision", "vision"]
        widgets = {"vision": _rows(3)}

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start is None or end is None:
            return data
        error = period_error(
            start,
            end,
            document="Renstra",
            document_en="A plan",
            max_years=MAX_PLAN_YEARS,
            taken=lambda: (
                StrategicPlan.objects.filter(
                    agency_id=self.instance.agency_id,
                    start_year=start,
                    end_year=end,
                    revision=data.get("revision", ""),
                )
                .exclude(pk=self.instance.pk)
                .exists()
            ),
        )
        if error is not None:
            self.add_error(*error)
        return data

    def lock_field(self) -> str | None:
        # A period that would drop (or change the figures of) a frozen year: shown beside the year changed.
        for name in ("start_year", "end_year"):
            if name in self.changed_data:
                return name
        return None


class MissionForm(PlanForm):
    class Meta:
        model = Mission
        fields = ["statement"]
        widgets = {"statement": _rows(2)}


class GoalForm(PlanForm):
    class Meta:
        model = Goal
        fields = ["code", "statement"]
        widgets = {"statement": _rows(2)}

    def clean_code(self):
        return self.unique_code(Goal.objects.filter(plan=self.plan), DUPLICATE_IN_PLAN)


class ObjectiveForm(PlanForm):
    class Meta:
        model = Objective
        fields = ["code", "statement", "mission", "rpjmd_objective", "rpjmd_goal"]
        widgets = {"statement": _rows(2), "rpjmd_goal": _rows(2)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the misi of this Renstra (another plan's misi would print in no BAB II).
        self.fields["mission"].queryset = Mission.objects.filter(plan=self.plan).order_by("position", "pk")
        # Only the RPJMD sasaran of the agency's own Pemda: another Pemda's id is refused as an invalid choice.
        self.fields["rpjmd_objective"].queryset = (
            RegionalObjective.objects.filter(plan__government_id=self.plan.agency.government_id)
            .select_related("plan")
            .order_by("-plan__start_year", "plan_id", "position", "pk")
        )
        self.fields["rpjmd_objective"].label_from_instance = lambda o: f"{o.plan} · {o.code} {o.statement}"

    def clean_code(self):
        return self.unique_code(Objective.objects.filter(plan=self.plan), DUPLICATE_IN_PLAN)


class StrategyForm(PlanForm):
    class Meta:
        model = Strategy
        fields = ["statement"]
        widgets = {"statement": _rows(2)}


class PolicyForm(PlanForm):
    class Meta:
        model = Policy
        fields = ["statement"]
        widgets = {"statement": _rows(2)}


class ProgramForm(PlanForm):
    class Meta:
        model = Program
        fields = ["code", "name", "objectives"]
        widgets = {"name": _rows(2), "objectives": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this plan's sasaran may be chosen: another plan's id in the POST is "not a valid choice".
        self.fields["objectives"].queryset = Objective.objects.filter(plan=self.plan).order_by(
            "goal__position", "position"
        )

    def clean_code(self):
        return self.unique_code(Program.objects.filter(plan=self.plan), DUPLICATE_IN_PLAN)


def _agency_units(form, name):
    """Only the agency's own organisation units may be responsible (another agency's id is refused)."""
    field = form.fields[name]
    field.queryset = OrgUnit.objects.filter(agency_id=form.plan.agency_id).order_by("position")
    field.label = _("Unit penanggung jawab")


class ActivityForm(PlanForm):
    class Meta:
        model = Activity
        fields = ["code", "name", "responsible_unit"]
        widgets = {"name": _rows(2)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _agency_units(self, "responsible_unit")

    def clean_code(self):
        program = self.instance.program
        self.prefixed_code(program.code, ACTIVITY_PREFIX)
        return self.unique_code(Activity.objects.filter(program=program), DUPLICATE_IN_PROGRAM)


class SubActivityForm(PlanForm):
    class Meta:
        model = SubActivity
        fields = ["code", "name"]
        widgets = {"name": _rows(2)}

    def clean_code(self):
        activity = self.instance.activity
        self.prefixed_code(activity.code, SUB_ACTIVITY_PREFIX)
        return self.unique_code(SubActivity.objects.filter(activity=activity), DUPLICATE_IN_ACTIVITY)


GRADE_ONLY = (
    "Nilai huruf hanya untuk indikator berjenis nilai huruf. / Letter grades are only for grade indicators."
)


class IndicatorForm(PlanForm):
    """Every field of an indicator. Baseline and national standard are a number or, for grades, a letter."""

    grade_scale = forms.ChoiceField(
        label=_("Skala nilai huruf"),
        required=False,
        choices=[("", "—"), *((code, code.upper()) for code in GRADE_SCALES)],
        help_text=_("Hanya untuk jenis nilai huruf."),
    )
    multiplier = LocalizedDecimalField(
        label=_("Pengali"),
        help_text=_("Mis. 100 untuk persen dari rasio."),
        bounds=model_bounds(Indicator, "multiplier"),
        units=NO_UNIT,
    )
    baseline = MeasureField(
        label=_("Kondisi awal"),
        grade_scale=DEFAULT_GRADE_SCALE,
        bounds=model_bounds(Indicator, "baseline_value"),
    )
    national_standard = MeasureField(
        label=_("Standar nasional"),
        grade_scale=DEFAULT_GRADE_SCALE,
        bounds=model_bounds(Indicator, "national_standard_value"),
    )
    baseline_year = forms.IntegerField(
        label=_("Tahun kondisi awal"), required=False, min_value=2000, max_value=2100
    )

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "unit",
            "kind",
            "grade_scale",
            "polarity",
            "is_key",
            "computation",
            "multiplier",
            "numerator_label",
            "denominator_label",
            "cumulative",
            "quarter_mode",
            "formula",
            "data_source",
            "responsible_unit",
            "baseline_year",
            "national_standard_kind",
            "national_standard_source",
        ]
        widgets = {
            "name": _rows(2),
            "numerator_label": _rows(1),
            "denominator_label": _rows(1),
            "formula": _rows(2),
            "data_source": _rows(1),
            "national_standard_source": _rows(1),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _agency_units(self, "responsible_unit")
        for name in ("national_standard_kind", "national_standard_source"):  # after the standard's value
            self.fields[name] = self.fields.pop(name)
        # Letters are read on the scale the planner picks in this very form.
        scale = self.data.get(self.add_prefix("grade_scale")) or self.instance.grade_scale
        if scale in GRADE_SCALES:
            self.fields["baseline"].grade_scale = scale
            self.fields["national_standard"].grade_scale = scale
        # Units too: "Rp" belongs to the figures of a currency indicator only (the kind picked in this form).
        kind = self.data.get(self.add_prefix("kind")) or self.instance.kind
        for name in ("baseline", "national_standard"):
            self.fields[name].units = measure_units(kind)
        self.initial.setdefault("baseline", self.instance.baseline_grade or self.instance.baseline_value)
        self.initial.setdefault(
            "national_standard",
            self.instance.national_standard_grade or self.instance.national_standard_value,
        )

    def clean_code(self):
        return self.unique_code(Indicator.objects.filter(plan=self.plan), DUPLICATE_IN_PLAN)

    def clean_multiplier(self):
        value = self.cleaned_data["multiplier"]
        if value == 0:
            raise forms.ValidationError(
                "Pengali tidak boleh nol; kosongkan bila tidak ada. / The multiplier must not be zero; "
                "leave it empty if there is none.",
                code="zero",
            )
        return value

    def clean(self):
        data = super().clean()
        is_grade = data.get("kind") == Indicator.Kind.GRADE
        data["grade_scale"] = (data.get("grade_scale") or DEFAULT_GRADE_SCALE) if is_grade else ""
        if is_grade and data.get("quarter_mode") == Indicator.QuarterMode.INCREMENT:
            self.add_error(
                "quarter_mode",
                'Nilai huruf tidak dapat dijumlahkan antar triwulan; pilih "Posisi (TW terakhir)" atau '
                "kosongkan. / Letter grades cannot be added up across quarters; choose the level mode or leave "
                "it empty.",
            )
        if data.get("computation") == Indicator.Computation.RATIO:
            for name in ("numerator_label", "denominator_label"):
                if not data.get(name):
                    self.add_error(
                        name,
                        "Wajib diisi untuk indikator rasio. / Required for a ratio indicator.",
                    )
        for name in ("baseline", "national_standard"):
            if isinstance(data.get(name), str) and not is_grade:
                self.add_error(name, GRADE_ONLY)
        return data

    def save(self, commit=True):
        self.instance.baseline_value, self.instance.baseline_grade = _split(self.cleaned_data.get("baseline"))
        self.instance.national_standard_value, self.instance.national_standard_grade = _split(
            self.cleaned_data.get("national_standard")
        )
        return super().save(commit)


def _split(measure: Decimal | str | None) -> tuple[Decimal | None, str]:
    """A measure as the model stores it: (value, grade), exactly one of them set (or neither)."""
    if isinstance(measure, str):
        return None, measure
    return measure, ""
