"""The SOP editor: create an SOP, edit its draft with a live flowchart preview, compare the
draft with the version in force, revise, and approve with the Kepala's signature."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from erkt.audit.log import record
from erkt.documents.signing.certificates import CertificateError
from erkt.org.access import organization_of
from erkt.sop.approval import approve_and_sign
from erkt.sop.compare import compare
from erkt.sop.editor import Editor, preview_definition
from erkt.sop.flowchart import render_definition_svg
from erkt.sop.io import SopDefinitionError, load_definition
from erkt.sop.models import Sop, SopVersion, SopVersionError
from erkt.sop.permissions import approvable_sop, editable_sop, may_edit
from erkt.sop.validation import validate_definition


def _draft_of(sop: Sop) -> SopVersion:
    draft = sop.versions.filter(status=SopVersion.Status.DRAFT).first()
    if draft is None:
        raise Http404
    return draft


class NewSopForm(forms.Form):
    code = forms.SlugField(
        label=gettext_lazy("Kode SOP"),
        max_length=60,
        help_text=gettext_lazy("Huruf kecil, angka dan tanda '-', misalnya pelayanan-cuti."),
        widget=forms.TextInput({"class": "form-control"}),
    )
    judul = forms.CharField(
        label=gettext_lazy("Judul SOP"),
        max_length=300,
        widget=forms.TextInput({"class": "form-control"}),
    )


def skeleton(code: str, judul: str, disahkan_oleh: str) -> dict:
    """A new SOP: Mulai and Selesai by the Kasubbag Perencanaan, to be written further."""
    step = {"kelengkapan": "", "waktu": {"amount": 1, "unit": "hari_kerja"}, "actor": "kasubbag"}
    return {
        "code": code,
        "identity": {"judul": judul, "disahkan_oleh": disahkan_oleh},
        "actors": [
            {"key": "kasubbag", "name": "Kasubbag Perencanaan", "role": "kasubbag_perencanaan"}
        ],
        "steps": [
            {**step, "number": 1, "uraian": _("Memulai prosedur"), "kind": "start", "output": "-"},
            {
                **step,
                "number": 2,
                "uraian": _("Menyelesaikan prosedur"),
                "kind": "end",
                "output": "-",
            },
        ],
    }


@login_required
@require_http_methods(["GET", "POST"])
def sop_create(request: HttpRequest) -> HttpResponse:
    organization = organization_of(request.user)
    if not may_edit(request.user, organization):
        raise PermissionDenied
    form = NewSopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code, judul = form.cleaned_data["code"], form.cleaned_data["judul"]
        if Sop.objects.filter(organization=organization, code=code).exists():
            form.add_error("code", _("Kode SOP ini sudah dipakai; pilih kode lain."))
        else:
            head = organization.head
            data = skeleton(code, judul, head.title if head else _("Kepala Badan"))
            with transaction.atomic():
                version = load_definition(organization, data, activate=False, user=request.user)
                record(
                    organization=organization,
                    user=request.user,
                    action="sop.create",
                    obj=version,
                    after={"sop": code, "judul": judul},
                )
            return redirect("sop:editor", code)
    status = 422 if request.method == "POST" else 200
    return render(request, "sop/editor_create.html", {"form": form}, status=status)


def _render_editor(request, sop, draft, editor, *, status=200, saved=False) -> HttpResponse:
    context = {"sop": sop, "version": draft, "editor": editor, "saved": saved}
    template = "sop/editor.html#editor_form" if request.htmx else "sop/editor.html"
    response = render(request, template, context, status=status)
    response["HX-Trigger-After-Settle"] = "sop-changed"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def sop_editor(request: HttpRequest, code: str) -> HttpResponse:
    """The draft's form. A row operation (op=add-step:3, up-step:4, ...) re-renders it from
    the posted rows without saving; op=save checks everything and saves it, or nothing."""
    sop = editable_sop(request, code)
    draft = _draft_of(sop)
    if request.method == "GET":
        return _render_editor(request, sop, draft, Editor.for_version(draft))
    op = request.POST.get("op", "save")
    if op != "save":
        return _render_editor(request, sop, draft, Editor.after_operation(request.POST, op))
    editor = Editor.bound(request.POST)
    if not editor.is_valid(sop.code):
        return _render_editor(request, sop, draft, editor, status=422)
    try:
        editor.save(draft, sop.code, by=request.user)
    except SopVersionError as error:
        editor.problems.append(error.message)
        return _render_editor(request, sop, draft, editor, status=409)
    draft.refresh_from_db()
    return _render_editor(request, sop, draft, Editor.for_version(draft), saved=True)


@login_required
@require_POST
def sop_preview(request: HttpRequest, code: str) -> HttpResponse:
    """The official flowchart of the form as it stands (unsaved), with its problems."""
    sop = editable_sop(request, code)
    _draft_of(sop)
    data = preview_definition(sop.code, request.POST)
    context = {"svg": render_definition_svg(data), "problems": validate_definition(data)}
    return render(request, "sop/editor.html#preview", context)


@login_required
@require_POST
def sop_revise(request: HttpRequest, code: str) -> HttpResponse:
    """Copy the version in force into a new draft, and open it in the editor."""
    sop = editable_sop(request, code)
    active = sop.active_version
    if active is None:
        raise Http404
    try:
        with transaction.atomic():
            draft = active.new_draft()
            record(
                organization=sop.organization,
                user=request.user,
                action="sop.revise",
                obj=draft,
                after={"sop": sop.code, "version": draft.number, "from": active.number},
            )
    except SopVersionError as error:
        messages.error(request, error.message)
    return redirect("sop:editor", sop.code)


@login_required
@require_GET
def sop_compare(request: HttpRequest, code: str) -> HttpResponse:
    """The draft against the version in force. Editors and the approver read it."""
    organization = organization_of(request.user)
    sop = editable_sop(request, code) if may_edit(request.user, organization) else None
    if sop is None:
        sop, _position = approvable_sop(request, code)
    draft = _draft_of(sop)
    active = sop.active_version
    context = {"sop": sop, "version": draft, "active": active, "diff": compare(active, draft)}
    return render(request, "sop/editor_compare.html", context)


class ApproveForm(forms.Form):
    passphrase = forms.CharField(
        label=gettext_lazy("Frasa sandi sertifikat elektronik"),
        strip=False,
        widget=forms.PasswordInput({"autocomplete": "off", "class": "form-control"}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def sop_approve(request: HttpRequest, code: str) -> HttpResponse:
    """The Kepala's pengesahan: sign the draft's document, which then comes into force."""
    sop, position = approvable_sop(request, code)
    draft = _draft_of(sop)
    form = ApproveForm(request.POST or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            approve_and_sign(
                draft,
                by=request.user,
                position=position,
                passphrase=form.cleaned_data["passphrase"],
            )
        except CertificateError as error:
            form.add_error("passphrase", error.message)
        except SopDefinitionError as error:
            problems = error.messages
        except SopVersionError as error:
            problems = [error.message]
        else:
            messages.success(request, _("SOP disahkan dan ditandatangani; versi ini kini berlaku."))
            return redirect(reverse("sop:detail", args=[sop.code]))
    context = {
        "sop": sop,
        "version": draft,
        "form": form,
        "problems": problems,
        "diff": compare(sop.active_version, draft),
    }
    return render(
        request, "sop/editor_approve.html", context, status=422 if request.method == "POST" else 200
    )
