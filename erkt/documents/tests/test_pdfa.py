"""Every PDF is PDF/A-3b, and a signature keeps it so (erkt.documents.pdfa_check)."""

from __future__ import annotations

import subprocess
from io import BytesIO

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from erkt.documents.pdf import PdfIdentity, describing, write_pdfa
from erkt.documents.pdfa_check import pdfa_problems
from erkt.documents.services import render
from erkt.documents.tests.conftest import nota_pdf
from erkt.documents.tests.signing_helpers import signed_nota, stored_pdf

HTML = "<html lang='id'><title>Uji</title><body><p>Rapat koordinasi</p></body></html>"


def _pdffonts(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "check.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout


def test_a_rendered_pdf_passes_every_check():
    assert pdfa_problems(write_pdfa(HTML)) == []


def test_the_xmp_names_title_organisation_language_and_code():
    identity = PdfIdentity(title="Nota Anggaran", author="BKPSDM", identifier="kode-123")
    with describing(identity):
        pdf = write_pdfa(HTML)
    xmp = PdfReader(BytesIO(pdf)).xmp_metadata
    assert xmp.dc_title == {"x-default": "Nota Anggaran"}
    assert xmp.dc_creator == ["BKPSDM"]
    assert xmp.dc_language == ["id"]
    assert xmp.dc_identifier == "kode-123"
    assert b'pdfaid:part="3"' in xmp.stream.get_data()


def test_the_checker_refuses_a_plain_pdf():
    from weasyprint import HTML as Html

    problems = pdfa_problems(Html(string=HTML).write_pdf())
    assert "no GTS_PDFA1 OutputIntent with an ICC profile" in problems
    assert "no XMP metadata stream" in problems


def test_the_checker_refuses_javascript_encryption_and_a_missing_font():
    writer = PdfWriter(clone_from=BytesIO(write_pdfa(HTML)))
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('x');"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    out = BytesIO()
    writer.write(out)
    assert "action /JavaScript" in pdfa_problems(out.getvalue())

    writer = PdfWriter(clone_from=BytesIO(write_pdfa(HTML)))
    writer.encrypt("rahasia")
    out = BytesIO()
    writer.write(out)
    assert pdfa_problems(out.getvalue()) == ["encrypted"]

    writer = PdfWriter(clone_from=BytesIO(write_pdfa(HTML)))
    helvetica = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    fonts = writer.pages[0]["/Resources"]["/Font"]
    fonts[NameObject("/FHelv")] = writer._add_object(helvetica)
    out = BytesIO()
    writer.write(out)
    assert "font not embedded: /Helvetica" in pdfa_problems(out.getvalue())


@pytest.mark.django_db
def test_signing_keeps_pdfa_and_embeds_the_stamp_font(
    demo, kepala, kepala_certificate, nota_snapshot, tmp_path
):
    document = signed_nota(demo, nota_snapshot, kepala)
    signed = stored_pdf(document)
    assert pdfa_problems(signed) == []
    fonts = _pdffonts(signed, tmp_path)
    assert "DejaVuSans" in fonts
    assert "Helvetica" not in fonts


@pytest.mark.django_db
def test_an_issued_pdf_carries_its_verification_code(demo, kepala, nota_snapshot):
    from erkt.documents.services import issue
    from erkt.documents.tests.conftest import NOTA

    document = issue(
        kind=NOTA,
        key="n",
        title="Nota Anggaran",
        snapshot=nota_snapshot,
        organization=demo,
        by=kepala,
    )
    pdf = render(document, "pdf").content
    xmp = PdfReader(BytesIO(pdf)).xmp_metadata
    assert xmp.dc_identifier == document.code
    assert xmp.dc_creator == [demo.name]
    assert pdfa_problems(pdf) == []
    assert nota_pdf(document.snapshot)  # the renderer itself still works outside `issue`


def _stamp_font_widths(pdf: bytes) -> dict[int, float]:
    """CID -> width (thousandths of an em) of the DejaVu font the stamp is drawn in."""
    reader = PdfReader(BytesIO(pdf))
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            appearance = annotation.get_object().get("/AP")
            if not appearance:
                continue
            fonts = _fonts_in(appearance["/N"].get_object())
            for font in fonts:
                if "DejaVu" in font["/BaseFont"]:
                    cid_font = font["/DescendantFonts"][0].get_object()
                    widths, entries = {}, list(cid_font["/W"])
                    for first, values in zip(entries[::2], entries[1::2], strict=True):
                        for offset, width in enumerate(values):
                            widths[int(first) + offset] = float(width)
                    return widths
    return {}


def _fonts_in(xobject) -> list:
    resources = xobject.get("/Resources") or {}
    fonts = [font.get_object() for font in (resources.get("/Font") or {}).values()]
    for child in (resources.get("/XObject") or {}).values():
        fonts += _fonts_in(child.get_object())
    return fonts


@pytest.mark.django_db
def test_the_stamp_font_widths_are_in_thousandths_of_an_em(
    demo, kepala, kepala_certificate, nota_snapshot
):
    from fontTools.ttLib import TTFont

    from erkt.documents.signing.stamp import stamp_font_path

    widths = _stamp_font_widths(stored_pdf(signed_nota(demo, nota_snapshot, kepala)))
    font = TTFont(stamp_font_path())
    per_em, metrics = font["head"].unitsPerEm, font["hmtx"].metrics
    assert widths
    for cid, width in widths.items():  # the CIDs are the font's glyph ids
        advance = metrics[font.getGlyphName(cid)][0]
        assert width == round(advance * 1000 / per_em)
