"""The demo office's own CA and the Kepala Badan's certificate, so signing works offline.

`erkt demo` calls load_demo_signing(organization): the demo CA becomes a trusted
root of the office and the Kepala Badan gets a PKCS#12 with passphrase demo1234.
A real BSrE certificate is uploaded the same way (and its root added as trusted).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

DEMO_PASSPHRASE = "demo1234"
DEMO_CA_NAME = "e-RKT Demo CA"


@dataclass(frozen=True)
class DemoCa:
    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate


def _name(common_name: str, organization: str, serial: str = "") -> x509.Name:
    parts = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization[:64]),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]),
    ]
    if serial:
        parts.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial))
    return x509.Name(parts)


def make_ca(
    organization: str,
    *,
    now: datetime | None = None,
    validity: tuple[datetime, datetime] | None = None,
) -> DemoCa:
    """A self-signed CA, valid from three years before `now` to ten years after (or over
    `validity`)."""
    now = now or datetime.now(UTC)
    not_before, not_after = validity or (
        now - timedelta(days=3 * 365),
        now + timedelta(days=10 * 365),
    )
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(DEMO_CA_NAME, organization)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .sign(key, hashes.SHA256())
    )
    return DemoCa(key=key, certificate=certificate)


def make_signer_pkcs12(
    ca: DemoCa,
    *,
    name: str,
    organization: str,
    nip: str = "",
    passphrase: str = DEMO_PASSPHRASE,
    now: datetime | None = None,
    days: int = 5 * 365,
    crl_url: str = "",
    validity: tuple[datetime, datetime] | None = None,
) -> bytes:
    """A PKCS#12 (key + certificate + CA) for one signer, protected by `passphrase` (none
    when empty); valid from two years before `now` for `days` after it (or over `validity`).

    With `crl_url` the certificate names where its CA's CRL is published (the CRL
    distribution point), so its validation data can be fetched and embedded (B-LT).
    """
    now = now or datetime.now(UTC)
    # valid well before today: demo runs and tests replay earlier dates
    not_before, not_after = validity or (now - timedelta(days=2 * 365), now + timedelta(days=days))
    key = ec.generate_private_key(ec.SECP256R1())
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(name, organization, nip))
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), False
        )
    )
    if crl_url:
        builder = builder.add_extension(crl_distribution_points(crl_url), critical=False)
    certificate = builder.sign(ca.key, hashes.SHA256())
    return pkcs12.serialize_key_and_certificates(
        name=name.encode(),
        key=key,
        cert=certificate,
        cas=[ca.certificate],
        encryption_algorithm=serialization.BestAvailableEncryption(passphrase.encode())
        if passphrase
        else serialization.NoEncryption(),
    )


def crl_distribution_points(url: str) -> x509.CRLDistributionPoints:
    return x509.CRLDistributionPoints(
        [
            x509.DistributionPoint(
                full_name=[x509.UniformResourceIdentifier(url)],
                relative_name=None,
                reasons=None,
                crl_issuer=None,
            )
        ]
    )


def load_demo_signing(
    organization,
    *,
    ca: DemoCa | None = None,
    crl_url: str = "",
    issue: Callable[..., bytes] = make_signer_pkcs12,
) -> None:
    """Give the demo office a trusted demo CA, its Kepala Badan a certificate and the office
    its archive certificate (idempotent).

    The CA's key is thrown away once they are issued: nothing else is ever signed by it.
    The tests pass a CA they keep (erkt.testing.pki), whose CRL they serve at `crl_url`,
    or the CA and the `issue` (make_signer_pkcs12's arguments) of erkt.testing.signing_keys,
    which draw their keys once per test process; `erkt demo` draws fresh ones.
    """
    from erkt.documents.archive.models import ArchiveCertificate
    from erkt.documents.signing.certificates import to_pem
    from erkt.documents.signing.models import SigningCertificate, TrustedRoot
    from erkt.documents.signing.services import upload_certificate
    from erkt.org.models import Employee, Role

    kepala = (
        Employee.objects.filter(
            organization=organization, positions__role=Role.KEPALA, user__isnull=False
        )
        .select_related("user")
        .first()
    )
    needs_kepala = kepala is not None and SigningCertificate.current_for(kepala) is None
    needs_archive = not ArchiveCertificate.objects.filter(organization=organization).exists()
    if not (needs_kepala or needs_archive):
        return
    ca = ca or make_ca(organization.name)
    TrustedRoot.objects.create(
        organization=organization,
        name=f"{DEMO_CA_NAME} ({organization.short_name or organization.name})",
        certificate_pem=to_pem(ca.certificate),
    )
    if needs_kepala:
        data = issue(
            ca,
            name=kepala.full_name,
            organization=organization.name,
            nip=kepala.nip or "",
            crl_url=crl_url,
        )
        upload_certificate(employee=kepala, data=data, passphrase=DEMO_PASSPHRASE, by=kepala.user)
    if needs_archive:
        load_demo_archive_certificate(organization, ca, issue=issue)


def load_demo_archive_certificate(
    organization, ca: DemoCa, *, issue: Callable[..., bytes] = make_signer_pkcs12
) -> None:
    """The office's archive certificate (it signs each bundle's manifest), issued by the demo
    CA; a PKCS#12 without passphrase, so no environment variable is needed for the demo."""
    from erkt.documents.archive.admin_forms import store_archive_certificate

    name = f"Arsip {organization.short_name or organization.name}"
    data = issue(ca, name=name, organization=organization.name, passphrase="", days=10 * 365)
    store_archive_certificate(organization, data, passphrase_variable="")
