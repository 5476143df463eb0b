"""Build the shipped default rubric (evaluation/rubrics/lke-88-2021.json, sakip-rubric/1) from the reconstructed
LKE of PermenPAN-RB 88/2021 in ../shared/reference/lke-88-2021.json.

Run by a developer when the reference changes, never at run time: the project reads only its own copy. The logic-frame
rules are written out here in machine form (the reference states them in prose, as an inference to be checked with
the inspectorate); everything else is taken from the reference as it is. Numbers are strings, so that they stay exact.

    python scripts/build_rubric.py [reference.json] [output.json]
"""

import json
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference" / "lke-88-2021.json"
OUTPUT = ROOT / "evaluation" / "rubrics" / "lke-88-2021.json"

A_TO_E = ["A", "B", "C", "D", "E"]


def criteria_of(sub_codes, reference):
    """Every criterion code of the sub-components named in `sub_codes`."""
    found = []
    for component in reference["components"]:
        for sub in component["sub_components"]:
            if sub["code"] in sub_codes:
                found.extend(criterion["code"] for criterion in sub["criteria"])
    return found


def rules(reference):
    """The inferred logic-frame rules of the reference (`logic_frame_rules.inferred_for_canonical_list`), by code."""
    by_message = {
        rule["message"]: rule
        for rule in reference["logic_frame_rules"]["inferred_for_canonical_list"]["rules"]
    }
    assert len(by_message) == 9, "the reference's rules have changed: write them out again below"
    messages = list(by_message)
    nilai = "value"  # the answer may not exceed the reference criterion's answer
    rata = "mean"  # the answer may not exceed the mean of the reference sub-component's answers
    return [
        {
            "kind": nilai,
            "criteria": ["1.b.1", "1.b.2"],
            "reference": ["1.a.3", "1.a.4"],
            "message": messages[0],
        },
        {
            "kind": nilai,
            "criteria": ["1.b.5", "1.b.6", "1.b.7"],
            "reference": ["1.a.3"],
            "message": messages[1],
        },
        {
            "kind": rata,
            "criteria": criteria_of({"1.c"}, reference),
            "reference": ["1.b"],
            "message": messages[2],
        },
        {
            "kind": nilai,
            "criteria": criteria_of({"2.b"}, reference),
            "reference": ["2.a.2"],
            "message": messages[3],
        },
        {
            "kind": rata,
            "criteria": criteria_of({"2.c"}, reference),
            "reference": ["2.b"],
            "message": messages[4],
        },
        {
            "kind": nilai,
            "criteria": ["3.a.2", "3.a.3", "3.a.4", "3.a.5", "3.a.6", *criteria_of({"3.b"}, reference)],
            "reference": ["3.a.1"],
            "message": messages[5],
        },
        {
            "kind": rata,
            "criteria": criteria_of({"3.c"}, reference),
            "reference": ["3.b"],
            "message": messages[6],
        },
        {
            "kind": nilai,
            "criteria": criteria_of({"4.b"}, reference),
            "reference": ["4.a.2"],
            "message": messages[7],
        },
        {
            "kind": rata,
            "criteria": criteria_of({"4.c"}, reference),
            "reference": ["4.b"],
            "message": messages[8],
        },
    ]


def evidence(criterion):
    items = []
    for group in criterion.get("expected_evidence", []):
        for item in group.get("items", []):
            if item not in items:
                items.append(item)
    return items


def number(value) -> str:
    return format(Decimal(str(value)).normalize(), "f") if value is not None else None


def meaning(band):
    # The reference's A band names the Mahkamah Agung (its source's agency); for a Pemda it reads "instansi
    # pemerintah", as the reference's own note says.
    return band["interpretasi"].replace(
        "Mahkamah Agung RI dan Badan Peradilan di bawahnya", "instansi pemerintah"
    )


def build(reference):
    scales = reference["answer_scales"]
    return {
        "format": "sakip-rubric/1",
        "code": "lke-88-2021",
        "version": 1,
        "title": "Lembar Kerja Evaluasi (LKE) Akuntabilitas Kinerja Instansi Pemerintah",
        "regulation": "Peraturan Menteri PANRB Nomor 88 Tahun 2021 tentang Evaluasi Akuntabilitas Kinerja "
        "Instansi Pemerintah",
        "year": 2021,
        "note": reference["meta"]["compiled"],
        "scoring_method": "mean_of_criteria",
        "answer_types": {
            "Y/T": [
                {
                    "answer": answer,
                    "label": label,
                    "value": number(scales["per_criterion_Y_T"]["values"][answer]),
                }
                for answer, label in (("Y", "Ya"), ("T", "Tidak"))
            ],
            "A/B/C/D/E": [
                {
                    "answer": answer,
                    "label": answer,
                    "value": number(scales["per_criterion_A_to_E"]["values"][answer]),
                }
                for answer in A_TO_E
            ],
        },
        "predicates": [
            {
                "code": band["predikat"],
                "label": band["label"],
                "lower": number(
                    band.get("min_exclusive")
                    if band.get("min_exclusive") is not None
                    else band.get("min_inclusive")
                ),
                "lower_inclusive": band.get("min_exclusive") is None,
                "upper": number(band["max_inclusive"]),
                "upper_inclusive": True,
                "meaning": meaning(band),
            }
            for band in reference["predicate_table"]
        ],
        "components": [
            {
                "code": component["code"],
                "name": component["name"],
                "weight": number(component["weight"]),
                "sub_components": [
                    {
                        "code": sub["code"],
                        "kind": sub["kind"],
                        "name": sub["name"],
                        "weight": number(sub["weight"]),
                        "criteria": [
                            {
                                "code": criterion["code"],
                                "text": criterion["text"],
                                "answer_type": criterion["answer_type"],
                                "evidence": evidence(criterion),
                            }
                            for criterion in sub["criteria"]
                        ],
                    }
                    for sub in component["sub_components"]
                ],
            }
            for component in reference["components"]
        ],
        "rules": rules(reference),
    }


def main(argv):
    source = Path(argv[1]) if len(argv) > 1 else REFERENCE
    target = Path(argv[2]) if len(argv) > 2 else OUTPUT
    rubric = build(json.loads(source.read_text(encoding="utf-8")))
    target.write_text(json.dumps(rubric, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(
        f"{target}: {sum(len(s['criteria']) for c in rubric['components'] for s in c['sub_components'])} kriteria"
    )


if __name__ == "__main__":
    main(sys.argv)
