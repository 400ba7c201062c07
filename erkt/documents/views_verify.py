"""The public verification page of an issued document (/verifikasi/<code>), no login.

Anyone holding the printed or downloaded RKT follows its QR code here: the page
says what was issued and signed, and checks an uploaded file against it: a signed
document against its signed PDF (and signature), an unsigned one against the files
stored when it was issued (any of its formats).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from erkt.documents.models import IssuedDocument
from erkt.documents.services import stored_sha256s
from erkt.documents.signing.facts import NATIONAL_VERIFIER_URL, signature_facts, signer_of
from erkt.documents.signing.forms import VerifyUploadForm
from erkt.documents.signing.models import DocumentSignature, TrustedRoot


@require_http_methods(["GET", "POST"])
def verify_document(request: HttpRequest, code: str) -> HttpResponse:
    document = get_object_or_404(IssuedDocument.objects.select_related("organization"), code=code)
    signature = DocumentSignature.objects.filter(document=document).first()
    form = VerifyUploadForm(request.POST or None, request.FILES or None)
    check, valid = None, False
    digital = document.pdf_kind == IssuedDocument.PdfKind.DIGITAL
    if request.method == "POST" and form.is_valid():
        from erkt.documents.signing.verify import verify_pdf, verify_unsigned  # pyHanko: slow

        data = form.cleaned_data["pdf"].read()
        if document.pdf_file:
            check = verify_pdf(
                data,
                expected_sha256=document.pdf_sha256,
                trust_roots=TrustedRoot.certificates_of(document.organization),
                digital=digital,
            )
        else:
            check = verify_unsigned(data, stored_sha256s=stored_sha256s(document).values())
        valid = check.same_document and (check.signature_valid or not digital)
    context = {
        "document": document,
        "signature": signature,
        "signer": signer_of(document, signature) if signature else None,
        "facts": signature_facts(document, signature) if digital and signature else None,
        "national_verifier": NATIONAL_VERIFIER_URL,
        "form": form,
        "check": check,
        "valid": valid,
        "files": [] if document.pdf_file else document.files.order_by("pk"),
    }
    with timezone.override(document.organization.time_zone):
        return render(request, "documents/verify.html", context)
