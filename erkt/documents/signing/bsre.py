"""A client of BSrE's signing service (Balai Sertifikasi Elektronik, BSSN), API v1 and v2.

The field names and answers follow the public clients of the service:
- v1: `GET /api/user/status/{nik}` (answer {"status_code": 1111, "status": "ISSUE",
  "message"}; 1110: not registered), then a multipart `POST /api/sign/pdf` with file,
  nik, passphrase, tampilan (visible/invisible), page, xAxis, yAxis, width, height,
  image (true/false) with imageTTD, linkQR; the answer is the signed PDF itself (headers
  id_dokumen, signing_time).
- v2: JSON `POST /api/v2/user/check/status` {nik}, `POST /api/v2/sign/pdf` {nik,
  passphrase, signatureProperties: [{tampilan, imageBase64, page, originX, originY,
  width, height, location, reason}], file: [base64]} answering {"file": [base64]};
  `POST /api/v2/verify/pdf` {file}; the seal `POST /api/v2/seal/pdf` {idSubscriber,
  totp, signatureProperties, file}.
- Both authenticate the calling application with HTTP Basic (client id, secret); a
  refusal is JSON {"error": "...", "status_code": 2031} (2031 wrong passphrase, 2011
  user not registered) with a 4xx/5xx status.

Every failure is a BsreError carrying a clear Indonesian message.
"""

from __future__ import annotations

import base64
import json
import logging
import socket
import uuid
from dataclasses import dataclass
from typing import Any
from urllib import error as urlerror
from urllib import request as urlrequest
from urllib.parse import quote

from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"
STATUS_ACTIVE = 1111
STATUS_NOT_REGISTERED = 1110
ERROR_NOT_REGISTERED = 2011
ERROR_PASSPHRASE = 2031


class BsreError(Exception):
    """A refusal or failure of BSrE; `message` is for the signer, `detail` for the log."""

    PASSPHRASE = "passphrase"
    NOT_REGISTERED = "not_registered"
    EXPIRED = "expired"
    REVOKED = "revoked"
    DOWN = "down"
    TIMEOUT = "timeout"
    CLIENT = "client"
    TOTP = "totp"
    REFUSED = "refused"

    def __init__(self, kind: str, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.detail = detail


@dataclass(frozen=True)
class Appearance:
    """Where the visible signature goes: page (1-based), the box in PDF points from the
    bottom-left corner, an image (PNG) and the address the QR code leads to."""

    page: int
    x: float
    y: float
    width: float
    height: float
    image_png: bytes = b""
    link_qr: str = ""
    location: str = ""
    reason: str = ""

    @property
    def visible(self) -> bool:
        return self.width > 0 and self.height > 0


def _passphrase_wrong() -> BsreError:
    return BsreError(
        BsreError.PASSPHRASE,
        _("Frasa sandi BSrE salah. Periksa frasa sandi sertifikat elektronik Anda lalu coba lagi."),
    )


def _not_registered(nik: str) -> BsreError:
    return BsreError(
        BsreError.NOT_REGISTERED,
        _(
            "NIK %(nik)s tidak terdaftar sebagai pemilik sertifikat elektronik di BSrE. "
            "Periksa NIK pada data pegawai, atau daftarkan diri ke BSrE melalui pengelola "
            "TTE (Diskominfo)."
        )
        % {"nik": nik},
    )


def _expired() -> BsreError:
    return BsreError(
        BsreError.EXPIRED,
        _(
            "Sertifikat elektronik Anda di BSrE sudah kedaluwarsa. Ajukan pembaruan "
            "sertifikat ke BSrE melalui pengelola TTE sebelum menandatangani."
        ),
    )


def _revoked() -> BsreError:
    return BsreError(
        BsreError.REVOKED,
        _(
            "Sertifikat elektronik Anda di BSrE telah dicabut atau dibekukan. Hubungi "
            "pengelola TTE untuk penerbitan sertifikat baru."
        ),
    )


def _down(detail: str = "") -> BsreError:
    return BsreError(
        BsreError.DOWN,
        _(
            "Layanan tanda tangan BSrE sedang tidak dapat dihubungi atau bermasalah. "
            "Tidak ada yang berubah; coba lagi beberapa saat lagi."
        ),
        detail,
    )


def _timeout(seconds: float) -> BsreError:
    return BsreError(
        BsreError.TIMEOUT,
        _(
            "Layanan tanda tangan BSrE tidak menjawab dalam %(seconds)d detik. Tidak ada "
            "yang berubah; coba lagi beberapa saat lagi."
        )
        % {"seconds": seconds},
    )


def _client_refused(detail: str) -> BsreError:
    return BsreError(
        BsreError.CLIENT,
        _(
            "BSrE menolak aplikasi e-RKT (client id atau secret salah). Administrator perlu "
            "memeriksa pengaturan tanda tangan elektronik."
        ),
        detail,
    )


def _certificate_state(text: str) -> BsreError | None:
    lowered = text.lower()
    if any(word in lowered for word in ("expired", "kadaluarsa", "kedaluwarsa", "kadaluwarsa")):
        return _expired()
    if any(word in lowered for word in ("revoke", "dicabut", "suspend", "dibekukan")):
        return _revoked()
    return None


def classify(status: int, body: Any, *, nik: str = "") -> BsreError:
    """The BsreError for an answer that is not a success."""
    detail = json.dumps(body)[:500] if not isinstance(body, str) else body[:500]
    error = str((body.get("error") or body.get("message") or "") if isinstance(body, dict) else "")
    code = body.get("status_code") if isinstance(body, dict) else None
    if code == ERROR_PASSPHRASE or "passphrase" in error.lower():
        return _passphrase_wrong()
    if "totp" in error.lower():
        return BsreError(
            BsreError.TOTP,
            _("Kode TOTP segel salah atau sudah tidak berlaku. Minta kode baru lalu coba lagi."),
            detail,
        )
    if code in (ERROR_NOT_REGISTERED, STATUS_NOT_REGISTERED) or any(
        words in error.lower() for words in ("tidak terdaftar", "not registered", "not found")
    ):
        return _not_registered(nik)
    state = _certificate_state(error)
    if state is not None:
        return state
    if status in (401, 403):
        return _client_refused(detail)
    if status >= 500:
        return _down(detail)
    return BsreError(
        BsreError.REFUSED,
        _("BSrE menolak permintaan tanda tangan: %(error)s") % {"error": error or status},
        detail,
    )


class BsreClient:
    """One BSrE service: its base URL, the application's credentials, the API version."""

    def __init__(
        self, *, url: str, client_id: str, client_secret: str, version: int, timeout: float
    ) -> None:
        self.url = url.rstrip("/")
        self.version = version
        self.timeout = timeout
        token = base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()
        self.authorization = f"Basic {token}"

    # -- transport ----------------------------------------------------------------------

    def _call(
        self, method: str, path: str, *, body: bytes | None = None, content_type: str = ""
    ) -> tuple[int, dict[str, str], bytes]:
        headers = {"Authorization": self.authorization, "Accept": "application/json"}
        if content_type:
            headers["Content-Type"] = content_type
        request = urlrequest.Request(self.url + path, data=body, method=method, headers=headers)
        try:
            with urlrequest.urlopen(request, timeout=self.timeout) as response:
                return response.status, dict(response.headers), response.read()
        except urlerror.HTTPError as answer:
            return answer.code, dict(answer.headers or {}), answer.read()
        except TimeoutError as exc:
            raise _timeout(self.timeout) from exc
        except urlerror.URLError as exc:
            if isinstance(exc.reason, TimeoutError | socket.timeout):
                raise _timeout(self.timeout) from exc
            raise _down(str(exc.reason)) from exc
        except (ConnectionError, OSError) as exc:
            raise _down(str(exc)) from exc

    def _json(self, path: str, payload: dict, *, nik: str = "") -> dict:
        status, _headers, content = self._call(
            "POST", path, body=json.dumps(payload).encode(), content_type="application/json"
        )
        body = _parse_json(content)
        if status != 200:
            raise classify(status, body, nik=nik)
        if not isinstance(body, dict):
            raise _down(f"not JSON: {content[:200]!r}")
        return body

    # -- the API ------------------------------------------------------------------------

    def check_user(self, nik: str) -> None:
        """Refuse (BsreError) unless BSrE knows `nik` with an active certificate."""
        if self.version == 1:
            status, _headers, content = self._call("GET", f"/api/user/status/{quote(nik)}")
            body = _parse_json(content)
            if status != 200:
                raise classify(status, body, nik=nik)
        else:
            body = self._json("/api/v2/user/check/status", {"nik": nik}, nik=nik)
        if not isinstance(body, dict):
            raise _down(f"not JSON: {str(body)[:200]}")
        code = body.get("status_code")
        state = str(body.get("status") or "").upper()
        if code == STATUS_NOT_REGISTERED or state in ("NOT_REGISTERED", "NOT_FOUND"):
            raise _not_registered(nik)
        if state == "ISSUE" or (code == STATUS_ACTIVE and not state):
            return
        raise _certificate_state(f"{state} {body.get('message', '')}") or classify(
            400, body, nik=nik
        )

    def sign(self, *, nik: str, passphrase: str, pdf: bytes, appearance: Appearance) -> bytes:
        """The signed PDF; BsreError when BSrE refuses or cannot be reached."""
        if self.version == 1:
            return self._sign_v1(nik=nik, passphrase=passphrase, pdf=pdf, appearance=appearance)
        payload = {
            "nik": nik,
            "passphrase": passphrase,
            "signatureProperties": [_properties(appearance)],
            "file": [base64.b64encode(pdf).decode()],
        }
        return _signed_file(self._json("/api/v2/sign/pdf", payload, nik=nik))

    def seal(self, *, id_subscriber: str, totp: str, pdf: bytes, appearance: Appearance) -> bytes:
        """The organisation's seal (v2): an idSubscriber and a TOTP instead of a person."""
        payload = {
            "idSubscriber": id_subscriber,
            "totp": totp,
            "signatureProperties": [_properties(appearance)],
            "file": [base64.b64encode(pdf).decode()],
        }
        return _signed_file(self._json("/api/v2/seal/pdf", payload))

    def verify(self, pdf: bytes) -> dict:
        """BSrE's own verdict on a signed PDF (v2), as it answers it."""
        return self._json("/api/v2/verify/pdf", {"file": base64.b64encode(pdf).decode()})

    def _sign_v1(self, *, nik: str, passphrase: str, pdf: bytes, appearance: Appearance) -> bytes:
        fields: list[tuple[str, str | tuple[str, str, bytes]]] = [
            ("file", ("dokumen.pdf", "application/pdf", pdf)),
            ("nik", nik),
            ("passphrase", passphrase),
            ("tampilan", "visible" if appearance.visible else "invisible"),
        ]
        if appearance.visible:
            fields += [
                ("page", str(appearance.page)),
                ("xAxis", _number(appearance.x)),
                ("yAxis", _number(appearance.y)),
                ("width", _number(appearance.width)),
                ("height", _number(appearance.height)),
                ("image", "true" if appearance.image_png else "false"),
                ("linkQR", appearance.link_qr),
            ]
        if appearance.visible and appearance.image_png:
            fields.append(("imageTTD", ("ttd.png", "image/png", appearance.image_png)))
        body, content_type = _multipart(fields)
        status, _headers, content = self._call(
            "POST", "/api/sign/pdf", body=body, content_type=content_type
        )
        if status == 200 and content.startswith(PDF_MAGIC):
            return content
        raise classify(status if status != 200 else 502, _parse_json(content), nik=nik)


def _properties(appearance: Appearance) -> dict:
    """signatureProperties of v2: VISIBLE with the image and its box, else INVISIBLE."""
    common = {"location": appearance.location, "reason": appearance.reason}
    if not appearance.visible:
        return {"tampilan": "INVISIBLE", **common}
    return {
        "tampilan": "VISIBLE",
        "imageBase64": base64.b64encode(appearance.image_png).decode(),
        "page": appearance.page,
        "originX": appearance.x,
        "originY": appearance.y,
        "width": appearance.width,
        "height": appearance.height,
        **common,
    }


def _signed_file(body: dict) -> bytes:
    files = body.get("file")
    if isinstance(files, list) and files:
        try:
            content = base64.b64decode(files[0], validate=True)
        except (ValueError, TypeError):
            content = b""
        if content.startswith(PDF_MAGIC):
            return content
    raise _down(f"no signed file in the answer: {str(body)[:200]}")


def _parse_json(content: bytes) -> Any:
    try:
        return json.loads(content.decode() or "null")
    except (UnicodeDecodeError, ValueError):
        return content[:500].decode(errors="replace")


def _number(value: float) -> str:
    return str(round(value))


def _multipart(fields) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for name, value in fields:
        if isinstance(value, tuple):
            filename, mime, data = value
            head = (
                f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {mime}\r\n\r\n"
            )
        else:
            head, data = f'Content-Disposition: form-data; name="{name}"\r\n\r\n', value.encode()
        parts.append(f"--{boundary}\r\n".encode() + head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
