from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    # Django's Indonesian catalogue says "nama pengguna nama pengguna" here; say it once.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan huruf kecil."
        ),
    }


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form, with the login page's word for password ("kata sandi")."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Kata sandi lama")
        self.fields["new_password1"].label = _("Kata sandi baru")
        self.fields["new_password2"].label = _("Ulangi kata sandi baru")
