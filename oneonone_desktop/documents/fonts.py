"""Register the shipped DejaVu fonts with reportlab so every PDF embeds fonts covering accents,
Greek, Cyrillic and more (reportlab's built-in Helvetica covers Latin-1 only)."""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from oneonone_desktop.resources import resource_path

SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
SERIF = "DejaVuSerif"
SERIF_BOLD = "DejaVuSerif-Bold"

_FAMILIES = {
    SANS: ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"),
    SERIF: ("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic", "DejaVuSerif-BoldItalic"),
}


@cache
def register_fonts() -> None:
    """Register both families (regular, bold, italic, bold italic) once per process.

    Also registers the font families, without which <b> and <i> in a Paragraph are ignored.
    """
    for family, faces in _FAMILIES.items():
        for face in faces:
            pdfmetrics.registerFont(TTFont(face, str(resource_path("fonts", f"{face}.ttf"))))
        regular, bold, italic, bold_italic = faces
        pdfmetrics.registerFontFamily(
            family, normal=regular, bold=bold, italic=italic, boldItalic=bold_italic
        )
        addMapping(family, 0, 0, regular)
        addMapping(family, 1, 0, bold)
        addMapping(family, 0, 1, italic)
        addMapping(family, 1, 1, bold_italic)
