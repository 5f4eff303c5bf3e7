"""Printing: the supporter list (people_list) and the printables section (cards, labels, graphics).

The list printer's names stay importable from here, where they lived before the package.
"""

from oneonone_desktop.views.printing.people_list import (
    PRINT_LIMIT,
    chosen_rows,
    list_document,
    list_html,
    print_people,
)

__all__ = ["PRINT_LIMIT", "chosen_rows", "list_document", "list_html", "print_people"]
