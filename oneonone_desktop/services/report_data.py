"""What the reports share: the period (presets, parsing, the period before), held 1:1s, names,
issue names found in free text, and turning stored times into local days."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from peewee import SqliteDatabase

PRESETS: tuple[str, ...] = ("4w", "3m", "12m")  # last 4 weeks, 3 months, 12 months
DEFAULT_PRESET = "3m"
MAX_YEARS = 10
CHUNK = 500  # ids per IN (...) list, well under SQLite's limit on parameters


class PeriodError(ValueError):
    """A period that cannot be reported on; `message` says why in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` months earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def day_text(day: dt.date) -> str:
    """A day as people write it in English: 3 Mar 2025."""
    return f"{day.day} {day:%b %Y}"


@dataclass(frozen=True)
class Period:
    """From `since` to `until`, both days included."""

    since: dt.date
    until: dt.date

    def __post_init__(self) -> None:
        if self.since > self.until:
            raise PeriodError(
                f"The start ({self.since.isoformat()}) is after the end "
                f"({self.until.isoformat()}); choose a start on or before the end."
            )
        if (self.until - self.since).days > MAX_YEARS * 366:
            raise PeriodError(f"Choose a period of at most {MAX_YEARS} years.")

    @classmethod
    def last(cls, preset: str, today: dt.date | None = None) -> Period:
        """The period of a preset ("4w", "3m", "12m") ending today."""
        today = today or dt.date.today()
        if preset == "4w":
            return cls(today - dt.timedelta(days=27), today)
        if preset in ("3m", "12m"):
            months = 3 if preset == "3m" else 12
            return cls(_months_before(today, months) + dt.timedelta(days=1), today)
        raise PeriodError(f"Unknown period '{preset}'; choose one of {', '.join(PRESETS)}.")

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        start = self.since - dt.timedelta(days=self.days)
        return Period(start, self.since - dt.timedelta(days=1))

    def contains(self, day: dt.date) -> bool:
        return self.since <= day <= self.until

    def mondays(self) -> list[dt.date]:
        """The Monday of every week the period touches."""
        monday = self.since - dt.timedelta(days=self.since.weekday())
        weeks = (self.until - monday).days // 7 + 1
        return [monday + dt.timedelta(weeks=n) for n in range(weeks)]

    def sql_bounds(self, widen_days: int = 0) -> tuple[str, str]:
        """Text bounds [low, high) for stored times, widened for times kept in UTC."""
        low = self.since - dt.timedelta(days=widen_days)
        high = self.until + dt.timedelta(days=1 + widen_days)
        return low.isoformat(), high.isoformat()

    def describe(self) -> str:
        return f"{day_text(self.since)} – {day_text(self.until)}"


def parse_day(text: str, what: str) -> dt.date:
    """A YYYY-MM-DD date typed by the user; PeriodError naming `what` otherwise."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise PeriodError(
            f"The {what} '{text}' is not a date written like 2025-03-01 (year-month-day)."
        ) from None


def parse_period(since: str | None, until: str | None, today: dt.date | None = None) -> Period:
    """The period from typed dates; a missing end is today, a missing start three months back."""
    today = today or dt.date.today()
    end = parse_day(until, "end date") if until else today
    if since:
        return Period(parse_day(since, "start date"), end)
    return Period.last(DEFAULT_PRESET, end)


# --- stored times -----------------------------------------------------------------------------


def parse_moment(value: object) -> dt.datetime | None:
    """A stored date-time (text or datetime) as a naive datetime; None for none or nonsense."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    try:
        return dt.datetime.fromisoformat(str(value)).replace(tzinfo=None)
    except ValueError:
        return None


def local_day(utc: dt.datetime) -> dt.date:
    """The organizer's local day of a naive UTC record timestamp."""
    return utc.replace(tzinfo=dt.timezone.utc).astimezone().date()


def in_chunks(ids: Sequence[int], size: int = CHUNK) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


# --- people and meetings ----------------------------------------------------------------------

_NAME_SQL = (
    "CASE WHEN preferred_name != '' THEN preferred_name ELSE first_name END"
    " || CASE WHEN last_name != '' THEN ' ' || last_name ELSE '' END"
)


def names_of(database: SqliteDatabase, ids: Sequence[int]) -> dict[int, str]:
    """id -> the name the list shows ("(no name)" when there is none)."""
    found: dict[int, str] = {}
    for chunk in in_chunks(list(dict.fromkeys(ids))):
        marks = ",".join("?" * len(chunk))
        for sid, name in database.execute_sql(
            f"SELECT id, {_NAME_SQL} FROM supporter WHERE id IN ({marks})", chunk
        ).fetchall():
            found[int(sid)] = str(name or "").strip() or "(no name)"
    return found


@dataclass(frozen=True)
class HeldMeeting:
    id: int
    supporter_id: int
    day: dt.date  # local
    capture: str
    learned: str


def held_meetings(database: SqliteDatabase, period: Period) -> list[HeldMeeting]:
    """The 1:1s held in the period, oldest first."""
    low, high = period.sql_bounds()
    rows = database.execute_sql(
        "SELECT id, supporter_id, COALESCE(ended_at, started_at, scheduled_at) AS at, capture,"
        " learned FROM meeting WHERE status = 'held' AND at >= ? AND at < ? ORDER BY at, id",
        (low, high),
    ).fetchall()
    found = []
    for mid, sid, at, capture, learned in rows:
        moment = parse_moment(at)
        if moment is not None and period.contains(moment.date()):
            found.append(
                HeldMeeting(int(mid), int(sid), moment.date(), capture or "", learned or "")
            )
    return found


class IssueMatcher:
    """The issue labels: their stored spelling, and which of them a free text mentions."""

    def __init__(self, names: Sequence[str]) -> None:
        self._canonical = {name.casefold(): name for name in sorted(names, reverse=True)}
        alternatives = sorted(self._canonical, key=len, reverse=True)
        self._pattern = (
            re.compile(
                r"(?<!\w)(" + "|".join(re.escape(a) for a in alternatives) + r")(?!\w)",
                re.IGNORECASE,
            )
            if alternatives
            else None
        )

    def canonical(self, name: str) -> str:
        """The stored label's spelling of `name` (any case), or `name` itself when unknown."""
        return self._canonical.get(name.strip().casefold(), name.strip())

    def find(self, text: str) -> set[str]:
        if self._pattern is None or not text:
            return set()
        found = (self._canonical.get(m.group(1).casefold()) for m in self._pattern.finditer(text))
        return {name for name in found if name}


def issue_matcher(database: SqliteDatabase) -> IssueMatcher:
    rows = database.execute_sql("SELECT name FROM label WHERE kind = 'issue'").fetchall()
    return IssueMatcher([str(name) for (name,) in rows if str(name).strip()])
