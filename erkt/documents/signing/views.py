"""The Kepala Badan's certificate page: upload the PKCS#12 once, see what is kept."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from erkt.documents.signing.certificates import CertificateError
from erkt.documents.signing.forms import CertificateUploadForm
from erkt.documents.signing.models import SigningCertificate, TrustedRoot
from erkt.documents.signing.services import upload_certificate
from erkt.org.access import employee_of, organization_of, require_role
from erkt.org.models import Role


@login_required
@require_http_methods(["GET", "POST"])
def certificate(request: HttpRequest) -> HttpResponse:
    organization = organization_of(request.user)
    require_role(request.user, Role.KEPALA)
    employee = employee_of(request.user)
    form = CertificateUploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                upload_certificate(
                    employee=employee,
                    data=form.cleaned_data["pkcs12"].read(),
                    passphrase=form.cleaned_data["passphrase"],
                    by=request.user,
                )
            except CertificateError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Sertifikat elektronik tersimpan."))
                return redirect("signing:certificate")
    context = {
        "form": form,
        "current": SigningCertificate.current_for(employee),
        "roots": TrustedRoot.objects.filter(organization=organization),
    }
    return render(request, "documents/signing/certificate.html", context, status=status)
