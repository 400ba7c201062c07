"""Sizes, fonts, colours, columns and labels of the flowchart sheet (points, 1/72 inch)."""

from erkt.sop.models import StepKind

WIDTH = 783.0
MARGIN = 1.0  # room around the table for the outer border's stroke
PAGE_HEIGHT = 505.0  # the height left for the table on a landscape A4 page under its caption
FONT_FAMILY = "Liberation Sans, Arial, Helvetica, sans-serif"
FONT_SIZE = 7.5
LABEL_SIZE = 6.5
LINE_HEIGHT = 9.2
BASELINE = 6.9  # from the top of a line box to the baseline of its text
PAD_X = 4.0
PAD_Y = 5.0
MIN_ROW_HEIGHT = 39.0
SPAN_HEAD_HEIGHT = 16.0  # the header row with "Pelaksana" and "Mutu Baku"
BAND_HEIGHT = 30.0  # the strip that holds off-page connectors
SYMBOL_WIDTH = 44.0
SYMBOL_HEIGHT = {
    StepKind.START: 18.0,
    StepKind.END: 18.0,
    StepKind.PROCESS: 20.0,
    StepKind.DECISION: 26.0,
}
CONNECTOR_WIDTH = 16.0
CONNECTOR_HEIGHT = 18.0
ARROW_LENGTH = 5.5
ARROW_HALF_WIDTH = 2.6
GRID_STROKE = 0.6
BORDER_STROKE = 1.0
FLOW_STROKE = 1.1
SYMBOL_STROKE = 1.0
CURRENT_SYMBOL_STROKE = 1.8
HEAD_FILL = "#d9d9d9"
HIGHLIGHT_ROW_FILL = "#fff3cd"
HIGHLIGHT_SYMBOL_FILL = "#ffc107"

# Relative column widths; the pelaksana columns share the room the others leave.
LEADING_COLUMNS = (("no", 3.5), ("uraian", 22.0))
ACTOR_WEIGHT = 8.0
TRAILING_COLUMNS = (("kelengkapan", 11.0), ("waktu", 6.5), ("output", 11.0), ("keterangan", 8.0))
# The official labels of the national format, printed in Bahasa Indonesia whatever the UI
# language: they are part of the document, not of the interface.
HEAD_LABELS = {
    "no": "No",
    "uraian": "Uraian Prosedur",
    "kelengkapan": "Persyaratan/Kelengkapan",
    "waktu": "Waktu",
    "output": "Output",
    "keterangan": "Keterangan",
}
CELL_ALIGN = {
    "no": "middle",
    "uraian": "start",
    "kelengkapan": "middle",
    "waktu": "middle",
    "output": "middle",
    "keterangan": "start",
}
MUTU_BAKU = ("kelengkapan", "waktu", "output")
