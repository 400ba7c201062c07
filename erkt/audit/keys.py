"""The key of the audit chain: never in the database, never in a backup.

Each entry's hash is an HMAC-SHA256 under this key, so someone who can only write
the database cannot recompute the chain after changing an entry. The key is derived
(HKDF-SHA256, a fixed label) from the file named by ERKT_AUDIT_KEY_FILE when it is
set, else from SECRET_KEY. Every server of a deployment needs the same one; keep it
with SECRET_KEY, apart from the backups.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed

INFO = b"erkt audit chain hmac-sha256 v1"


def audit_key() -> bytes:
    return _derive(settings.SECRET_KEY, str(getattr(settings, "AUDIT_KEY_FILE", "") or ""))


@lru_cache(maxsize=4)
def _derive(secret_key: str, key_file: str) -> bytes:
    if key_file:
        try:
            material = Path(key_file).read_bytes().strip()
        except OSError as error:
            raise ImproperlyConfigured(f"ERKT_AUDIT_KEY_FILE cannot be read: {error}") from error
        if len(material) < 32:
            raise ImproperlyConfigured("ERKT_AUDIT_KEY_FILE holds fewer than 32 bytes.")
    else:
        material = secret_key.encode()
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=INFO).derive(material)


def keyed_hash(text: str) -> str:
    return hmac.new(audit_key(), text.encode(), hashlib.sha256).hexdigest()


def _forget(**kwargs) -> None:
    if kwargs.get("setting") in {"SECRET_KEY", "AUDIT_KEY_FILE"}:
        _derive.cache_clear()


setting_changed.connect(_forget)
