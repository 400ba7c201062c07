"""The demo signing keys of the test suite, drawn once per test process.

`erkt demo` draws a fresh demo CA and fresh certificates (erkt.documents.signing.demo);
the `kepala_certificate` fixture passes `ca=demo_ca(...)` and `issue=issue` to
load_demo_signing instead, so every test of a process gets the same CA, the same
PKCS#12 files and so the same rows, which the recorded fixtures
(erkt.testing.snapshots.restore_or_apply) need to replay what comes after them.

Their validity is fixed, not taken from the clock: 2020-2040 covers every date the tests
travel to (time-machine), whichever test draws them first. Tests of key generation,
expiry or revocation draw their own (make_ca, make_signer_pkcs12, erkt.testing.pki).
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

from erkt.documents.signing.demo import (
    DEMO_PASSPHRASE,
    DemoCa,
    load_demo_signing,
    make_ca,
    make_signer_pkcs12,
)

VALIDITY = (datetime(2020, 1, 1, tzinfo=UTC), datetime(2040, 1, 1, tzinfo=UTC))


@cache
def demo_ca(organization: str) -> DemoCa:
    """The demo CA of an office of that name, the same for the whole test process."""
    return make_ca(organization, validity=VALIDITY)


def issue(
    ca: DemoCa,
    *,
    name: str,
    organization: str,
    nip: str = "",
    passphrase: str = DEMO_PASSPHRASE,
    days: int = 0,
    crl_url: str = "",
) -> bytes:
    """make_signer_pkcs12 once per process for each signer of each CA (`days` aside: all are
    valid over VALIDITY)."""
    key = (ca.certificate.serial_number, name, organization, nip, passphrase, crl_url)
    if key not in _issued:
        _issued[key] = make_signer_pkcs12(
            ca,
            name=name,
            organization=organization,
            nip=nip,
            passphrase=passphrase,
            crl_url=crl_url,
            validity=VALIDITY,
        )
    return _issued[key]


_issued: dict[tuple, bytes] = {}


def load_kepala_certificate(organization):
    """load_demo_signing with this process's keys; the demo Kepala Badan's certificate."""
    from erkt.documents.signing.models import SigningCertificate

    load_demo_signing(organization, ca=demo_ca(organization.name), issue=issue)
    return SigningCertificate.objects.get(employee__user__username="kepala", active=True)
