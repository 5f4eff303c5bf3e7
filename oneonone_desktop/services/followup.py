"""Follow-up rules: the plan the guide asks for after a held 1:1, check-ins, the asks balance.

The guide ("Following up on 1:1s"): thank them within two days (card, email or call); remind
them before each commitment and check on it after; keep every promise when promised; call
periodically to check in; now and then call with an update that asks for nothing; add them to
email lists and social networks, and mention them with #WhyWeResist, only with permission.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass

from oneonone_desktop.services import recurrence
from oneonone_desktop.services.calendar_items import person_name
from oneonone_desktop.services.supporters import ValidationError, has_consent
from oneonone_desktop.services.tasks import UID_DOMAIN
from oneonone_desktop.store.models import (
    Commitment,
    Meeting,
    Promise,
    Setting,
    Supporter,
    Task,
    Touch,
    db,
)

CHECKIN_SETTING = "followup.checkin_weeks"
DEFAULT_CHECKIN_WEEKS = 4
THANK_YOU_DAYS = 2
NON_ASK_DAYS = 14
PROMISE_DAYS = 7  # a promise recorded without a date
SOCIAL_MENTION_DAYS = 3
_UID_NAMESPACE = uuid.UUID("6f1b3c1e-58a1-4d59-9a53-3a3c0c9d7e21")
# One of these per person, whichever meeting proposed it; the rest are one per meeting.
_PER_PERSON = ("check_in", "add_to_lists")


class FollowUpError(ValueError):
    """No plan can be made or stored; `message` says why in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class ProposedTask:
    """One task of a proposed plan; the organizer may edit any field before accepting."""

    kind: str  # one of Task.KINDS
    title: str
    due_on: dt.date
    due_time: dt.time | None = None
    channel: str = ""  # card, email, call, text, social or ""
    rrule: str | None = None  # e.g. "FREQ=WEEKLY;INTERVAL=4" for the check-in
    notes: str = ""
    commitment_id: int | None = None
    promise_id: int | None = None
    is_ask: bool = False
    reminder_minutes: int | None = None
    key: str = ""  # what it is for ("thank_you", "commitment_check:5"): gives its stable UID


@dataclass(frozen=True)
class AskBalance:
    """How often we asked a person for something, against contacts that asked for nothing."""

    supporter_id: int
    name: str
    asks: int  # commitments asked for in 1:1s, and contacts marked as an ask
    non_asks: int  # thank-yous, updates and other contacts that asked for nothing

    @property
    def only_asked(self) -> bool:
        return self.asks > 0 and self.non_asks == 0


def checkin_weeks() -> int:
    """Weeks between check-in calls (setting followup.checkin_weeks, default 4)."""
    row = Setting.get_or_none(Setting.key == CHECKIN_SETTING)
    try:
        weeks = int(json.loads(row.value)) if row is not None else DEFAULT_CHECKIN_WEEKS
    except (TypeError, ValueError):
        return DEFAULT_CHECKIN_WEEKS
    return weeks if 1 <= weeks <= 52 else DEFAULT_CHECKIN_WEEKS


def set_checkin_weeks(weeks: int) -> None:
    if not 1 <= weeks <= 52:
        raise FollowUpError("Choose between 1 and 52 weeks between check-ins.")
    Setting.insert(key=CHECKIN_SETTING, value=json.dumps(weeks)).on_conflict_replace().execute()


def _local_date(utc: dt.datetime) -> dt.date:
    return utc.replace(tzinfo=dt.timezone.utc).astimezone().date()


def last_contact_on(supporter_id: int) -> dt.date | None:
    """The local day of the latest real contact: last_contact_at, a Touch or a held 1:1."""
    found: list[dt.date] = []
    person = Supporter.get_or_none(Supporter.id == supporter_id)
    if person is not None and person.last_contact_at is not None:
        found.append(_local_date(person.last_contact_at))
    touch = (
        Touch.select(Touch.happened_at)
        .where(Touch.supporter == supporter_id)
        .order_by(Touch.happened_at.desc())
        .first()
    )
    if touch is not None:
        found.append(_local_date(touch.happened_at))
    for meeting in Meeting.select().where(
        (Meeting.supporter == supporter_id) & (Meeting.status == "held")
    ):
        found.append(held_on(meeting))
    return max(found) if found else None


def held_on(meeting: Meeting) -> dt.date:
    """The local day a meeting took place (its times are local wall-clock ones)."""
    moment = meeting.ended_at or meeting.started_at or meeting.scheduled_at
    return moment.date() if moment is not None else dt.date.today()


def _stable_uid(*parts: object) -> str:
    return f"{uuid.uuid5(_UID_NAMESPACE, '|'.join(str(p) for p in parts))}@{UID_DOMAIN}"


def _thank_you_channel(person: Supporter) -> tuple[str, str]:
    """(channel, note): their preference, else card, email (with consent) or call."""
    has_address = bool(person.street.strip() and (person.city.strip() or person.postal_code))
    has_email = person.emails.count() > 0
    has_phone = person.phones.count() > 0
    if person.thank_you_preference in ("card", "email", "call"):
        return person.thank_you_preference, "They prefer this way of being thanked."
    if has_address:
        return "card", "A handwritten card to their postal address."
    if has_email and has_consent(person.id, "email_list"):
        return "email", "A short, personal email."
    if has_phone:
        return "call", "A short call to say thank you."
    return "", "No address, email or phone on file: thank them in person or find a way."


def _contact_channel(person: Supporter) -> str:
    return "call" if person.phones.count() else "email" if person.emails.count() else ""


def propose_plan(meeting_id: int, today: dt.date | None = None) -> list[ProposedTask]:
    """The follow-up the guide asks for after this held 1:1, for the organizer to edit.

    Raises FollowUpError when the meeting is gone or has not been held.
    """
    today = today or dt.date.today()
    meeting = Meeting.get_or_none(Meeting.id == meeting_id)
    if meeting is None:
        raise FollowUpError("This 1:1 is no longer stored (the person may have been erased).")
    if meeting.status != "held":
        raise FollowUpError("A follow-up plan can only be made once the 1:1 has been held.")
    person = Supporter.get_by_id(meeting.supporter_id)
    name = person.display_name
    met = held_on(meeting)
    plan: list[ProposedTask] = []

    channel, note = _thank_you_channel(person)
    verb = {"card": "Send a thank-you card to", "email": "Email a thank-you to"}.get(
        channel, "Call to thank" if channel == "call" else "Thank"
    )
    plan.append(
        ProposedTask(
            "thank_you",
            f"{verb} {name}",
            max(met + dt.timedelta(days=THANK_YOU_DAYS), today),
            channel=channel,
            notes=note,
            reminder_minutes=0,
            key="thank_you",
        )
    )

    commitments = (
        Commitment.select().where(Commitment.meeting == meeting.id).order_by(Commitment.id)
    )
    for commitment in commitments:
        plan.extend(_commitment_tasks(commitment, person, today))
    promises = (
        Promise.select()
        .where((Promise.meeting == meeting.id) & (Promise.status == "open"))
        .order_by(Promise.id)
    )
    for promise in promises:
        text = " ".join(promise.text.split())
        short = text if len(text) <= 80 else text[:79] + "…"
        due = promise.due_on or met + dt.timedelta(days=PROMISE_DAYS)
        plan.append(
            ProposedTask(
                "promise",
                f"Keep your promise to {name}: {short}",
                due,
                notes=promise.text,
                promise_id=promise.id,
                reminder_minutes=0,
                key=f"promise:{promise.id}",
            )
        )

    weeks = checkin_weeks()
    last = max(filter(None, (last_contact_on(person.id), met)))
    plan.append(
        ProposedTask(
            "check_in",
            f"Check-in call with {name}",
            max(last + dt.timedelta(weeks=weeks), today + dt.timedelta(days=1)),
            channel="call",
            rrule=f"FREQ=WEEKLY;INTERVAL={weeks}",
            is_ask=True,
            key="check_in",
            notes="Catch up, listen, and ask for help with what is coming up. Repeats every "
            f"{weeks} weeks, counted from your last real contact.",
        )
    )
    plan.append(
        ProposedTask(
            "non_ask_update",
            f"Call {name} with news, asking for nothing",
            max(met + dt.timedelta(days=NON_ASK_DAYS), today),
            channel=_contact_channel(person),
            notes="Share how the group is doing and the bigger strategy. Keep it social; "
            "this call asks for nothing.",
            key="non_ask_update",
        )
    )
    plan.extend(_permission_tasks(person, met, today))
    return plan


def _commitment_tasks(
    commitment: Commitment, person: Supporter, today: dt.date
) -> list[ProposedTask]:
    name = person.display_name
    if commitment.status == "not_yet":
        if commitment.ask_again_on is None:
            return []
        reason = (
            f" They said not yet: {commitment.not_yet_reason}" if commitment.not_yet_reason else ""
        )
        return [
            ProposedTask(
                "other",
                f"Ask {name} again about getting involved",
                max(commitment.ask_again_on, today),
                channel=_contact_channel(person),
                notes=reason.strip(),
                commitment_id=commitment.id,
                is_ask=True,
                key=f"ask_again:{commitment.id}",
            )
        ]
    if commitment.status != "pending" or commitment.due_at is None:
        return []
    due = commitment.due_at.date()
    activity = commitment.activity or "their commitment"
    goal = f"Goal: {commitment.goal}" if commitment.goal else ""
    found = []
    remind_on = next(
        (d for d in (due - dt.timedelta(days=2), due - dt.timedelta(days=1)) if d >= today), None
    )
    if remind_on is not None:
        found.append(
            ProposedTask(
                "commitment_reminder",
                f"Remind {name}: {activity} on {due:%b} {due.day}",
                remind_on,
                channel=_contact_channel(person),
                notes=goal,
                commitment_id=commitment.id,
                reminder_minutes=0,
                key=f"commitment_reminder:{commitment.id}",
            )
        )
    found.append(
        ProposedTask(
            "commitment_check",
            f"Ask {name} how it went: {activity}",
            max(due + dt.timedelta(days=1), today),
            channel=_contact_channel(person),
            notes=goal,
            commitment_id=commitment.id,
            key=f"commitment_check:{commitment.id}",
        )
    )
    return found


def _permission_tasks(person: Supporter, met: dt.date, today: dt.date) -> list[ProposedTask]:
    """Lists, networks and the #WhyWeResist mention: only what they said yes to."""
    name = person.display_name
    lists = []
    if has_consent(person.id, "email_list") and person.emails.count():
        lists.append("the email list")
    if has_consent(person.id, "phone_text") and person.phones.count():
        lists.append("the text list")
    mention = has_consent(person.id, "social_mention")
    if mention:
        lists.append("our social networks")
    found = []
    if lists:
        joined = ", ".join(lists[:-1]) + (" and " if len(lists) > 1 else "") + lists[-1]
        found.append(
            ProposedTask(
                "add_to_lists",
                f"Add {name} to {joined}",
                max(met + dt.timedelta(days=2), today),
                notes="They gave permission for these.",
                key="add_to_lists",
            )
        )
    if mention:
        found.append(
            ProposedTask(
                "social_mention",
                f"Post about your 1:1 with {name} (#WhyWeResist)",
                max(met + dt.timedelta(days=SOCIAL_MENTION_DAYS), today),
                channel="social",
                key="social_mention",
                notes="They said yes to being mentioned. Use #WhyWeResist; the "
                "fill-in-the-blank graphics are under Print.",
            )
        )
    return found


def _uid_for(meeting: Meeting, person: Supporter, proposal: ProposedTask) -> str:
    key = proposal.key or f"{proposal.kind}:{' '.join(proposal.title.split()).casefold()}"
    if key in _PER_PERSON:
        return _stable_uid("person", person.id, person.created_at, key)
    return _stable_uid("meeting", meeting.id, meeting.created_at, key)


def _problems(proposed: list[ProposedTask]) -> dict[str, str]:
    found: dict[str, str] = {}
    for index, p in enumerate(proposed):
        where = f"tasks.{index}"
        if p.kind not in Task.KINDS:
            found[f"{where}.kind"] = f"Task {index + 1}: unknown kind '{p.kind}'."
        if not p.title.strip():
            found[f"{where}.title"] = f"Task {index + 1}: give it a title."
        elif len(p.title) > 255:
            found[f"{where}.title"] = f"Task {index + 1}: the title is longer than 255 characters."
        if p.rrule:
            try:
                recurrence.check_rule(p.rrule)
            except recurrence.RecurrenceError as exc:
                found[f"{where}.rrule"] = f"Task {index + 1}: {exc.message}"
    return found


def accept_plan(meeting_id: int, proposed: list[ProposedTask]) -> list[Task]:
    """Store the (edited) plan as tasks, all or nothing; returns them in the plan's order.

    Each proposal has a stable UID, so accepting again updates the open tasks instead of
    adding copies (done or skipped ones are left alone; a finished check-in series restarts).
    Raises ValidationError (nothing stored) for bad proposals, FollowUpError when the meeting
    is gone.
    """
    problems = _problems(proposed)
    if problems:
        raise ValidationError(problems)
    meeting = Meeting.get_or_none(Meeting.id == meeting_id)
    if meeting is None:
        raise FollowUpError("This 1:1 is no longer stored (the person may have been erased).")
    person = Supporter.get_by_id(meeting.supporter_id)
    stored: list[Task] = []
    with db.atomic():
        for p in proposed:
            uid = _uid_for(meeting, person, p)
            values = {
                "kind": p.kind,
                "title": p.title.strip(),
                "due_on": p.due_on,
                "due_time": p.due_time,
                "channel": p.channel,
                "notes": p.notes,
                "rrule": recurrence.check_rule(p.rrule) if p.rrule else None,
                "commitment": p.commitment_id,
                "promise": p.promise_id,
                "is_ask": p.is_ask,
                "reminder_minutes": p.reminder_minutes,
            }
            task = Task.get_or_none(Task.uid == uid)
            if task is None:
                task = Task.create(uid=uid, supporter=person.id, meeting=meeting.id, **values)
            elif task.status in ("open", "snoozed") or p.kind == "check_in":
                for name, value in values.items():
                    setattr(task, name, value)
                task.status, task.snoozed_until, task.completed_at = "open", None, None
                task.meeting = meeting.id
                task.save()
            stored.append(task)
    return stored


def asks_balance(supporter_id: int) -> AskBalance:
    """Asks (commitments sought, contacts marked as asks) against contacts that asked nothing."""
    person = Supporter.get_or_none(Supporter.id == supporter_id)
    if person is None:
        raise FollowUpError("This person is no longer stored.")
    commitments = Commitment.select().where(Commitment.supporter == supporter_id).count()
    touches = Touch.select().where(Touch.supporter == supporter_id)
    asks = touches.where(Touch.is_ask == True).count()  # noqa: E712
    non_asks = touches.where(Touch.is_ask == False).count()  # noqa: E712
    return AskBalance(supporter_id, person.display_name, commitments + asks, non_asks)


def only_asked(limit: int = 200) -> list[AskBalance]:
    """People (not archived) we have asked for things but never contacted without an ask,
    the most-asked first: the ones to call with a non-ask update."""
    rows = db.execute_sql(
        "WITH a AS (SELECT supporter_id AS sid, COUNT(*) AS n FROM commitment GROUP BY supporter_id"
        " UNION ALL SELECT supporter_id, SUM(is_ask) FROM touch GROUP BY supporter_id),"
        " asks AS (SELECT sid, SUM(n) AS n FROM a GROUP BY sid HAVING SUM(n) > 0)"
        " SELECT s.id, s.preferred_name, s.first_name, s.last_name, asks.n FROM asks"
        " JOIN supporter s ON s.id = asks.sid WHERE s.archived_at IS NULL AND NOT EXISTS"
        " (SELECT 1 FROM touch t WHERE t.supporter_id = s.id AND t.is_ask = 0)"
        " ORDER BY asks.n DESC, s.last_name, s.first_name LIMIT ?",
        [limit],
    ).fetchall()
    return [AskBalance(sid, person_name(p, f, la), int(n), 0) for sid, p, f, la, n in rows]
