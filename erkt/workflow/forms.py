"""The forms of the workflow pages. They only parse input: the engine validates and decides."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from erkt.form_widgets import PYTHON_WIDGETS
from erkt.org.models import Employee
from erkt.sop.models import Sop, SopVersion
from erkt.workflow.models import Task

ON_BEHALF_HELP = _(
    "Anda bertindak atas nama pemegang tugas sebagai administrator: tuliskan alasannya."
)


def _on_behalf_field() -> forms.CharField:
    return forms.CharField(
        label=_("Alasan bertindak atas nama"),
        required=False,
        help_text=ON_BEHALF_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OnBehalfMixin:
    """The on_behalf_reason field exists only for an administrator acting for someone.

    `drop_on_behalf` ends each form's __init__, so it also gives the widgets their
    Bootstrap classes.
    """

    default_renderer = PYTHON_WIDGETS  # the same HTML, cheaper (erkt.form_widgets)

    def drop_on_behalf(self, acting_for_someone: bool) -> None:
        if not acting_for_someone:
            del self.fields["on_behalf_reason"]
        for bound in self.fields.values():
            widget = bound.widget
            if isinstance(widget, forms.RadioSelect):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)

    def on_behalf_reason(self) -> str:
        return self.cleaned_data.get("on_behalf_reason", "")


class StartProcessForm(OnBehalfMixin, forms.Form):
    sop = forms.ModelChoiceField(label=_("SOP"), queryset=Sop.objects.none(), empty_label=None)
    year = forms.IntegerField(label=_("Tahun RKT"), min_value=1, max_value=9999)
    start_date = forms.DateField(
        label=_("Tanggal mulai"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    on_behalf_reason = _on_behalf_field()

    def __init__(self, *args, organization, acting_for_someone: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only SOPs of the user's organisation that have a version in force.
        self.fields["sop"].queryset = (
            Sop.objects.filter(organization=organization, versions__status=SopVersion.Status.ACTIVE)
            .prefetch_related("versions")
            .order_by("code")
        )
        self.fields["sop"].label_from_instance = _sop_label
        self.drop_on_behalf(acting_for_someone)


def _sop_label(sop: Sop) -> str:
    active = [v for v in sop.versions.all() if v.status == SopVersion.Status.ACTIVE]
    return active[0].judul if active else sop.code


class CancelProcessForm(OnBehalfMixin, forms.Form):
    reason = forms.CharField(
        label=_("Alasan pembatalan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    on_behalf_reason = _on_behalf_field()

    def __init__(self, *args, acting_for_someone: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.drop_on_behalf(acting_for_someone)


class RevisionForm(OnBehalfMixin, forms.Form):
    """Perubahan RKT: only parses; the engine requires the reason and the Kepala."""

    reason = forms.CharField(
        label=_("Alasan perubahan"),
        required=False,
        help_text=_("Misalnya: penyesuaian pagu anggaran setelah APBD Perubahan."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    start_date = forms.DateField(
        label=_("Tanggal mulai"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    on_behalf_reason = _on_behalf_field()

    def __init__(self, *args, acting_for_someone: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.drop_on_behalf(acting_for_someone)


class SuspendProcessForm(forms.Form):
    default_renderer = PYTHON_WIDGETS
    reason = forms.CharField(
        label=_("Alasan penangguhan"),
        required=False,
        help_text=_("Misalnya: menunggu pagu anggaran."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class WithdrawTaskForm(forms.Form):
    default_renderer = PYTHON_WIDGETS
    reason = forms.CharField(
        label=_("Alasan tarik kembali"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CompleteTaskForm(OnBehalfMixin, forms.Form):
    # A CharField, not a ChoiceField: the engine refuses a wrong decision with its message.
    decision = forms.CharField(
        label=_("Keputusan"),
        required=False,
        widget=forms.RadioSelect(choices=Task.Decision.choices),
    )
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    on_behalf_reason = _on_behalf_field()

    def __init__(self, *args, task: Task, acting_for_someone: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not task.step_run.step.is_decision:
            del self.fields["decision"]
        self.drop_on_behalf(acting_for_someone)


class AttachmentForm(OnBehalfMixin, forms.Form):
    # Not required here: the engine refuses a missing file with its own message.
    file = forms.FileField(label=_("Berkas"), required=False)
    on_behalf_reason = _on_behalf_field()

    def __init__(self, *args, acting_for_someone: bool = False, **kwargs) -> None:
        # Its own ids: the completion form on the same page has an on_behalf_reason too.
        super().__init__(*args, auto_id="id_upload_%s", **kwargs)
        self.drop_on_behalf(acting_for_someone)


class ReassignForm(OnBehalfMixin, forms.Form):
    employee = forms.ModelChoiceField(
        label=_("Alihkan kepada"), queryset=Employee.objects.none(), empty_label=None
    )
    on_behalf_reason = _on_behalf_field()

    def __init__(self, *args, eligible, acting_for_someone: bool = False, **kwargs) -> None:
        super().__init__(*args, auto_id="id_reassign_%s", **kwargs)
        self.fields["employee"].queryset = eligible
        self.fields["employee"].label_from_instance = lambda e: e.full_name
        self.drop_on_behalf(acting_for_someone)
