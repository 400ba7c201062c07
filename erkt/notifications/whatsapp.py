"""WhatsApp through the WhatsApp Business Cloud API (Meta's Graph API), off unless configured.

One approved message template with one body parameter carries each notice:
POST {WHATSAPP_API_URL}/{WHATSAPP_PHONE_NUMBER_ID}/messages with the Bearer token and

    {"messaging_product": "whatsapp", "to": "6281234567890", "type": "template",
     "template": {"name": "...", "language": {"code": "id"},
                  "components": [{"type": "body",
                                  "parameters": [{"type": "text", "text": "..."}]}]}}

The answer names the message: {"messages": [{"id": "wamid..."}], ...}; an error is
{"error": {"message": ..., "code": ...}} with a 4xx/5xx status.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings

TIMEOUT = 15  # seconds
MAX_TEXT = 1000  # a template parameter's limit is 1024 characters


class WhatsAppError(Exception):
    pass


def enabled() -> bool:
    return bool(settings.WHATSAPP_TOKEN and settings.WHATSAPP_PHONE_NUMBER_ID)


def template_for(kind: str) -> str:
    return settings.WHATSAPP_TEMPLATES.get(kind) or settings.WHATSAPP_TEMPLATE


def payload(phone: str, template: str, text: str) -> dict[str, Any]:
    return {
        "messaging_product": "whatsapp",
        "to": phone.removeprefix("+"),
        "type": "template",
        "template": {
            "name": template,
            "language": {"code": settings.WHATSAPP_LANGUAGE},
            "components": [
                {"type": "body", "parameters": [{"type": "text", "text": text[:MAX_TEXT]}]}
            ],
        },
    }


def send_template(phone: str, template: str, text: str) -> str:
    """Send one template message; the message id, or WhatsAppError."""
    url = "{}/{}/messages".format(
        settings.WHATSAPP_API_URL.rstrip("/"), settings.WHATSAPP_PHONE_NUMBER_ID
    )
    request = urllib.request.Request(
        url,
        data=json.dumps(payload(phone, template, text)).encode(),
        method="POST",
        headers={
            "Authorization": f"Bearer {settings.WHATSAPP_TOKEN}",
            "Content-Type": "application/json",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            answer = json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        raise WhatsAppError(f"HTTP {error.code}: {_error_message(error)}") from error
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise WhatsAppError(str(error)) from error
    try:
        return str(answer["messages"][0]["id"])
    except (KeyError, IndexError, TypeError) as error:
        raise WhatsAppError(f"unexpected answer: {answer!r}"[:300]) from error


def _error_message(error: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(error.read())["error"]["message"])[:300]
    except Exception:
        return error.reason or ""
