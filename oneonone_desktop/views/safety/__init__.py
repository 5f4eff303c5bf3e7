"""Data safety in the window: the Data safety section (backups, passphrase, app lock), File ▸
Backups… and Lock now, and two buttons on each person's page: Consent history… and Export
everything about them….

`install(window)` is listed in views.main_window.FEATURE_MODULES; it builds nothing heavy
(the section and dialogs are built on first use).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QWidget

from oneonone_desktop.views.icons import icon


def choose_export_path(parent: QWidget, name: str) -> Path | None:
    """Where to write a person's export (tests replace this)."""
    safe = "".join(c for c in name if c.isalnum() or c in " -_").strip() or "person"
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        parent.tr("Export everything about {name}").format(name=name),
        str(Path.home() / f"{safe}.pdf"),
        parent.tr("Readable document (*.pdf);;Data for another program (*.json)"),
    )
    return Path(chosen) if chosen else None


def install(window: Any) -> None:
    if window.data_dir is None:
        return
    from oneonone_desktop.paths import database_path

    def open_backups() -> None:
        from oneonone_desktop.views.safety.backups_dialog import BackupsDialog

        BackupsDialog(window).exec()

    def build_page() -> QWidget:
        from oneonone_desktop.views.safety.settings_page import SafetyPage

        return SafetyPage(window)

    window.safety_open_backups = open_backups
    window.add_lazy_section("safety", window.tr("Data safety"), icon("shield"), build_page)
    file_menu = window.menu("file")
    first = file_menu.actions()[0] if file_menu.actions() else None
    backups_action = QAction(icon("backup"), window.tr("&Backups…"), window)
    backups_action.setObjectName("backupsAction")
    backups_action.triggered.connect(open_backups)
    lock_action = QAction(icon("lock"), window.tr("&Lock now"), window)
    lock_action.setObjectName("lockNowAction")
    lock_action.setShortcut(QKeySequence("Ctrl+L"))
    file_menu.insertActions(first, [backups_action, lock_action])
    file_menu.insertSeparator(first)

    from oneonone_desktop.store import crypto
    from oneonone_desktop.views.safety.app_lock import AppLock

    window.app_lock = AppLock(window, database_path(window.data_dir))
    lock_action.triggered.connect(window.app_lock.lock)
    lock_action.setEnabled(crypto.is_encrypted(database_path(window.data_dir)))
    window.addAction(lock_action)
    window.person_page_hooks.append(lambda page: _add_person_buttons(window, page))


def _add_person_buttons(window: Any, page: Any) -> None:
    page.add_action_button("consent_history", page.tr("Consent history…"), icon("consent"))
    page.add_action_button("export_person", page.tr("Export everything about them…"),
                           icon("export"))  # fmt: skip
    page.actionRequested.connect(lambda key, sid: _person_action(window, page, key, sid))


def _person_action(window: Any, page: Any, key: str, supporter_id: int) -> None:
    if key == "consent_history":
        from oneonone_desktop.views.safety.consent_dialog import ConsentHistoryDialog

        dialog = ConsentHistoryDialog(supporter_id, window)
        dialog.exec()
        if dialog.changed:
            page.reload()
    elif key == "export_person":
        export_person(window, supporter_id)


def export_person(window: Any, supporter_id: int) -> None:
    from oneonone_desktop.services import privacy
    from oneonone_desktop.store.models import Supporter
    from oneonone_desktop.views import messages

    person = Supporter.get_or_none(Supporter.id == supporter_id)
    if person is None:
        return
    dest = choose_export_path(window, person.display_name)
    if dest is None:
        return
    if dest.suffix.lower() not in (".pdf", ".json"):
        dest = dest.with_name(dest.name + ".pdf")
    try:
        written = privacy.export_person(window.database, supporter_id, dest)
    except OSError as exc:
        messages.error(window, window.tr("Export"), window.tr(
            "{path} could not be written ({problem}). Nothing was saved."
        ).format(path=dest, problem=exc.strerror or exc))  # fmt: skip
        return
    window.show_notice(window.tr("Everything about them is in {path}.").format(path=written))
