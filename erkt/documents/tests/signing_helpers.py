"""Helpers of the signing tests: a signed test document, pyHanko's own verdict, the QR code."""

from __future__ import annotations

import shutil
import subprocess
from io import BytesIO

import qrcode
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from erkt.documents.models import IssuedDocument
from erkt.documents.services import issue
from erkt.documents.signing.blocking import call_blocking
from erkt.documents.signing.demo import DEMO_PASSPHRASE
from erkt.documents.signing.models import TrustedRoot
from erkt.documents.signing.services import sign_document
from erkt.documents.signing.verify import _asn1
from erkt.documents.tests.conftest import NOTA, nota_pdf

BOX = (0, 300, 60, 583, 156)  # the 100 mm x 34 mm box of the PDFs


def signed_nota(organization, snapshot: dict, by) -> IssuedDocument:
    """A test document issued and signed with the demo Kepala certificate."""
    document = issue(
        kind=NOTA,
        key="nota",
        title="Nota Anggaran",
        snapshot=snapshot,
        organization=organization,
        by=by,
    )
    sign_document(
        document,
        pdf=nota_pdf(document.snapshot),
        box=BOX,
        by=by,
        passphrase=DEMO_PASSPHRASE,
        filename="nota.pdf",
        signer_title="Kepala Badan",
    )
    document.refresh_from_db()
    return document


def stored_pdf(document: IssuedDocument) -> bytes:
    with document.pdf_file.open("rb") as stored:
        return stored.read()


def one_byte_changed(pdf: bytes) -> bytes:
    """The PDF with one byte of its page content changed (inside the signed range)."""
    changed = bytearray(pdf)
    position = pdf.index(b"stream", len(pdf) // 10) + 20
    changed[position] ^= 0x01
    return bytes(changed)


def pyhanko_status(pdf: bytes, organization):
    """pyHanko's validator itself, against the organisation's trusted roots."""
    reader = PdfFileReader(BytesIO(pdf), strict=False)
    roots = [_asn1(c) for c in TrustedRoot.certificates_of(organization)]
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    # call_blocking: after a browser test Playwright's loop runs in this thread.
    return call_blocking(validate_pdf_signature, reader.embedded_signatures[-1], context)


def qr_modules_of(pdf: bytes) -> set[tuple[int, int]]:
    """The dark modules of the QR code drawn in the signature stamp."""
    reader = PdfReader(BytesIO(pdf))
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            appearance = annotation.get_object().get("/AP")
            if not appearance:
                continue
            xobjects = appearance["/N"].get_object()["/Resources"].get("/XObject", {})
            if "/QR" in xobjects:
                data = xobjects["/QR"].get_object().get_data().decode()
                return {
                    (int(parts[0]), int(parts[1]))
                    for line in data.splitlines()
                    if (parts := line.split())[-1:] == ["re"]
                }
    return set()


def qr_modules_for(url: str) -> set[tuple[int, int]]:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(url)
    code.make()
    return {(x, y) for y, row in enumerate(code.modules) for x, dark in enumerate(row) if dark}


PDFSIG = shutil.which("pdfsig") or "/usr/bin/pdfsig"  # poppler-utils, ensure-system-packages


def pdfsig(pdf: bytes, tmp_path) -> str:
    """poppler's own report on the PDF's signatures."""
    target = tmp_path / "rkt.pdf"
    target.write_bytes(pdf)
    # -nocert: the demo CA is not in this machine's NSS database (trust is pyHanko's check)
    run = subprocess.run(
        [PDFSIG, "-nocert", "-no-ocsp", str(target)], capture_output=True, text=True, check=False
    )
    return run.stdout + run.stderr
