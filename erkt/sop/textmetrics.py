"""Text widths and line wrapping for drawing text in SVG, where nothing wraps by itself.

The widths are those of Liberation Sans, which has the metrics of Arial and Helvetica:
the same drawing measures right in WeasyPrint (Liberation Sans on the server) and in a
browser on Windows (Arial).
"""

from __future__ import annotations

# Advance widths in 1/1000 em of the printable ASCII characters, from " " (32) to "~" (126).
_REGULAR = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)  # fmt: skip
_BOLD = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
)  # fmt: skip
# Letters outside ASCII (accented letters, dashes) are rare in an SOP: measure them wide.
_OTHER = 600


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width of `text` set in Liberation Sans / Arial at `size` points."""
    table = _BOLD if bold else _REGULAR
    units = sum(table[ord(c) - 32] if 32 <= ord(c) <= 126 else _OTHER for c in text)
    return units * size / 1000


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """Break `text` into lines no wider than `width`, at spaces, else after "/" or "-"."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, bold=bold) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        pieces = _split_long_word(word, width, size, bold)
        lines.extend(pieces[:-1])
        line = pieces[-1]
    if line:
        lines.append(line)
    return lines or [""]


def _split_long_word(word: str, width: float, size: float, bold: bool) -> list[str]:
    pieces: list[str] = []
    while text_width(word, size, bold=bold) > width and len(word) > 1:
        cut = _last_fitting_break(word, width, size, bold)
        pieces.append(word[:cut])
        word = word[cut:]
    pieces.append(word)
    return pieces


def _last_fitting_break(word: str, width: float, size: float, bold: bool) -> int:
    """Where to cut a word too long for its line: after the last "/" or "-" that fits,
    otherwise after as many letters as fit (at least one)."""
    fitting = 1
    while fitting < len(word) and text_width(word[: fitting + 1], size, bold=bold) <= width:
        fitting += 1
    for cut in range(fitting, 0, -1):
        if word[cut - 1] in "/-":
            return cut
    return fitting
