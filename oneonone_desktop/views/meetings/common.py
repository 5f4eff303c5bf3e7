"""Small pieces the 1:1 screens share: dates that may be empty, typed times, labels, look."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, Qt, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QFrame,
    QInputDialog,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QWidget,
)

Clock = Callable[[], dt.datetime]

# The feature's own look, added to the app's style sheet by each of its windows.
STYLE = """
#pageTitle { font-size: 15pt; font-weight: 600; color: #2b3745; }
#stepTitle { font-size: 17pt; font-weight: 600; color: #2b3745; }
#personName { font-size: 16pt; font-weight: 600; color: #2b3745; }
#muted, #prompts, #columnCaption { color: #5b6775; }
#prompts { font-size: 11pt; }
#fieldError { color: #b3261e; }
#sectionCaption { font-weight: 600; color: #3b4a5a; margin-top: 6px; }
#warningBox { background: #fbe9d0; color: #5e3806; border: 1px solid #f0cf9c;
              border-radius: 6px; padding: 8px 10px; }
#problemBox { background: #fbe4e2; color: #7d1b14; border: 1px solid #efb9b4;
              border-radius: 6px; padding: 8px 10px; }
#infoBox { background: #e6eef8; color: #1e3a5c; border: 1px solid #c5d7ee;
           border-radius: 6px; padding: 8px 10px; }
#emptyState { color: #4b5765; font-size: 11pt; }
#talkingPoints { font-size: 12pt; }
#scriptEdit { font-size: 12pt; }
#linkButton { color: #1d5fa8; border: none; padding: 2px 0; text-align: left; }
#linkButton:hover { text-decoration: underline; }
QTreeWidget { background: #ffffff; alternate-background-color: #f6f8fa;
              border: 1px solid #d9dee4; border-radius: 4px;
              selection-background-color: #cfe0f3; selection-color: #14273d; outline: 0; }
QTreeWidget::item { padding: 4px 2px; }
QTreeWidget::item:selected { background: #cfe0f3; color: #14273d; }
QListWidget { background: #ffffff; border: 1px solid #d9dee4; border-radius: 4px; outline: 0; }
QListWidget::item { padding: 5px 4px; }
QListWidget::item:selected { background: #cfe0f3; color: #14273d; }
"""


def tr(text: str) -> str:
    return QCoreApplication.translate("meetings", text)


def N(text: str) -> str:
    """Marks a constant for translation (translated where it is shown, with tr)."""
    return QT_TRANSLATE_NOOP("meetings", text)


# --- dates and times ----------------------------------------------------------------------


def qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def date_format(locale: QLocale | None = None) -> str:
    """The locale's long date, with short day and month names ("Tue, Mar 18, 2025")."""
    text = (locale or QLocale()).dateFormat(QLocale.FormatType.LongFormat)
    return text.replace("dddd", "ddd").replace("MMMM", "MMM")


def fmt_date(value: dt.date, today: dt.date | None = None) -> str:
    """The date with short names; without the year when it is this year (given `today`)."""
    text = date_format()
    if today is not None and value.year == today.year:
        text = _NO_YEAR.sub("", text).strip(" ,")
    return QLocale().toString(qdate(value), text)


_NO_YEAR = re.compile(r"[,\s]*('de'\s*)?y+[.]?")


def fmt_time(value: dt.time) -> str:
    return QLocale().toString(QTime(value.hour, value.minute), QLocale.FormatType.ShortFormat)


def fmt_day(value: dt.date, today: dt.date | None = None, sentence: bool = False) -> str:
    """Today, Tomorrow, Yesterday (lower case inside a `sentence`), or the date."""
    if today is not None:
        words = {0: tr("Today"), 1: tr("Tomorrow"), -1: tr("Yesterday")}
        word = words.get((value - today).days)
        if word is not None:
            return word.lower() if sentence else word
    return fmt_date(value, today)


def fmt_when(
    value: dt.datetime | None, today: dt.date | None = None, sentence: bool = False
) -> str:
    """Today, 6:30 PM; Tomorrow, 10:30 AM; Tue, Mar 18, 6:30 PM (this year) or with the
    year; lower case "today" inside a `sentence`."""
    if value is None:
        return ""
    return f"{fmt_day(value.date(), today, sentence)}, {fmt_time(value.time())}"


_TIME = re.compile(r"^(\d{1,2})(?:[:h.](\d{2}))?\s*(am|pm|a|p)?$")


def parse_time(text: str) -> dt.time | None:
    """A time typed as 18:30, 6:30 pm, 6pm, 6.30 or 18h30; None when it is not one."""
    raw = text.strip()
    if not raw:
        return None
    found = QLocale().toTime(raw, QLocale.FormatType.ShortFormat)
    if found.isValid():
        return dt.time(found.hour(), found.minute())
    squeezed = raw.lower().replace(".m.", "m")
    for space in (" ", "\u202f", "\xa0"):
        squeezed = squeezed.replace(space, "")
    match = _TIME.match(squeezed)
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    half = match.group(3)
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


class DateField(QDateEdit):
    """A date that may be left empty: it shows `placeholder` until a date is chosen.

    Days before `today` cannot be picked (a date that was stored earlier still shows, so the
    message about it makes sense).
    """

    def __init__(self, placeholder: str, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.setCalendarPopup(True)
        self.setDisplayFormat(date_format())
        self.setSpecialValueText(placeholder)
        self._floor(today)
        self.setDate(self.minimumDate())

    def _floor(self, earliest: dt.date) -> None:
        # the day before the earliest date stands for "no date yet"
        self.setMinimumDate(qdate(earliest - dt.timedelta(days=1)))

    def value(self) -> dt.date | None:
        if self.date() == self.minimumDate():
            return None
        return pydate(self.date())

    def set_value(self, value: dt.date | None) -> None:
        if value is None:
            self.setDate(self.minimumDate())
            return
        if value < self._today:
            self._floor(value)
        self.setDate(qdate(value))

    def clear_value(self) -> None:
        self.set_value(None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # typing into the empty field starts from today, section by section
        if self.value() is None and event.text().strip():
            self.setDate(qdate(self._today))
            self.setCurrentSectionIndex(0)
            self.lineEdit().selectAll()
        super().keyPressEvent(event)


class TimeField(QComboBox):
    """A time chosen from the list (every half hour) or typed freely (18:30, 6:30 pm)."""

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setCompleter(None)  # no guessing: "7" must not turn into 7:00 AM by itself
        self.setMaxVisibleItems(12)
        self.addItem("")
        for minutes in range(7 * 60, 22 * 60 + 1, 30):
            value = dt.time(minutes // 60, minutes % 60)
            self.addItem(fmt_time(value), value.strftime("%H:%M"))
        self.lineEdit().setPlaceholderText(placeholder)
        self.setCurrentIndex(0)
        self.setMinimumContentsLength(9)

    def value(self) -> dt.time | None:
        return parse_time(self.currentText())

    def is_invalid(self) -> bool:
        """Something was typed that is not a time."""
        return bool(self.currentText().strip()) and self.value() is None

    def set_value(self, value: dt.time | None) -> None:
        if value is None:
            self.setCurrentIndex(0)
            self.setEditText("")
            return
        index = self.findData(value.strftime("%H:%M"))
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(fmt_time(value))


# --- labels and rows ----------------------------------------------------------------------


def label(text: str, name: str = "", wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    widget.setIndent(0)  # a style-sheet margin would otherwise indent the text
    return widget


def error_label() -> QLabel:
    """A red message under a field, hidden until there is something to say."""
    widget = QLabel()
    widget.setObjectName("fieldError")
    widget.setWordWrap(True)
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    widget.hide()
    return widget


def show_error(widget: QLabel, text: str) -> None:
    widget.setText(text)
    widget.setVisible(bool(text))


def box(kind: str) -> QLabel:
    """A coloured message box ("warningBox", "problemBox" or "infoBox"), hidden when empty."""
    widget = QLabel()
    widget.setObjectName(kind)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.RichText)
    widget.hide()
    return widget


def bullets(lines: Sequence[str]) -> str:
    """Rich text: each line as a bullet point."""
    items = "".join(f"<li style='margin-bottom:4px'>{escape(t)}</li>" for t in lines if t.strip())
    return f"<ul style='margin-left:-20px'>{items}</ul>" if items else ""


def scroll_area(content: QWidget, name: str) -> QScrollArea:
    """`content` in a frameless, vertical-only scroll area that shows the page behind it."""
    area = QScrollArea()
    area.setAccessibleName(name)
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.viewport().setAutoFillBackground(False)
    content.setAutoFillBackground(False)
    return area


def make_form(parent: QWidget | None = None) -> QFormLayout:
    """A form with the app's spacing (not inherited from the layout around it)."""
    form = QFormLayout(parent) if parent is not None else QFormLayout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setHorizontalSpacing(12)
    form.setVerticalSpacing(8)
    return form


def add_row(form: QFormLayout, text: str, field: QWidget, name: str = "") -> QLabel:
    """A labelled row; the field gets the label's words as its accessible name."""
    caption = QLabel(text)
    caption.setBuddy(field)
    caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    field.setAccessibleName(name or text.replace("&", ""))
    if isinstance(field, QComboBox) and field.lineEdit() is not None:
        field.lineEdit().setAccessibleName(field.accessibleName())
    form.addRow(caption, field)
    return caption


def add_error_row(form: QFormLayout, field: QWidget) -> QLabel:
    """A hidden message row right under `field`'s row."""
    message = error_label()
    row, _ = form.getWidgetPosition(field)
    form.insertRow(row + 1, "", message)
    form.setRowVisible(message, False)
    return message


def show_form_error(form: QFormLayout, message: QLabel, text: str) -> None:
    message.setText(text)
    form.setRowVisible(message, bool(text))


# --- questions the user answers in a small box (tests replace these) ----------------------


def ask_text(parent: QWidget | None, title: str, prompt: str, text: str = "") -> str | None:
    """One line of text from the user; None when cancelled."""
    value, ok = QInputDialog.getText(parent, title, prompt, text=text)
    return value if ok else None


def ask_save_path(parent: QWidget | None, title: str, suggested: str, kinds: str) -> str:
    """A file name to save to; "" when cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, kinds)
    return path
