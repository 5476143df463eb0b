"""What the reading API answers, field by field: the shapes the OpenAPI schema names (`/api/schema/`).

Figures travel as text, never as floats: a stored figure exactly as kept (`Figure`: "1715", "0.1", "22511784601.5"),
a computed one (capaian, NRR, IKM) half-up to 2 places as the `sakip-report/1` json prints it (`Computed`)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sakip.numbers import canonical_str, report_str

DECIMAL_TEXT = {"type": "string", "format": "decimal", "example": "1715.5"}


@extend_schema_field(DECIMAL_TEXT)
class Figure(serializers.Field):
    """A stored figure as plain decimal text, not rounded, no exponent, no trailing zeros; null when empty."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return canonical_str(value)


@extend_schema_field(DECIMAL_TEXT)
class Computed(Figure):
    """A computed figure, half-up to 2 places ("78.42"); null when it cannot be computed."""

    def to_representation(self, value):
        return report_str(value)


# --- root, agencies, Pemda ----------------------------------------------------------------------------------------
class RootSerializer(serializers.Serializer):
    agencies = serializers.URLField(help_text="Perangkat daerah yang terlihat. / The agencies you may see.")
    pemda = serializers.URLField(
        help_text="Pemda yang dasbornya terbuka bagi Anda. / Pemda whose dashboard you see."
    )
    schema = serializers.URLField()
    docs = serializers.URLField()
    agency_links = serializers.DictField(
        child=serializers.CharField(),
        help_text="Pola URL per perangkat daerah. / URL patterns of an agency's lists ({code}, {year}).",
    )


class GovernmentRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class GovernmentSerializer(GovernmentRefSerializer):
    level = serializers.CharField()
    agencies = serializers.IntegerField(help_text="Jumlah perangkat daerah. / Number of agencies.")
    years = serializers.ListField(
        child=serializers.IntegerField(), help_text="Tahun yang dicakup Renstra. / Years the plans cover."
    )


class AgencySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    government = GovernmentRefSerializer()
    url = serializers.URLField()


class PlanPeriodSerializer(serializers.Serializer):
    start_year = serializers.IntegerField()
    end_year = serializers.IntegerField()
    revision = serializers.CharField()


class YearStateSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    state = serializers.CharField(help_text="draft, submitted, returned, resubmitted, approved")
    state_label = serializers.CharField()


class AgencyDetailSerializer(AgencySerializer):
    address = serializers.CharField()
    head_name = serializers.CharField()
    plans = PlanPeriodSerializer(many=True)
    reviews = YearStateSerializer(many=True, help_text="Status reviu per tahun. / Review state per year.")
    links = serializers.DictField(
        child=serializers.CharField(), help_text="{year}: tahun laporan. / {year}: the report's year."
    )


# --- the plan tree --------------------------------------------------------------------------------------------------
class ObjectiveNodeSerializer(serializers.Serializer):
    code = serializers.CharField()
    statement = serializers.CharField()
    indicators = serializers.ListField(
        child=serializers.CharField(), help_text="Kode indikator. / Indicator codes."
    )


class GoalNodeSerializer(ObjectiveNodeSerializer):
    objectives = ObjectiveNodeSerializer(many=True)


class SubActivityNodeSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    indicators = serializers.ListField(child=serializers.CharField())


class ActivityNodeSerializer(SubActivityNodeSerializer):
    sub_activities = SubActivityNodeSerializer(many=True)


class ProgramNodeSerializer(SubActivityNodeSerializer):
    objectives = serializers.ListField(
        child=serializers.CharField(),
        help_text="Kode sasaran yang didukung. / Codes of the sasaran it serves.",
    )
    activities = ActivityNodeSerializer(many=True)


class PlanSerializer(PlanPeriodSerializer):
    vision = serializers.CharField()
    goals = GoalNodeSerializer(many=True)
    programs = ProgramNodeSerializer(many=True)


# --- indicators, targets, realisations ------------------------------------------------------------------------------
class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    statement = serializers.CharField(source="name")
    level = serializers.CharField(help_text="goal, objective, program, activity, sub_activity")
    owner = serializers.CharField(source="owner.code", help_text="Kode pemiliknya. / The owner's code.")
    unit = serializers.CharField()
    kind = serializers.CharField(help_text="percent, number, currency, index, grade")
    polarity = serializers.CharField()
    computation = serializers.CharField(help_text="direct, ratio, growth")
    multiplier = Figure()
    cumulative = serializers.BooleanField()
    quarter_mode = serializers.CharField()
    is_key = serializers.BooleanField(help_text="IKU")
    formula = serializers.CharField()
    data_source = serializers.CharField()
    baseline_year = serializers.IntegerField(allow_null=True)
    baseline = serializers.SerializerMethodField(help_text="Angka atau huruf. / A figure or a grade.")
    plan = PlanPeriodSerializer()

    @extend_schema_field({"type": "string", "nullable": True, "example": "88.5"})
    def get_baseline(self, indicator) -> str | None:
        return indicator.baseline_grade or canonical_str(indicator.baseline_value)


class TargetSerializer(serializers.Serializer):
    indicator = serializers.CharField(source="indicator.code")
    kind = serializers.CharField(help_text="renstra, pk, pk_revised, quarter (Rencana Aksi)")
    year = serializers.IntegerField()
    quarter = serializers.IntegerField(help_text="0 = tahunan / the year; 1–4 for kind quarter")
    value = Figure()
    grade = serializers.CharField()
    revision_reason = serializers.CharField()


class RealisationSerializer(serializers.Serializer):
    """A realisation from the row `RealisationList` reads (`QuerySet.values`, the indicator's code beside it).

    Written out field by field for speed: a page of 1 000 rows through each field's own `to_representation`
    costs five times as much. `tests/api/test_reads.py` proves the two give the same answer."""

    indicator = serializers.CharField(source="indicator__code")
    year = serializers.IntegerField()
    quarter = serializers.IntegerField(help_text="0 = tahunan / the year")
    value = Figure()
    grade = serializers.CharField()
    numerator = Figure()
    denominator = Figure()
    status = serializers.CharField(help_text="final, provisional")
    unit = serializers.CharField(help_text="Kosong: satuan indikator. / Empty: the indicator's unit.")
    note = serializers.CharField()
    analysis = serializers.CharField()
    updated = serializers.DateTimeField(allow_null=True, help_text="Perubahan terakhir. / Last change.")

    def to_representation(self, instance):
        row = instance
        updated = row["updated"]
        return {
            "indicator": row["indicator__code"],
            "year": row["year"],
            "quarter": row["quarter"],
            "value": canonical_str(row["value"]),
            "grade": row["grade"],
            "numerator": canonical_str(row["numerator"]),
            "denominator": canonical_str(row["denominator"]),
            "status": row["status"],
            "unit": row["unit"],
            "note": row["note"],
            "analysis": row["analysis"],
            "updated": None if updated is None else self.fields["updated"].to_representation(updated),
        }

    def field_by_field(self, instance):
        """The answer as DRF builds it from the declared fields (what `to_representation` must equal)."""
        return super().to_representation(instance)


# --- budget lines ---------------------------------------------------------------------------------------------------
class BudgetLineSerializer(serializers.Serializer):
    level = serializers.CharField(help_text="activity, sub_activity")
    program = serializers.CharField(source="program_code", help_text="Kode program. / Program code.")
    activity = serializers.CharField(source="activity_code", help_text="Kode kegiatan. / Kegiatan code.")
    sub_activity = serializers.CharField(
        source="sub_activity_code", allow_null=True, help_text="Kode sub kegiatan. / Sub kegiatan code."
    )
    name = serializers.CharField(source="owner_name")
    year = serializers.IntegerField()
    ceiling_original = Figure(help_text="Pagu murni.")
    ceiling_rationalised = Figure(help_text="Pagu rasionalisasi.")
    ceiling_revised = Figure(help_text="Pagu perubahan.")
    ceiling_plan = Figure(help_text="Pagu indikatif Renstra.")
    spent = Figure(help_text="Realisasi anggaran. / Spent in the year.")
    spent_q1 = Figure()
    spent_q2 = Figure()
    spent_q3 = Figure()
    spent_q4 = Figure()
    planned_q1 = Figure(help_text="Anggaran kas TW I.")
    planned_q2 = Figure()
    planned_q3 = Figure()
    planned_q4 = Figure()
    physical_progress = Figure(help_text="Realisasi fisik (%).")
    physical_q1 = Figure()
    physical_q2 = Figure()
    physical_q3 = Figure()
    physical_q4 = Figure()


# --- surveys --------------------------------------------------------------------------------------------------------
class MutuSerializer(serializers.Serializer):
    letter = serializers.CharField()
    label = serializers.CharField()


class SurveyElementSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    total = Figure(help_text="Jumlah nilai. / Sum of scores.")
    answered = Figure(help_text="Kuesioner terjawab. / Questionnaires answered.")
    nrr = Computed()
    weighted = Computed()
    converted = Computed(help_text="NRR × 25.")
    mutu = MutuSerializer(allow_null=True)
    priority = serializers.BooleanField()


class SurveySerializer(serializers.Serializer):
    year = serializers.IntegerField()
    conducted_by = serializers.CharField()
    indicator = serializers.CharField(allow_null=True)
    respondents = serializers.IntegerField(help_text="Kuesioner yang diunggah. / Questionnaires uploaded.")
    weight = serializers.CharField()
    scale = serializers.CharField()
    ikm = Computed()
    skm = Computed()
    mutu = MutuSerializer(allow_null=True)
    declared_ikm = serializers.CharField()
    declared_skm = serializers.CharField()
    elements = SurveyElementSerializer(many=True)


# --- review ---------------------------------------------------------------------------------------------------------
class ReviewEventSerializer(serializers.Serializer):
    action = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    actor = serializers.CharField(allow_null=True)
    note = serializers.CharField()
    at = serializers.DateTimeField()


class EntryWindowSerializer(serializers.Serializer):
    quarter = serializers.IntegerField()
    deadline = serializers.DateField(allow_null=True)
    extended_until = serializers.DateField(allow_null=True)
    open = serializers.BooleanField()


class ReviewSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    state = serializers.CharField()
    state_label = serializers.CharField()
    frozen = serializers.BooleanField(help_text="Tahun hanya-baca. / The year is read-only.")
    can_edit = serializers.BooleanField(help_text="Anda boleh menulis. / You may write now.")
    open_comments = serializers.IntegerField()
    comments = serializers.IntegerField()
    windows = EntryWindowSerializer(many=True)
    events = ReviewEventSerializer(many=True)


# --- the Pemda dashboard --------------------------------------------------------------------------------------------
class PredicateSerializer(serializers.Serializer):
    label = serializers.CharField()
    colour = serializers.CharField()


class ObjectiveMarkSerializer(serializers.Serializer):
    code = serializers.CharField()
    statement = serializers.CharField()
    capaian = Computed()
    predicate = PredicateSerializer(allow_null=True)


class DashboardRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    has_report = serializers.BooleanField()
    objectives = ObjectiveMarkSerializer(many=True)
    capaian = Computed()
    predicate = PredicateSerializer(allow_null=True)
    ceiling = Computed()
    spent = Computed()
    absorption = Computed()
    basis = serializers.CharField(help_text="quarterly, annual")
    milestone = Computed()
    milestone_gap = Computed()
    entered = serializers.IntegerField()
    indicator_count = serializers.IntegerField()
    entered_pct = Computed()
    errors = serializers.IntegerField()
    warnings = serializers.IntegerField()
    review_state = serializers.CharField()
    last_change = serializers.DateTimeField(allow_null=True)


class DashboardSerializer(serializers.Serializer):
    government = GovernmentRefSerializer()
    year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    capaian = Computed()
    predicate = PredicateSerializer(allow_null=True)
    ceiling = Computed()
    spent = Computed()
    absorption = Computed()
    milestone = Computed()
    milestone_gap = Computed()
    entered = serializers.IntegerField()
    indicator_count = serializers.IntegerField()
    errors = serializers.IntegerField()
    warnings = serializers.IntegerField()
    states = serializers.DictField(child=serializers.IntegerField())
    rows = DashboardRowSerializer(many=True)
