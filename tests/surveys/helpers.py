"""Building survey data for the tests: the Tangerang Selatan 2021 totals and questionnaires that give them."""

import csv
import io

from surveys.responses import HEADER

#: Jumlah nilai per unsur U1..U9 of the Tangerang Selatan 2021 survey (LKjIP 2021), from 56 questionnaires.
TANGSEL_TOTALS = (175, 170, 170, 201, 169, 175, 181, 176, 164)
TANGSEL_N = 56
PROFILES = {
    "gender": ("Laki-laki", "Perempuan"),
    "age_group": ("< 30", "30–50", "> 50"),
    "education": ("SMA", "D3", "S1", "S2"),
    "occupation": ("Wirausaha", "Pegawai", "Lainnya"),
    "service": ("Perizinan", "Pelatihan"),
}


def questionnaires(totals=TANGSEL_TOTALS, n=TANGSEL_N):
    """n questionnaires whose scores for unsur k sum to totals[k]: each score is ⌊T/n⌋ or one more, the
    extra points spread over different respondents per unsur (deterministic, every score 1–4)."""
    rows = []
    for i in range(n):
        scores = []
        for k, total in enumerate(totals):
            base, extra = divmod(total, n)
            scores.append(base + (1 if (i + 7 * k) % n < extra else 0))
        profile = {field: values[i % len(values)] for field, values in PROFILES.items()}
        rows.append({"number": i + 1, **profile, "scores": scores})
    return rows


def as_csv(rows, header=HEADER, delimiter=",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            [
                row["number"],
                row["gender"],
                row["age_group"],
                row["education"],
                row["occupation"],
                row["service"],
                *row["scores"],
            ]
        )
    return out.getvalue().encode()


def as_xlsx(rows, header=HEADER) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(
            [
                row["number"],
                row["gender"],
                row["age_group"],
                row["education"],
                row["occupation"],
                row["service"],
                *row["scores"],
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
