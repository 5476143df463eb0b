"""The Pemda's logo on the LKjIP cover (issue 18, point 11): embedded as data (the page and the PDF carry the same
bytes; a PDF worker reads no file); only PNG or JPEG by content, at most 512 KB; no logo, no image."""

import base64
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image

from agencies.models import validate_logo
from reports.lkjip.document import document_build
from reports.lkjip.render import lkjip_html, lkjip_pdf
from reports.readmodel.build import report_build

YEAR = 2021


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 48), (10, 48, 105)).save(out, format="PNG")
    return out.getvalue()


def cover(agency) -> str:
    html = lkjip_html(document_build(report_build(agency=agency, year=YEAR)))
    return html[
        html.index('<section class="cover"') : html.index("</section>", html.index('<section class="cover"'))
    ]


def test_without_a_logo_the_cover_has_no_image(demo_agency):
    assert "<img" not in cover(demo_agency)


def test_the_logo_is_embedded_on_the_cover_and_in_the_pdf(demo_agency, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = png()
    government = demo_agency.government
    government.logo.save("lambang.png", ContentFile(data))
    demo_agency.refresh_from_db()
    page = cover(demo_agency)
    assert f'src="data:image/png;base64,{base64.b64encode(data).decode()}"' in page
    assert f'alt="Lambang {government.name}"' in page
    pdf = lkjip_pdf(document_build(report_build(agency=demo_agency, year=YEAR)))
    assert b"/Subtype /Image" in pdf


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"GIF89a" + b"\0" * 20, "logo_type"),
        (b"<svg onload='x'></svg>", "logo_type"),
        (None, "logo_too_large"),
    ],
)
def test_only_a_small_png_or_jpeg_is_taken(content, code):
    file = ContentFile(
        content if content is not None else b"\x89PNG\r\n\x1a\n" + b"\0" * 600_000, name="x.png"
    )
    with pytest.raises(ValidationError) as refused:
        validate_logo(file)
    assert refused.value.code == code and " / " in refused.value.messages[0]
    validate_logo(ContentFile(png(), name="ok.png"))
