"""Print screens: thank-you cards with their preview, address labels with a left-out note,
the card template editor, a #WhyWeResist social image and the calibration page."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _wait(section: Any) -> None:
    """Until the preview shows the current choices (pages are made on a worker thread)."""
    from PySide6.QtCore import QEventLoop, QTimer

    section.refresh_preview()
    loop = QEventLoop()
    section.previewReady.connect(loop.quit)
    QTimer.singleShot(30_000, loop.quit)
    if section.runner.running():
        loop.exec()
    section.previewReady.disconnect(loop.quit)


def shoot(window: Any, database: Any, out: Path, helpers: Any) -> list[Path]:
    from oneonone_desktop.store.models import Supporter
    from oneonone_desktop.views.printing.feature import print_cards, print_section

    written: list[Path] = []
    window.clear_notice()
    list_page = window.supporters
    ids = [list_page.model.supporter_id(row) for row in range(6)]
    list_page.select_ids(ids)
    print_cards(window, ids)
    section = print_section(window)
    section.sheet.choose_stock("avery-8387")
    section.sheet.choose_template("Thank you for our 1:1")
    _wait(section)
    written.append(helpers.save(window, out / "print-cards.png"))

    no_address = Supporter.select(Supporter.id).where(Supporter.street == "").first()
    people = [list_page.model.supporter_id(row) for row in range(6, 20)]
    if no_address is not None:
        people.insert(3, no_address.id)
    section.show_kind("labels")
    section.sheet.choose_stock("avery-5160")
    section.sheet.people.use_people(people)
    _wait(section)
    section.preview.zoom(1.6)
    written.append(helpers.save(window, out / "print-labels.png"))

    from oneonone_desktop.views.printing.template_editor import TemplateEditor

    section.show_kind("cards")
    editor = TemplateEditor(window, section.sheet.template_id(), "avery-8387")

    def typo() -> None:
        """A misspelt field, flagged; kept unsaved without a question when the shot closes."""
        body = editor.form.body
        editor._loading = True
        body.setPlainText(body.toPlainText() + "\n\nP.S. Bring a friend, {frist_name}!")
        editor._loading = False
        editor.update_preview()

    written.append(helpers.over(window, editor, out / "print-template-editor.png", typo))

    section.show_kind("graphic")
    graphic = section.graphic
    graphic.size_choice.setCurrentIndex(3)  # the square social image
    graphic.community.setChecked(True)
    _wait(section)
    written.append(helpers.save(window, out / "print-graphic.png"))

    section.show_kind("calibration")
    section.sheet.choose_stock("avery-5160")
    _wait(section)
    written.append(helpers.save(window, out / "print-calibration.png"))
    section.show_kind("cards")
    list_page.table.clearSelection()
    return written
