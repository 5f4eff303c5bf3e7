"""The wizard's frame: its look, the header (person, kind, place, timer) and the footer
(close and keep the notes, back, next or finish)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from oneonone_desktop.services.meetings import MeetingInfo
from oneonone_desktop.views.icons import icon
from oneonone_desktop.views.meetings.common import fmt_when, label, tr

WIZARD_STYLE = """
#wizard { background: #fafbfc; }
#wizardHeader { background: #eef1f4; border-bottom: 1px solid #d9dee4; }
#stepList { background: #eef1f4; border: none; border-right: 1px solid #d9dee4;
            padding-top: 8px; outline: 0; font-size: 11pt; }
#stepList::item { color: #2b3745; padding: 4px 8px; margin: 1px 8px; border-radius: 6px; }
#stepList::item:selected { background: #d5e2f1; color: #14273d; font-weight: 600; }
#stepList::item:hover:!selected { background: #e2e7ed; }
#timer { font-size: 12pt; padding: 4px 12px; border-radius: 12px; color: #2b3745;
         background: #ffffff; border: 1px solid #d9dee4; }
#timer[phase="window"] { color: #1f5e3a; background: #e3f1e8; border-color: #b9dcc6; }
#timer[phase="late"] { color: #8a1c14; background: #fbe4e2; border-color: #efb9b4;
                       font-weight: 600; }
#savedLabel { color: #5b6775; padding: 6px 12px 8px 18px; }
#wizard QPlainTextEdit { font-size: 11pt; }
#wizard #scriptEdit { font-size: 12pt; }
#purposeExplained { font-size: 11pt; font-weight: 600; }
#wizardFooter { border-top: 1px solid #d9dee4; }
#nextButton { background: #1d5fa8; color: #ffffff; border: 1px solid #174d89;
              border-radius: 4px; padding: 6px 16px; font-weight: 600; }
#nextButton:hover { background: #174d89; }
#nextButton:focus { border: 2px solid #0d2f57; }
"""


def timer_words(minutes: int, resumed: bool) -> tuple[str, str]:
    """What the timer says, and its phase ("", "window" for 30–45, "late" past 45)."""
    if minutes < 30:
        text = tr("{m} min since you resumed") if resumed else tr("{m} min of 30–45")
        return text.format(m=minutes), ""
    if minutes <= 45:
        return tr("{m} min: aim to finish by 45").format(m=minutes), "window"
    return tr("{m} min: past 45, time to wrap up").format(m=minutes), "late"


class WizardHeader(QWidget):
    """Who the 1:1 is with, what kind, where, when it started, and the timer."""

    def __init__(
        self, meeting: MeetingInfo, started_at: dt.datetime | None, today: dt.date
    ) -> None:
        super().__init__()
        self.setObjectName("wizardHeader")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        name = label(meeting.supporter_name, "personName", wrap=False)
        bits = [meeting.kind_label or tr("1:1")]
        if meeting.place:
            bits.append(meeting.place)
        if started_at is not None:
            when = fmt_when(started_at, today, sentence=True)
            bits.append(tr("started {when}").format(when=when))
        subtitle = label("  ·  ".join(bits), "muted", wrap=False)
        self.timer = QLabel()
        self.timer.setObjectName("timer")
        self.timer.setAccessibleName(tr("Time so far"))
        clock_icon = QLabel()
        clock_icon.setPixmap(icon("timer").pixmap(20, 20))
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 10, 20, 10)
        row.setSpacing(12)
        row.addWidget(name)
        row.addWidget(subtitle, 1)
        row.addWidget(clock_icon)
        row.addWidget(self.timer)

    def show_minutes(self, minutes: int, resumed: bool) -> None:
        text, phase = timer_words(minutes, resumed)
        self.timer.setText(text)
        self.timer.setAccessibleDescription(text)
        if self.timer.property("phase") != phase:
            self.timer.setProperty("phase", phase)
            self.timer.style().unpolish(self.timer)
            self.timer.style().polish(self.timer)


class WizardFooter(QWidget):
    """Close (the notes are kept), Back and Next (Finish on the last step)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("wizardFooter")
        self.close_button = QPushButton(tr("&Close and keep the notes"))
        self.close_button.setObjectName("closeWizard")
        self.close_button.setToolTip(tr("The 1:1 stays in Meetings → In progress, to resume"))
        self.back_button = QPushButton(icon("back"), tr("&Back"))
        self.back_button.setObjectName("backButton")
        self.back_button.setToolTip(tr("Previous step (Ctrl+Shift+Enter)"))
        self.next_button = QPushButton()
        self.next_button.setObjectName("nextButton")
        self.next_button.setMinimumWidth(200)
        for button in (self.close_button, self.back_button, self.next_button):
            button.setAutoDefault(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 10, 16, 12)
        row.addWidget(self.close_button)
        row.addStretch(1)
        row.addWidget(self.back_button)
        row.addWidget(self.next_button)
