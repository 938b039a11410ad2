"""The UK's councils as a hex cartogram: one hexagon each, laid out by Open Innovations.

Reads the HexJSON layout (partnerships/reference_data/hexmap/, see its SOURCES.md) once and
works out where each hexagon sits in an SVG, so a page can draw the map with no script.
The layout is "odd-r": pointy-topped hexagons in rows, odd rows shifted half a hexagon right,
row numbers rising northwards.
"""

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from partnerships.similar_places import other_codes

LAYOUT_FILE = (
    Path(settings.BASE_DIR)
    / "partnerships"
    / "reference_data"
    / "hexmap"
    / "uk-local-authority-districts-2023.hexjson"
)
CREDIT = _("Hex layout: Open Innovations (MIT licence)")
SOURCE_URL = "https://github.com/odileeds/hexmaps"
RADIUS = 10  # centre to corner, in SVG units
WIDTH = math.sqrt(3) * RADIUS
# One hexagon around (0, 0): the shape every council's hexagon reuses.
HEX_PATH = "M0,-10L8.66,-5L8.66,5L0,10L-8.66,5L-8.66,-5Z"


@dataclass(frozen=True)
class Hex:
    code: str
    name: str
    x: float
    y: float

    def codes(self) -> list[str]:
        """Its code in the layout and the code that replaced it (or that it replaced)."""
        return other_codes(self.code)


@dataclass(frozen=True)
class Layout:
    hexes: tuple[Hex, ...]
    width: float
    height: float

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:.0f} {self.height:.0f}"


@cache
def uk_layout() -> Layout:
    """The 361 councils' hexagons, with their centres in SVG units; read once per process."""
    with open(LAYOUT_FILE, encoding="utf-8") as handle:
        data = json.load(handle)
    cells = data["hexes"]
    q_min = min(cell["q"] for cell in cells.values())
    r_max = max(cell["r"] for cell in cells.values())
    r_min = min(cell["r"] for cell in cells.values())
    hexes = []
    for code, cell in cells.items():
        shift = WIDTH / 2 if cell["r"] % 2 else 0
        x = WIDTH * (cell["q"] - q_min) + shift + WIDTH / 2
        y = 1.5 * RADIUS * (r_max - cell["r"]) + RADIUS
        hexes.append(Hex(code=code, name=cell["n"], x=round(x, 1), y=round(y, 1)))
    width = WIDTH * (max(cell["q"] for cell in cells.values()) - q_min + 1.5)
    height = 1.5 * RADIUS * (r_max - r_min) + 2 * RADIUS
    # North to south, west to east: the order a keyboard user tabs through them.
    hexes.sort(key=lambda h: (h.y, h.x))
    return Layout(hexes=tuple(hexes), width=math.ceil(width), height=math.ceil(height))
