"""PDF rendering with WeasyPrint, as PDF/A-3b, and where the signature box landed on the page.

Every PDF e-RKT issues is PDF/A-3b (ISO 19005-3, level B: the pages look the same in any
reader, any year): fonts embedded (WeasyPrint always embeds its subsets), the sRGB output
intent, and XMP metadata saying what the file is: title, the organisation as author, the
language and the document's code. Who is rendered is set around the renderer with
`describing(...)` (the services module does it for every issued document); the dates
come from the snapshot, so rendering the same snapshot twice gives the same bytes.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from xml.etree.ElementTree import SubElement, fromstring, tostring

from django.template.loader import render_to_string

# WeasyPrint is imported where a PDF is rendered, not here: it takes seconds to import, and
# every process that loads the URLs (each management command, each server worker) would
# pay for it before serving a single page.

SIGNATURE_BOX_ID = "kotak-ttd"
PX_TO_PT = 0.75  # WeasyPrint lays out in CSS px (96 per inch); PDF counts 72 points per inch
PDF_VARIANT = "pdf/a-3b"
LANGUAGE = "id-ID"
GENERATOR = "e-RKT"

Box = tuple[int, float, float, float, float]


@dataclass(frozen=True)
class PdfIdentity:
    """What the PDF's metadata says about it (empty fields: the HTML's own, or nothing)."""

    title: str = ""
    author: str = ""  # the organisation
    identifier: str = ""  # the document's code (the verification code of an issued document)
    created: datetime.datetime | None = None


_identity: ContextVar[PdfIdentity | None] = ContextVar("erkt_pdf_identity", default=None)


@contextmanager
def describing(identity: PdfIdentity) -> Iterator[None]:
    """Every PDF rendered inside the block carries `identity` in its metadata."""
    token = _identity.set(identity)
    try:
        yield
    finally:
        _identity.reset(token)


def current_identity() -> PdfIdentity | None:
    """The identity set by an enclosing `describing`, if any."""
    return _identity.get()


@cache
def _metadata_class() -> type:
    from weasyprint.pdf.metadata import NS, DocumentMetadata

    class Metadata(DocumentMetadata):
        """WeasyPrint's XMP plus the Dublin Core identifier and language (both defined in
        the XMP specification's dc schema, so PDF/A needs no extension schema for them)."""

        identifier: str = ""

        def generate_rdf_metadata(self, variant, version, conformance):
            rdf = fromstring(super().generate_rdf_metadata(variant, version, conformance))
            description = SubElement(rdf, f"{{{NS['rdf']}}}Description")
            description.attrib[f"{{{NS['rdf']}}}about"] = ""
            if self.identifier:
                SubElement(description, f"{{{NS['dc']}}}identifier").text = self.identifier
            language = SubElement(description, f"{{{NS['dc']}}}language")
            bag = SubElement(language, f"{{{NS['rdf']}}}Bag")
            SubElement(bag, f"{{{NS['rdf']}}}li").text = self.lang or LANGUAGE
            return tostring(rdf, encoding="utf-8")

    return Metadata


def _w3c(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _describe(metadata):
    """WeasyPrint's metadata of the document, described as `describing(...)` said."""
    identity = _identity.get() or PdfIdentity()
    described = _metadata_class()(**vars(metadata))
    described.title = identity.title or metadata.title or ""
    if identity.author:
        described.authors = [identity.author]
    described.identifier = identity.identifier
    described.lang = metadata.lang or LANGUAGE
    described.generator = GENERATOR
    if identity.created is not None:
        described.created = described.modified = _w3c(identity.created)
    return described


def write_pdfa(html: str) -> bytes:
    """The HTML as a PDF/A-3b file."""
    from weasyprint import HTML

    return _write(HTML(string=html).render())


def _write(document) -> bytes:
    document.metadata = _describe(document.metadata)
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def render_pdf(template_name: str, context: dict) -> bytes:
    return write_pdfa(render_to_string(template_name, context))


def render_pdf_with_box(
    template_name: str, context: dict, box_id: str = SIGNATURE_BOX_ID
) -> tuple[bytes, Box | None]:
    """The PDF and the box (page index, x1, y1, x2, y2 in PDF points, origin bottom-left)
    of the element with id `box_id`: the signer draws the visible signature there."""
    from weasyprint import HTML

    document = HTML(string=render_to_string(template_name, context)).render()
    box = None
    for index, page in enumerate(document.pages):
        if box_id in page.anchors:
            x1, y1, x2, y2 = page.anchors[box_id]
            height = page.height
            box = (
                index,
                round(x1 * PX_TO_PT, 2),
                round((height - y2) * PX_TO_PT, 2),
                round(x2 * PX_TO_PT, 2),
                round((height - y1) * PX_TO_PT, 2),
            )
    return _write(document), box
