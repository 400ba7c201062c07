"""A test document signed with a signature timestamp (RFC 3161) from pyHanko's DummyTimeStamper:
a time-stamping authority of the test's own, under a small CA the organisation may trust."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache
from io import BytesIO

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.utils import timezone
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from erkt.documents.models import IssuedDocument
from erkt.documents.services import issue
from erkt.documents.signing.blocking import call_blocking
from erkt.documents.signing.certificates import to_pem
from erkt.documents.signing.demo import DEMO_PASSPHRASE
from erkt.documents.signing.models import DocumentSignature, SigningCertificate, TrustedRoot
from erkt.documents.tests.conftest import NOTA, nota_pdf

TSA_NAME = "TSA Uji e-RKT"
TSA_TIME = datetime(2026, 11, 30, 1, 2, 3, tzinfo=UTC)  # 09:02:03 WITA


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


@cache
def tsa_with_root() -> tuple[DummyTimeStamper, x509.Certificate]:
    """A TSA whose certificate a root of its own issued; made once per test run (the
    DummyTimeStamper signs with RSA only, whose key takes a moment to generate)."""
    now = datetime.now(UTC)
    root_key = ec.generate_private_key(ec.SECP256R1())
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root = (
        x509.CertificateBuilder()
        .subject_name(_name("Root TSA Uji"))
        .issuer_name(_name("Root TSA Uji"))
        .public_key(root_key.public_key())
        .serial_number(1)
        .not_valid_before(now - timedelta(days=3 * 365))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(root_key, hashes.SHA256())
    )
    tsa = (
        x509.CertificateBuilder()
        .subject_name(_name(TSA_NAME))
        .issuer_name(root.subject)
        .public_key(tsa_key.public_key())
        .serial_number(2)
        .not_valid_before(now - timedelta(days=2 * 365))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(root_key, hashes.SHA256())
    )
    der = serialization.Encoding.DER
    key_der = tsa_key.private_bytes(
        der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(tsa.public_bytes(der)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(key_der),
        fixed_dt=TSA_TIME,
    )
    return stamper, root


def timestamped_nota(organization, snapshot: dict, by, *, trust_tsa: bool = True):
    """The test document signed with the Kepala's demo certificate and a signature timestamp."""
    stamper, root = tsa_with_root()
    if trust_tsa:
        TrustedRoot.objects.create(
            organization=organization, name="Root TSA Uji", certificate_pem=to_pem(root)
        )
    document = issue(
        kind=NOTA,
        key="nota-ts",
        title="Nota Anggaran (stempel waktu)",
        snapshot=snapshot,
        organization=organization,
        by=by,
    )
    certificate = SigningCertificate.objects.get(employee__user=by, active=True)
    signer = signers.SimpleSigner.load_pkcs12_data(
        certificate.pkcs12(), other_certs=[], passphrase=DEMO_PASSPHRASE.encode()
    )
    meta = signers.PdfSignatureMetadata(
        field_name="TandaTanganKepala", md_algorithm="sha256", subfilter=SigSeedSubFilter.PADES
    )
    out = BytesIO()
    pdf_signer = signers.PdfSigner(meta, signer=signer, timestamper=stamper)
    writer = IncrementalPdfFileWriter(BytesIO(nota_pdf(snapshot)), strict=False)
    call_blocking(pdf_signer.sign_pdf, writer, output=out)  # also beside Playwright's loop
    document.store_pdf(out.getvalue(), kind=IssuedDocument.PdfKind.DIGITAL, filename="nota.pdf")
    DocumentSignature.objects.create(
        document=document,
        method=DocumentSignature.Method.DIGITAL,
        signer_name=certificate.common_name,
        signer_title="Kepala Badan",
        signed_at=timezone.now(),
        signed_by=by,
        certificate=certificate,
        certificate_subject=certificate.subject,
        certificate_fingerprint=certificate.fingerprint_sha256,
    )
    return document
