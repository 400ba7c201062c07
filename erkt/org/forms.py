from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from erkt.org.access import employee_of
from erkt.org.models import Employee, Organization, Position, Substitution
from erkt.org.substitutes import today_in


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


class SubstitutionForm(forms.ModelForm):
    """Name a Plt./Plh. An administrator names either for any position of the office; a
    holder names only a Plh. for a position of their own, from today on."""

    class Meta:
        model = Substitution
        fields = [
            "position",
            "kind",
            "substitute",
            "start_date",
            "end_date",
            "sp_number",
            "sp_date",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "sp_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, user, organization: Organization, as_admin: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.as_admin = as_admin
        self.today = today_in(organization)
        employee = employee_of(user)
        positions = Position.objects.filter(organization=organization).select_related("unit")
        if not as_admin:
            positions = positions.filter(holders=employee)
            self.fields["kind"].choices = [(Substitution.Kind.PLH, Substitution.Kind.PLH.label)]
            self.fields["kind"].initial = Substitution.Kind.PLH
        self.fields["position"].queryset = positions
        others = Employee.objects.filter(organization=organization)
        self.fields["substitute"].queryset = others if as_admin else others.exclude(pk=employee.pk)
        self.fields["sp_number"].help_text = _("Misalnya 800.1.11.1/012/BKPSDM/2026.")
        for field in self.fields.values():
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if select else "form-control"

    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        if not self.as_admin and start < self.today:
            raise forms.ValidationError(
                _("Plh. hanya dapat ditunjuk mulai hari ini atau sesudahnya.")
            )
        return start


class OpdImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas struktur organisasi (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self):
        from django.conf import settings

        upload = self.cleaned_data["file"]
        limit = settings.FILE_UPLOAD_MAX_MEMORY_SIZE
        if upload.size > limit:
            raise forms.ValidationError(
                _("Berkas terlalu besar (paling besar %(mb)s MB).") % {"mb": limit // (1024 * 1024)}
            )
        return upload


class ActivationForm(auth_forms.SetPasswordForm):
    """Django's set-password form, with the login page's word for password."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Kata sandi baru")
        self.fields["new_password2"].label = _("Ulangi kata sandi baru")
