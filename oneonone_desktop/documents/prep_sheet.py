"""The 1:1 prep sheet: what we know, candidate asks, the agenda, the guiding questions with room
to write, and the suggested next steps; one page when it fits, two at most, A4 or Letter."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
)

from oneonone_desktop import APP_DISPLAY_NAME
from oneonone_desktop.documents import fonts
from oneonone_desktop.documents.ink import INK, MM, PAPERS
from oneonone_desktop.io.atomic import atomic_write_bytes
from oneonone_desktop.services import actions, agendas, asks, meetings, question_sets
from oneonone_desktop.services.organizer import get_profile
from oneonone_desktop.services.supporters import load_data
from oneonone_desktop.store.models import Commitment, Meeting, QuestionSet, Supporter

MARGIN = 11 * MM
GUTTER = 7 * MM
SOFT = HexColor("#666666")
RULE = HexColor("#b8b8b8")
BOX = "☐"
MAX_BACKGROUND = 360
YES_NO = {"en": ("Yes", "No"), "es": ("Sí", "No")}  # by the question set's language
SHORT_FACTS = ("Pronouns", "Stage", "Last contact", "Past 1:1s")  # run together on a line


class PrepSheetError(ValueError):
    """The sheet cannot be made; `message` says why in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Roominess:
    """How generous the layout is: tried from the roomiest down until the sheet fits."""

    size: float
    lines_for_text: int  # ruled lines under a question answered in words
    lines_for_other: int  # under a yes/no or choice question


ROOMINESS = (
    Roominess(8.5, 2, 1),
    Roominess(8.0, 2, 1),
    Roominess(8.0, 1, 1),
    Roominess(7.5, 1, 0),
    Roominess(7.0, 1, 0),
)


class Ruled(Flowable):  # type: ignore[misc]
    """Ruled lines to write on."""

    def __init__(self, lines: int, pitch: float, indent: float = 0.0, fill_to: int = 0) -> None:
        super().__init__()
        self.lines, self.pitch, self.indent, self.fill_to = lines, pitch, indent, fill_to

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """With `fill_to`, take the room left in the column, up to that many lines."""
        self.width = avail_width
        if self.fill_to:
            self.lines = max(self.lines, min(self.fill_to, int(avail_height // self.pitch)))
        return avail_width, self.lines * self.pitch

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        for n in range(self.lines):
            y = n * self.pitch + 1
            canvas.line(self.indent, y, self.width, y)


@dataclass
class _Content:
    name: str
    facts: list[tuple[str, str]]
    meeting_line: str
    asks: list[asks.RankedAsk]
    steps: Sequence[agendas.AgendaStep]
    questions: list[question_sets.QuestionData]
    next_steps: list[actions.ActionInfo]
    organizer: str
    language: str  # of the question set


def _styles(size: float) -> dict[str, ParagraphStyle]:
    lead = size * 1.25
    base = ParagraphStyle("base", fontName=fonts.SANS, fontSize=size, leading=lead, textColor=INK)
    return {
        "title": ParagraphStyle(
            "title", base, fontName=fonts.SANS_BOLD, fontSize=size + 6, leading=size + 9
        ),
        "sub": ParagraphStyle("sub", base, textColor=SOFT),
        "h": ParagraphStyle(
            "h",
            base,
            fontName=fonts.SANS_BOLD,
            fontSize=size + 1.5,
            leading=lead + 2,
            spaceBefore=size * 0.8,
            spaceAfter=size * 0.25,
        ),
        "body": base,
        "item": ParagraphStyle("item", base, leftIndent=size, firstLineIndent=-size),
        "q": ParagraphStyle("q", base, spaceBefore=size * 0.2),
        "hint": ParagraphStyle("hint", base, textColor=SOFT, fontSize=size - 0.5),
    }


def _fmt_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{value:%a %d %b %Y, %H:%M}"
    return f"{value:%a %d %b %Y}"


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def _history(supporter_id: int) -> str:
    held = (
        Meeting.select(Meeting.started_at, Meeting.scheduled_at)
        .where((Meeting.supporter == supporter_id) & (Meeting.status == "held"))
        .order_by(Meeting.started_at.desc(), Meeting.scheduled_at.desc())
    )
    count = held.count()
    latest = held.first()
    when = (latest.started_at or latest.scheduled_at) if latest else None
    return f"{count}, the last on {_fmt_date(when.date())}" if when else str(count)


def _open_commitment(supporter_id: int) -> str:
    pending = (
        Commitment.select()
        .where((Commitment.supporter == supporter_id) & (Commitment.status == "pending"))
        .order_by(Commitment.due_at)
        .first()
    )
    return f"{pending.activity} ({_fmt_date(pending.due_at)})" if pending else ""


def _gather(
    supporter_id: int, ask_ids: Sequence[int] | None, kind_key: str | None, today: dt.date
) -> _Content:
    supporter = Supporter.get_or_none(Supporter.id == supporter_id)
    if supporter is None:
        raise PrepSheetError(f"No person with id {supporter_id} is stored.")
    data = load_data(supporter_id)
    upcoming = (
        Meeting.select()
        .where((Meeting.supporter == supporter_id) & (Meeting.status == "scheduled"))
        .where(Meeting.scheduled_at >= dt.datetime.combine(today, dt.time()))
        .order_by(Meeting.scheduled_at)
        .first()
    )
    kind = agendas.get_kind(
        kind_key or (upcoming.kind.key if upcoming and upcoming.kind_id else "introductory")
    )
    meeting_line = ""
    if upcoming is not None:
        where = f" at {upcoming.place}" if upcoming.place else ""
        when = _fmt_date(upcoming.scheduled_at)
        meeting_line = f"{kind.label}: {when}, {upcoming.duration_minutes} min{where}"
        if ask_ids is None and meetings.candidate_asks(upcoming.id):
            ask_ids = meetings.candidate_asks(upcoming.id)
    ranked = asks.rank_asks(supporter_id, today)
    if ask_ids is not None:
        wanted = list(dict.fromkeys(ask_ids))
        chosen = {r.action.id: r for r in ranked}
        ranked = [chosen[a] for a in wanted if a in chosen]
    else:
        ranked = ranked[:4]
    stage = supporter.stage.label if supporter.stage_id else ""
    last = supporter.last_contact_at
    facts = [
        ("Pronouns", data.pronouns),
        ("Stage", stage),
        ("Issues", ", ".join(data.labels.get("issue", []))),
        ("Skills", ", ".join(data.labels.get("skill", []))),
        ("Interests", ", ".join(data.labels.get("interest", []))),
        ("How we met", data.how_met),
        ("Last contact", _fmt_date(last.date()) if last else "none yet"),
        ("Past 1:1s", _history(supporter_id)),
        ("Open commitment", _open_commitment(supporter_id)),
        ("Background", _shorten(data.background.strip(), MAX_BACKGROUND)),
    ]
    set_id = question_sets.default_set_id(data.language or "en")
    chosen_set = QuestionSet.get_or_none(QuestionSet.id == set_id)
    profile = get_profile()
    return _Content(
        name=supporter.display_name,
        facts=[(k, v) for k, v in facts if v],
        meeting_line=meeting_line,
        asks=ranked,
        steps=kind.steps,
        questions=question_sets.load_questions(set_id) if set_id else [],
        next_steps=[a for a in actions.list_actions(today=today) if a.is_next_step],
        organizer=", ".join(p for p in (profile.name, profile.chapter) if p),
        language=chosen_set.language if chosen_set else "en",
    )


def _question(
    q: question_sets.QuestionData, room: Roominess, st: dict[str, ParagraphStyle], language: str
) -> Flowable:
    """A question with its number hanging, tick boxes for yes/no and choices, ruled lines."""
    hang = room.size * 1.6
    indent = q.depth * room.size * 1.4 + hang
    inner = ParagraphStyle("inner", st["body"], leftIndent=indent)
    first = ParagraphStyle("first", st["q"], leftIndent=indent, firstLineIndent=-hang)
    parts: list[Flowable] = [Paragraph(f"<b>{escape(q.number)}.</b> {escape(q.text)}", first)]
    if q.hint:
        parts.append(
            Paragraph(escape(q.hint), ParagraphStyle("hint2", st["hint"], leftIndent=indent))
        )
    yes_no = YES_NO.get(language, YES_NO["en"])
    boxes = list(yes_no) if q.answer_kind == "yes_no" else list(q.options)
    if boxes and (sum(len(b) for b in boxes) <= 60 or room.lines_for_other == 0):
        ticks = "\u2003".join(f"{BOX}\u00a0{escape(b)}" for b in boxes)
        parts.append(Paragraph(ticks, inner))
    else:
        parts.extend(Paragraph(f"{BOX}\u00a0{escape(b)}", inner) for b in boxes)
    lines = room.lines_for_text if q.answer_kind == "text" else room.lines_for_other
    if lines:
        parts.append(Ruled(lines, room.size * 2.1, indent))
    return KeepTogether(parts)


def _story(content: _Content, room: Roominess) -> list[Flowable]:
    st = _styles(room.size)
    pitch = room.size * 2.1
    out: list[Flowable] = [Paragraph(f"1:1 prep: {escape(content.name)}", st["title"])]
    if content.meeting_line:
        out.append(Paragraph(escape(content.meeting_line), st["sub"]))
    out.append(Paragraph("What we know", st["h"]))
    if not content.facts:
        out.append(Paragraph("Nothing recorded yet: listen for it.", st["body"]))
    short = [(k, v) for k, v in content.facts if k in SHORT_FACTS]
    if short:
        line = " · ".join(f"<b>{escape(k)}:</b> {escape(v)}" for k, v in short)
        out.append(Paragraph(line, st["item"]))
    for label, value in content.facts:
        if label not in SHORT_FACTS:
            out.append(Paragraph(f"<b>{escape(label)}:</b> {escape(value)}", st["item"]))
    out.append(Paragraph("Candidate asks", st["h"]))
    for number, ranked in enumerate(content.asks, start=1):
        action = ranked.action
        when = f" · {_fmt_date(action.starts_at)}" if action.starts_at else ""
        why = (
            f" <font color='#666666'>({escape('; '.join(ranked.reasons))})</font>"
            if ranked.reasons
            else ""
        )
        out.append(
            Paragraph(f"{number}. <b>{escape(action.title)}</b>{escape(when)}{why}", st["item"])
        )
    if not content.asks:
        out.append(Paragraph("No actions in the catalogue yet.", st["body"]))
    out.append(Paragraph("Agenda", st["h"]))
    for step in content.steps:
        prompts = " ".join(step.prompts)
        out.append(Paragraph(f"<b>{escape(step.title)}.</b> {escape(prompts)}", st["item"]))
    out.append(CondPageBreak(room.size * 8))
    out.append(Paragraph("Guiding questions", st["h"]))
    for q in content.questions:
        out.append(_question(q, room, st, content.language))
    out.append(Paragraph("Suggested next steps", st["h"]))
    for action in content.next_steps:
        out.append(Paragraph(f"{BOX} {escape(action.title)}", st["item"]))
    out.append(CondPageBreak(room.size * 5 + pitch * 2))
    out.append(Paragraph("Commitment and my promises", st["h"]))
    hint = "What, date, time, goal; or not yet, why, ask again on. I promised: what, by when."
    out.append(Paragraph(hint, st["hint"]))
    out.append(Ruled(2, pitch, fill_to=10))
    return out


class _DryRun(Canvas):  # type: ignore[misc]
    """Lays pages out without writing the PDF (embedding the fonts is the slow part)."""

    def save(self) -> None:
        pass


def _render(
    content: _Content, paper: str, room: Roominess, today: dt.date, dry: bool = False
) -> tuple[bytes, int]:
    fonts.register_fonts()
    width, height = PAPERS[paper]
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(width, height),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"1:1 prep: {content.name}",
        author=content.organizer or APP_DISPLAY_NAME,
        creator=APP_DISPLAY_NAME,
        initialFontName=fonts.SANS,  # else Helvetica is listed, unembedded
    )
    column = (width - 2 * MARGIN - GUTTER) / 2
    body_height = height - 2 * MARGIN - 10
    frames = [
        Frame(MARGIN, MARGIN + 10, column, body_height, 0, 0, 0, 0, id="left"),
        Frame(MARGIN + column + GUTTER, MARGIN + 10, column, body_height, 0, 0, 0, 0, id="right"),
    ]
    footer = f"{content.name} · prepared {today:%d %b %Y}" + (
        f" by {content.organizer}" if content.organizer else ""
    )

    def on_page(canvas, document) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont(fonts.SANS, 6.5)
        canvas.setFillColor(SOFT)
        canvas.drawString(MARGIN, MARGIN - 2, footer)
        canvas.drawRightString(width - MARGIN, MARGIN - 2, f"page {document.page}")
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="sheet", frames=frames, onPage=on_page)])
    doc.build(_story(content, room), canvasmaker=_DryRun if dry else Canvas)
    return buffer.getvalue(), int(doc.page)


def build_prep_sheet(
    supporter_id: int,
    paper: str = "letter",
    asks: Sequence[int] | None = None,
    *,
    kind_key: str | None = None,
    today: dt.date | None = None,
) -> tuple[bytes, int]:
    """The sheet as PDF bytes and its page count: the roomiest layout that fits on one page,
    else the roomiest on two."""
    if paper not in PAPERS:
        raise PrepSheetError(f"Paper must be letter or a4, not '{paper}'.")
    today = today or dt.date.today()
    content = _gather(supporter_id, asks, kind_key, today)
    chosen: Roominess | None = None
    for room in ROOMINESS:  # lay out without writing until one fits on a page
        pages = _render(content, paper, room, today, dry=True)[1]
        if pages == 1:
            return _render(content, paper, room, today)
        if pages == 2 and chosen is None:
            chosen = room
    return _render(content, paper, chosen or ROOMINESS[-1], today)


def write_prep_sheet(
    path: Path | str,
    supporter_id: int,
    paper: str = "letter",
    asks: Sequence[int] | None = None,
    *,
    kind_key: str | None = None,
    today: dt.date | None = None,
) -> int:
    """Write the prep sheet PDF atomically (the old file or the new one, never half); returns
    the number of pages. `asks`: action ids chosen as candidate asks (default: the meeting's
    chosen ones, else the best four)."""
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        raise PrepSheetError(f"{target.name}: the file name must end in .pdf.")
    if not target.parent.is_dir():
        raise PrepSheetError(f"{target}: the folder {target.parent} does not exist.")
    data, pages = build_prep_sheet(supporter_id, paper, asks, kind_key=kind_key, today=today)
    try:
        atomic_write_bytes(target, data)
    except OSError as exc:
        raise PrepSheetError(f"{target}: cannot write the file ({exc.strerror or exc}).") from exc
    return pages
