"""A generated emblem (PNG) for the demo office, so every kop of the demo shows a logo.

It is a neutral shield (star, rice and cotton, river), not the official lambang of
any Pemerintah Daerah: a real office uploads its own logo.
"""

from __future__ import annotations

import functools
import io
import math

from PIL import Image, ImageDraw, ImageFont

SCALE = 4  # drawn large, then reduced: smooth edges without an anti-aliasing library
WIDTH, HEIGHT = 240, 280
GREEN = (18, 102, 58)
GOLD = (232, 178, 36)
DARK_GOLD = (150, 104, 10)
BLUE = (28, 86, 160)
WHITE = (255, 255, 255)
RED = (190, 30, 45)


def _s(*values: float) -> list[float]:
    return [v * SCALE for v in values]


def _shield(width: float, height: float, inset: float) -> list[tuple[float, float]]:
    """The outline of a shield: straight top and sides, curving down to a point."""
    left, right, top, bottom = inset, width - inset, inset, height - inset
    shoulder = top + (bottom - top) * 0.5
    middle = width / 2
    points = [(left, top), (right, top), (right, shoulder)]
    steps = 24
    for i in range(1, steps + 1):  # quadratic curve from the right shoulder to the point
        t = i / steps
        x = (1 - t) ** 2 * right + 2 * (1 - t) * t * right + t**2 * middle
        y = (1 - t) ** 2 * shoulder + 2 * (1 - t) * t * bottom + t**2 * bottom
        points.append((x, y))
    for i in range(steps - 1, -1, -1):  # and back up to the left shoulder
        x, y = points[3 + i - 1] if i else (right, shoulder)
        points.append((width - x, y))
    return [(x * SCALE, y * SCALE) for x, y in points]


def _star(cx: float, cy: float, outer: float, inner: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(
            ((cx + radius * math.cos(angle)) * SCALE, (cy + radius * math.sin(angle)) * SCALE)
        )
    return points


def _stalk(draw: ImageDraw.ImageDraw, x: float, grains: str, color, *, mirror: int) -> None:
    """A curved stalk of rice (padi) or cotton (kapas) along one side of the shield."""
    stem = [
        ((x + mirror * 14 * math.sin(k / 16 * math.pi * 0.9)) * SCALE, (78 + k / 16 * 112) * SCALE)
        for k in range(17)
    ]
    draw.line(stem, fill=DARK_GOLD if grains == "padi" else (90, 140, 90), width=2 * SCALE)
    for i in range(9):
        t = i / 8
        cx = x + mirror * 14 * math.sin(t * math.pi * 0.9)
        cy = 78 + t * 112
        if grains == "padi":
            draw.ellipse(_s(cx - 5, cy - 8, cx + 5, cy + 8), fill=color, outline=DARK_GOLD)
        else:
            draw.ellipse(_s(cx - 7, cy - 7, cx + 7, cy + 7), fill=WHITE, outline=(120, 120, 120))
            draw.ellipse(_s(cx - 3, cy - 3, cx + 3, cy + 3), fill=(230, 230, 230))


@functools.lru_cache(maxsize=4)
def render_emblem(label: str = "BALANGAN") -> bytes:
    """The emblem as PNG bytes (transparent background)."""
    image = Image.new("RGBA", (WIDTH * SCALE, HEIGHT * SCALE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.polygon(_shield(WIDTH, HEIGHT - 40, 4), fill=DARK_GOLD)
    draw.polygon(_shield(WIDTH, HEIGHT - 40, 12), fill=GOLD)
    draw.polygon(_shield(WIDTH, HEIGHT - 40, 20), fill=GREEN)
    draw.polygon(_star(WIDTH / 2, 58, 26, 11), fill=GOLD, outline=DARK_GOLD)
    _stalk(draw, 62, "padi", GOLD, mirror=-1)
    _stalk(draw, WIDTH - 62, "kapas", WHITE, mirror=1)
    # The river (sungai) across the lower part of the shield.
    for offset in (0, 14):
        points = [
            ((70 + k * 5) * SCALE, (150 + offset + 5 * math.sin(k / 2.5)) * SCALE)
            for k in range(21)
        ]
        draw.line(points, fill=BLUE, width=6 * SCALE)
        draw.line(points, fill=(120, 170, 230), width=2 * SCALE)
    # The ribbon with the name.
    ribbon = _s(14, HEIGHT - 58, WIDTH - 14, HEIGHT - 22)
    draw.rounded_rectangle(ribbon, radius=6 * SCALE, fill=RED, outline=DARK_GOLD, width=2 * SCALE)
    font = ImageFont.load_default(size=22 * SCALE)
    box = draw.textbbox((0, 0), label, font=font)
    text_x = (WIDTH * SCALE - (box[2] - box[0])) / 2
    text_y = (HEIGHT - 40) * SCALE - (box[3] - box[1]) / 2 - box[1]
    draw.text((text_x, text_y), label, font=font, fill=WHITE)
    small = image.resize((WIDTH, HEIGHT), Image.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
