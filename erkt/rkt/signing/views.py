"""The Kepala Badan's signing page of step 10: the passphrase, or a wet-signed scan instead."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from erkt.documents.signing.models import SigningCertificate, SigningConfig
from erkt.org.access import employee_of
from erkt.rkt.drafts.access import StepClosed, get_process, step_task
from erkt.rkt.drafts.models import Correction, DraftRkt
from erkt.rkt.drafts.steps import PENGESAHAN
from erkt.rkt.signing.forms import ScanForm, SignForm
from erkt.rkt.signing.services import is_plh_kepala, plh_refusal, signed_final
from erkt.workflow import engine
from erkt.workflow.errors import WorkflowError
from erkt.workflow.models import Process, Task
from erkt.workflow.views.common import render_for

SCAN_IDS = "scan_%s"  # both forms have a note: distinct ids for their labels


def _context(request: HttpRequest, process: Process, task: Task, **forms) -> dict:
    employee = employee_of(request.user)
    return {
        "process": process,
        "task": task,
        "draft": DraftRkt.objects.latest_of(process),
        "certificate": SigningCertificate.current_for(employee),
        # BSrE signs with the NIK and passphrase: no uploaded certificate needed
        "bsre": SigningConfig.for_organization(process.organization).uses_bsre,
        "nik": employee.nik if employee is not None else "",
        "open_comments": Correction.objects.filter(
            task=task, status=Correction.Status.OPEN
        ).count(),
        "sign_form": forms.get("sign_form") or SignForm(),
        "scan_form": forms.get("scan_form") or ScanForm(auto_id=SCAN_IDS),
        # A Plh. Kepala Badan is told why they cannot sign, before trying.
        "plh_refusal": plh_refusal() if is_plh_kepala(request.user, process) else "",
    }


def _submitted(request: HttpRequest) -> tuple[str, SignForm | ScanForm, dict]:
    """The form posted (by its button), and the completion payload it carries."""
    if request.POST.get("method") == "scan":
        form = ScanForm(request.POST, request.FILES, auto_id=SCAN_IDS)
        payload = {"scan": form.cleaned_data["scan"].read()} if form.is_valid() else {}
        return "scan_form", form, payload
    form = SignForm(request.POST)
    payload = {"passphrase": form.cleaned_data["passphrase"]} if form.is_valid() else {}
    return "sign_form", form, payload


@login_required
@require_http_methods(["GET", "POST"])
def sign(request: HttpRequest, process_id: int) -> HttpResponse:
    process = get_process(request, process_id)
    try:
        task = step_task(request, process, (PENGESAHAN,))
    except StepClosed:
        messages.info(request, _("Langkah 10 tidak sedang terbuka untuk Anda."))
        return redirect("rkt:drafts:page", process.pk)
    if request.method == "GET":
        return render_for(
            request, "rkt/signing/sign.html", _context(request, process, task), process.organization
        )
    name, form, payload = _submitted(request)
    status = 422
    if payload:
        try:
            engine.complete_task(
                task,
                by=request.user,
                decision=Task.Decision.YA,
                note=form.cleaned_data["note"],
                payload=payload,
            )
        except WorkflowError as refused:
            form.add_error(None, refused.message)
            status = refused.status
        else:
            messages.success(request, _("RKT telah disahkan dan ditandatangani."))
            document = signed_final(process)
            return redirect("documents:detail", document.pk)
    context = _context(request, process, task, **{name: form})
    return render_for(request, "rkt/signing/sign.html", context, process.organization, status)
