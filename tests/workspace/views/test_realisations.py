"""Quarterly realisation entry: what a planner types is saved whole or not at all, and previews match the report."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.models import Evidence, Indicator, Realisation
from reports.readmodel.build import report_build
from sakip.concurrency import fingerprint
from sakip.forms import input_str
from sakip.numbers import format_percent
from tests import files

YEAR = 2021


def grid_url(agency, quarter):
    return reverse("indicators:realisations", args=[agency.code, YEAR, quarter])


def grid_data(page):
    """The grid's inputs as the browser would post them, read from a rendered page."""
    data = {}
    for section in page.context["sections"]:
        for item in section["items"]:
            row = item["form"]
            for name, field in row.fields.items():
                value = row[name].value()
                data[row.add_prefix(name)] = field.prepare_value(value) if value is not None else ""
    return data


def grid_post(client, agency, quarter, changes=None):
    """POST the grid as the browser would: every row's current inputs, with `changes` applied."""
    data = grid_data(client.get(grid_url(agency, quarter)))
    data.update(changes or {})
    return client.post(grid_url(agency, quarter), data)


def indicator(agency, code):
    return Indicator.objects.get(plan__agency=agency, code=code)


def test_grid_shows_every_indicator_with_target_and_capaian(planner_client, demo_agency):
    page = planner_client.get(grid_url(demo_agency, 2))
    assert page.status_code == 200
    html = page.content.decode()
    report = report_build(agency=demo_agency, year=YEAR)
    for row in report.indicators:
        assert f'data-indicator="{row.code}"' in html
    program_row = next(r for r in report.indicators if r.code == "2.17.01-1")
    assert format_percent(program_row.quarters[1].capaian) in html


def test_typed_values_are_saved_in_indonesian_format(planner_client, demo_agency):
    target = indicator(demo_agency, "2.17.02-1")
    response = grid_post(
        planner_client,
        demo_agency,
        3,
        {
            f"r{target.pk}-value": "1.715",
            f"r{target.pk}-status": "provisional",
            f"r{target.pk}-analysis": "Naik.",
        },
    )
    assert response.status_code == 302
    saved = Realisation.objects.get(indicator=target, year=YEAR, quarter=3)
    assert (saved.value, saved.status, saved.analysis) == (Decimal("1715"), "provisional", "Naik.")
    page = planner_client.get(response.url).content.decode()
    assert 'value="1.715"' in page


def test_a_malformed_number_is_reported_next_to_the_field_and_nothing_is_saved(planner_client, demo_agency):
    good, bad = indicator(demo_agency, "2.17.02-1"), indicator(demo_agency, "2.17.03-1")
    before = list(Realisation.objects.filter(indicator__in=[good, bad]).values_list("value", flat=True))
    response = grid_post(
        planner_client, demo_agency, 3, {f"r{good.pk}-value": "99", f"r{bad.pk}-value": "1,2,3"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Angka tidak valid" in html and "Invalid number" in html
    assert "tidak ada yang disimpan" in html
    after = list(Realisation.objects.filter(indicator__in=[good, bad]).values_list("value", flat=True))
    assert after == before


def test_ratio_indicator_takes_numerator_and_denominator_and_capaian_follows(planner_client, demo_agency):
    ratio = indicator(demo_agency, "2.17.04-1")
    ratio.computation = Indicator.Computation.RATIO
    ratio.multiplier = Decimal(100)
    ratio.save()
    Realisation.objects.filter(indicator=ratio, year=YEAR, quarter=1).update(value=None)
    response = grid_post(
        planner_client, demo_agency, 1, {f"r{ratio.pk}-numerator": "30", f"r{ratio.pk}-denominator": "40"}
    )
    assert response.status_code == 302
    saved = Realisation.objects.get(indicator=ratio, year=YEAR, quarter=1)
    assert (saved.numerator, saved.denominator) == (Decimal(30), Decimal(40))
    row = next(r for r in report_build(agency=demo_agency, year=YEAR).indicators if r.code == "2.17.04-1")
    assert row.quarters[0].realisation == Decimal(75)


def test_zero_denominator_is_refused(planner_client, demo_agency):
    ratio = indicator(demo_agency, "2.17.04-1")
    ratio.computation = Indicator.Computation.RATIO
    ratio.save()
    response = grid_post(
        planner_client, demo_agency, 1, {f"r{ratio.pk}-numerator": "3", f"r{ratio.pk}-denominator": "0"}
    )
    assert "Penyebut tidak boleh nol" in response.content.decode()


def test_preview_recomputes_capaian_without_saving(planner_client, demo_agency):
    target = indicator(demo_agency, "2.17.01-1")  # TW I target 25, increment
    data = grid_data(planner_client.get(grid_url(demo_agency, 1)))
    data[f"r{target.pk}-value"] = "12,5"
    url = reverse("indicators:realisations_preview", args=[demo_agency.code, YEAR, 1])
    response = planner_client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="result-{target.pk}"' in html, html[:3000]
    fragment = html[html.index(f'id="result-{target.pk}"') :][:600]
    assert format_percent(Decimal("12.5") / Decimal(25) * 100) in fragment
    assert Realisation.objects.get(indicator=target, year=YEAR, quarter=1).value == Decimal(25)


def test_a_row_changed_by_someone_else_is_a_conflict_not_an_overwrite(planner_client, demo_agency):
    target = indicator(demo_agency, "2.17.02-1")
    data = grid_data(planner_client.get(grid_url(demo_agency, 2)))
    # Another planner saves first.
    Realisation.objects.update_or_create(
        indicator=target, year=YEAR, quarter=2, defaults={"value": Decimal(7), "grade": ""}
    )
    data[f"r{target.pk}-value"] = "8"
    response = planner_client.post(grid_url(demo_agency, 2), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="conflict"' in html and "<strong>7</strong>" in html
    assert Realisation.objects.get(indicator=target, year=YEAR, quarter=2).value == Decimal(7)
    # Saving again, having seen the other value, overwrites deliberately.
    data[f"r{target.pk}-version"] = fingerprint({"value": Decimal(7), "status": "final", "analysis": ""})
    assert planner_client.post(grid_url(demo_agency, 2), data).status_code == 302
    assert Realisation.objects.get(indicator=target, year=YEAR, quarter=2).value == Decimal(8)


def test_untouched_rows_are_not_rewritten(planner_client, demo_agency):
    response = grid_post(planner_client, demo_agency, 4)
    assert response.status_code == 302
    page = planner_client.get(response.url).content.decode()
    assert "Tidak ada perubahan" in page


def test_clearing_a_row_deletes_the_realisation(planner_client, demo_agency):
    target = indicator(demo_agency, "2.17.02-1")
    assert Realisation.objects.filter(indicator=target, year=YEAR, quarter=4).exists()
    grid_post(planner_client, demo_agency, 4, {f"r{target.pk}-value": ""})
    assert not Realisation.objects.filter(indicator=target, year=YEAR, quarter=4).exists()


def test_annual_tab_edits_quarter_zero(planner_client, demo_agency):
    target = indicator(demo_agency, "S3.1")
    url = reverse("indicators:realisations_annual", args=[demo_agency.code, YEAR])
    page = planner_client.get(url)
    assert page.status_code == 200
    stored = Realisation.objects.get(indicator=target, year=YEAR, quarter=0)
    assert f'value="{input_str(stored.value)}"' in page.content.decode()


def test_reviewer_reads_the_grid_but_cannot_post(reviewer_client, demo_agency):
    page = reviewer_client.get(grid_url(demo_agency, 1))
    assert page.status_code == 200 and 'data-testid="read-only"' in page.content.decode()
    assert reviewer_client.post(grid_url(demo_agency, 1), {}).status_code == 403


@pytest.mark.parametrize("agency_fixture", ["demo_agency", "double_demo_agency"])
def test_grid_queries_do_not_grow_with_the_plan(
    request, client, agency_fixture, django_assert_max_num_queries
):
    from tests.conftest import make_user

    agency = request.getfixturevalue(agency_fixture)
    client.force_login(make_user("p2", "planner", agency=agency))
    # Two more since issue 18: the report's build reads the sasaran analysis items and the year's signer; two more
    # for points 4 and 5 (the whole budget's parts, the grouped realisations), four for the organisation profile.
    with django_assert_max_num_queries(38):
        assert client.get(grid_url(agency, 2)).status_code == 200


# --- evidence ------------------------------------------------------------------------------------------------
PDF = files.pdf()  # a real one: uploads are opened (indicators.evidence)


def evidence_url(agency, target, quarter=1):
    return reverse("indicators:evidence", args=[agency.code, YEAR, quarter, target.pk])


def test_several_files_at_once_are_kept_all_or_none(planner_client, demo_agency):
    target = indicator(demo_agency, "2.17.01-1")
    good = SimpleUploadedFile("SPJ.pdf", PDF, content_type="application/pdf")
    bad = SimpleUploadedFile("setup.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = planner_client.post(evidence_url(demo_agency, target), {"file": [good, bad]})
    assert response.status_code == 200 and "setup.exe" in response.content.decode()
    assert not Evidence.objects.filter(indicator=target).exists()  # the good one was not kept either
    first = SimpleUploadedFile("SPJ.pdf", PDF, content_type="application/pdf")
    second = SimpleUploadedFile("Foto.pdf", PDF + b"\n", content_type="application/pdf")
    again = SimpleUploadedFile(
        "SPJ salinan.pdf", PDF, content_type="application/pdf"
    )  # same content as SPJ.pdf
    response = planner_client.post(
        evidence_url(demo_agency, target), {"file": [first, second, again]}, follow=True
    )
    page = response.content.decode()
    assert "Bukti dukung diunggah: SPJ.pdf, Foto.pdf." in page and "SPJ salinan.pdf" in page
    assert sorted(Evidence.objects.filter(indicator=target).values_list("original_name", flat=True)) == [
        "Foto.pdf",
        "SPJ.pdf",
    ]


def test_planner_uploads_and_downloads_evidence(planner_client, demo_agency):
    target = indicator(demo_agency, "2.17.01-1")
    upload = SimpleUploadedFile("Laporan TW I.pdf", PDF, content_type="application/pdf")
    response = planner_client.post(evidence_url(demo_agency, target), {"file": upload, "description": "SPJ"})
    assert response.status_code == 302
    item = Evidence.objects.get(indicator=target)
    assert (item.original_name, item.content_type, item.size) == (
        "Laporan TW I.pdf",
        "application/pdf",
        len(PDF),
    )
    assert "Laporan TW I" not in item.file.name  # stored under a random name
    download = planner_client.get(reverse("indicators:evidence_download", args=[demo_agency.code, item.pk]))
    assert b"".join(download.streaming_content) == PDF
    assert "Laporan TW I.pdf" in download["Content-Disposition"]
    grid = planner_client.get(grid_url(demo_agency, 1)).content.decode()
    assert "Bukti (<span data-evidence-count>1</span>)" in grid


def test_evidence_of_the_wrong_type_is_refused(planner_client, demo_agency):
    target = indicator(demo_agency, "2.17.01-1")
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00binary", content_type="application/pdf")
    response = planner_client.post(evidence_url(demo_agency, target), {"file": fake})
    assert response.status_code == 200
    assert "tidak sesuai" in response.content.decode()
    assert not Evidence.objects.exists()


def test_evidence_over_the_size_limit_is_refused(planner_client, demo_agency, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    target = indicator(demo_agency, "2.17.01-1")
    big = SimpleUploadedFile("besar.pdf", PDF + b"0" * 2048, content_type="application/pdf")
    response = planner_client.post(evidence_url(demo_agency, target), {"file": big})
    assert "terlalu besar" in response.content.decode()
    assert not Evidence.objects.exists()


def test_evidence_is_private_to_the_agency(planner_client, demo_agency, other_agency, client):
    from tests.conftest import make_user

    target = indicator(demo_agency, "2.17.01-1")
    planner_client.post(evidence_url(demo_agency, target), {"file": SimpleUploadedFile("a.pdf", PDF)})
    item = Evidence.objects.get()
    client.force_login(make_user("lain", "planner", agency=other_agency))
    assert (
        client.get(reverse("indicators:evidence_download", args=[demo_agency.code, item.pk])).status_code
        == 404
    )
    # Nor through the other agency's own URL.
    assert (
        client.get(reverse("indicators:evidence_download", args=[other_agency.code, item.pk])).status_code
        == 404
    )


def test_planner_deletes_evidence(planner_client, demo_agency, django_capture_on_commit_callbacks):
    target = indicator(demo_agency, "2.17.01-1")
    planner_client.post(evidence_url(demo_agency, target), {"file": SimpleUploadedFile("a.pdf", PDF)})
    item = Evidence.objects.get()
    path = Path(item.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        planner_client.post(reverse("indicators:evidence_delete", args=[demo_agency.code, item.pk]))
    assert not Evidence.objects.exists()
    assert not path.exists()


def test_deleting_an_indicator_removes_its_evidence_files(
    planner_client, demo_agency, django_capture_on_commit_callbacks
):
    target = indicator(demo_agency, "2.17.01-1")
    planner_client.post(evidence_url(demo_agency, target), {"file": SimpleUploadedFile("a.pdf", PDF)})
    path = Path(Evidence.objects.get().file.path)
    with django_capture_on_commit_callbacks(execute=True):
        target.delete()
    assert not path.exists()


def test_large_ids_are_not_formatted_as_numbers(planner_client, demo_agency):
    """PostgreSQL sequences pass 999 quickly: an id must never render as "4.321" in an element id."""
    objective = indicator(demo_agency, "S1.1").objective
    Indicator.objects.create(pk=4321, plan=objective.plan, objective=objective, code="S1.8", name="Baru")
    html = planner_client.get(grid_url(demo_agency, 1)).content.decode()
    assert 'id="result-4321"' in html and "r4321-value" in html


def test_clearing_a_row_keeps_the_realisation_that_carries_the_documents_printed_capaian(
    planner_client, demo_agency
):
    """The signed LKjIP printed "103 %" for S3.1: clearing the typed value must not erase that printed figure
    (the consistency check still compares it), only the value and the analysis."""
    target = indicator(demo_agency, "S3.1")
    stored = Realisation.objects.get(indicator=target, year=YEAR, quarter=0)
    assert stored.declared_capaian == "103" and stored.value is not None
    url = reverse("indicators:realisations_annual", args=[demo_agency.code, YEAR])
    data = grid_data(planner_client.get(url))
    data[f"r{target.pk}-value"] = data[f"r{target.pk}-analysis"] = ""  # the whole row cleared

    assert planner_client.post(url, data).status_code == 302

    kept = Realisation.objects.get(pk=stored.pk)
    assert (kept.value, kept.analysis, kept.declared_capaian) == (None, "", "103")
    (finding,) = [
        f for f in report_build(agency=demo_agency, year=YEAR).checks if f.code == "declared-capaian"
    ]
    assert finding.declared == Decimal("103") and finding.computed is None


@pytest.mark.parametrize(("typed", "places"), [("0,10", 2), ("0,1", 1), ("1.715", 0)])
def test_the_decimals_typed_are_kept_beside_the_value(planner_client, demo_agency, typed, places):
    """The column keeps 0,10 as 0,1; the two decimals typed are what the value-vs-ratio check reads."""
    target = indicator(demo_agency, "2.17.02-1")
    response = grid_post(planner_client, demo_agency, 3, {f"r{target.pk}-value": typed})
    assert response.status_code == 302
    saved = Realisation.objects.get(indicator=target, year=YEAR, quarter=3)
    assert (saved.value, saved.value_places) == (Decimal(typed.replace(".", "").replace(",", ".")), places)
