"""The printable week agenda: each day's meetings and tasks with a box to tick, the time, who
(with their phone number) and where, plus what is still open from before, to carry on paper."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from oneonone_desktop import APP_DISPLAY_NAME
from oneonone_desktop.documents import fonts
from oneonone_desktop.documents.ink import INK, MM, PAPERS, RULE, SOFT, build_pdf
from oneonone_desktop.io.atomic import atomic_write_bytes
from oneonone_desktop.services.calendar_items import (
    KIND_LABELS,
    CalendarItem,
    contact_details,
    items_between,
)
from oneonone_desktop.store.models import OrganizerProfile

MARGIN = 14 * MM
SHADE = HexColor("#efefef")
LATE = HexColor("#a4262c")
EMPTY_BOX, TICKED_BOX = "☐", "☑"
MAX_EARLIER = 30  # open items from before the week, listed first


class AgendaError(ValueError):
    """The agenda cannot be made; `message` says why in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=fonts.SANS, fontSize=9, leading=11.5, textColor=INK)
    return {
        "title": ParagraphStyle("title", base, fontName=fonts.SANS_BOLD, fontSize=16, leading=20),
        "sub": ParagraphStyle("sub", base, textColor=SOFT, spaceAfter=6),
        "day": ParagraphStyle(
            "day",
            base,
            fontName=fonts.SANS_BOLD,
            fontSize=11,
            leading=14,
            spaceBefore=8,
            spaceAfter=3,
        ),
        "cell": base,
        "box": ParagraphStyle("box", base, fontSize=12, leading=12),
        "soft": ParagraphStyle("soft", base, textColor=SOFT),
    }


def _clock(value: dt.time | None, twelve_hour: bool) -> str:
    if value is None:
        return "all day"
    if not twelve_hour:
        return f"{value:%H:%M}"
    hour = value.hour % 12 or 12
    return f"{hour}:{value:%M} {'am' if value.hour < 12 else 'pm'}"


def _day_name(day: dt.date) -> str:
    return f"{day:%A}, {day:%B} {day.day}"


def _rows(
    items: Sequence[CalendarItem],
    phones: dict[int, tuple[str, str]],
    st: dict[str, ParagraphStyle],
    twelve_hour: bool,
    show_date: bool = False,
) -> list[list[object]]:
    rows: list[list[object]] = []
    for item in items:
        when = _clock(item.time, twelve_hour)
        if item.minutes and item.time is not None:
            end = dt.datetime.combine(item.date, item.time) + dt.timedelta(minutes=item.minutes)
            until = _clock(end.time(), twelve_hour)
            if twelve_hour and when[-2:] == until[-2:]:
                when = when[:-3]  # "6:30–7:15 pm"
            when += f"–{until}"
        if show_date:
            when = f"{item.date:%a %b} {item.date.day}" + (f", {when}" if item.time else "")
        what = escape(item.title)
        if item.source == "meeting":
            what = f"<b>{what}</b>"
        label = KIND_LABELS.get(item.kind, "")
        if label and item.source != "meeting":
            what += f' <font color="#6b6b6b">· {escape(label)}</font>'
        if item.overdue and item.source != "meeting":
            what += ' <font color="#a4262c">· overdue</font>'
        elif item.overdue:
            what += ' <font color="#a4262c">· not marked held</font>'
        if item.done:
            what = f'<font color="#6b6b6b"><strike>{what}</strike></font>'
        phone = phones.get(item.supporter_id or 0, ("", ""))[0]
        who = escape(item.person_name) + (f"<br/>{escape(phone)}" if phone else "")
        rows.append(
            [
                Paragraph(TICKED_BOX if item.done else EMPTY_BOX, st["box"]),
                Paragraph(escape(when), st["cell"]),
                Paragraph(what, st["cell"]),
                Paragraph(who, st["cell"]),
                Paragraph(escape(item.place), st["cell"]),
            ]
        )
    return rows


def _table(rows: list[list[object]], width: float, first: float) -> Table:
    widths = [0.05 * width, first, 0.0, 0.24 * width, 0.2 * width]
    widths[2] = width - sum(widths)
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ]
        )
    )
    return table


def _organizer() -> str:
    profile = OrganizerProfile.select().first()
    if profile is None:
        return ""
    return " · ".join(part for part in (profile.name, profile.chapter) if part)


def build_week_agenda(
    week_start: dt.date, paper: str = "letter", *, today: dt.date | None = None
) -> tuple[bytes, int]:
    """The agenda of the seven days from `week_start`, as PDF bytes, and how many items."""
    if paper not in PAPERS:
        raise AgendaError(f"Paper must be letter or a4, not '{paper}'.")
    today = today or dt.date.today()
    week_end = week_start + dt.timedelta(days=6)
    items = items_between(week_start, week_end, today=today)
    earlier = [
        item
        for item in items_between(week_start - dt.timedelta(days=90), week_start, today=today)
        if item.overdue and item.date < week_start
    ]
    phones = contact_details({i.supporter_id for i in items + earlier if i.supporter_id})
    fonts.register_fonts()
    st = _styles()
    twelve_hour = paper == "letter"
    width, height = PAPERS[paper]
    inner = width - 2 * MARGIN
    first = 0.17 * inner if twelve_hour else 0.13 * inner
    span = f"{week_start:%B} {week_start.day} – {week_end:%B} {week_end.day}, {week_end.year}"
    story: list[object] = [
        Paragraph(f"Week of {escape(span)}", st["title"]),
        Paragraph(escape(_organizer() or "Meetings and follow-ups"), st["sub"]),
    ]
    if earlier:
        shown = earlier[-MAX_EARLIER:]
        story.append(Paragraph("Still open from before", st["day"]))
        story.append(_table(_rows(shown, phones, st, twelve_hour, True), inner, first + 30))
        if len(earlier) > len(shown):
            more = len(earlier) - len(shown)
            story.append(Paragraph(f"… and {more} more, older.", st["soft"]))
    for offset in range(7):
        day = week_start + dt.timedelta(days=offset)
        todays = [item for item in items if item.date == day]
        heading = escape(_day_name(day)) + (" · today" if day == today else "")
        block: list[object] = [Paragraph(heading, st["day"])]
        if todays:
            block.append(_table(_rows(todays, phones, st, twelve_hour), inner, first))
        else:
            block += [Paragraph("Nothing planned.", st["soft"]), Spacer(1, 4)]
        story.append(KeepTogether(block) if len(todays) <= 12 else block[0])
        if len(todays) > 12:
            story.extend(block[1:])

    footer = f"{APP_DISPLAY_NAME} · printed {today:%B} {today.day}, {today.year}"
    data, _ = build_pdf(
        story, (width, height), margin=MARGIN, title=f"Week of {span}",
        author=_organizer() or APP_DISPLAY_NAME, footer=footer,
    )  # fmt: skip
    return data, len(items)


def write_week_agenda(
    path: Path | str, week_start: dt.date, paper: str = "letter", *, today: dt.date | None = None
) -> int:
    """Write the week's agenda PDF atomically; returns how many items it lists for the week."""
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        raise AgendaError(f"{target.name}: the file name must end in .pdf.")
    if not target.parent.is_dir():
        raise AgendaError(f"{target}: the folder {target.parent} does not exist.")
    data, count = build_week_agenda(week_start, paper, today=today)
    try:
        atomic_write_bytes(target, data)
    except OSError as exc:
        raise AgendaError(f"{target}: cannot write the file ({exc.strerror or exc}).") from exc
    return count
