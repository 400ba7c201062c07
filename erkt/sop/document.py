"""The official SOP document (PermenPAN-RB 35/2012): the identity sheet and the flowchart
sheets, as HTML (sop/document.html) and as PDF through WeasyPrint."""

from __future__ import annotations

import base64
import datetime
import mimetypes
from dataclasses import dataclass

from django.template.loader import render_to_string

from erkt.documents.pdf import PdfIdentity, current_identity, describing, write_pdfa
from erkt.org.models import Organization
from erkt.sop.flowchart import flowchart_pages
from erkt.sop.models import SopVersion, current_signatory


@dataclass(frozen=True)
class Signatory:
    """Who signs the pengesahan block: the jabatan of the version, the Kepala's holder."""

    jabatan: str
    name: str
    pangkat: str
    nip: str


def signatory_of(version: SopVersion) -> Signatory:
    """Who signed an approved version (kept at approval); for a draft, who would sign now."""
    return Signatory(**(version.pengesahan or current_signatory(version)))


def logo_data_uri(organization: Organization) -> str:
    """The logo inlined as a data: URI, so the page and WeasyPrint need no media URL
    (media files are never served directly)."""
    if not organization.logo:
        return ""
    try:
        with organization.logo.open("rb") as logo:
            data = logo.read()
    except OSError:
        return ""
    mime = mimetypes.guess_type(organization.logo.name)[0] or "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


WATERMARKS = {
    SopVersion.Status.DRAFT: "DRAF",
    SopVersion.Status.SUPERSEDED: "TIDAK BERLAKU",
}


def document_context(version: SopVersion) -> dict:
    organization = version.sop.organization
    return {
        "version": version,
        "organization": organization,
        "signatory": signatory_of(version),
        "logo": logo_data_uri(organization),
        "flowchart_pages": flowchart_pages(version),
        "watermark": WATERMARKS.get(version.status, ""),
    }


def render_pdf(version: SopVersion, *, watermark: str | None = None) -> bytes:
    """The official SOP document as PDF/A; `watermark` replaces the status's (e.g. "" for
    the version a process ran, printed for its archive)."""
    context = document_context(version)
    if watermark is not None:
        context["watermark"] = watermark
    html = render_to_string("sop/document_pdf.html", context)
    # An issued copy (the archive's) is described as the issued document, with its code.
    with describing(current_identity() or pdf_identity(version)):
        return write_pdfa(html)


def pdf_identity(version: SopVersion) -> PdfIdentity:
    day = version.tanggal_efektif or version.tanggal_pembuatan
    return PdfIdentity(
        title=f"SOP {version.judul}",
        author=version.sop.organization.name,
        identifier=version.nomor or f"SOP-{version.sop.code}-v{version.number}",
        created=(
            datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)
            if day
            else version.approved_at or version.created_at
        ),
    )


def pdf_filename(version: SopVersion) -> str:
    return f"SOP-{version.sop.code}-v{version.number}.pdf"
