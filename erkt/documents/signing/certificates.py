"""PKCS#12 certificates: opening them, describing them, and keeping them encrypted at rest.

The PKCS#12 file is already protected by its passphrase; it is encrypted once more
with a key derived from SECRET_KEY so a database dump alone never yields it. The
passphrase itself is never stored: the signer types it at every signature.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from asn1crypto import algos as asn1_algos
from asn1crypto import core as asn1_core
from asn1crypto import pkcs12 as asn1_pkcs12
from cryptography import x509
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.utils.translation import gettext as _

MAX_PKCS12_SIZE = 64 * 1024
# Key-derivation rounds one PKCS#12 may ask for: common files use 2,048 to 600,000 per
# derivation (the MAC, each encrypted container, each shrouded key). Each count and their
# sum are capped so that a small file cannot keep a worker busy for minutes.
MAX_KDF_ITERATIONS = 1_000_000
MAX_KDF_ITERATIONS_TOTAL = 4_000_000
PBMAC1 = "1.2.840.113549.1.5.14"  # RFC 9579: the MAC key comes from PBKDF2


class Pbmac1Params(asn1_core.Sequence):
    _fields = [
        ("key_derivation_func", asn1_algos.KdfAlgorithm),
        ("message_auth_scheme", asn1_algos.HmacAlgorithm),
    ]


class CertificateError(Exception):
    """A certificate that cannot be used; `message` is for the user (Bahasa Indonesia)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class OpenedPkcs12:
    key: object
    certificate: x509.Certificate
    chain: list[x509.Certificate]


@dataclass(frozen=True)
class CertificateInfo:
    subject: str
    common_name: str
    issuer: str
    serial: str
    not_before: datetime
    not_after: datetime
    fingerprint_sha256: str


def _fernet() -> Fernet:
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"erkt signing pkcs12 at rest"
    ).derive(settings.SECRET_KEY.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(data: bytes) -> bytes:
    return _fernet().encrypt(data)


def decrypt(token: bytes) -> bytes:
    try:
        return _fernet().decrypt(bytes(token))
    except InvalidToken as exc:
        raise CertificateError(
            _("Sertifikat tersimpan tidak dapat dibuka (kunci server berubah): unggah ulang.")
        ) from exc


def readable_name(rfc4514: str) -> dict[str, str]:
    """A distinguished name ("CN=..,O=..,C=ID") as its name, organisation and unit ("" if
    absent, or if the text is not a distinguished name)."""
    try:
        name = x509.Name.from_rfc4514_string(rfc4514)
    except ValueError:
        return {"name": "", "organization": "", "unit": ""}

    def first(oid) -> str:
        found = name.get_attributes_for_oid(oid)
        return str(found[0].value) if found else ""

    return {
        "name": first(NameOID.COMMON_NAME),
        "organization": first(NameOID.ORGANIZATION_NAME),
        "unit": first(NameOID.ORGANIZATIONAL_UNIT_NAME),
    }


def open_pkcs12(data: bytes, passphrase: str) -> OpenedPkcs12:
    """Open a PKCS#12 with its passphrase; refuse one without a key or certificate."""
    if not data or len(data) > MAX_PKCS12_SIZE:
        raise CertificateError(_("Berkas sertifikat kosong atau terlalu besar."))
    check_kdf_iterations(data)
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(
            data, passphrase.encode() if passphrase else None
        )
    except (ValueError, TypeError) as exc:
        raise CertificateError(
            _("Frasa sandi salah, atau berkas bukan sertifikat elektronik (.p12/.pfx).")
        ) from exc
    if key is None or certificate is None:
        raise CertificateError(
            _("Berkas sertifikat harus memuat sertifikat dan kunci privat penandatangan.")
        )
    return OpenedPkcs12(key=key, certificate=certificate, chain=list(chain or []))


def kdf_iterations(data: bytes) -> list[int]:
    """The iteration counts a PKCS#12 asks for, read from its structure without decrypting.

    The MAC's count, each encrypted container's and each shrouded key's (also in nested
    bags). A key-derivation function other than PBKDF2 or the PKCS#12 one raises ValueError.
    """
    pfx = asn1_pkcs12.Pfx.load(data)
    counts = []
    if pfx["mac_data"].native is not None:
        counts.append(_mac_iterations(pfx["mac_data"]))
    auth_safe = pfx["auth_safe"]
    if auth_safe["content_type"].native != "data":
        raise ValueError("only password-integrity PKCS#12 files are supported")
    for content in asn1_pkcs12.AuthenticatedSafe.load(auth_safe["content"].native):
        kind = content["content_type"].native
        if kind == "encrypted_data":
            info = content["content"]["encrypted_content_info"]
            counts.append(_iterations(info["content_encryption_algorithm"]))
        elif kind == "data":
            counts.extend(_bag_iterations(asn1_pkcs12.SafeContents.load(content["content"].native)))
        else:
            raise ValueError(f"unsupported PKCS#12 content type {kind}")
    return counts


def _mac_iterations(mac_data) -> int:
    algorithm = mac_data["mac"]["digest_algorithm"]
    if algorithm["algorithm"].dotted != PBMAC1:
        return mac_data["iterations"].native
    kdf = Pbmac1Params.load(algorithm["parameters"].dump())["key_derivation_func"]
    if kdf["algorithm"].native != "pbkdf2":
        raise ValueError("unsupported key-derivation function")
    return kdf["parameters"]["iteration_count"].native


def _bag_iterations(bags) -> list[int]:
    counts = []
    for bag in bags:
        kind = bag["bag_id"].native
        if kind == "pkcs8_shrouded_key_bag":
            counts.append(_iterations(bag["bag_value"]["encryption_algorithm"]))
        elif kind == "safe_contents":
            counts.extend(_bag_iterations(bag["bag_value"]))
    return counts


def _iterations(algorithm) -> int:
    name = algorithm["algorithm"].native
    if name == "pbes2" and algorithm["parameters"]["key_derivation_func"]["algorithm"].native != (
        "pbkdf2"
    ):
        raise ValueError("unsupported key-derivation function")
    return int(algorithm.kdf_iterations)


def check_kdf_iterations(data: bytes) -> None:
    """Refuse, before any decryption, a PKCS#12 that asks for absurd key-derivation work."""
    try:
        counts = kdf_iterations(data)
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
        raise CertificateError(
            _("Berkas bukan sertifikat elektronik (.p12/.pfx) yang dapat dibaca.")
        ) from exc
    if any(count > MAX_KDF_ITERATIONS for count in counts) or (
        sum(counts) > MAX_KDF_ITERATIONS_TOTAL
    ):
        raise CertificateError(
            _(
                "Berkas PKCS#12 meminta putaran penurunan kunci yang tidak wajar "
                "(%(count)s; paling banyak %(max)s per kunci). Ekspor ulang sertifikat "
                "dengan pengaturan standar."
            )
            % {
                "count": f"{max(counts):,}".replace(",", "."),
                "max": f"{MAX_KDF_ITERATIONS:,}".replace(",", "."),
            }
        )


def _name(name: x509.Name) -> str:
    return name.rfc4514_string()


def common_name(name: x509.Name) -> str:
    values = name.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(values[0].value) if values else _name(name)


def describe(certificate: x509.Certificate) -> CertificateInfo:
    return CertificateInfo(
        subject=_name(certificate.subject),
        common_name=common_name(certificate.subject),
        issuer=_name(certificate.issuer),
        serial=format(certificate.serial_number, "X"),
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        fingerprint_sha256=fingerprint(certificate),
    )


def fingerprint(certificate: x509.Certificate) -> str:
    return certificate.fingerprint(hashes.SHA256()).hex()


def check_current(certificate: x509.Certificate, *, now: datetime | None = None) -> None:
    now = now or datetime.now(UTC)
    if now < certificate.not_valid_before_utc:
        raise CertificateError(_("Sertifikat belum berlaku."))
    if now > certificate.not_valid_after_utc:
        raise CertificateError(_("Sertifikat sudah kedaluwarsa."))


def load_certificate(data: bytes) -> x509.Certificate:
    """A CA certificate from PEM or DER bytes."""
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError as exc:
        raise CertificateError(_("Berkas bukan sertifikat X.509 (PEM atau DER).")) from exc


def to_pem(certificate: x509.Certificate) -> str:
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
