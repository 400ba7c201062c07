"""The public verification page of an issued document (/verifikasi/<code>), no login.

Anyone holding the printed or downloaded RKT follows its QR code here: the page
says what was issued and signed, and checks an uploaded PDF against it.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from erkt.documents.models import IssuedDocument
from erkt.documents.signing.forms import VerifyUploadForm
from erkt.documents.signing.models import DocumentSignature, TrustedRoot
from erkt.documents.signing.verify import verify_pdf


@require_http_methods(["GET", "POST"])
def verify_document(request: HttpRequest, code: str) -> HttpResponse:
    document = get_object_or_404(IssuedDocument.objects.select_related("organization"), code=code)
    signature = DocumentSignature.objects.filter(document=document).first()
    form = VerifyUploadForm(request.POST or None, request.FILES or None)
    check, valid = None, False
    digital = document.pdf_kind == IssuedDocument.PdfKind.DIGITAL
    if request.method == "POST" and form.is_valid():
        check = verify_pdf(
            form.cleaned_data["pdf"].read(),
            expected_sha256=document.pdf_sha256,
            trust_roots=TrustedRoot.certificates_of(document.organization),
            digital=digital,
        )
        valid = check.same_document and (check.signature_valid or not digital)
    context = {
        "document": document,
        "signature": signature,
        "form": form,
        "check": check,
        "valid": valid,
    }
    with timezone.override(document.organization.time_zone):
        return render(request, "documents/verify.html", context)
