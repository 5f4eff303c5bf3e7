"""Prepare for a 1:1: tick a few candidate asks (ranked, with reasons) and save the one-page
prep sheet as a PDF, on A4 or US Letter, opened afterwards if the organizer wants."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.services import meetings
from oneonone_desktop.services.asks import rank_asks
from oneonone_desktop.services.meetings import MeetingInfo
from oneonone_desktop.services.supporters import ValidationError
from oneonone_desktop.store.models import Supporter
from oneonone_desktop.views.icons import icon
from oneonone_desktop.views.meetings.ask_list import AskList
from oneonone_desktop.views.meetings.common import (
    STYLE,
    Clock,
    ask_save_path,
    box,
    fmt_when,
    label,
    tr,
)

ActionIdRole = int(Qt.ItemDataRole.UserRole) + 1
LETTER_COUNTRIES = {
    QLocale.Country.UnitedStates,
    QLocale.Country.Canada,
    QLocale.Country.Mexico,
    QLocale.Country.Chile,
    QLocale.Country.Colombia,
    QLocale.Country.Venezuela,
    QLocale.Country.Philippines,
    QLocale.Country.PuertoRico,
    QLocale.Country.Guatemala,
    QLocale.Country.CostaRica,
    QLocale.Country.DominicanRepublic,
}


def default_paper(locale: QLocale | None = None) -> str:
    """ "letter" where US Letter is the usual paper (the Americas' letter countries), else "a4"."""
    locale = locale or QLocale()
    imperial = locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return "letter" if imperial or locale.territory() in LETTER_COUNTRIES else "a4"


def open_file(path: Path) -> None:
    """Open a saved file in the system's viewer (tests replace this)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class PrepDialog(QDialog):
    """`saved_path` holds the last PDF written."""

    def __init__(
        self,
        supporter_id: int,
        meeting: MeetingInfo | None,
        clock: Clock,
        settings: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("prepDialog")
        self.setStyleSheet(STYLE)
        self.supporter_id = supporter_id
        self.meeting = meeting
        self.clock = clock
        self.settings = settings
        self.saved_path: Path | None = None
        self.name = Supporter.get_by_id(supporter_id).display_name
        self.setWindowTitle(tr("Prepare for a 1:1"))

        heading = label(tr("Prepare for your 1:1 with {name}").format(name=self.name), "pageTitle")
        if meeting is not None:
            bits = [meeting.kind_label, fmt_when(meeting.scheduled_at, clock().date())]
            if meeting.place:
                bits.append(meeting.place)
            about = label(" · ".join(b for b in bits if b), "muted")
        else:
            about = label(tr("No 1:1 with them is scheduled yet."), "muted")
        self.asks = AskList(tr("Candidate asks, best fit first: tick a few"), checkable=True)
        self.asks.setObjectName("candidateAsks")
        self.problem = box("problemBox")

        self.paper = QComboBox()
        self.paper.addItem(tr("US Letter"), "letter")
        self.paper.addItem(tr("A4"), "a4")
        self.paper.setAccessibleName(tr("Paper"))
        self.paper.setCurrentIndex(max(0, self.paper.findData(default_paper())))
        paper_label = QLabel(tr("Pa&per"))
        paper_label.setBuddy(self.paper)
        self.open_after = QCheckBox(tr("&Open the sheet after saving"))
        self.open_after.setChecked(settings.value("meetings/open_prep", "true") == "true")
        self.status = label("", "muted")
        options = QHBoxLayout()
        options.addWidget(paper_label)
        options.addWidget(self.paper)
        options.addSpacing(20)
        options.addWidget(self.open_after)
        options.addStretch(1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton(
            tr("&Save the prep sheet…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.setIcon(icon("print"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(about)
        layout.addSpacing(4)
        layout.addWidget(label(tr("Candidate asks: tick two or three to bring"), "sectionCaption"))
        layout.addWidget(
            label(
                tr(
                    "Best fit first, from their issues, skills, interests and ladder stage. "
                    "If you tick none, the sheet lists the four that fit best."
                ),
                "muted",
            )
        )
        layout.addWidget(self.asks, 1)
        layout.addWidget(self.problem)
        layout.addLayout(options)
        layout.addWidget(
            label(
                tr(
                    "The sheet holds what you know about them, the asks, the agenda with its "
                    "prompts and the guiding questions with room to write."
                ),
                "muted",
            )
        )
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self._fill()
        self.asks.itemChanged.connect(self._ticked)
        self.asks.setFocus()
        self.resize(820, 560)

    def _fill(self) -> None:
        chosen = meetings.candidate_asks(self.meeting.id) if self.meeting else []
        today = self.clock().date()
        self.asks.fill(rank_asks(self.supporter_id, today, chosen=chosen), today, set(chosen))

    def chosen_ids(self) -> list[int]:
        return self.asks.checked_ids()

    def _ticked(self, *_: object) -> None:
        """Remember the chosen asks with the scheduled 1:1 (the wizard offers them first)."""
        if self.meeting is None or self.meeting.status != "scheduled":
            return
        try:
            meetings.set_candidate_asks(self.meeting.id, self.chosen_ids())
        except ValidationError as exc:
            self.problem.setText(" ".join(exc.problems.values()))
            self.problem.show()

    def _suggested_path(self) -> str:
        folder = str(
            self.settings.value("meetings/prep_folder", "")
        ) or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        day = (self.meeting.scheduled_at or self.clock()).date() if self.meeting else None
        stamp = (day or self.clock().date()).isoformat()
        safe = "".join(c for c in self.name if c.isalnum() or c in " -_").strip() or "person"
        return str(Path(folder) / f"Prep sheet - {safe} - {stamp}.pdf")

    def save(self) -> None:
        from oneonone_desktop.documents.prep_sheet import PrepSheetError, write_prep_sheet

        path_text = ask_save_path(
            self, tr("Save the prep sheet"), self._suggested_path(), tr("PDF files (*.pdf)")
        )
        if not path_text:
            return
        path = Path(path_text)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        chosen = self.chosen_ids()
        try:
            pages = write_prep_sheet(
                path,
                self.supporter_id,
                str(self.paper.currentData()),
                chosen or None,
                kind_key=self.meeting.kind_key if self.meeting else None,
                today=self.clock().date(),
            )
        except PrepSheetError as exc:
            self.problem.setText(exc.message)
            self.problem.show()
            return
        self.problem.hide()
        self.saved_path = path
        self.settings.setValue("meetings/prep_folder", str(path.parent))
        self.settings.setValue(
            "meetings/open_prep", "true" if self.open_after.isChecked() else "false"
        )
        self.status.setText(
            (
                tr("Saved {file} (1 page).") if pages == 1 else tr("Saved {file} ({n} pages).")
            ).format(file=str(path), n=pages)
        )
        if self.open_after.isChecked():
            open_file(path)
