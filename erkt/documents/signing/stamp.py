"""The visible signature stamp's style, and what keeps a PDF signed by pyHanko PDF/A.

The stamp is drawn in an embedded TrueType font (pyHanko's default is Helvetica, which it
does not embed, and PDF/A wants every font embedded).

The font is DejaVu Sans from Debian's fonts-dejavu-core (scripts/ensure-system-packages
installs it; WeasyPrint's documents already use the system fonts). Every signing route
(the uploaded PKCS#12, a signing service) draws its stamp with `stamp_style()`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata.model import VENDOR
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import signers
from pyhanko.sign.signers import constants
from pyhanko.stamp import QRStampStyle

STAMP_FONT_PATHS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
)
# Short lines (the address split after its host) so the stamp fits the signature box at
# STAMP_FONT_SIZE: pyHanko shrinks a wider stamp, and its text with it.
STAMP_TEXT = (
    "Ditandatangani secara elektronik\noleh %(signer)s\n%(ts)s\n"
    "Verifikasi: pindai kode QR atau buka\n%(url_host)s\n%(url_path)s"
)
STAMP_FONT_SIZE = 9
STAMP_QR_SIZE = 64  # points: about 1.5 pt a module, still read by a phone


class StampFontMissing(RuntimeError):
    """No stamp font on this machine: install Debian's fonts-dejavu-core."""


@cache
def stamp_font_path() -> Path:
    for path in STAMP_FONT_PATHS:
        if path.is_file():
            return path
    raise StampFontMissing(
        "No TrueType font for the signature stamp: install fonts-dejavu-core "
        f"(looked for {', '.join(str(p) for p in STAMP_FONT_PATHS)})"
    )


class _PdfWidths(GlyphAccumulator):
    """pyHanko 0.38 writes the font's /W glyph widths in the font's own units, which PDF
    reads as thousandths of an em: right for a font of 1000 units per em, twice too wide
    for DejaVu Sans (2048), so readers spread the stamp's letters apart. The widths are
    scaled when the font is written; pyHanko's layout (HarfBuzz) is unchanged."""

    def prepare_write(self) -> None:
        raw, scale = self._glyphs, 1000 / self.units_per_em
        self._glyphs = {gid: (cid, round(width * scale)) for gid, (cid, width) in raw.items()}
        try:
            super().prepare_write()
        finally:
            self._glyphs = raw


class _StampFont(GlyphAccumulatorFactory):
    def create_font_engine(self, writer, obj_stream=None) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        return _PdfWidths(
            writer=writer,
            font_handle=open(self.font_file, "rb"),  # pyHanko reads it until the end
            font_size=self.font_size,
            obj_stream=obj_stream,
        )


def stamp_style() -> QRStampStyle:
    """The stamp: its text beside a QR code to the verification page, in DejaVu Sans
    (embedded as a subset)."""
    font = _StampFont(str(stamp_font_path()), font_size=STAMP_FONT_SIZE)
    return QRStampStyle(
        stamp_text=STAMP_TEXT,
        border_width=1,
        text_box_style=TextBoxStyle(font=font, font_size=STAMP_FONT_SIZE),
        qr_inner_size=STAMP_QR_SIZE,
        timestamp_format="%d-%m-%Y %H:%M:%S %Z",
    )


def keep_pdfa(writer: IncrementalPdfFileWriter) -> None:
    """Prepare the incremental update so the signed file is still PDF/A.

    pyHanko writes its own name as the XMP producer, but appends it to the producer of the
    document information dictionary ("WeasyPrint 70.0; pyHanko ..."), and PDF/A wants the
    two to agree: the Info producer starts as pyHanko's name. Everything else pyHanko keeps:
    the XMP (with its PDF/A claim) is updated in place, the output intent, the fonts and the
    file identifier stay, the signature widget is printed with its appearance.
    """
    try:
        reference = writer.trailer.raw_get("/Info")
    except KeyError:
        return
    if isinstance(reference, generic.IndirectObject):
        info = reference.get_object()
        info["/Producer"] = generic.TextStringObject(VENDOR)
        writer.mark_update(reference)


class PdfASigner(signers.PdfSigner):
    """pyHanko's signer, keeping the file at PDF 1.7 as PDF/A-3 requires.

    For an ECDSA key on P-256 (the demo certificates) pyHanko declares the ISO 32002
    extension, which raises the file to PDF 2.0. The signature itself is the same and
    verifies the same: only the PAdES (ESIC) extension of PDF 1.7 is declared here.
    """

    def register_extensions(self, pdf_out, *, md_algorithm: str) -> None:
        pdf_out.ensure_output_version(version=(1, 7))
        pdf_out.register_extension(constants.ESIC_EXTENSION_1)
