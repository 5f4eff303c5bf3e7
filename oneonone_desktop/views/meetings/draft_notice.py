"""The quiet notice in the status bar: "You have a 1:1 in progress with Rosa — Resume"."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from oneonone_desktop.services.wizard_state import DraftInfo, open_drafts
from oneonone_desktop.views.meetings.common import tr

STYLE = """
#draftNotice { background: #fbe9d0; border: 1px solid #f0cf9c; border-radius: 6px; }
#draftNotice QLabel { color: #5e3806; padding: 0 4px; }
#draftNotice QPushButton { color: #1d5fa8; border: none; padding: 2px 8px; font-weight: 600; }
#draftNotice QPushButton:hover { text-decoration: underline; }
#draftNotice QPushButton:focus { border: 1px solid #1d5fa8; border-radius: 4px; }
"""


class DraftNotice(QFrame):
    """Offers to resume unfinished 1:1s; follows the drafts as they are resumed or finished."""

    def __init__(self, controller: Any) -> None:
        super().__init__(controller.window)
        self.setObjectName("draftNotice")
        self.setStyleSheet(STYLE)
        self.controller = controller
        self.dismissed: set[int] = set()
        self.drafts: list[DraftInfo] = []
        self.text = QLabel()
        self.text.setObjectName("draftNoticeText")
        self.resume = QPushButton(tr("Resume"))
        self.resume.setObjectName("resumeDraft")
        self.later = QPushButton(tr("Not now"))
        self.later.setObjectName("dismissDraft")
        for button in (self.resume, self.later):
            button.setFlat(True)
            button.setAutoDefault(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 1, 4, 1)
        row.setSpacing(2)
        row.addWidget(self.text)
        row.addWidget(self.resume)
        row.addWidget(self.later)
        self.resume.clicked.connect(self._resume)
        self.later.clicked.connect(self._dismiss)
        controller.changed.connect(self.refresh)
        controller.window.statusBar().addWidget(self)

    @classmethod
    def offer(cls, controller: Any) -> DraftNotice:
        found = controller.window.findChild(DraftNotice)
        notice = found if isinstance(found, DraftNotice) else cls(controller)
        notice.refresh()
        return notice

    def refresh(self) -> None:
        showing = set(self.controller.wizards)
        self.drafts = [
            d
            for d in open_drafts()
            if d.meeting_id not in self.dismissed and d.meeting_id not in showing
        ]
        if not self.drafts:
            self.hide()
            return
        first = self.drafts[0]
        if len(self.drafts) == 1:
            where = tr(" (at {step})").format(step=first.step_title) if first.step_title else ""
            self.text.setText(
                tr("You have a 1:1 in progress with {name}{where}.").format(
                    name=first.supporter_name, where=where
                )
            )
            self.resume.setText(tr("Resume"))
        else:
            names = ", ".join(d.supporter_name for d in self.drafts[:2])
            more = len(self.drafts) - 2
            if more > 0:
                names += tr(" and {n} more").format(n=more)
            self.text.setText(
                tr("You have {n} 1:1s in progress: {names}.").format(
                    n=len(self.drafts), names=names
                )
            )
            self.resume.setText(tr("Show them"))
        self.resume.setAccessibleName(self.resume.text() + ": " + self.text.text())
        self.show()

    def _resume(self) -> None:
        if len(self.drafts) == 1:
            self.controller.resume(self.drafts[0].meeting_id)
        else:
            self.controller.resume()
        self.refresh()

    def _dismiss(self) -> None:
        self.dismissed.update(d.meeting_id for d in self.drafts)
        self.hide()
