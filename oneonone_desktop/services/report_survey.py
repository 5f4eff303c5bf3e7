"""The survey report the guide asks for: what we learned and why our community resists.

Answers to the guiding questions (counts per yes/no or choice, by question number and wording),
themes coded from the free text through issue labels, quotes in people's own words, commitments
by action and follow-up completion, with the dashboard's figures.

Anonymous by default: no names, emails, phones or addresses, and counts about supporters (their
answers, the issues they raised, their commitments, their moves up the ladder) from 1 to 4 are
written "fewer than 5" (`SurveyReport.count`). The organizer's own work (1:1s held, promises
kept, follow-up done) is written as is: it tells what the organizer did, not what anyone said.
`include_personal=True` shows exact counts and adds names to the quotes and ladder moves.

Quotes come only from people whose latest consent says yes to "share their details with the
chapter": consent to be mentioned on social media is for a public post, not for passing on
what they said in a private talk, so it is not enough alone.
In the anonymous report a quote's own name, email, phone and street are blanked out too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from peewee import SqliteDatabase

from oneonone_desktop.services.report_data import (
    HeldMeeting,
    Period,
    held_meetings,
    in_chunks,
    names_of,
)
from oneonone_desktop.services.reports import (
    Commitments,
    Dashboard,
    IssueCount,
    commitments_by_action,
    dashboard,
)

SMALL = 5
FEWER = "fewer than 5"
QUOTE_CONSENT = "share_chapter"
LEARNED_SOURCE = "What the organizer learned"
YES_NO_WORDS = {"yes": "Yes", "no": "No"}
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\w)\+?\d[\d ().-]{5,}\d(?!\w)")


def count_text(n: int, masked: bool) -> str:
    """A count as the report writes it: 1 to 4 become "fewer than 5" when `masked`."""
    return FEWER if masked and 0 < n < SMALL else f"{n:,}"


def change_text(now: int, before: int, masked: bool) -> str:
    """How a count moved since the period before ("up 3", "down 1", "no change"); when `masked`
    and either count is from 1 to 4, "not shown" (the difference would give it away)."""
    if masked and (0 < now < SMALL or 0 < before < SMALL):
        return "not shown"
    if now == before:
        return "no change"
    return f"{'up' if now > before else 'down'} {abs(now - before):,}"


@dataclass(frozen=True)
class AnswerSummary:
    """How a guiding question was answered: counts per answer (yes/no, choice) or text answers."""

    number: str
    question: str
    kind: str  # "yes_no", "choice" or "text"
    counts: tuple[tuple[str, int], ...]
    answered: int


@dataclass(frozen=True)
class Quote:
    text: str
    source: str  # the question ("3. Why do you believe …") or LEARNED_SOURCE
    name: str  # "" in the anonymous report
    on: dt.date | None  # None in the anonymous report


@dataclass(frozen=True)
class FollowUpCompletion:
    """Thank-yous within two days, and the one-off follow-up tasks of the period's 1:1s."""

    thanks_due: int
    thanked_in_time: int
    tasks: int
    done: int
    skipped: int
    open: int
    overdue: int


@dataclass(frozen=True)
class SurveyReport:
    period: Period
    today: dt.date
    chapter: str
    organizer: str  # "" in the anonymous report
    include_personal: bool
    dashboard: Dashboard
    people_met: int
    answers: list[AnswerSummary]
    themes: list[IssueCount]
    quotes: list[Quote]
    by_action: list[tuple[str, Commitments]]
    followup: FollowUpCompletion

    @property
    def masked(self) -> bool:
        return not self.include_personal

    def count(self, n: int) -> str:
        return count_text(n, self.masked)

    def total(self, n: int, parts: Sequence[int]) -> str:
        """A total of counts: when a part is hidden, the total says only "5 or more" (else the
        hidden part could be worked out from it and the others)."""
        if self.masked and n >= SMALL and any(0 < p < SMALL for p in parts):
            return "5 or more"
        return self.count(n)

    def change(self, issue: IssueCount) -> str:
        return change_text(issue.people, issue.previous, self.masked)


def _number_key(number: str) -> tuple[tuple[int, int | str], ...]:
    """Sort "2" before "10" and "11a" before "11c.i.1"."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in re.findall(r"\d+|[^\W\d_]+", number.casefold())
    )


def answer_summaries(database: SqliteDatabase, meetings: list[HeldMeeting]) -> list[AnswerSummary]:
    """The answers given in these 1:1s, grouped by question number and wording."""
    groups: dict[tuple[str, str], dict[str, int]] = {}
    kinds: dict[tuple[str, str], str] = {}
    answered: dict[tuple[str, str], int] = defaultdict(int)
    for chunk in in_chunks([m.id for m in meetings]):
        marks = ",".join("?" * len(chunk))
        rows = database.execute_sql(
            "SELECT number, question_text, yes_no, choice, answer FROM answer"
            f" WHERE meeting_id IN ({marks})",
            chunk,
        ).fetchall()
        for number, text, yes_no, choice, answer in rows:
            key = (str(number or ""), str(text or ""))
            counts = groups.setdefault(key, {})
            if yes_no in YES_NO_WORDS:
                kinds[key] = "yes_no"
                for word in YES_NO_WORDS.values():
                    counts.setdefault(word, 0)
                counts[YES_NO_WORDS[yes_no]] += 1
            elif choice:
                kinds.setdefault(key, "choice")
                counts[str(choice)] = counts.get(str(choice), 0) + 1
            if yes_no in YES_NO_WORDS or choice or str(answer or "").strip():
                answered[key] += 1
    return [
        AnswerSummary(
            number,
            text,
            kinds.get((number, text), "text"),
            _ordered(groups[(number, text)], kinds.get((number, text), "text")),
            answered[(number, text)],
        )
        for number, text in sorted(groups, key=lambda k: (_number_key(k[0]), k[1]))
        if answered[(number, text)]
    ]


def _ordered(counts: dict[str, int], kind: str) -> tuple[tuple[str, int], ...]:
    """Yes before No; choices most chosen first."""
    if kind == "yes_no":
        words = list(YES_NO_WORDS.values())
        rank = {word: n for n, word in enumerate(words)}
        return tuple(sorted(counts.items(), key=lambda c: (rank.get(c[0], len(rank)), c[0])))
    return tuple(sorted(counts.items(), key=lambda c: (-c[1], c[0].casefold())))


def _consenting(database: SqliteDatabase, ids: list[int]) -> set[int]:
    """Those of `ids` whose latest consent to share with the chapter says yes."""
    yes: set[int] = set()
    for chunk in in_chunks(ids):
        marks = ",".join("?" * len(chunk))
        rows = database.execute_sql(
            "SELECT supporter_id, granted FROM consent_record WHERE channel = ?"
            f" AND supporter_id IN ({marks}) ORDER BY supporter_id, recorded_at, id",
            [QUOTE_CONSENT, *chunk],
        ).fetchall()
        latest = {int(sid): bool(granted) for sid, granted in rows}  # the last one wins
        yes.update(sid for sid, granted in latest.items() if granted)
    return yes


Blanks = list[tuple[re.Pattern[str], str]]


def _words(parts: list[object]) -> re.Pattern[str] | None:
    words = sorted({str(p).strip() for p in parts if p and len(str(p).strip()) > 1}, key=len)
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in reversed(words))
    return re.compile(r"(?<!\w)(" + alternatives + r")(?!\w)", re.IGNORECASE)


def _blanker(database: SqliteDatabase, ids: list[int]) -> dict[int, Blanks]:
    """Per person, patterns for their own names and their address in free text."""
    found: dict[int, Blanks] = {}
    for chunk in in_chunks(ids):
        marks = ",".join("?" * len(chunk))
        for sid, first, last, preferred, street, street2, postal in database.execute_sql(
            "SELECT id, first_name, last_name, preferred_name, street, street2, postal_code"
            f" FROM supporter WHERE id IN ({marks})",
            chunk,
        ).fetchall():
            pairs = ((_words([street, street2, postal]), "[address]"),
                     (_words([first, last, preferred]), "[name]"))  # fmt: skip
            found[int(sid)] = [(pattern, word) for pattern, word in pairs if pattern is not None]
    return found


def _anonymous(text: str, own: Blanks) -> str:
    text = _EMAIL.sub("[email]", text)
    text = _PHONE.sub("[phone]", text)
    for pattern, word in own:
        text = pattern.sub(word, text)
    return text


def quotes(
    database: SqliteDatabase, meetings: list[HeldMeeting], include_personal: bool
) -> list[Quote]:
    """Free-text answers and what the organizer learned, from people who consented to sharing."""
    sharing = _consenting(database, sorted({m.supporter_id for m in meetings}))
    shared = [m for m in meetings if m.supporter_id in sharing]
    names = names_of(database, sorted(sharing)) if include_personal else {}
    blank = {} if include_personal else _blanker(database, sorted(sharing))
    answers: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for chunk in in_chunks([m.id for m in shared]):
        marks = ",".join("?" * len(chunk))
        for meeting_id, number, question, answer in database.execute_sql(
            "SELECT meeting_id, number, question_text, answer FROM answer"
            f" WHERE meeting_id IN ({marks}) AND TRIM(answer) != '' ORDER BY id",
            chunk,
        ).fetchall():
            answers[int(meeting_id)].append((str(number), str(question), str(answer).strip()))
    found: list[tuple[tuple[object, ...], Quote]] = []
    for meeting in shared:
        said = sorted(answers.get(meeting.id, []), key=lambda a: _number_key(a[0]))
        said += [("", LEARNED_SOURCE, meeting.learned.strip())] if meeting.learned.strip() else []
        for number, question, text in said:
            source = f"{number}. {question}" if number else question
            if not include_personal:
                text = _anonymous(text, blank.get(meeting.supporter_id, []))
            quote = Quote(
                text,
                source,
                names.get(meeting.supporter_id, "") if include_personal else "",
                meeting.day if include_personal else None,
            )
            found.append(((_number_key(number) or ((2, ""),), meeting.day, meeting.id), quote))
    found.sort(key=lambda item: item[0])  # type: ignore[arg-type, return-value]
    return [quote for _, quote in found]


def follow_up_completion(
    database: SqliteDatabase, meetings: list[HeldMeeting], today: dt.date, thanks: tuple[int, int]
) -> FollowUpCompletion:
    """The one-off follow-up tasks of these 1:1s by status (recurring check-ins left out)."""
    found: dict[str, int] = defaultdict(int)
    for chunk in in_chunks([m.id for m in meetings]):
        marks = ",".join("?" * len(chunk))
        for status, due_on in database.execute_sql(
            f"SELECT status, due_on FROM task WHERE meeting_id IN ({marks}) AND rrule IS NULL",
            chunk,
        ).fetchall():
            state = "open" if status in ("open", "snoozed") else str(status)
            found[state] += 1
            if state == "open" and due_on and str(due_on)[:10] < today.isoformat():
                found["overdue"] += 1
    return FollowUpCompletion(
        thanks_due=thanks[0],
        thanked_in_time=thanks[1],
        tasks=found["done"] + found["skipped"] + found["open"],
        done=found["done"],
        skipped=found["skipped"],
        open=found["open"],
        overdue=found["overdue"],
    )


def build_report(
    database: SqliteDatabase,
    period: Period,
    *,
    include_personal: bool = False,
    today: dt.date | None = None,
) -> SurveyReport:
    """Everything the report-back holds for the period (see the module's docstring)."""
    today = today or dt.date.today()
    meetings = held_meetings(database, period)
    dash = dashboard(database, period, today=today, issue_limit=None)
    if not include_personal:  # nothing that names anyone leaves the organizer's own screen
        moves = [dataclasses.replace(m, supporter_id=0, name="") for m in dash.moves]
        dash = dataclasses.replace(dash, moves=moves, not_thanked=[], quiet=[])
    chapter, organizer = database.execute_sql(
        "SELECT COALESCE(MAX(chapter), ''), COALESCE(MAX(name), '') FROM organizer_profile"
    ).fetchone()
    return SurveyReport(
        period=period,
        today=today,
        chapter=str(chapter or ""),
        organizer=str(organizer or "") if include_personal else "",
        include_personal=include_personal,
        dashboard=dash,
        people_met=len({m.supporter_id for m in meetings}),
        answers=answer_summaries(database, meetings),
        themes=dash.issues,
        quotes=quotes(database, meetings, include_personal),
        by_action=commitments_by_action(database, period),
        followup=follow_up_completion(
            database, meetings, today, (dash.thanks_due, dash.thanked_in_time)
        ),
    )


def summary_rows(report: SurveyReport) -> list[tuple[str, str]]:
    """The headline figures, as (what, how many) in the report's own words."""
    dash, asks, kept = report.dashboard, report.dashboard.asks, report.dashboard.promises
    return [
        ("1:1s held", f"{dash.held:,}"),
        (
            "Asks made",
            report.total(asks.made, [asks.kept, asks.missed, asks.pending, asks.not_yet]),
        ),
        ("Commitments kept", report.count(asks.kept)),
        ("Commitments missed", report.count(asks.missed)),
        ("Commitments still to come or not checked", report.count(asks.pending)),
        ("No commitment yet (asked again later)", report.count(asks.not_yet)),
        ("Moved up the ladder", report.count(len(dash.moves))),
        ("Organizer's promises due", f"{kept.due:,}"),
        ("Promises kept on time", f"{kept.on_time:,}"),
        ("Promises kept late", f"{kept.late:,}"),
        ("Promises still open", f"{kept.open:,}"),
        ("Promises not kept", f"{kept.broken:,}"),
    ]


def followup_rows(report: SurveyReport) -> list[tuple[str, str]]:
    """Follow-up completion, as (what, how many)."""
    f = report.followup
    return [
        ("1:1s whose two days for a thank-you are over", f"{f.thanks_due:,}"),
        ("Thanked within two days", f"{f.thanked_in_time:,}"),
        ("Follow-up tasks from these 1:1s", f"{f.tasks:,}"),
        ("Done", f"{f.done:,}"),
        ("Skipped", f"{f.skipped:,}"),
        ("Still open", f"{f.open:,}"),
        ("Of these, overdue", f"{f.overdue:,}"),
    ]


def ladder_rows(report: SurveyReport) -> list[tuple[str, str]]:
    """Moves up the ladder by where people went from and to, as (move, how many)."""
    found: dict[str, int] = defaultdict(int)
    for move in report.dashboard.moves:
        found[f"{move.from_label or 'No stage'} → {move.to_label or 'No stage'}"] += 1
    return [(move, report.count(n)) for move, n in sorted(found.items(), key=lambda m: -m[1])]
