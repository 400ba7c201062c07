"""Password validation of e-RKT on top of Django's validators."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from erkt.org.demo import DEMO_PASSWORD


class NotDemoPasswordValidator:
    """Refuses the demo password, which the login page of a demo installation shows to all.

    `erkt demo` sets it on the demo accounts directly; nobody may choose it.
    """

    def validate(self, password: str, user: Any = None) -> None:
        if password.strip().lower() == DEMO_PASSWORD:
            raise ValidationError(
                _("Kata sandi ini adalah kata sandi akun demo yang diketahui umum."),
                code="password_is_demo",
            )

    def get_help_text(self) -> str:
        return _("Kata sandi tidak boleh sama dengan kata sandi akun demo.")
