"""The visible stamp of a signature is legible: its text is printed at 8 pt or more."""

from __future__ import annotations

import re
from io import BytesIO

from pypdf import PdfReader

from erkt.documents.tests.signing_helpers import signed_nota, stored_pdf

STRING = re.compile(r"\((?:\\.|[^\\)])*\)")


def _drawn_sizes(stream: str) -> list[float]:
    """Each Tf size times the scaling in force (cm operators within q ... Q)."""
    tokens = STRING.sub(" ", stream).split()
    scale, saved, sizes = 1.0, [], []
    for index, token in enumerate(tokens):
        if token == "q":
            saved.append(scale)
        elif token == "Q":
            scale = saved.pop()
        elif token == "cm":
            scale *= float(tokens[index - 6])
        elif token == "Tf":
            sizes.append(float(tokens[index - 1]) * scale)
    return sizes


def stamp_text_sizes(pdf: bytes) -> list[float]:
    """The size each font is drawn at on the page: its Tf size times the scaling of the
    stamp's appearance (pyHanko shrinks a stamp larger than its box)."""
    reader = PdfReader(BytesIO(pdf))
    sizes = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            appearance = annotation.get_object().get("/AP")
            if not appearance:
                continue
            stream = appearance["/N"].get_object().get_data().decode("latin-1")
            sizes += _drawn_sizes(stream)
    return sizes


def test_the_stamp_text_is_at_least_8_pt(demo, kepala, kepala_certificate, nota_snapshot):
    document = signed_nota(demo, nota_snapshot, kepala)
    sizes = stamp_text_sizes(stored_pdf(document))
    assert sizes and min(sizes) >= 8


def test_the_stamp_prints_the_verification_address(
    demo, kepala, kepala_certificate, nota_snapshot, settings
):
    settings.ERKT_PUBLIC_URL = "http://127.0.0.1:8101"
    document = signed_nota(demo, nota_snapshot, kepala)
    lines = []
    for page in PdfReader(BytesIO(stored_pdf(document))).pages:
        for annotation in page.get("/Annots") or []:
            if appearance := annotation.get_object().get("/AP"):
                stream = appearance["/N"].get_object().get_data().decode("latin-1")
                lines += [_unescape(text[1:-1]) for text in STRING.findall(stream)]
    assert "http://127.0.0.1:8101" in lines
    assert f"/verifikasi/{document.code}/" in lines


def _unescape(text: str) -> str:
    return re.sub(r"\\([0-7]{3})", lambda match: chr(int(match[1], 8)), text)
