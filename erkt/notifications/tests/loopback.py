"""Real servers on loopback for the channel tests: SMTP (aiosmtpd) and a fake Graph API."""

from __future__ import annotations

import json
import re
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller

GRAPH_VERSION = "v21.0"
PHONE_NUMBER_ID = "109876543210"
TOKEN = "uji-token-rahasia"
WA_NUMBER = re.compile(r"^628\d{7,11}$")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpInbox:
    """What the SMTP server received, as parsed messages."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@contextmanager
def smtp_server() -> Iterator[tuple[SmtpInbox, int]]:
    inbox, port = SmtpInbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@dataclass
class GraphApi:
    """A fake WhatsApp Cloud API: checks the token, the path, the JSON and the number."""

    fail_next: int = 0  # answer 500 to this many requests first (to test the retries)
    requests: list[dict] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def check(self, path: str, headers, body: bytes) -> tuple[int, dict]:
        if headers.get("Authorization") != f"Bearer {TOKEN}":
            return 401, _error("Invalid OAuth access token.", 190)
        if path != f"/{GRAPH_VERSION}/{PHONE_NUMBER_ID}/messages":
            return 404, _error("Unknown path.", 803)
        if headers.get("Content-Type") != "application/json":
            return 400, _error("Content-Type must be application/json.", 100)
        try:
            data = json.loads(body)
            template = data["template"]
            [component] = template["components"]
            [parameter] = component["parameters"]
            ok = (
                data["messaging_product"] == "whatsapp"
                and data["type"] == "template"
                and WA_NUMBER.match(data["to"])
                and template["language"] == {"code": "id"}
                and template["name"]
                and component["type"] == "body"
                and parameter["type"] == "text"
                and parameter["text"]
            )
        except (ValueError, KeyError, TypeError):
            ok = False
        if not ok:
            return 400, _error("(#100) Invalid parameter", 100)
        if self.fail_next:
            self.fail_next -= 1
            return 500, _error("Service temporarily unavailable", 2)
        self.requests.append(data)
        number = len(self.requests)
        return 200, {
            "messaging_product": "whatsapp",
            "contacts": [{"input": data["to"], "wa_id": data["to"]}],
            "messages": [{"id": f"wamid.UJI{number}"}],
        }


def _error(message: str, code: int) -> dict:
    return {"error": {"message": message, "type": "OAuthException", "code": code}}


@contextmanager
def graph_api_server(api: GraphApi) -> Iterator[str]:
    """Serve `api` on loopback; yields its base URL (with the version)."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            status, answer = api.check(self.path, self.headers, body)
            if status != 200:
                api.refused.append(f"{status} {answer['error']['message']}")
            payload = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{GRAPH_VERSION}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
