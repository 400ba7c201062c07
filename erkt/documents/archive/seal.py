"""The archive certificate's signature on a bundle's manifest.json, checkable anywhere.

`manifest.json.p7s` is a detached CMS signature (DER) over the exact bytes of
manifest.json, made with the organisation's archive certificate; `ca.pem` holds the CA
certificates to check it with and README.txt says how, in Bahasa Indonesia:

    openssl cms -verify -binary -inform DER -in manifest.json.p7s -content manifest.json \
        -CAfile ca.pem -purpose any -out /dev/null

The certificate is the one uploaded for the organisation in the admin (ArchiveCertificate),
else the PKCS#12 file named by the setting ERKT_ARCHIVE_PKCS12_FILE; either opens with the
passphrase in an environment variable, never stored. Without either the manifest is not
signed and README.txt says so.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs7
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from erkt.documents.archive.models import (
    PASSPHRASE_VARIABLE,
    PASSPHRASE_VARIABLE_PATTERN,
    ArchiveCertificate,
)
from erkt.documents.signing import certificates
from erkt.documents.signing.certificates import CertificateError

MANIFEST_SIGNATURE = "manifest.json.p7s"
CA_FILE = "ca.pem"
README = "README.txt"
OPENSSL_COMMAND = (
    "openssl cms -verify -binary -inform DER -in manifest.json.p7s -content manifest.json "
    "-CAfile ca.pem -purpose any -out /dev/null"
)


@dataclass(frozen=True)
class ArchiveSigner:
    key: Any
    certificate: x509.Certificate
    chain: list[x509.Certificate]  # intermediates carried in the signature
    ca_certificates: list[x509.Certificate]  # what ca.pem holds: the chain up to its root

    @property
    def fingerprint(self) -> str:
        return certificates.fingerprint(self.certificate)

    @property
    def subject(self) -> str:
        return self.certificate.subject.rfc4514_string()


def archive_signer(organization) -> ArchiveSigner | None:
    """The organisation's archive certificate opened for signing; None when none is set up.

    Raises CertificateError (an Indonesian message) when one is set up but cannot sign.
    """
    stored = ArchiveCertificate.objects.filter(organization=organization).first()
    if stored is not None:
        data, variable = certificates.decrypt(stored.encrypted_pkcs12), stored.passphrase_variable
    elif settings.ERKT_ARCHIVE_PKCS12_FILE:
        data, variable = _read(settings.ERKT_ARCHIVE_PKCS12_FILE), PASSPHRASE_VARIABLE
    else:
        return None
    opened = open_archive_pkcs12(data, variable)
    roots = _trusted_roots(organization)
    return ArchiveSigner(
        key=opened.key,
        certificate=opened.certificate,
        chain=opened.chain,
        ca_certificates=_ca_certificates(opened.certificate, opened.chain, roots),
    )


def open_archive_pkcs12(data: bytes, variable: str) -> certificates.OpenedPkcs12:
    """Open the archive PKCS#12 with the passphrase in the environment `variable`."""
    if variable and not re.match(PASSPHRASE_VARIABLE_PATTERN, variable):
        raise CertificateError(
            _("Nama variabel lingkungan frasa sandi harus berawalan ERKT_ARCHIVE_.")
        )
    passphrase = os.environ.get(variable, "") if variable else ""
    try:
        opened = certificates.open_pkcs12(data, passphrase)
        certificates.check_current(opened.certificate)
    except CertificateError as error:
        raise CertificateError(
            _(
                "Sertifikat arsip tidak dapat dipakai: %(reason)s Periksa berkasnya dan frasa "
                "sandi pada variabel lingkungan %(variable)s di server."
            )
            % {"reason": error.message, "variable": variable or "-"}
        ) from error
    return opened


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as source:
            return source.read()
    except OSError as error:
        raise CertificateError(
            _("Berkas sertifikat arsip %(path)s tidak dapat dibaca.") % {"path": path}
        ) from error


def _trusted_roots(organization) -> list[x509.Certificate]:
    from erkt.documents.signing.models import TrustedRoot

    return TrustedRoot.certificates_of(organization)


def _ca_certificates(
    certificate: x509.Certificate, chain: list[x509.Certificate], roots: list[x509.Certificate]
) -> list[x509.Certificate]:
    """The chain's CA certificates, then the trusted root that issued the top one (when the
    PKCS#12 left it out); a self-signed archive certificate is its own CA."""
    found = list(chain)
    top = found[-1] if found else certificate
    if top.issuer != top.subject:
        found += [root for root in roots if root.subject == top.issuer and root not in found]
    return found or [certificate]


def sign_manifest(manifest: bytes, signer: ArchiveSigner) -> bytes:
    """The detached CMS signature (DER) over the exact bytes of manifest.json."""
    builder = pkcs7.PKCS7SignatureBuilder().set_data(manifest)
    builder = builder.add_signer(signer.certificate, signer.key, hashes.SHA256())
    for certificate in signer.chain:
        builder = builder.add_certificate(certificate)
    return builder.sign(
        serialization.Encoding.DER,
        [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary],
    )


def ca_pem(signer: ArchiveSigner) -> bytes:
    return "".join(certificates.to_pem(c) for c in signer.ca_certificates).encode()


def readme(berkas: dict[str, Any], signer: ArchiveSigner | None) -> bytes:
    """README.txt: what the bundle holds and how to check it, in Bahasa Indonesia."""
    lines = [
        f"BUNDEL ARSIP {berkas.get('nomor_berkas', '')}",
        f"{berkas.get('uraian', '')} - {berkas.get('organization', '')}",
        "",
        "Isi bundel:",
        "  dokumen/                  setiap dokumen yang diterbitkan, persis seperti disimpan",
        "  audit/jejak-audit.jsonl   jejak audit proses (berantai hash)",
        "  manifest.json             data berkas dan SHA-256 setiap berkas dalam bundel",
        "  README.txt                petunjuk ini",
    ]
    if signer is None:
        lines += [
            "",
            "Manifest bundel ini TIDAK ditandatangani: perangkat daerah belum memasang",
            "sertifikat arsip. Keutuhannya diperiksa di server e-RKT dengan",
            f"'erkt archive verify {berkas.get('nomor_berkas', '')}'.",
        ]
        return ("\n".join(lines) + "\n").encode()
    first_ca = signer.ca_certificates[-1]
    lines += [
        "  manifest.json.p7s         tanda tangan elektronik (CMS, DER) atas manifest.json",
        "  ca.pem                    sertifikat CA untuk memeriksa tanda tangan itu",
        "",
        "Manifest ditandatangani dengan sertifikat arsip:",
        f"  {signer.subject}",
        f"  sidik jari SHA-256: {signer.fingerprint}",
        f"CA teratas dalam ca.pem: {first_ca.subject.rfc4514_string()}",
        f"  sidik jari SHA-256: {certificates.fingerprint(first_ca)}",
        "",
        "CARA MEMERIKSA (di komputer mana pun, tanpa e-RKT):",
        "",
        "1. Tanda tangan manifest. Di folder hasil ekstrak bundel, jalankan:",
        "",
        f"   {OPENSSL_COMMAND}",
        "",
        '   Hasil yang benar: "CMS Verification successful" (atau "Verification',
        '   successful"). Bila manifest.json diubah sedikit pun, perintah ini gagal.',
        "   Bila sertifikat arsip sudah kedaluwarsa saat Anda memeriksa, tambahkan",
        f"   -attime {int(timezone.now().timestamp())} (saat pengarsipan) untuk memeriksa",
        "   pada saat itu. Di Windows, ganti /dev/null dengan NUL.",
        "",
        "2. Setiap berkas. Bandingkan SHA-256 setiap berkas dengan manifest.json:",
        "",
        "   jq -r '.files[] | \"\\(.sha256)  \\(.path)\"' manifest.json | sha256sum -c",
        "",
        '   Setiap baris harus berakhir "OK" (tanpa jq: hitung SHA-256 tiap berkas dengan',
        "   sha256sum, atau certutil -hashfile <berkas> SHA256 di Windows, lalu bandingkan",
        "   dengan manifest.json).",
        "",
        "3. Asal sertifikat. ca.pem ikut di dalam bundel: pastikan sidik jari CA di atas",
        "   sama dengan yang diumumkan perangkat daerah atau CA yang Anda percayai",
        "   (openssl x509 -in ca.pem -noout -fingerprint -sha256).",
    ]
    return ("\n".join(lines) + "\n").encode()
