"""The official SOP document (PermenPAN-RB 35/2012): the identity sheet and the flowchart
sheets, as HTML (sop/document.html) and as PDF through WeasyPrint."""

from __future__ import annotations

import base64
import mimetypes
from dataclasses import dataclass

from django.template.loader import render_to_string

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


def render_pdf(version: SopVersion) -> bytes:
    html = render_to_string("sop/document_pdf.html", document_context(version))
    from weasyprint import HTML  # imported on use: it costs seconds at every start

    return HTML(string=html).write_pdf()


def pdf_filename(version: SopVersion) -> str:
    return f"SOP-{version.sop.code}-v{version.number}.pdf"
