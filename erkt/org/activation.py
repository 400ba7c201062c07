"""Activation of an imported account: a one-time, expiring link to set one's own password.

The link carries Django's password-reset token (django.contrib.auth.tokens): it stops
working once the password is set (the token hashes the password) and after
PASSWORD_RESET_TIMEOUT. The e-mail goes through the job queue like every notification
(`erkt worker` sends it; the test settings send at once).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from erkt.notifications.compat import task


def activation_path(user) -> str:
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("activate", kwargs={"uidb64": uidb64, "token": token})


def send_activation_links(user_ids: list[int]) -> None:
    for user_id in user_ids:
        send_activation.enqueue(user_id)


@task()
def send_activation(user_id: int) -> str:
    from erkt.org.opd_import import activation_days

    user = get_user_model().objects.select_related("employee__organization").get(pk=user_id)
    if user.has_usable_password() or not user.email:
        return "not needed"  # activated already
    url = settings.ERKT_PUBLIC_URL.rstrip("/") + activation_path(user)
    employee = getattr(user, "employee", None)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[e-RKT] Aktivasi akun Anda")
        body = _(
            "Yth. %(name)s,\n\n"
            "Akun e-RKT Anda di %(org)s telah dibuat. Nama pengguna Anda: %(username)s.\n\n"
            "Buat kata sandi Anda sendiri melalui tautan berikut. Tautan hanya dapat dipakai "
            "sekali dan berlaku %(days)s hari:\n%(url)s\n\n"
            "Bila tautan sudah tidak berlaku, mintalah tautan baru kepada administrator e-RKT. "
            "Jangan teruskan e-mail ini kepada siapa pun."
        ) % {
            "name": employee.full_name if employee else user.get_username(),
            "org": employee.organization.name if employee else "e-RKT",
            "username": user.get_username(),
            "days": activation_days(),
            "url": url,
        }
    mail.EmailMessage(subject, body, to=[user.email]).send()
    return "sent"
