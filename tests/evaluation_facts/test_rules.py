"""The suggestion rules of `evaluation.suggestions`, criterion by criterion: which facts give which answer, and
where the app cannot tell (no suggestion, or no answer with the facts)."""

import datetime
from dataclasses import replace
from decimal import Decimal

import pytest

from evaluation import followup
from evaluation.rubric import default_rubric_text, parsed_rubric, rubric_from_json
from evaluation.suggestions import (
    AgencyFacts,
    QuarterFacts,
    checks_answer,
    share_answer,
    submitted_on_time,
    suggestions_from_facts,
)

RUBRIC = parsed_rubric(default_rubric_text())


def quarters(entered=10, evidence=10, **extra):
    return tuple(QuarterFacts(q, entered, evidence, url=f"/tw{q}/", **extra) for q in (1, 2, 3, 4))


# An agency that recorded everything: every suggestion is the best answer.
COMPLETE = AgencyFacts(
    year=2021,
    plan_period="2016–2021",
    objectives=4,
    indicators=30,
    objectives_with_key=4,
    objectives_with_program=4,
    key_indicators=6,
    key_defined=6,
    key_with_formula=6,
    key_with_source=6,
    agreement_recorded=True,
    agreement_signed_on="4 Januari 2021",
    agreement_parties=True,
    pk_targets=10,
    pk_equal=10,
    measured=10,
    quarter_targets_complete=10,
    quarter_targets_any=10,
    quarters=quarters(),
    budget_ceiling=Decimal("1000000"),
    budget_spent=Decimal("900000"),
    review_state="approved",
    first_submitted=datetime.date(2022, 2, 10),
    report_signed_on=datetime.date(2022, 2, 10),
    report_signatory=True,
    objective_indicators=8,
    with_realisation=8,
    with_capaian=8,
    with_renstra_progress=8,
    with_history=8,
    with_standard=8,
    objectives_with_causes=4,
    objectives_with_efficiency=4,
    objectives_with_follow_up=4,
    objectives_analysed=4,
    previous_rate=followup.follow_up_rate(["selesai", "selesai"]),
    plan_url="/rencana/",
    followup_url="/rekomendasi/",
    review_url="/reviu/",
)
NOTHING = AgencyFacts(year=2021)


def answers(facts):
    return {code: s.answer for code, s in suggestions_from_facts(RUBRIC, facts).items()}


def test_share_bands_at_every_bound():
    assert share_answer(4, 4) == "A"
    assert share_answer(3, 4) == "B"  # 75 % exactly
    assert share_answer(74, 100) == "C"
    assert share_answer(2, 4) == "C"  # 50 %
    assert share_answer(49, 100) == "D"
    assert share_answer(1, 4) == "D"  # 25 %
    assert share_answer(24, 100) == "E"
    assert share_answer(0, 4) == "E"
    assert share_answer(0, 0) is None  # nothing to count: no answer, not E


def test_a_complete_agency_gets_the_best_answer_on_every_criterion_the_app_answers():
    got = answers(COMPLETE)
    assert got.pop("1.b.2") is None  # publication is not known: facts only
    assert set(got) == {
        "1.a.3", "1.a.4", "1.a.5", "1.a.6", "1.b.1", "1.b.5", "1.b.6", "1.b.8", "2.a.2", "2.a.3", "2.b.3",
        "2.b.4", "2.b.6", "2.b.7", "3.a.1", "3.a.2", "3.a.3", "3.a.4", "3.a.6", "3.b.1", "3.b.2", "3.b.3",
        "3.b.4", "3.b.5", "3.b.6", "3.b.7", "3.b.8", "3.b.9", "4.c.1", "4.c.2",
    }  # fmt: skip
    assert set(got.values()) <= {"Y", "A"}
    for code, answer in got.items():
        criterion = RUBRIC.criterion(code)
        assert answer in {o.answer for o in RUBRIC.options(criterion)}, code


def test_an_agency_without_a_renstra_gets_no_for_the_documents_and_no_guess_elsewhere():
    got = answers(NOTHING)
    assert got["1.a.3"] == "T"
    assert got["1.a.4"] == "T"
    assert got["1.a.5"] == "T"
    assert got["1.a.6"] == "T"
    assert got["1.b.1"] == "T"
    # Nothing to count: no suggestion at all rather than an E.
    for code in ("1.b.5", "1.b.6", "1.b.8", "2.a.2", "2.b.3", "2.b.4", "3.a.1", "3.b.1", "3.b.3", "3.b.7"):
        assert code not in got, code
    # Data may be collected in another application: the app cannot say "no".
    assert "2.b.6" not in got and "2.b.7" not in got
    assert got["4.c.1"] is None and got["4.c.2"] is None


def test_each_fact_links_to_its_screen():
    suggestions = suggestions_from_facts(RUBRIC, COMPLETE)
    assert suggestions["1.a.3"].facts[0].url == "/rencana/"
    assert suggestions["4.c.1"].facts[0].url == "/rekomendasi/"
    assert [f.url for f in suggestions["2.b.3"].facts] == ["/tw1/", "/tw2/", "/tw3/", "/tw4/"]
    assert suggestions["3.a.4"].facts[0].ok is True
    assert "Disetujui" in suggestions["3.a.4"].facts[0].text


def test_pk_recorded_without_targets_or_unsigned():
    got = answers(replace(COMPLETE, pk_targets=0, pk_equal=0))
    assert got["1.a.4"] == "T"
    got = answers(replace(COMPLETE, agreement_signed_on=""))
    assert got["1.b.1"] == "T"
    assert got["1.a.4"] == "Y"
    got = answers(replace(COMPLETE, agreement_parties=False))
    assert got["1.b.1"] == "T"


def test_pk_targets_differing_from_the_renstra_lower_1b8():
    facts = replace(COMPLETE, pk_equal=7, pk_differing=3)
    suggestion = suggestions_from_facts(RUBRIC, facts)["1.b.8"]
    assert suggestion.answer == "C"  # 7 of 10 equal: ≥ 50 %, < 75 %
    assert "7 sama, 3 berbeda, 0 tanpa target Renstra" in suggestion.facts[0].text
    assert suggestion.facts[0].ok is False
    # The lower of the two shares: every PK target equal, but one sasaran of four without a program.
    assert answers(replace(COMPLETE, objectives_with_program=3))["1.b.8"] == "B"


def test_iku_definitions():
    facts = replace(COMPLETE, key_defined=3, key_with_formula=5, key_with_source=6)
    got = answers(facts)
    assert got["1.b.5"] == "C"  # 3 of 6
    assert got["2.a.2"] == "T"  # one IKU without formula
    assert got["2.a.3"] == "Y"
    assert answers(replace(COMPLETE, objectives_with_key=1))["1.b.6"] == "D"


def test_quarters_regular_only_when_every_quarter_has_every_indicator_on_time():
    assert answers(replace(COMPLETE, quarters=quarters(entered=9)))["2.b.4"] == "T"
    late = quarters(on_time=9, late=1, deadline=datetime.date(2021, 4, 15))
    suggestion = suggestions_from_facts(RUBRIC, replace(COMPLETE, quarters=late))["2.b.4"]
    assert suggestion.answer == "T"
    assert any("terlambat" in f.text and f.ok is False for f in suggestion.facts)
    on_time = quarters(on_time=10, deadline=datetime.date(2021, 4, 15))
    assert answers(replace(COMPLETE, quarters=on_time))["2.b.4"] == "Y"
    # Quarterly reporting (3.a.2) asks for some realisation in each quarter, not for all of them.
    three = COMPLETE.quarters[:3] + (QuarterFacts(4, 0, 0),)
    assert answers(replace(COMPLETE, quarters=three))["3.a.2"] == "T"
    assert answers(replace(COMPLETE, quarters=quarters(entered=1, evidence=0)))["3.a.2"] == "Y"


def test_evidence_share():
    got = answers(replace(COMPLETE, quarters=quarters(entered=10, evidence=5)))
    assert got["2.b.3"] == "C"
    # Nothing entered: nothing to back with evidence, no answer (the quarters' facts stay).
    assert answers(replace(COMPLETE, quarters=quarters(entered=0, evidence=0)))["2.b.3"] is None


def test_review_states():
    assert answers(replace(COMPLETE, review_state="draft"))["3.a.1"] == "T"
    assert answers(replace(COMPLETE, review_state="submitted"))["3.a.1"] == "Y"
    submitted = suggestions_from_facts(RUBRIC, replace(COMPLETE, review_state="submitted"))
    assert submitted["3.a.4"].answer == "T" and submitted["3.a.4"].facts[0].ok is False
    assert submitted["3.a.1"].facts[0].ok is True  # submitted: the LKjIP was composed
    assert answers(replace(COMPLETE, review_state="returned"))["3.a.4"] == "Y"
    assert answers(replace(COMPLETE, report_signed_on=None))["3.a.3"] == "T"
    assert answers(replace(COMPLETE, report_signatory=False))["3.a.3"] == "T"


def test_submitted_by_the_end_of_february():
    assert submitted_on_time(datetime.date(2022, 2, 28), 2021) is True
    assert submitted_on_time(datetime.date(2022, 3, 1), 2021) is False
    assert submitted_on_time(datetime.date(2024, 2, 29), 2023) is True  # leap year
    assert submitted_on_time(None, 2021) is None
    assert answers(replace(COMPLETE, first_submitted=datetime.date(2022, 3, 1)))["3.a.6"] == "T"
    never = suggestions_from_facts(RUBRIC, replace(COMPLETE, first_submitted=None))["3.a.6"]
    assert never.answer is None and never.facts[0].ok is False


def test_checks_and_seven_analyses():
    assert checks_answer(0, 0) == "A"
    assert checks_answer(0, 2) == "B"
    assert checks_answer(1, 0) == "C"
    assert answers(replace(COMPLETE, check_warnings=3))["3.b.1"] == "B"
    assert answers(replace(COMPLETE, check_errors=1))["3.b.1"] == "C"
    assert answers(replace(COMPLETE, objectives_analysed=1))["3.b.1"] == "D"  # the lower of the two


def test_report_contents_shares():
    facts = replace(
        COMPLETE, with_history=6, with_standard=0, objectives_with_causes=2, objectives_with_follow_up=3
    )
    got = answers(facts)
    assert got["3.b.5"] == "B"  # 6 of 8
    assert got["3.b.6"] == "E"
    assert got["3.b.7"] == "C"
    assert got["3.b.9"] == "B"


def test_follow_up_rate_bands():
    def rate(*statuses):
        return answers(replace(COMPLETE, previous_rate=followup.follow_up_rate(statuses)))["4.c.1"]

    assert rate("selesai", "selesai", "selesai", "proses") == "C"  # 75 %: not more than 75 %
    assert rate("selesai", "belum") == "D"
    assert rate("belum") == "E"
    suggestion = suggestions_from_facts(
        RUBRIC, replace(COMPLETE, previous_rate=followup.follow_up_rate(["selesai", "proses", "belum"]))
    )["4.c.2"]
    assert suggestion.answer == "D"  # 33 %
    assert "1 dari 3" in suggestion.facts[0].text


def test_a_variant_without_a_code_or_with_another_answer_type_is_respected():
    import json

    data = json.loads(default_rubric_text())
    sub = data["components"][0]["sub_components"][0]
    sub["criteria"] = [c for c in sub["criteria"] if c["code"] != "1.a.3"]
    # The Pemda scores 1.a.4 on the A–E scale: a Y is no answer of it, the facts stay.
    next(c for c in sub["criteria"] if c["code"] == "1.a.4")["answer_type"] = "A/B/C/D/E"
    data["rules"] = [r for r in data["rules"] if "1.a.3" not in r["criteria"] + r["reference"]]
    variant = rubric_from_json(data)
    got = suggestions_from_facts(variant, COMPLETE)
    assert "1.a.3" not in got
    assert got["1.a.4"].answer is None and got["1.a.4"].facts


@pytest.mark.parametrize("code", ["1.a.6", "3.b.8"])
def test_budget_facts_in_rupiah(code):
    texts = " ".join(f.text for f in suggestions_from_facts(RUBRIC, COMPLETE)[code].facts)
    assert "Rp" in texts and "1.000.000" in texts
