"""Words, colours and date formats the calendar screens and the follow-up dialog share."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, QTime
from PySide6.QtGui import QColor

from oneonone_desktop.services.calendar_items import KIND_LABELS

# The four families the filters and the colours use, and the item kinds in each.
GROUPS: dict[str, tuple[str, ...]] = {
    "meeting": ("meeting",),
    "task": (
        "thank_you",
        "commitment_reminder",
        "commitment_check",
        "check_in",
        "non_ask_update",
        "add_to_lists",
        "social_mention",
        "other",
    ),
    "commitment": ("commitment",),
    "promise": ("promise",),
}
GROUP_WORDS: dict[str, str] = {
    "meeting": QT_TRANSLATE_NOOP("calendar", "1:1 meetings"),
    "task": QT_TRANSLATE_NOOP("calendar", "Follow-ups"),
    "commitment": QT_TRANSLATE_NOOP("calendar", "Their commitments"),
    "promise": QT_TRANSLATE_NOOP("calendar", "Our promises"),
}
GROUP_COLOURS: dict[str, str] = {
    "meeting": "#1d5fa8",
    "task": "#c07a12",
    "commitment": "#2f7d4f",
    "promise": "#8a4fb0",
}
GROUP_OF: dict[str, str] = {kind: group for group, kinds in GROUPS.items() for kind in kinds}
LATE_COLOUR = "#b3261e"
LATE_BACKGROUND = "#fdecea"
TODAY_COLOUR = "#1d5fa8"
SOFT_TEXT = "#5b6775"
INK = "#2b3745"
LINE = "#d9dee4"

# Short names of the task kinds, where a column is narrow (the full ones are KIND_LABELS).
SHORT_KIND_WORDS: dict[str, str] = {
    "thank_you": QT_TRANSLATE_NOOP("calendar", "Thank-you"),
    "commitment_reminder": QT_TRANSLATE_NOOP("calendar", "Reminder"),
    "commitment_check": QT_TRANSLATE_NOOP("calendar", "Check on it"),
    "promise": QT_TRANSLATE_NOOP("calendar", "Our promise"),
    "check_in": QT_TRANSLATE_NOOP("calendar", "Check-in call"),
    "non_ask_update": QT_TRANSLATE_NOOP("calendar", "Update, no ask"),
    "add_to_lists": QT_TRANSLATE_NOOP("calendar", "Add to lists"),
    "social_mention": QT_TRANSLATE_NOOP("calendar", "#WhyWeResist post"),
    "other": QT_TRANSLATE_NOOP("calendar", "Other"),
}
CHANNEL_WORDS: dict[str, str] = {
    "": QT_TRANSLATE_NOOP("calendar", "Any way"),
    "card": QT_TRANSLATE_NOOP("calendar", "Card"),
    "email": QT_TRANSLATE_NOOP("calendar", "Email"),
    "call": QT_TRANSLATE_NOOP("calendar", "Call"),
    "text": QT_TRANSLATE_NOOP("calendar", "Text message"),
    "social": QT_TRANSLATE_NOOP("calendar", "Social media"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("calendar", text)


def kind_word(kind: str) -> str:
    return tr(KIND_LABELS.get(kind, kind))


def group_colour(kind: str) -> QColor:
    return QColor(GROUP_COLOURS[GROUP_OF.get(kind, "task")])


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def day_text(day: dt.date, pattern: str = "ddd d MMM") -> str:
    """A day in the user's language: "Fri 14 Mar" by default."""
    return QLocale().toString(qdate(day), pattern)


def long_day(day: dt.date, today: dt.date | None = None) -> str:
    """ "Today, Friday 14 March", "Tomorrow, …", or "Friday 14 March 2025" in another year."""
    today = today or dt.date.today()
    pattern = "dddd d MMMM" if day.year == today.year else "dddd d MMMM yyyy"
    text = day_text(day, pattern)
    if day == today:
        return tr("Today, {day}").format(day=text)
    if day == today + dt.timedelta(days=1):
        return tr("Tomorrow, {day}").format(day=text)
    if day == today - dt.timedelta(days=1):
        return tr("Yesterday, {day}").format(day=text)
    return text


def time_text(value: dt.time | None) -> str:
    """A time of day in the user's short format ("7:30 PM"), or "" for all day."""
    if value is None:
        return ""
    locale = QLocale()
    return locale.toString(
        QTime(value.hour, value.minute), locale.timeFormat(QLocale.FormatType.ShortFormat)
    )


def week_start(day: dt.date) -> dt.date:
    """The first day of `day`'s week, by the user's locale (Sunday in the US, Monday in most)."""
    first = QLocale().firstDayOfWeek().value  # Monday = 1 … Sunday = 7
    return day - dt.timedelta(days=(day.isoweekday() - first) % 7)


def count_text(n: int, one: str, many: str) -> str:
    return tr(one) if n == 1 else tr(many).format(n=f"{n:,}")
