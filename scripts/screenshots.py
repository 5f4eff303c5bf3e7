"""Render every screen offscreen with demo data to PNG files named by screen.

    python scripts/screenshots.py --out docs/screenshots

Main-window screens are 1280×800; dialogs are drawn centred over the window, as a user sees
them. Set QT_SCALE_FACTOR=2 to check a high-DPI screen.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WIDTH, HEIGHT = 1280, 800
DEMO_DAY = dt.date(2025, 3, 14)
BAD_SHEET = (
    "First Name,Last Name,E-mail Address,Mobile Phone,ZIP,Tags,Comments\n"
    "Rosa,Delgado,rosa.delgado@example.org,(951) 555-0142,92501,huddle,Came with her sister\n"
    "Tom,Nguyen,tom.nguyen@example,(951) 555-0177,92503,,Wants to help with childcare\n"
    "Aisha,Bello,aisha.bello@example.net,,92504,phone bank,\n"
    "Carmen,Ruiz,carmen.ruiz@example.org,555-0199,92505,huddle; canvasser,\n"
)
GOOD_SHEET = BAD_SHEET.replace("tom.nguyen@example,", "tom.nguyen@example.com,").replace(
    "555-0199", "(951) 555-0199"
)


# Feature screens: modules in scripts/screens/, each with
#   shoot(window, database, out: Path, helpers: types.SimpleNamespace) -> list[Path]
# called with the demo window (helpers: save, over, settle, demo_day).
FEATURE_SCREENS: tuple[str, ...] = ("reports", "safety", "calendar", "meetings", "printing")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path, help="folder for the PNG files")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    args.out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QApplication

    from oneonone_desktop.views.icons import icon
    from oneonone_desktop.views.look import apply_look

    app = QApplication(sys.argv[:1])
    app.setApplicationDisplayName("One-on-Ones")
    app.setWindowIcon(icon("app"))
    apply_look(app)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        written += _empty_screens(app, folder / "empty", args.out)
        written += _demo_screens(app, folder / "demo", args.out)
    written.append(_icon_sheet(args.out))
    for path in written:
        print(path)
    return 0


def _open(folder: Path):  # -> SqliteDatabase
    from oneonone_desktop.store.connection import open_database

    folder.mkdir(parents=True)
    return open_database(folder / "oneonone.sqlite3", backup_dir=folder / "backups")


def _window(database, folder: Path):  # -> MainWindow
    from PySide6.QtCore import QSettings

    from oneonone_desktop.views.main_window import MainWindow

    window = MainWindow(
        database, QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    )
    window.resize(WIDTH, HEIGHT)
    window.show()
    _settle()
    return window


def _settle() -> None:
    """Let pending paints and the status bar's short timer run before a grab."""
    from PySide6.QtTest import QTest

    QTest.qWait(200)


def _save(widget, path: Path) -> Path:
    _settle()
    widget.grab().save(str(path))
    return path


def _over(window, dialog, path: Path, before: Callable[[], None] | None = None) -> Path:
    """The window with the dialog drawn centred over it, with a soft edge."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtGui import QColor, QPainter

    dialog.show()
    _settle()
    if before is not None:
        before()
        _settle()
    back = window.grab()
    front = dialog.grab()
    ratio = back.devicePixelRatio()
    painter = QPainter(back)
    painter.fillRect(QRect(0, 0, WIDTH, HEIGHT), QColor(20, 30, 40, 70))
    size = front.deviceIndependentSize()
    top_left = QPoint(int((WIDTH - size.width()) / 2), int((HEIGHT - size.height()) / 2))
    for spread, alpha in ((6, 18), (4, 28), (2, 40)):
        painter.fillRect(
            QRect(
                top_left.x() - spread,
                top_left.y() - spread + 2,
                int(size.width()) + 2 * spread,
                int(size.height()) + 2 * spread,
            ),
            QColor(0, 0, 0, alpha),
        )
    painter.drawPixmap(top_left, front)
    painter.end()
    del ratio
    back.save(str(path))
    dialog.close()
    return path


def _empty_screens(app, folder: Path, out: Path) -> list[Path]:
    from oneonone_desktop.store.connection import close_database
    from oneonone_desktop.views.welcome import WelcomeDialog

    database = _open(folder)
    written = []
    window = _window(database, folder)
    written.append(_save(window, out / "supporters-empty.png"))
    welcome = WelcomeDialog(database, window)
    written.append(_over(window, welcome, out / "welcome.png"))
    window.close()
    close_database(database)
    return written


def _demo_screens(app, folder: Path, out: Path) -> list[Path]:
    from PySide6.QtCore import Qt

    from oneonone_desktop.services import demo
    from oneonone_desktop.store.connection import close_database
    from oneonone_desktop.views.import_dialog import ImportDialog
    from oneonone_desktop.views.supporter_dialog import SupporterDialog

    database = _open(folder)
    demo.generate(database, people=300, seed=1, today=DEMO_DAY)
    person = _story(database)
    written = []
    window = _window(database, folder)
    window.supporters.table.selectRow(2)
    window.supporters.table.setFocus()
    written.append(_save(window, out / "supporters.png"))

    window.supporters.table.clearSelection()
    window.supporters.search.setText("rosa")
    _settle()
    written.append(_save(window, out / "supporters-search.png"))
    window.supporters.search.setText("xyz")
    written.append(_save(window, out / "supporters-no-match.png"))
    window.supporters.search.clear()
    window.supporters.filters.owes_commitment.setChecked(True)
    written.append(_save(window, out / "supporters-filtered.png"))
    window.supporters.filters.clear()

    window.open_person(person)
    written.append(_save(window, out / "person.png"))
    window.show_list()

    dialog = SupporterDialog(person, window)
    written.append(_over(window, dialog, out / "supporter-dialog.png"))
    dialog = SupporterDialog(person, window)
    dialog.tabs.setCurrentIndex(1)
    written.append(_over(window, dialog, out / "supporter-dialog-involvement.png"))
    dialog = SupporterDialog(person, window)
    dialog.tabs.setCurrentIndex(2)
    written.append(_over(window, dialog, out / "supporter-dialog-consent.png"))
    dialog = SupporterDialog(None, window)

    def problems() -> None:
        dialog.emails.setText("rosa at example")
        dialog.phones.setText("12")
        dialog.save()

    written.append(_over(window, dialog, out / "supporter-dialog-problems.png", problems))

    sheet = folder / "sign-in-sheet.csv"
    sheet.write_text(BAD_SHEET, encoding="utf-8")
    importer = ImportDialog(window)
    written.append(_over(window, importer, out / "import-pick.png"))
    importer = ImportDialog(window)
    importer.load_file(sheet)
    written.append(_over(window, importer, out / "import-mapping.png"))
    importer = ImportDialog(window)
    importer.load_file(sheet)
    importer.preview()
    written.append(_over(window, importer, out / "import-problems.png"))
    sheet.write_text(GOOD_SHEET, encoding="utf-8")
    importer = ImportDialog(window)
    importer.load_file(sheet)
    importer.preview()
    written.append(_over(window, importer, out / "import-preview.png"))

    window.supporters.table.selectRow(0)
    window.actions.archive.trigger()
    window.supporters.table.setFocus(Qt.FocusReason.OtherFocusReason)
    written.append(_save(window, out / "supporters-undo.png"))
    window.actions.undo.trigger()
    written += _feature_screens(window, database, out)
    window.close()
    close_database(database)
    return written


def _feature_screens(window, database, out: Path) -> list[Path]:
    import importlib
    import types

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    helpers = types.SimpleNamespace(save=_save, over=_over, settle=_settle, demo_day=DEMO_DAY)
    written: list[Path] = []
    for name in FEATURE_SCREENS:
        module = importlib.import_module(f"screens.{name}")
        written += module.shoot(window, database, out, helpers)
        window.show_section("supporters")
        window.show_list()
    return written


def _story(database) -> int:
    """A person with a history to show on the person page; returns their id."""
    from oneonone_desktop.services import supporters as svc
    from oneonone_desktop.services.supporters import Consent, SupporterData
    from oneonone_desktop.store.models import (
        Commitment,
        Meeting,
        MeetingKind,
        Promise,
        Supporter,
        Task,
        Touch,
    )

    referrer = Supporter.select().order_by(Supporter.id).first()
    data = SupporterData(
        first_name="Rosa",
        last_name="Delgado",
        preferred_name="",
        pronouns="she/her",
        emails=["rosa.delgado@example.org"],
        phones=["(951) 555-0142"],
        street="4120 Magnolia Ave",
        city="Riverside",
        region="CA",
        postal_code="92506",
        language="English, Spanish",
        how_met="Sign-in sheet at the March huddle",
        background=(
            "Nurse at the county hospital; two kids at Longfellow Elementary. Worried about "
            "clinic closures. Canvassed once in 2018, liked talking to neighbours."
        ),
        labels={
            "tag": ["huddle", "canvasser"],
            "issue": ["health care", "schools"],
            "skill": ["Spanish", "first aid"],
            "interest": ["canvassing"],
        },
        stage_key="active",
        referred_by_id=referrer.id if referrer else None,
        thank_you_preference="card",
        consents={
            "email_list": Consent(True, dt.date(2025, 2, 20), "said yes at our 1:1"),
            "phone_text": Consent(True, dt.date(2025, 2, 20), "said yes at our 1:1"),
        },
    )
    rosa = svc.create_supporter(data)
    kind = MeetingKind.select().first()
    meeting = Meeting.create(
        supporter=rosa,
        kind=kind,
        status="held",
        scheduled_at=dt.datetime(2025, 2, 20, 18, 30),
        place="Café Rivera",
        learned="Cares most about keeping the Eastside clinic open.",
    )
    Commitment.create(
        supporter=rosa,
        meeting=meeting,
        activity="Canvass the Eastside for the clinic petition",
        due_at=dt.datetime(2025, 3, 22, 10, 0),
        goal="Knock on 40 doors",
        status="pending",
    )
    Promise.create(
        supporter=rosa,
        meeting=meeting,
        text="Send her the clinic fact sheet",
        due_on=dt.date(2025, 2, 24),
        status="kept",
    )
    Task.create(
        supporter=rosa,
        meeting=meeting,
        kind="thank_you",
        title="Thank-you card to Rosa",
        channel="card",
        due_on=dt.date(2025, 2, 22),
        status="done",
        uid="demo-task-1",
    )
    Supporter.update(last_contact_at=dt.datetime(2025, 3, 3, 1, 0)).where(
        Supporter.id == rosa.id
    ).execute()
    Touch.create(
        supporter=rosa,
        kind="call",
        happened_at=dt.datetime(2025, 3, 2, 17, 0),
        note="Reminded her about Saturday; she is bringing a friend.",
    )
    return int(rosa.id)


def _icon_sheet(out: Path) -> Path:
    """All icons on one sheet, at 24 and 48 px, to check they belong together."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QImage, QPainter

    from oneonone_desktop.resources import resource_path
    from oneonone_desktop.views.icons import icon

    names = sorted(p.stem for p in resource_path("icons").glob("*.svg"))
    columns = 8
    cell_w, cell_h = 150, 100
    rows = (len(names) + columns - 1) // columns
    image = QImage(columns * cell_w, rows * cell_h, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    for number, name in enumerate(names):
        x, y = (number % columns) * cell_w, (number // columns) * cell_h
        painter.drawPixmap(x + 20, y + 20, icon(name).pixmap(24, 24))
        painter.drawPixmap(x + 60, y + 8, icon(name).pixmap(48, 48))
        painter.setPen(QColor("#3b4a5a"))
        painter.drawText(QRect(x, y + 62, cell_w, 30), Qt.AlignmentFlag.AlignCenter, name)
    painter.end()
    path = out / "icons.png"
    image.save(str(path))
    return path


if __name__ == "__main__":
    sys.exit(main())
