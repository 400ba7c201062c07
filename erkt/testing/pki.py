"""A test CA with the services a real one runs, on loopback: its CRL over HTTP and an RFC
3161 timestamp authority (TSA), so signatures reach PAdES B-T and B-LT in the tests.

    with LocalPki("BKPSDM") as pki:
        pki.crl_url   # http://127.0.0.1:<port>/crl/ca.crl (the certificates point here)
        pki.tsa_url   # http://127.0.0.1:<port>/tsa (ERKT_TSA_URL)

The CA is the demo CA (erkt.documents.signing.demo.make_ca); the TSA's certificate is
issued by it and names the same CRL, so the whole chain validates offline from the
data embedded in the PDF.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from erkt.documents.signing.demo import DemoCa, crl_distribution_points, make_ca


def _asn1_certificate(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


class LocalPki:
    def __init__(self, organization: str = "e-RKT Test") -> None:
        self.ca: DemoCa = make_ca(organization)
        self.revoked: set[int] = set()
        self.requests: list[str] = []  # the paths asked, in order
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base_url = f"http://127.0.0.1:{self.server.server_port}"
        self.crl_url = f"{self.base_url}/crl/ca.crl"
        self.tsa_url = f"{self.base_url}/tsa"
        self.tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.tsa_certificate = self._tsa_certificate()
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LocalPki:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)

    def _tsa_certificate(self) -> x509.Certificate:
        now = datetime.now(UTC)
        return (
            x509.CertificateBuilder()
            .subject_name(
                x509.Name(
                    [
                        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
                        x509.NameAttribute(NameOID.COMMON_NAME, "e-RKT Test TSA"),
                    ]
                )
            )
            .issuer_name(self.ca.certificate.subject)
            .public_key(self.tsa_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=2 * 365))
            .not_valid_after(now + timedelta(days=5 * 365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
            )
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.ca.key.public_key()),
                critical=False,
            )
            .add_extension(crl_distribution_points(self.crl_url), critical=False)
            .sign(self.ca.key, hashes.SHA256())
        )

    def crl(self) -> bytes:
        """The CA's current CRL (DER), listing the revoked serial numbers."""
        now = datetime.now(UTC)
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.ca.certificate.subject)
            .last_update(now - timedelta(hours=1))
            .next_update(now + timedelta(days=30))
            .add_extension(x509.CRLNumber(1), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.ca.key.public_key()),
                critical=False,
            )
        )
        for serial in sorted(self.revoked):
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder()
                .serial_number(serial)
                .revocation_date(now - timedelta(hours=2))
                .build()
            )
        crl = builder.sign(self.ca.key, hashes.SHA256())
        return crl.public_bytes(serialization.Encoding.DER)

    def timestamp(self, request: bytes) -> bytes:
        """Answer an RFC 3161 TimeStampReq (DER) with a granted TimeStampResp (DER)."""
        key = asn1_keys.PrivateKeyInfo.load(
            self.tsa_key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        stamper = DummyTimeStamper(
            tsa_cert=_asn1_certificate(self.tsa_certificate),
            tsa_key=key,
            certs_to_embed=[_asn1_certificate(self.ca.certificate)],
        )
        answer = stamper.request_tsa_response(tsp.TimeStampReq.load(request))
        return answer.dump()

    def _handler(self):
        pki = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet test output
                pass

            def _send(self, status: int, content_type: str, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                pki.requests.append(self.path)
                if self.path == "/crl/ca.crl":
                    self._send(200, "application/pkix-crl", pki.crl())
                else:
                    self._send(404, "text/plain", b"not found")

            def do_POST(self) -> None:
                pki.requests.append(self.path)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path != "/tsa":
                    self._send(404, "text/plain", b"not found")
                elif self.headers.get("Content-Type") != "application/timestamp-query":
                    self._send(400, "text/plain", b"expected application/timestamp-query")
                else:
                    self._send(200, "application/timestamp-reply", pki.timestamp(body))

        return Handler


# -- pytest fixtures (import them into a test module) ------------------------------------


@pytest.fixture
def local_pki(demo):
    """The demo office's CA with its CRL and TSA served on loopback while the test runs."""
    with LocalPki(demo.name) as pki:
        yield pki


@pytest.fixture
def pki_certificate(demo, local_pki):
    """The demo Kepala's certificate as `erkt demo` makes it, from the local CA and naming
    its CRL; the CA is the office's trusted root. Passphrase DEMO_PASSPHRASE."""
    from erkt.documents.signing.demo import load_demo_signing
    from erkt.documents.signing.models import SigningCertificate

    load_demo_signing(demo, ca=local_pki.ca, crl_url=local_pki.crl_url)
    return SigningCertificate.objects.get(employee__user__username="kepala", active=True)


@pytest.fixture
def tsa(settings, local_pki) -> str:
    """ERKT_TSA_URL set to the local TSA."""
    settings.ERKT_TSA_URL = local_pki.tsa_url
    return local_pki.tsa_url
