"""A fake BSrE signing service on loopback: the v1 and v2 APIs as their public clients use
them, checking each request as the service does and signing with the test CA (pyHanko).

    with FakeBsre(client_id="erkt", client_secret="rahasia", tsa_url=pki.tsa_url) as bsre:
        bsre.add_user(nik, passphrase="...", pkcs12=..., pkcs12_passphrase="...")
        bsre.url            # http://127.0.0.1:<port>
        bsre.requests       # what was asked (passphrases masked)

Answers (as the public clients read them):
- 401 {"timestamp", "status": 401, "error": "Unauthorized", "path"} without the right
  HTTP Basic credentials;
- user status: {"status_code": 1111, "status": "ISSUE", "message"}; 1110 NOT_REGISTERED;
  EXPIRED / REVOKE for a certificate that is no longer usable;
- a refused signing: 400 {"error": "...", "status_code": 2031 (passphrase) | 2011 (user)
  | 2021 (bad request) | 2051 (certificate not active)};
- v1 signs into the PDF answered as such (headers id_dokumen, signing_time); v2 answers
  {"file": [base64], ...}.
`down` answers 503 to everything; `delay` holds every answer that many seconds.
"""

from __future__ import annotations

import base64
import binascii
import email
import email.policy
import json
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO

import pytest
from PIL import Image
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext

from erkt.documents.signing.blocking import call_blocking

PDF_MAGIC = b"%PDF-"
VISIBLE_FIELDS = ("imageBase64", "page", "originX", "originY", "width", "height")
ACTIVE = "ISSUE"


@dataclass
class FakeUser:
    passphrase: str
    signer: signers.SimpleSigner
    status: str = ACTIVE  # ISSUE, EXPIRED, REVOKE


class Refusal(Exception):
    def __init__(self, status: int, body: dict) -> None:
        super().__init__(body)
        self.status = status
        self.body = body


def _refuse(message: str, code: int, status: int = 400) -> Refusal:
    return Refusal(status, {"error": message, "status_code": code})


class FakeBsre:
    def __init__(
        self, *, client_id: str, client_secret: str, tsa_url: str = "", trust_roots=()
    ) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.tsa_url = tsa_url
        self.trust_roots = list(trust_roots)
        self.users: dict[str, FakeUser] = {}
        self.subscribers: dict[str, tuple[str, signers.SimpleSigner]] = {}
        self.requests: list[dict] = []
        self.down = False
        self.delay = 0.0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeBsre:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)

    def add_user(
        self, nik: str, *, passphrase: str, pkcs12: bytes, pkcs12_passphrase: str, status=ACTIVE
    ) -> None:
        signer = signers.SimpleSigner.load_pkcs12_data(
            pkcs12, other_certs=[], passphrase=pkcs12_passphrase.encode()
        )
        self.users[nik] = FakeUser(passphrase=passphrase, signer=signer, status=status)

    def add_subscriber(self, id_subscriber: str, *, totp: str, pkcs12: bytes, passphrase: str):
        signer = signers.SimpleSigner.load_pkcs12_data(
            pkcs12, other_certs=[], passphrase=passphrase.encode()
        )
        self.subscribers[id_subscriber] = (totp, signer)

    # -- the service ---------------------------------------------------------------------

    def user_status(self, nik: str) -> dict:
        user = self.users.get(nik)
        if user is None:
            return {
                "status_code": 1110,
                "status": "NOT_REGISTERED",
                "message": "User tidak terdaftar",
            }
        if user.status == ACTIVE:
            return {
                "status_code": 1111,
                "status": ACTIVE,
                "message": "User memiliki sertifikat aktif",
            }
        return {
            "status_code": 1112,
            "status": user.status,
            "message": "Sertifikat " + ("kadaluarsa" if user.status == "EXPIRED" else "dicabut"),
        }

    def _user_for_signing(self, nik: str, passphrase: str) -> FakeUser:
        user = self.users.get(nik)
        if user is None:
            raise _refuse("User tidak terdaftar", 2011)
        if user.status == "EXPIRED":
            raise _refuse("Sertifikat pengguna telah kadaluarsa (expired)", 2051)
        if user.status != ACTIVE:
            raise _refuse("Sertifikat pengguna telah dicabut (revoked)", 2051)
        if passphrase != user.passphrase:
            raise _refuse("Passphrase anda salah", 2031)
        return user

    def sign_pdf(self, signer, pdf: bytes, properties: dict) -> bytes:
        """Sign as BSrE does: PAdES, a visible box with the image when asked, BSrE's TSA."""
        if not pdf.startswith(PDF_MAGIC):
            raise _refuse("File bukan PDF", 2021)
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
        field_name = f"BSrE-{uuid.uuid4().hex[:8]}"
        style = None
        if properties.get("tampilan", "").upper() == "VISIBLE":
            x, y = float(properties["originX"]), float(properties["originY"])
            box = (x, y, x + float(properties["width"]), y + float(properties["height"]))
            fields.append_signature_field(
                writer,
                fields.SigFieldSpec(
                    sig_field_name=field_name,
                    on_page=int(properties["page"]) - 1,
                    box=tuple(int(v) for v in box),
                ),
            )
            image = properties.get("image")
            style = TextStampStyle(
                stamp_text="",
                border_width=0,
                background=PdfImage(Image.open(BytesIO(image))) if image else None,
                background_opacity=1,
            )
        meta = signers.PdfSignatureMetadata(
            field_name=field_name,
            md_algorithm="sha256",
            subfilter=SigSeedSubFilter.PADES,
            reason=properties.get("reason") or None,
            location=properties.get("location") or None,
        )
        stamper = RequestsHTTPTimeStamper(self.tsa_url) if self.tsa_url else None
        out = BytesIO()
        signers.PdfSigner(meta, signer=signer, stamp_style=style, timestamper=stamper).sign_pdf(
            writer, output=out
        )
        return out.getvalue()

    def verify(self, pdf: bytes) -> dict:
        signatures = PdfFileReader(BytesIO(pdf), strict=False).embedded_signatures
        if not signatures:
            return {"conclusion": "NO_SIGNATURE", "signatureCount": 0}
        from erkt.documents.signing.pades import asn1_roots

        context = ValidationContext(trust_roots=asn1_roots(self.trust_roots))
        status = call_blocking(validate_pdf_signature, signatures[-1], context)
        return {
            "conclusion": "TOTAL_PASSED" if status.bottom_line else "TOTAL_FAILED",
            "signatureCount": len(signatures),
            "signatureInformations": [
                {
                    "signerName": status.signing_cert.subject.native.get("common_name", ""),
                    "signatureFormat": "PAdES",
                    "integrityValid": status.intact and status.valid,
                    "certificateTrusted": status.trusted,
                }
            ],
        }

    # -- HTTP ----------------------------------------------------------------------------

    def _authorized(self, header: str) -> bool:
        expected = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        return header == f"Basic {expected}"

    def _handler(self):
        bsre = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _send(self, status: int, body: bytes, content_type: str, headers=None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def _json(self, status: int, body: dict) -> None:
                self._send(status, json.dumps(body).encode(), "application/json")

            def _serve(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                record = {"method": method, "path": self.path}
                bsre.requests.append(record)
                if bsre.delay:
                    time.sleep(bsre.delay)
                if bsre.down:
                    self._send(503, b"<html>Service Unavailable</html>", "text/html")
                    return
                if not bsre._authorized(self.headers.get("Authorization", "")):
                    self._json(
                        401,
                        {
                            "timestamp": datetime.now(UTC).isoformat(),
                            "status": 401,
                            "error": "Unauthorized",
                            "path": self.path,
                        },
                    )
                    return
                try:
                    route = ROUTES.get((method, self.path))
                    if method == "GET" and self.path.startswith("/api/user/status/"):
                        nik = self.path.rsplit("/", 1)[-1]
                        record["nik"] = nik
                        self._json(200, bsre.user_status(nik))
                    elif route is None:
                        self._json(404, {"error": "Not Found", "status_code": 404})
                    else:
                        route(self, raw, record)
                except Refusal as refusal:
                    self._json(refusal.status, refusal.body)

            def do_GET(self) -> None:
                self._serve("GET")

            def do_POST(self) -> None:
                self._serve("POST")

            # -- v1 ----------------------------------------------------------------------

            def sign_v1(self, raw: bytes, record: dict) -> None:
                form = _multipart(self.headers.get("Content-Type", ""), raw)
                record["fields"] = sorted(form)
                missing = [f for f in ("file", "nik", "passphrase", "tampilan") if f not in form]
                if missing:
                    raise _refuse(f"Parameter tidak lengkap: {', '.join(missing)}", 2021)
                tampilan = form["tampilan"].decode()
                if tampilan not in ("visible", "invisible"):
                    raise _refuse("tampilan harus visible atau invisible", 2021)
                properties = {"tampilan": tampilan}
                if tampilan == "visible":
                    _require(form, ("page", "xAxis", "yAxis", "width", "height"))
                    properties.update(
                        page=form["page"].decode(),
                        originX=form["xAxis"].decode(),
                        originY=form["yAxis"].decode(),
                        width=form["width"].decode(),
                        height=form["height"].decode(),
                    )
                    if form.get("image", b"false") == b"true":
                        _require(form, ("imageTTD",))
                        properties["image"] = _png(form["imageTTD"])
                record["nik"] = form["nik"].decode()
                record["linkQR"] = form.get("linkQR", b"").decode()
                user = bsre._user_for_signing(record["nik"], form["passphrase"].decode())
                signed = bsre.sign_pdf(user.signer, form["file"], properties)
                self._send(
                    200,
                    signed,
                    "application/pdf",
                    {"id_dokumen": uuid.uuid4().hex, "signing_time": str(int(time.time()))},
                )

            # -- v2 ----------------------------------------------------------------------

            def _body(self, raw: bytes) -> dict:
                if not self.headers.get("Content-Type", "").startswith("application/json"):
                    raise _refuse("Content-Type harus application/json", 2021)
                try:
                    body = json.loads(raw)
                except ValueError as exc:
                    raise _refuse("JSON tidak valid", 2021) from exc
                if not isinstance(body, dict):
                    raise _refuse("JSON tidak valid", 2021)
                return body

            def _files_and_properties(self, body: dict) -> list[tuple[bytes, dict]]:
                files, properties = body.get("file"), body.get("signatureProperties")
                if not isinstance(files, list) or not files:
                    raise _refuse("file wajib diisi (array base64)", 2021)
                if not isinstance(properties, list) or len(properties) != len(files):
                    raise _refuse("signatureProperties harus satu untuk tiap file", 2021)
                pairs = []
                for encoded, props in zip(files, properties, strict=True):
                    try:
                        pdf = base64.b64decode(encoded, validate=True)
                    except (binascii.Error, TypeError) as exc:
                        raise _refuse("file bukan base64", 2021) from exc
                    tampilan = str(props.get("tampilan", "")).upper()
                    if tampilan not in ("VISIBLE", "INVISIBLE"):
                        raise _refuse("tampilan harus VISIBLE atau INVISIBLE", 2021)
                    props = dict(props)
                    if tampilan == "VISIBLE":
                        _require(
                            props, ("imageBase64", "page", "originX", "originY", "width", "height")
                        )
                        try:
                            props["image"] = _png(
                                base64.b64decode(props["imageBase64"], validate=True)
                            )
                        except binascii.Error as exc:
                            raise _refuse("imageBase64 bukan base64", 2021) from exc
                    pairs.append((pdf, props))
                return pairs

            def sign_v2(self, raw: bytes, record: dict) -> None:
                body = self._body(raw)
                _require(body, ("nik", "passphrase"))
                record["nik"] = body["nik"]
                record["signatureProperties"] = [
                    {k: v for k, v in p.items() if k != "imageBase64"}
                    for p in body.get("signatureProperties") or []
                    if isinstance(p, dict)
                ]
                pairs = self._files_and_properties(body)
                user = bsre._user_for_signing(str(body["nik"]), str(body["passphrase"]))
                signed = [bsre.sign_pdf(user.signer, pdf, props) for pdf, props in pairs]
                self._json(
                    200,
                    {
                        "file": [base64.b64encode(s).decode() for s in signed],
                        "time": int(time.time() * 1000),
                    },
                )

            def seal_v2(self, raw: bytes, record: dict) -> None:
                body = self._body(raw)
                _require(body, ("idSubscriber", "totp"))
                found = bsre.subscribers.get(str(body["idSubscriber"]))
                if found is None:
                    raise _refuse("idSubscriber tidak terdaftar", 2011)
                if str(body["totp"]) != found[0]:
                    raise _refuse("TOTP tidak valid", 2032)
                pairs = self._files_and_properties(body)
                signed = [bsre.sign_pdf(found[1], pdf, props) for pdf, props in pairs]
                self._json(200, {"file": [base64.b64encode(s).decode() for s in signed]})

            def verify_v2(self, raw: bytes, record: dict) -> None:
                body = self._body(raw)
                _require(body, ("file",))
                try:
                    pdf = base64.b64decode(body["file"], validate=True)
                except (binascii.Error, TypeError) as exc:
                    raise _refuse("file bukan base64", 2021) from exc
                self._json(200, bsre.verify(pdf))

            def status_v2(self, raw: bytes, record: dict) -> None:
                body = self._body(raw)
                _require(body, ("nik",))
                record["nik"] = body["nik"]
                self._json(200, bsre.user_status(str(body["nik"])))

        ROUTES = {
            ("POST", "/api/sign/pdf"): Handler.sign_v1,
            ("POST", "/api/v2/sign/pdf"): Handler.sign_v2,
            ("POST", "/api/v2/seal/pdf"): Handler.seal_v2,
            ("POST", "/api/v2/verify/pdf"): Handler.verify_v2,
            ("POST", "/api/v2/user/check/status"): Handler.status_v2,
        }
        return Handler


def _require(fields: dict, names) -> None:
    missing = [name for name in names if fields.get(name) in (None, "", b"")]
    if missing:
        raise _refuse(f"Parameter tidak lengkap: {', '.join(missing)}", 2021)


def _png(data: bytes) -> bytes:
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise _refuse("Gambar tanda tangan harus PNG", 2021)
    return data


def _multipart(content_type: str, raw: bytes) -> dict[str, bytes]:
    if not content_type.startswith("multipart/form-data"):
        raise _refuse("Content-Type harus multipart/form-data", 2021)
    message = email.message_from_bytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + raw, policy=email.policy.HTTP
    )
    form = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if name:
            form[name] = part.get_payload(decode=True) or b""
    return form


# -- pytest fixtures ---------------------------------------------------------------------

CLIENT_ID = "erkt-bkpsdm"
CLIENT_SECRET = "rahasia-klien-bsre"
BSRE_PASSPHRASE = "Passphrase-BSrE-1"
KEPALA_NIK = "6311011403700001"  # the demo Kepala's (erkt.org.demo)


@pytest.fixture
def fake_bsre(demo, local_pki, tsa):
    """The fake BSrE service, timestamping with the local TSA, knowing the demo Kepala
    (NIK KEPALA_NIK, passphrase BSRE_PASSPHRASE) with a certificate of the local CA."""
    from erkt.documents.signing.demo import DEMO_PASSPHRASE, make_signer_pkcs12

    pkcs12 = make_signer_pkcs12(
        local_pki.ca,
        name="Dr. H. Ahmad Rifani, S.Sos., M.Si.",
        organization=demo.name,
        nip="197003141995031002",
        crl_url=local_pki.crl_url,
    )
    with FakeBsre(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        tsa_url=local_pki.tsa_url,
        trust_roots=[local_pki.ca.certificate],
    ) as bsre:
        bsre.add_user(
            KEPALA_NIK,
            passphrase=BSRE_PASSPHRASE,
            pkcs12=pkcs12,
            pkcs12_passphrase=DEMO_PASSPHRASE,
        )
        yield bsre


@pytest.fixture
def bsre_office(demo, fake_bsre, local_pki):
    """The demo office signing through the fake BSrE (API v2), trusting the local CA."""
    return configure_bsre(demo, fake_bsre, local_pki)


def configure_bsre(organization, bsre: FakeBsre, pki, *, version: int = 2, timeout: int = 30):
    from erkt.documents.signing.certificates import to_pem
    from erkt.documents.signing.models import SigningConfig, TrustedRoot

    TrustedRoot.objects.get_or_create(
        organization=organization,
        name="Test BSrE CA",
        defaults={"certificate_pem": to_pem(pki.ca.certificate)},
    )
    config, _ = SigningConfig.objects.get_or_create(organization=organization)
    config.provider = (
        SigningConfig.Provider.BSRE_V1 if version == 1 else SigningConfig.Provider.BSRE_V2
    )
    config.bsre_url = bsre.url
    config.bsre_client_id = CLIENT_ID
    config.set_client_secret(CLIENT_SECRET)
    config.bsre_timeout = timeout
    config.save()
    return config
