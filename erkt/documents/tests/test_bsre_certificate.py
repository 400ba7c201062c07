"""A certificate as BSrE issues it: RSA, signed by an intermediate CA under a root, in a
PKCS#12 that carries the chain and may use the older 3DES/SHA-1 encryption that many
exporting tools still write. The office trusts the root alone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import PrivateFormat, pkcs12
from cryptography.x509.oid import NameOID
from weasyprint import HTML

from erkt.documents.signing.certificates import open_pkcs12, sha256_hex
from erkt.documents.signing.sign import sign_pdf
from erkt.documents.signing.verify import verify_pdf

PASSPHRASE = "Rahasia-BSrE-2026"
NOW = datetime.now(UTC)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _certificate(subject, issuer, key, issuer_key, *, ca: bool) -> x509.Certificate:
    return (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - timedelta(days=30))
        .not_valid_after(NOW + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(issuer_key, hashes.SHA256())
    )


@pytest.fixture(scope="module")
def chain():
    keys = [rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(3)]
    root = _certificate("Root CA Uji", "Root CA Uji", keys[0], keys[0], ca=True)
    intermediate = _certificate("OSD BSrE Uji", "Root CA Uji", keys[1], keys[0], ca=True)
    signer = _certificate("Kepala Badan Uji", "OSD BSrE Uji", keys[2], keys[1], ca=False)
    return root, intermediate, signer, keys[2]


def _pkcs12(chain, encryption) -> bytes:
    _root, intermediate, signer, key = chain
    return pkcs12.serialize_key_and_certificates(b"kepala", key, signer, [intermediate], encryption)


LEGACY = (
    PrivateFormat.PKCS12.encryption_builder()
    .key_cert_algorithm(pkcs12.PBES.PBESv1SHA1And3KeyTripleDESCBC)
    .hmac_hash(hashes.SHA1())
    .build(PASSPHRASE.encode())
)
MODERN = (
    PrivateFormat.PKCS12.encryption_builder()
    .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
    .build(PASSPHRASE.encode())
)


@pytest.mark.parametrize("encryption", [LEGACY, MODERN], ids=["3des-sha1", "aes256"])
def test_a_pkcs12_with_an_intermediate_ca_signs_and_validates_against_the_root(chain, encryption):
    root, _intermediate, _signer, _key = chain
    data = _pkcs12(chain, encryption)
    assert len(open_pkcs12(data, PASSPHRASE).chain) == 1

    signed = sign_pdf(
        HTML(string="<p>RKT Tahun 2027</p>").write_pdf(),
        pkcs12=data,
        passphrase=PASSPHRASE,
        box=(0, 300, 500, 540, 590),
        url="https://erkt.example/verifikasi/kode/",
        reason="Pengesahan RKT",
        location="Paringin",
    )

    assert signed.signer == "Kepala Badan Uji"
    trusted = verify_pdf(
        signed.content, expected_sha256=sha256_hex(signed.content), trust_roots=[root]
    )
    assert (trusted.same_document, trusted.intact, trusted.trusted) == (True, True, True)
    untrusted = verify_pdf(
        signed.content, expected_sha256=sha256_hex(signed.content), trust_roots=[]
    )
    assert untrusted.intact and not untrusted.trusted
