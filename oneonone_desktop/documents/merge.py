"""Mail-merge fields ({first_name}, {meeting_date}, …): their values per person, read from the
database in a few queries for a whole batch, filling them into template text; and the issues a
community cares about most."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence

from oneonone_desktop.store.models import db

FIELDS: dict[str, str] = {
    "first_name": "First name",
    "preferred_name": "Name they go by (their first name if none is recorded)",
    "last_name": "Last name",
    "full_name": "First and last name",
    "meeting_date": "Date of your last 1:1 with them",
    "issue": "The issue they care about most (the first one recorded)",
    "issues": "All the issues they care about",
    "ask": "What they agreed to do (latest commitment)",
    "ask_date": "When they agreed to do it",
    "organizer_name": "Your name",
    "chapter": "Your chapter or group",
    "city": "Their city",
}
"""Every merge field and what it means, in the order an editor should offer them."""

FIELD_PATTERN = re.compile(r"\{([^{}|\n]{1,40})(?:\|([^{}\n]{0,200}))?\}")
"""{field} or {field|words to use when the person has no value}."""

_CHUNK = 500
MONTHS = {
    "en": "January February March April May June July August September October November December",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre"
    " diciembre",
}
WEEKDAYS = {
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
    "es": "lunes martes miércoles jueves viernes sábado domingo",
}


class UnknownPeople(LookupError):
    """Some asked-for people are not in the database; `ids` lists them."""

    def __init__(self, ids: Sequence[int]) -> None:
        shown = ", ".join(str(i) for i in ids[:10]) + (" …" if len(ids) > 10 else "")
        self.message = f"There is no person with id {shown}."
        super().__init__(self.message)
        self.ids = list(ids)


def _key(raw: str) -> str:
    return raw.strip().lower().replace(" ", "_").replace("-", "_")


def check_template(body: str) -> list[str]:
    """The fields in `body` that are not merge fields (as written, once each, in order).
    They are printed as they are, braces and all, so a typo shows on the page."""
    unknown: list[str] = []
    for match in FIELD_PATTERN.finditer(body):
        name = match.group(1)
        if _key(name) not in FIELDS and name not in unknown:
            unknown.append(name)
    return unknown


def used_fields(body: str) -> list[str]:
    """The known merge fields `body` uses, once each, in order."""
    found: list[str] = []
    for match in FIELD_PATTERN.finditer(body):
        key = _key(match.group(1))
        if key in FIELDS and key not in found:
            found.append(key)
    return found


def empty_fields(body: str, values: Mapping[str, str]) -> list[str]:
    """Fields `body` uses without a fallback for which this person has no value."""
    found: list[str] = []
    for match in FIELD_PATTERN.finditer(body):
        key = _key(match.group(1))
        if key in FIELDS and match.group(2) is None and not values.get(key) and key not in found:
            found.append(key)
    return found


def render(body: str, values: Mapping[str, str]) -> str:
    """Fill the fields; an empty value takes the {field|fallback}; unknown fields stay as typed."""

    def replace(match: re.Match[str]) -> str:
        key = _key(match.group(1))
        if key not in FIELDS:
            return match.group(0)
        return values.get(key) or (match.group(2) or "")

    return FIELD_PATTERN.sub(replace, body)


# --- formatting per language ----------------------------------------------------------------


def _lang(language: str) -> str:
    code = language.strip().lower()[:2]
    return code if code in MONTHS else "en"


def format_date(day: dt.date, language: str = "en", today: dt.date | None = None) -> str:
    """'March 4' / '4 de marzo', with the year when it is not this year."""
    lang = _lang(language)
    month = MONTHS[lang].split()[day.month - 1]
    show_year = day.year != (today or dt.date.today()).year
    if lang == "es":
        return f"{day.day} de {month}" + (f" de {day.year}" if show_year else "")
    return f"{month} {day.day}" + (f", {day.year}" if show_year else "")


def format_when(moment: dt.datetime, language: str = "en", today: dt.date | None = None) -> str:
    """'Saturday, March 8 at 10:00 AM' / 'sábado 8 de marzo a las 10:00' (no time at midnight)."""
    lang = _lang(language)
    weekday = WEEKDAYS[lang].split()[moment.weekday()]
    date_text = format_date(moment.date(), lang, today)
    has_time = (moment.hour, moment.minute) != (0, 0)
    if lang == "es":
        text = f"{weekday} {date_text}"
        return text + (f" a las {moment:%H:%M}" if has_time else "")
    hour = moment.hour % 12 or 12
    suffix = "AM" if moment.hour < 12 else "PM"
    return f"{weekday}, {date_text}" + (f" at {hour}:{moment:%M} {suffix}" if has_time else "")


def join_list(items: Sequence[str], language: str = "en") -> str:
    """'a, b and c' / 'a, b y c'."""
    if len(items) <= 1:
        return "".join(items)
    word = "y" if _lang(language) == "es" else "and"
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def _parse_moment(value: object) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    if isinstance(value, str) and value:
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    return None


# --- values from the database ---------------------------------------------------------------


def organizer() -> tuple[str, str]:
    """(the organizer's name, their chapter), blank when not filled in yet."""
    row = db.execute_sql(
        "SELECT name, chapter FROM organizer_profile ORDER BY id LIMIT 1"
    ).fetchone()
    return (row[0] or "", row[1] or "") if row else ("", "")


def _chunks(ids: Sequence[int]) -> Iterable[tuple[list[int], str]]:
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        yield chunk, ",".join("?" * len(chunk))


def merge_values_many(
    supporter_ids: Sequence[int], language: str = "en", today: dt.date | None = None
) -> dict[int, dict[str, str]]:
    """Every field's value for each person, in four queries per 500 people.
    Raises UnknownPeople (before anything is printed) when an id is not in the database."""
    ids = list(dict.fromkeys(int(i) for i in supporter_ids))
    organizer_name, chapter = organizer()
    result: dict[int, dict[str, str]] = {}
    for chunk, marks in _chunks(ids):
        rows = db.execute_sql(
            "SELECT id, first_name, preferred_name, last_name, city FROM supporter"
            f" WHERE id IN ({marks})",
            chunk,
        ).fetchall()
        for sid, first, preferred, last, city in rows:
            result[sid] = {
                "first_name": first,
                "preferred_name": preferred or first,
                "last_name": last,
                "full_name": " ".join(p for p in (first or preferred, last) if p),
                "meeting_date": "",
                "issue": "",
                "issues": "",
                "ask": "",
                "ask_date": "",
                "organizer_name": organizer_name,
                "chapter": chapter,
                "city": city,
            }
        _add_issues(result, chunk, marks, language)
        _add_meetings(result, chunk, marks, language, today)
        _add_asks(result, chunk, marks, language, today)
    missing = [i for i in ids if i not in result]
    if missing:
        raise UnknownPeople(missing)
    return result


def merge_values(supporter_id: int, language: str = "en") -> dict[str, str]:
    """Every field's value for one person."""
    return merge_values_many([supporter_id], language)[supporter_id]


def issues_of(chunk: list[int], marks: str) -> dict[int, list[str]]:
    """Each person's issue labels, in the order they were recorded."""
    issues: dict[int, list[str]] = {}
    for sid, name in db.execute_sql(
        "SELECT sl.supporter_id, l.name FROM supporter_label sl JOIN label l ON l.id = sl.label_id"
        f" WHERE l.kind = 'issue' AND sl.supporter_id IN ({marks}) ORDER BY sl.supporter_id, sl.id",
        chunk,
    ):
        issues.setdefault(sid, []).append(name)
    return issues


def _add_issues(result: dict[int, dict[str, str]], chunk: list[int], marks: str, lang: str) -> None:
    for sid, names in issues_of(chunk, marks).items():
        if sid in result:
            result[sid]["issue"] = names[0]
            result[sid]["issues"] = join_list(names, lang)


def _add_meetings(
    result: dict[int, dict[str, str]],
    chunk: list[int],
    marks: str,
    lang: str,
    today: dt.date | None,
) -> None:
    for sid, when in db.execute_sql(
        "SELECT supporter_id, MAX(COALESCE(scheduled_at, started_at, ended_at)) FROM meeting"
        f" WHERE status = 'held' AND supporter_id IN ({marks}) GROUP BY supporter_id",
        chunk,
    ):
        moment = _parse_moment(when)
        if sid in result and moment is not None:
            result[sid]["meeting_date"] = format_date(moment.date(), lang, today)


def _add_asks(
    result: dict[int, dict[str, str]],
    chunk: list[int],
    marks: str,
    lang: str,
    today: dt.date | None,
) -> None:
    latest: dict[int, tuple[str, object]] = {}
    for sid, activity, due in db.execute_sql(
        "SELECT supporter_id, activity, due_at FROM commitment"
        f" WHERE supporter_id IN ({marks}) AND activity != '' AND status != 'not_yet'"
        " ORDER BY supporter_id, created_at, id",
        chunk,
    ):
        latest[sid] = (activity, due)
    for sid, (activity, due) in latest.items():
        if sid in result:
            result[sid]["ask"] = activity
            moment = _parse_moment(due)
            result[sid]["ask_date"] = format_when(moment, lang, today) if moment else ""


def top_issues(supporter_ids: Sequence[int] | None = None, top: int = 5) -> list[tuple[str, int]]:
    """The issues most people care about, with how many: from issue labels and from the answers
    in their held meetings that name an issue. Archived people are left out unless listed."""
    people: set[tuple[int, str]] = set()
    names = [n for (n,) in db.execute_sql("SELECT name FROM label WHERE kind = 'issue'")]
    chunks: list[list[int] | None] = [None]
    if supporter_ids is not None:
        ids = list(dict.fromkeys(supporter_ids))
        chunks = [ids[i : i + 500] for i in range(0, len(ids), 500)]
    for chunk in chunks:
        where = (
            "s.archived_at IS NULL" if chunk is None else f"s.id IN ({','.join('?' * len(chunk))})"
        )
        params = chunk or []
        for sid, name in db.execute_sql(
            "SELECT sl.supporter_id, l.name FROM supporter_label sl"
            " JOIN label l ON l.id = sl.label_id JOIN supporter s ON s.id = sl.supporter_id"
            f" WHERE l.kind = 'issue' AND {where}",
            params,
        ):
            people.add((sid, name))
        for sid, answer in db.execute_sql(
            "SELECT m.supporter_id, a.answer FROM answer a JOIN meeting m ON m.id = a.meeting_id"
            f" JOIN supporter s ON s.id = m.supporter_id WHERE m.status = 'held' AND a.answer != ''"
            f" AND {where}",
            params,
        ):
            text = answer.casefold()
            people.update((sid, n) for n in names if n.casefold() in text)
    counts: dict[str, int] = {}
    for _, name in people:
        counts[name] = counts.get(name, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))[:top]


def sample_values(language: str = "en") -> dict[str, str]:
    """Made-up values for previewing a template without choosing a person."""
    lang = _lang(language)
    today = dt.date.today()
    meeting = today - dt.timedelta(days=2)
    ask_at = dt.datetime.combine(today + dt.timedelta(days=9), dt.time(10, 0))
    issues = ["housing", "public transit"] if lang == "en" else ["vivienda", "transporte público"]
    return {
        "first_name": "María",
        "preferred_name": "Mari",
        "last_name": "Núñez",
        "full_name": "María Núñez",
        "meeting_date": format_date(meeting, lang, today),
        "issue": issues[0],
        "issues": join_list(issues, lang),
        "ask": "the tenants' rights huddle" if lang == "en" else "la reunión sobre inquilinos",
        "ask_date": format_when(ask_at, lang, today),
        "organizer_name": "Sam Rivera",
        "chapter": "Riverside Chapter" if lang == "en" else "Capítulo Riverside",
        "city": "Riverside",
    }
