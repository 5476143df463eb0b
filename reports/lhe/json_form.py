"""The LHE as JSON (`render_report --document lhe --format json`): what the letter says, figures as canonical
decimal strings. Not an interchange format (that is `sakip-evaluation/1`): a readable dump of the document."""

from __future__ import annotations

import json

from sakip.numbers import canonical_str

from .document import LheDocument


def lhe_json(document: LheDocument) -> str:
    data = {
        "agency": document.agency.code,
        "year": document.year,
        "rubric": {"code": document.rubric.code, "version": document.rubric.version},
        "issued": document.issued,
        "letter_number": document.letter_number,
        "letter_date": document.letter_date.isoformat() if document.letter_date else None,
        "score": canonical_str(document.total),
        "predicate": document.predicate.code if document.predicate else None,
        "last_year": None
        if document.last_year is None
        else {
            "year": document.last_year.year,
            "score": canonical_str(document.last_year.total),
            "predicate": document.last_year.predicate.code if document.last_year.predicate else None,
        },
        "components": [
            {
                "code": row.code,
                "weight": canonical_str(row.weight),
                "score": canonical_str(row.value),
                "note": row.note,
            }
            for row in document.components
        ],
        "recommendations": [row.text for row in document.recommendations],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
