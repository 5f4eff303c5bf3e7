"""The house look shared by every printed page: paper sizes, millimetres, and the ink colours."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, LETTER

PAPERS = {"letter": LETTER, "a4": A4}
MM = 72.0 / 25.4
INK = HexColor("#222222")  # body text: near-black, kinder to cheap printers than pure black
SOFT = HexColor("#6b6b6b")  # secondary text
RULE = HexColor("#c8c8c8")  # lines and boxes
