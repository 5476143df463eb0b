"""The Pemda's figures from its agencies' rows: the mean of the agencies' capaian, absorption as total realisation
over total pagu (not a mean of shares), the quarter's milestone, sorting and filtering the rows."""

import datetime
from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from indicators.predicates import declared_scales
from reports.pemda.standing import AgencyStanding, filtered_rows, pemda_standing, sorted_rows

SCALE = declared_scales("permendagri-86-2017").main


def row(
    code, *, capaian=None, ceiling=None, spent=None, state="draft", entered=0, total=0, changed=None, **kw
):
    absorption = spent * 100 / ceiling if ceiling and spent is not None else None
    milestone = kw.pop("milestone", D(40))
    return AgencyStanding(
        pk=hash(code) % 1000,
        code=code,
        name=kw.pop("name", f"Dinas {code}"),
        short_name=kw.pop("short_name", ""),
        has_report=kw.pop("has_report", True),
        capaian=capaian,
        predicate=SCALE.band_for(capaian),
        ceiling=ceiling,
        spent=spent,
        absorption=absorption,
        milestone=milestone,
        milestone_gap=None if absorption is None else absorption - milestone,
        entered=entered,
        indicator_count=total,
        review_state=state,
        last_change=changed,
        **kw,
    )


def test_the_pemda_absorption_is_total_realisation_over_total_pagu_not_a_mean_of_shares():
    # A: 90 of 100 (90 %); B: 10 of 900 (1,1 %). Mean of shares 45,6 %; the Pemda's: 100 of 1.000 = 10 %.
    rows = [row("a", ceiling=D(100), spent=D(90)), row("b", ceiling=D(900), spent=D(10))]
    pemda = pemda_standing(rows, year=2021, quarter=2, scale=SCALE)
    assert pemda.ceiling == D(1000) and pemda.spent == D(100)
    assert pemda.absorption == D(10)
    assert pemda.milestone == D(40) and pemda.milestone_gap == D(-30)


def test_an_agency_without_realisation_does_not_count_its_pagu_as_unspent():
    rows = [row("a", ceiling=D(100), spent=D(50)), row("b", ceiling=D(900))]
    assert pemda_standing(rows, year=2021, quarter=2, scale=SCALE).absorption == D(50)


def test_the_pemda_capaian_is_the_mean_of_the_agencies_with_a_capaian_and_takes_the_pemda_scale():
    rows = [row("a", capaian=D(100)), row("b", capaian=D(80)), row("c"), row("d", has_report=False)]
    pemda = pemda_standing(rows, year=2021, quarter=4, scale=SCALE)
    assert pemda.capaian == D(90)
    assert pemda.predicate == SCALE.band_for(D(90))
    assert pemda.milestone == D(90)  # TW IV


def test_entry_and_states_are_counted_over_the_rows():
    rows = [
        row("a", entered=3, total=4, state="approved"),
        row("b", entered=1, total=4, state="draft"),
        row("c", entered=0, total=2, state="draft"),
    ]
    pemda = pemda_standing(rows, year=2021, quarter=1, scale=SCALE)
    assert (pemda.entered, pemda.indicator_count) == (4, 10)
    assert pemda.entered_pct == D(40)
    assert pemda.states == {"approved": 1, "draft": 2}


def test_no_agency_gives_no_figure_rather_than_zero():
    pemda = pemda_standing([], year=2021, quarter=1, scale=SCALE)
    assert pemda.capaian is None and pemda.absorption is None and pemda.entered_pct is None


def test_rows_sort_by_a_column_with_missing_figures_last_in_both_directions():
    rows = [row("a", capaian=D(90)), row("b"), row("c", capaian=D(110)), row("d", capaian=D(95))]
    assert [r.code for r in sorted_rows(rows, "capaian")] == ["a", "d", "c", "b"]
    assert [r.code for r in sorted_rows(rows, "capaian", descending=True)] == ["c", "d", "a", "b"]
    assert [r.code for r in sorted_rows(rows, "unknown-key")] == ["a", "b", "c", "d"]  # by name


def test_rows_sort_by_last_change_and_review_state():
    t = datetime.datetime(2021, 5, 1, tzinfo=datetime.UTC)
    rows = [row("a", changed=t), row("b", changed=t + datetime.timedelta(days=1)), row("c")]
    assert [r.code for r in sorted_rows(rows, "changed", descending=True)] == ["b", "a", "c"]
    states = [row("a", state="approved"), row("b", state="draft"), row("c", state="submitted")]
    assert [r.code for r in sorted_rows(states, "state")] == ["b", "c", "a"]


def test_rows_filter_by_text_state_predicate_and_milestone():
    rows = [
        row("dinkes", name="Dinas Kesehatan", capaian=D(120), ceiling=D(100), spent=D(20), state="submitted"),
        row("disdik", name="Dinas Pendidikan", capaian=D(70), ceiling=D(100), spent=D(60)),
        row("bappeda", name="Badan Perencanaan", short_name="BAPPEDA"),
    ]
    assert [r.code for r in filtered_rows(rows, text="kesehatan")] == ["dinkes"]
    assert [r.code for r in filtered_rows(rows, text="BAPPEDA")] == ["bappeda"]
    assert [r.code for r in filtered_rows(rows, state="submitted")] == ["dinkes"]
    assert [r.code for r in filtered_rows(rows, predicate="none")] == ["bappeda"]
    low = SCALE.band_for(D(70)).key
    assert [r.code for r in filtered_rows(rows, predicate=low)] == ["disdik"]
    assert [r.code for r in filtered_rows(rows, behind=True)] == ["dinkes"]  # 20 % < 40 %; 60 % meets it


amounts = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False)


@given(st.lists(st.tuples(amounts, amounts), min_size=1, max_size=8))
def test_the_pemda_absorption_lies_between_the_lowest_and_highest_agency_share(pairs):
    rows = [row(f"o{k}", ceiling=c, spent=s) for k, (c, s) in enumerate(pairs) if c > 0]
    pemda = pemda_standing(rows, year=2021, quarter=3, scale=SCALE)
    if not rows:
        return
    shares = [r.absorption for r in rows]
    assert min(shares) - D("1e-20") <= pemda.absorption <= max(shares) + D("1e-20")
