"""Expand RFC 5545 repeat rules (RRULE, EXDATE) inside a date window: bounded and DST-safe.

Rules are stored as the text after "RRULE:" (e.g. "FREQ=WEEKLY;INTERVAL=4"). The series is
anchored at its first occurrence (`first`), which always counts as an occurrence (RFC 5545), even
when it does not match the rule's BYxxx parts.

Times: a naive `first` is local wall-clock time and every occurrence keeps that wall-clock time;
an aware `first` (a zoneinfo zone) gives occurrences in that zone at the same wall-clock time,
so a 7 pm meeting stays at 7 pm on both sides of a daylight-saving change.

Bounds: rules repeating more often than daily are refused; expansion only ever looks inside the
window asked for, returns at most `limit` occurrences and examines at most MAX_STEPS candidates,
so a rule without an end (or with an absurd COUNT) can never loop for long.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import lru_cache

from dateutil.rrule import rrule, rrulestr

MAX_OCCURRENCES = 2_000
MAX_STEPS = 100_000
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_SIMPLE_PARTS = frozenset({"FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST"})
_PERIOD_DAYS = {"DAILY": 1, "WEEKLY": 7}
_DAY_NAMES = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
_UNITS = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}

Moment = dt.datetime


class RecurrenceError(ValueError):
    """A repeat rule that cannot be used; `message` says why in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class _Rule:
    text: str  # normalised, without UNTIL
    parts: tuple[tuple[str, str], ...]
    freq: str
    interval: int
    count: int | None
    until: dt.datetime | dt.date | None  # naive; a datetime when UNTIL had a time
    until_utc: bool  # UNTIL ended in Z

    @property
    def simple(self) -> bool:
        return self.freq in _PERIOD_DAYS and {k for k, _ in self.parts} <= _SIMPLE_PARTS


def _split(rule: str) -> list[tuple[str, str]]:
    body = rule.strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    parts = []
    for piece in body.split(";"):
        if not piece.strip():
            continue
        key, sep, value = piece.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise RecurrenceError(f"The repeat rule '{rule[:80]}' is not valid ('{piece[:30]}').")
        parts.append((key.strip().upper(), value.strip().upper()))
    return parts


def _parse_until(value: str, rule: str) -> tuple[dt.datetime | dt.date, bool]:
    utc = value.endswith("Z")
    text = value.rstrip("Z")
    try:
        if "T" in text:
            return dt.datetime.strptime(text, "%Y%m%dT%H%M%S"), utc
        return dt.datetime.strptime(text, "%Y%m%d").date(), utc
    except ValueError as exc:
        raise RecurrenceError(
            f"The repeat rule '{rule[:80]}' has an end date that is not a date ('{value}')."
        ) from exc


def _parse(rule: str) -> _Rule:
    parsed = _parse_cached(rule)
    if isinstance(parsed, RecurrenceError):
        raise RecurrenceError(parsed.message)
    return parsed


@lru_cache(maxsize=512)
def _parse_cached(rule: str) -> _Rule | RecurrenceError:
    """Parsed once per distinct rule; a refusal is remembered too (finding that a rule never
    happens takes dateutil a third of a second)."""
    try:
        return _parse_uncached(rule)
    except RecurrenceError as exc:
        return exc


def _parse_uncached(rule: str) -> _Rule:
    parts = _split(rule)
    if not parts:
        raise RecurrenceError("The repeat rule is empty.")
    values = dict(parts)
    if len(values) != len(parts):
        raise RecurrenceError(f"The repeat rule '{rule[:80]}' names a part twice.")
    freq = values.get("FREQ", "")
    if not freq:
        raise RecurrenceError(f"The repeat rule '{rule[:80]}' does not say how often (FREQ).")
    if freq not in FREQUENCIES:
        if freq in ("HOURLY", "MINUTELY", "SECONDLY"):
            raise RecurrenceError("Repeating more often than once a day is not supported.")
        raise RecurrenceError(f"The repeat rule '{rule[:80]}' has an unknown frequency.")
    if "COUNT" in values and "UNTIL" in values:
        raise RecurrenceError(f"The repeat rule '{rule[:80]}' has both COUNT and UNTIL.")
    try:
        interval = int(values.get("INTERVAL", "1"))
        count = int(values["COUNT"]) if "COUNT" in values else None
    except ValueError as exc:
        raise RecurrenceError(
            f"The repeat rule '{rule[:80]}' has a number that is not a number."
        ) from exc
    if interval < 1 or (count is not None and count < 1):
        raise RecurrenceError(f"The repeat rule '{rule[:80]}' needs numbers of 1 or more.")
    until: dt.datetime | dt.date | None = None
    utc = False
    if "UNTIL" in values:
        until, utc = _parse_until(values["UNTIL"], rule)
    kept = tuple((k, v) for k, v in parts if k != "UNTIL")
    text = ";".join(f"{k}={v}" for k, v in kept)
    parsed = _Rule(text, kept, freq, interval, count, until, utc)
    try:
        probe = _dateutil(parsed, dt.datetime(2000, 1, 1), dt.datetime(2032, 1, 1), count=False)
        happens = next(iter(probe), None) is not None
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise RecurrenceError(f"The repeat rule '{rule[:80]}' is not valid ({exc}).") from exc
    if not happens:  # e.g. 30 February: searching for it would run to the year 9999
        raise RecurrenceError(f"The repeat rule '{rule[:80]}' never happens.")
    return parsed


def check_rule(rule: str) -> str:
    """The rule in normal form (upper case, no "RRULE:"), or RecurrenceError in plain words."""
    parsed = _parse(rule)
    if parsed.until is None:
        return parsed.text
    return f"{parsed.text};UNTIL={format_until(parsed.until, parsed.until_utc)}"


def format_until(value: dt.datetime | dt.date, utc: bool = False) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y%m%dT%H%M%S") + ("Z" if utc else "")
    return value.strftime("%Y%m%d")


def _until_for(parsed: _Rule, first: Moment) -> Moment | None:
    """UNTIL as a moment comparable with `first` (an UNTIL date includes its whole day)."""
    until = parsed.until
    if until is None:
        return None
    if not isinstance(until, dt.datetime):
        until = dt.datetime.combine(until, dt.time(23, 59, 59))
        utc = False
    else:
        utc = parsed.until_utc
    if first.tzinfo is None:
        return until  # a stored rule is in local time; a stray Z is read as local too
    if utc:
        return until.replace(tzinfo=dt.timezone.utc).astimezone(first.tzinfo)
    return until.replace(tzinfo=first.tzinfo)


def _dateutil(
    parsed: _Rule, first: Moment, stop: Moment | None = None, *, count: bool = True
) -> rrule:
    """dateutil's rrule from `first`; `stop` ends it early (so it never searches past the
    window); without `count`, COUNT is left out."""
    parts = [f"{k}={v}" for k, v in parsed.parts if count or k != "COUNT"]
    made: rrule = rrulestr(";".join(parts), dtstart=first)
    if stop is not None and (parsed.count is None or not count):
        made = made.replace(until=stop)
    return made


def _same_kind(value: Moment | dt.date, like: Moment) -> Moment:
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(0))
    if like.tzinfo is not None and value.tzinfo is None:
        return value.replace(tzinfo=like.tzinfo)
    if like.tzinfo is None and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def iterate(
    rule: str, first: Moment, since: Moment | dt.date, end: Moment | None = None
) -> Iterator[Moment]:
    """Occurrences of the series from `since` on (inclusive), in order, lazily and bounded.

    Callers stop when they have seen enough (or pass `end`, after which nothing is looked
    for); the iterator also stops by itself after MAX_STEPS candidates. Raises
    RecurrenceError for a rule that cannot be used.
    """
    parsed = _parse(rule)
    since_moment = _same_kind(since, first)
    until = _until_for(parsed, first)
    if end is not None:
        end = _same_kind(end, first)
        until = end if until is None else min(until, end)
    if parsed.simple:
        yield from _iterate_simple(parsed, first, since_moment, until)
    else:
        yield from _iterate_general(parsed, first, since_moment, until)


def _iterate_simple(
    parsed: _Rule, first: Moment, since: Moment, until: Moment | None
) -> Iterator[Moment]:
    step = _PERIOD_DAYS[parsed.freq] * parsed.interval
    gap = (since.date() - first.date()).days
    index = max(0, math.ceil(gap / step)) if gap > 0 else 0
    for _ in range(MAX_STEPS):
        if parsed.count is not None and index >= parsed.count:
            return
        moment = first + dt.timedelta(days=index * step)  # wall-clock arithmetic keeps 7 pm
        if until is not None and moment > until:
            return
        if moment >= since:
            yield moment
        index += 1


def _iterate_general(
    parsed: _Rule, first: Moment, since: Moment, until: Moment | None
) -> Iterator[Moment]:
    if first >= since:
        yield first
    start = first
    if parsed.count is None and parsed.freq in _PERIOD_DAYS:
        step = _PERIOD_DAYS[parsed.freq] * parsed.interval
        periods = (since.date() - first.date()).days // step - 1
        if periods > 0:  # jump close to the window: same weekday, same week alignment
            start = first + dt.timedelta(days=periods * step)
    seen = 1
    for steps, moment in enumerate(_dateutil(parsed, start, until)):
        if steps >= MAX_STEPS:
            return
        if moment == first:
            continue
        if parsed.count is not None:
            seen += 1
            if seen > parsed.count:
                return
        if until is not None and moment > until:
            return
        if moment >= since:
            yield moment


def _excluded(moment: Moment, exdates: Collection[dt.date | Moment]) -> bool:
    return bool(exdates) and (moment.date() in exdates or moment in exdates)


def timed_occurrences(
    rule: str,
    first: Moment,
    start: Moment | dt.date,
    end: Moment | dt.date,
    *,
    exdates: Collection[dt.date | Moment] = (),
    limit: int = MAX_OCCURRENCES,
) -> list[Moment]:
    """Occurrences between `start` and `end` (both inclusive; a date `end` includes its day).

    An exdate that is a date removes every occurrence on that day; a datetime removes that one.
    """
    if not isinstance(end, dt.datetime):
        end = dt.datetime.combine(end, dt.time(23, 59, 59, 999999))
    end_moment = _same_kind(end, first)
    found: list[Moment] = []
    for moment in iterate(rule, first, start, end_moment):
        if moment > end_moment or len(found) >= limit:
            break
        if not _excluded(moment, exdates):
            found.append(moment)
    return found


def occurrences(
    rule: str,
    first: dt.date,
    start: dt.date,
    end: dt.date,
    *,
    exdates: Collection[dt.date] = (),
    limit: int = MAX_OCCURRENCES,
) -> list[dt.date]:
    """The dates of an all-day series that fall between `start` and `end` (inclusive)."""
    parsed = _parse(rule)
    if parsed.simple and parsed.count is None and parsed.until is None:
        # Plain arithmetic for "every N days/weeks" (most check-ins): no generators at all.
        step = _PERIOD_DAYS[parsed.freq] * parsed.interval
        gap = (start - first).days
        day = first + dt.timedelta(days=max(0, -(-gap // step)) * step)
        found: list[dt.date] = []
        while day <= end and len(found) < limit:
            if day not in exdates:
                found.append(day)
            day += dt.timedelta(days=step)
        return found
    moments = timed_occurrences(
        rule, dt.datetime.combine(first, dt.time(0)), start, end, exdates=exdates, limit=limit
    )
    return [moment.date() for moment in moments]


def next_occurrence(
    rule: str, first: dt.date, after: dt.date, *, exdates: Collection[dt.date] = ()
) -> dt.date | None:
    """The first occurrence strictly after `after`, or None when the series has ended."""
    start = dt.datetime.combine(first, dt.time(0))
    for moment in iterate(rule, start, after + dt.timedelta(days=1)):
        if not _excluded(moment, exdates):
            return moment.date()
    return None


def rebase(
    rule: str, first: dt.date, on_or_after: dt.date, *, exdates: Collection[dt.date] = ()
) -> tuple[str, dt.date] | None:
    """Move a series' anchor to its first occurrence on or after `on_or_after`.

    Returns (rule, new first): the same future occurrences, with COUNT lowered by the
    occurrences left behind; None when no occurrence is left.
    """
    parsed = _parse(rule)
    start = dt.datetime.combine(first, dt.time(0))
    for passed, moment in enumerate(iterate(rule, start, start)):
        if moment.date() >= on_or_after and not _excluded(moment, exdates):
            if parsed.count is None:
                return check_rule(rule), moment.date()
            parts = [
                (k, str(parsed.count - passed) if k == "COUNT" else v) for k, v in parsed.parts
            ]
            return ";".join(f"{k}={v}" for k, v in parts), moment.date()
    return None


def restart(rule: str, anchor: dt.date) -> tuple[str, dt.date] | None:
    """Restart a series from `anchor` (say, the day a check-in call was made): the anchor counts
    as the occurrence just done; returns (rule, next date), or None when the series is over."""
    return rebase(rule, anchor, anchor + dt.timedelta(days=1))


def parse_exdates(text: str) -> list[dt.date]:
    """Stored skipped dates ("2026-03-10,2026-03-17") as dates; unreadable entries are ignored."""
    found = []
    for piece in text.split(","):
        try:
            found.append(dt.date.fromisoformat(piece.strip()))
        except ValueError:
            continue
    return found


def format_exdates(dates: Collection[dt.date]) -> str:
    return ",".join(sorted({d.isoformat() for d in dates}))


def describe(rule: str) -> str:
    """The rule in plain words: "every 4 weeks", "every week on Monday", "every day, 5 times"."""
    try:
        parsed = _parse(rule)
    except RecurrenceError:
        return "repeats (rule not understood)"
    unit = _UNITS[parsed.freq]
    text = f"every {unit}" if parsed.interval == 1 else f"every {parsed.interval} {unit}s"
    values = dict(parsed.parts)
    if "BYDAY" in values:
        days = [_DAY_NAMES.get(day[-2:], day) for day in values["BYDAY"].split(",")]
        text += " on " + ", ".join(days)
    if "BYMONTHDAY" in values:
        text += f" on day {values['BYMONTHDAY']}"
    if set(values) - _SIMPLE_PARTS - {"BYDAY", "BYMONTHDAY"}:
        text += " (with more conditions)"
    if parsed.count is not None:
        text += ", once" if parsed.count == 1 else f", {parsed.count} times"
    if parsed.until is not None:
        day = parsed.until if not isinstance(parsed.until, dt.datetime) else parsed.until.date()
        text += f", until {day.isoformat()}"
    return text
