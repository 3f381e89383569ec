"""The app's two icons, drawn in Python: a white rounded «R».

color.png (192x192): the R on a rounded square in the accent colour.
outline.png (32x32): the same R, white on transparent, as Teams wants it.

The R is a few strokes (a stem, two bars, a half-circle bowl, a leg) in a unit box, drawn
through their signed distance: a pixel's coverage comes from its centre's distance to the
nearest stroke, which anti-aliases the edges without supersampling.
"""

from __future__ import annotations

import math

from .png import encode_png

ACCENT_COLOR = "#1F6F8B"  # deep teal; white on it has a contrast ratio above 5:1
COLOR_SIZE = 192
OUTLINE_SIZE = 32

# The R's strokes in a unit box, y downwards; the glyph spans 0..1 in height.
_STROKE = 0.2
_HALF = _STROKE / 2
_STEM_X = _HALF
_TOP_Y = _HALF
_MID_Y = 0.56
_BOTTOM_Y = 1 - _HALF
_BOWL_X = 0.40  # where the bars end and the bowl starts
_BOWL_Y = (_TOP_Y + _MID_Y) / 2
_BOWL_R = (_MID_Y - _TOP_Y) / 2
_LEG = ((0.34, _MID_Y), (0.70, _BOTTOM_Y))
GLYPH_WIDTH = _BOWL_X + _BOWL_R + _HALF  # ≈ 0.73 of the height


def _segment_distance(x: float, y: float, a: tuple[float, float], b: tuple[float, float]) -> float:
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - ax - t * dx, y - ay - t * dy)


def glyph_distance(x: float, y: float) -> float:
    """Signed distance (unit box) from (x, y) to the R's outline: negative inside."""
    strokes = (
        ((_STEM_X, _TOP_Y), (_STEM_X, _BOTTOM_Y)),
        ((_STEM_X, _TOP_Y), (_BOWL_X, _TOP_Y)),
        ((_STEM_X, _MID_Y), (_BOWL_X, _MID_Y)),
        _LEG,
    )
    distance = min(_segment_distance(x, y, a, b) for a, b in strokes)
    if x >= _BOWL_X:  # the bowl: the right half of a ring; its ends meet the bars
        distance = min(distance, abs(math.hypot(x - _BOWL_X, y - _BOWL_Y) - _BOWL_R))
    return distance - _HALF


def _coverage(distance_px: float) -> float:
    """How much of a pixel a shape covers, from the signed distance of its centre."""
    return max(0.0, min(1.0, 0.5 - distance_px))


def _rounded_square_distance(x: float, y: float, size: float, radius: float) -> float:
    """Signed distance (pixels) to a square of `size` with rounded corners."""
    half = size / 2
    qx = abs(x - half) - (half - radius)
    qy = abs(y - half) - (half - radius)
    outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
    return outside + min(max(qx, qy), 0.0) - radius


def _glyph_coverage(px: float, py: float, left: float, top: float, height: float) -> float:
    x, y = (px - left) / height, (py - top) / height
    margin = 1 / height  # a pixel around the glyph's box: the anti-aliased edge
    if not (-margin < x < GLYPH_WIDTH + margin and -margin < y < 1 + margin):
        return 0.0
    return _coverage(glyph_distance(x, y) * height)


def _centred(size: int, glyph_height: int) -> tuple[int, int]:
    """The glyph's top-left corner, on a whole pixel so that the stem and bars are crisp."""
    return round((size - GLYPH_WIDTH * glyph_height) / 2), (size - glyph_height) // 2


def _hex_rgb(color: str) -> tuple[int, int, int]:
    value = int(color.lstrip("#"), 16)
    return value >> 16, (value >> 8) & 0xFF, value & 0xFF


def color_icon(size: int = COLOR_SIZE, color: str = ACCENT_COLOR) -> bytes:
    """The R, white, about half the icon's height, centred on a rounded square."""
    glyph_height = round(size * 0.52)
    left, top = _centred(size, glyph_height)
    red, green, blue = _hex_rgb(color)
    pixels = bytearray()
    for row in range(size):
        for column in range(size):
            px, py = column + 0.5, row + 0.5
            alpha = _coverage(_rounded_square_distance(px, py, size, size * 0.2))
            white = _glyph_coverage(px, py, left, top, glyph_height)
            pixels += bytes(
                (
                    round(red + (255 - red) * white),
                    round(green + (255 - green) * white),
                    round(blue + (255 - blue) * white),
                    round(255 * alpha),
                )
            )
    return encode_png(size, size, pixels)


def outline_icon(size: int = OUTLINE_SIZE) -> bytes:
    """The R alone: white, its coverage as alpha, transparent elsewhere."""
    glyph_height = size - 7  # at 32 px: 25 px high, strokes 5 px wide, on whole pixels
    left, top = _centred(size, glyph_height)
    pixels = bytearray()
    for row in range(size):
        for column in range(size):
            alpha = round(255 * _glyph_coverage(column + 0.5, row + 0.5, left, top, glyph_height))
            pixels += bytes((255, 255, 255, alpha)) if alpha else bytes(4)
    return encode_png(size, size, pixels)
