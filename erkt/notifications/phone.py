"""Indonesian mobile numbers for WhatsApp: +628 and 7 to 11 more digits (08... is +628...)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

E164_ID = re.compile(r"^\+628\d{7,11}$")


def normalize_phone(raw: str) -> str:
    """'+6281234567890' from '0812-3456-7890', '62812 3456 7890' or '+62 812...'; else
    ValidationError with an Indonesian message. An empty value stays empty."""
    value = re.sub(r"[\s\-().]", "", raw or "")
    if not value:
        return ""
    if value.startswith("08"):
        value = "+62" + value[1:]
    elif value.startswith("628"):
        value = "+" + value
    if not E164_ID.match(value):
        raise ValidationError(
            _(
                "Nomor WhatsApp harus nomor seluler Indonesia yang diawali +62 atau 08, "
                "misalnya 0812 3456 7890."
            ),
            code="phone",
        )
    return value
