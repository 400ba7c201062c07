"""PDF rendering with WeasyPrint, and where the signature box landed on the page."""

from __future__ import annotations

from django.template.loader import render_to_string

SIGNATURE_BOX_ID = "kotak-ttd"
PX_TO_PT = 0.75  # WeasyPrint lays out in CSS px (96 per inch); PDF counts 72 points per inch

Box = tuple[int, float, float, float, float]


def _html(string: str):
    # Imported on first use: WeasyPrint costs seconds at every start of the program.
    from weasyprint import HTML

    return HTML(string=string)


def render_pdf(template_name: str, context: dict) -> bytes:
    return _html(render_to_string(template_name, context)).write_pdf()


def render_pdf_with_box(
    template_name: str, context: dict, box_id: str = SIGNATURE_BOX_ID
) -> tuple[bytes, Box | None]:
    """The PDF and the box (page index, x1, y1, x2, y2 in PDF points, origin bottom-left)
    of the element with id `box_id`: the signer draws the visible signature there."""
    document = _html(render_to_string(template_name, context)).render()
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
    return document.write_pdf(), box
