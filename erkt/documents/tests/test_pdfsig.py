"""Tools we did not write check the B-LT signature: poppler's pdfsig finds it valid (one
changed byte: a digest mismatch), and `openssl ts -verify` accepts its RFC 3161
timestamp against the CA (pdfsig 22.12 does not read timestamp tokens itself)."""

from __future__ import annotations

import hashlib
import subprocess
from io import BytesIO

from asn1crypto import cms
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.generic_cms import extract_tst_data_iter

from erkt.documents.signing.certificates import to_pem
from erkt.documents.tests.signing_helpers import one_byte_changed, pdfsig, signed_nota, stored_pdf


def test_pdfsig_shows_the_timestamped_signature_valid(
    demo, kepala, pki_certificate, nota_snapshot, tsa, tmp_path
):
    pdf = stored_pdf(signed_nota(demo, nota_snapshot, kepala))
    report = pdfsig(pdf, tmp_path)
    assert "Signature is Valid" in report
    assert "Dr. H. Ahmad Rifani" in report
    broken = pdfsig(one_byte_changed(pdf), tmp_path)
    assert "Digest Mismatch" in broken


def test_openssl_accepts_the_signature_timestamp_and_refuses_another_digest(
    demo, kepala, pki_certificate, nota_snapshot, tsa, local_pki, tmp_path
):
    pdf = stored_pdf(signed_nota(demo, nota_snapshot, kepala))
    signer_info = PdfFileReader(BytesIO(pdf), strict=False).embedded_signatures[-1].signer_info
    (token,) = extract_tst_data_iter(signer_info, signed=False)

    content_info = cms.ContentInfo({"content_type": "signed_data", "content": token})
    (tmp_path / "token.der").write_bytes(content_info.dump())
    (tmp_path / "ca.pem").write_text(to_pem(local_pki.ca.certificate))
    imprint = hashlib.sha256(signer_info["signature"].native).hexdigest()

    def openssl_verify(digest: str) -> str:
        command = ["openssl", "ts", "-verify", "-digest", digest, "-token_in"]
        command += ["-in", str(tmp_path / "token.der"), "-CAfile", str(tmp_path / "ca.pem")]
        run = subprocess.run(command, capture_output=True, text=True, check=False)
        return run.stdout + run.stderr

    assert "Verification: OK" in openssl_verify(imprint)
    assert "Verification: OK" not in openssl_verify(hashlib.sha256(b"lain").hexdigest())
