"""The survey report: answers counted per question, quotes only with consent, anonymous unless
names are asked for, small counts masked, follow-up completion."""

from __future__ import annotations

import datetime as dt

import pytest

from oneonone_desktop.services.report_data import Period
from oneonone_desktop.services.report_survey import (
    FEWER,
    LEARNED_SOURCE,
    build_report,
    count_text,
)
from oneonone_desktop.store.models import (
    Answer,
    ConsentRecord,
    Meeting,
    OrganizerProfile,
    Supporter,
    SupporterEmail,
    Task,
)

PERIOD = Period(dt.date(2025, 3, 1), dt.date(2025, 3, 31))
TODAY = dt.date(2025, 4, 2)


def meeting(person: Supporter, day: int, learned: str = "") -> Meeting:
    start = dt.datetime(2025, 3, day, 18, 0)
    return Meeting.create(
        supporter=person, status="held", scheduled_at=start, ended_at=start, learned=learned
    )


def consent(person: Supporter, channel: str, granted: bool, day: int) -> None:
    ConsentRecord.create(
        supporter=person,
        channel=channel,
        granted=granted,
        recorded_at=dt.datetime(2025, 2, day, 12, 0),
    )


@pytest.fixture
def survey(database) -> dict[str, Supporter]:
    """Six 1:1s; yes/no, choice and text answers; different consents to share."""
    OrganizerProfile.update(name="Sam Rivera", chapter="Riverside Women's March").execute()
    people = {}
    for n, name in enumerate(("Rosa", "Tom", "Aisha", "Carmen", "Dana", "Eli")):
        person = Supporter.create(first_name=name, last_name="Delgado" if n == 0 else "Smith")
        SupporterEmail.create(
            supporter=person, address=f"{name.lower()}@example.org", address_norm=name.lower()
        )
        people[name] = person
        m = meeting(person, 3 + n, learned=f"{name} knows the whole block." if n < 2 else "")
        Answer.create(
            meeting=m,
            number="1",
            question_text="Do you believe your values are reflected?",
            yes_no="no" if n else "yes",
        )
        Answer.create(
            meeting=m,
            number="10",
            question_text="Federal or state laws?",
            choice="State laws" if n < 4 else "Federal laws",
        )
        if n < 3:
            Answer.create(
                meeting=m,
                number="3",
                question_text="Why do you believe the Republican party won?",
                answer=f"Ask {name}: call 951-555-0142 or {name.lower()}@example.org. Rents.",
            )
    consent(people["Rosa"], "share_chapter", True, 1)  # shares
    consent(people["Tom"], "social_mention", True, 1)  # a public mention only: not enough
    consent(people["Aisha"], "share_chapter", True, 1)
    consent(people["Aisha"], "share_chapter", False, 9)  # then withdrew
    Meeting.create(supporter=people["Rosa"], status="held", ended_at=dt.datetime(2025, 4, 1, 9))
    return people


def test_small_counts_read_fewer_than_5_only_when_masked():
    assert [count_text(n, True) for n in (0, 1, 4, 5, 1200)] == ["0", FEWER, FEWER, "5", "1,200"]
    assert count_text(3, False) == "3"


def test_answers_are_counted_per_question_in_question_order(survey, database):
    report = build_report(database, PERIOD, today=TODAY)
    assert [(a.number, a.kind, a.counts, a.answered) for a in report.answers] == [
        ("1", "yes_no", (("Yes", 1), ("No", 5)), 6),
        ("3", "text", (), 3),
        ("10", "choice", (("State laws", 4), ("Federal laws", 2)), 6),
    ]
    assert report.people_met == 6


def test_quotes_come_only_from_people_who_agreed_to_share_with_the_chapter(survey, database):
    report = build_report(database, PERIOD, today=TODAY)
    assert [q.source for q in report.quotes] == [
        "3. Why do you believe the Republican party won?",
        LEARNED_SOURCE,
    ]  # Rosa's two; Tom only agreed to a mention online, Aisha withdrew


def test_the_anonymous_report_blanks_names_emails_and_phones_in_quotes(survey, database):
    report = build_report(database, PERIOD, today=TODAY)
    assert report.quotes[0].text == "Ask [name]: call [phone] or [email]. Rents."
    assert report.quotes[1].text == "[name] knows the whole block."
    assert all(q.name == "" and q.on is None for q in report.quotes)
    assert report.organizer == "" and report.chapter == "Riverside Women's March"
    assert report.masked and report.count(2) == FEWER


def test_including_names_keeps_quotes_as_said_with_who_and_when(survey, database):
    report = build_report(database, PERIOD, include_personal=True, today=TODAY)
    first = report.quotes[0]
    assert first.text.startswith("Ask Rosa: call 951-555-0142 or rosa@example.org.")
    assert (first.name, first.on) == ("Rosa Delgado", dt.date(2025, 3, 3))
    assert len(report.quotes) == 2  # still only with consent
    assert report.organizer == "Sam Rivera" and report.count(2) == "2"


def test_the_anonymous_report_carries_no_one_named_in_its_lists(survey, database):
    report = build_report(database, PERIOD, today=TODAY)
    assert report.dashboard.not_thanked == [] and report.dashboard.quiet == []
    assert all(m.name == "" and m.supporter_id == 0 for m in report.dashboard.moves)


def test_follow_up_completion_counts_one_off_tasks_of_the_periods_1on1s(survey, database):
    rosa_meeting = Meeting.get(Meeting.supporter == survey["Rosa"], Meeting.learned != "")
    for n, (status, due) in enumerate(
        (("done", 4), ("skipped", 5), ("open", 20), ("snoozed", 30), ("open", 3))
    ):
        Task.create(
            supporter=survey["Rosa"],
            meeting=rosa_meeting,
            kind="thank_you" if n == 0 else "other",
            title="t",
            due_on=dt.date(2025, 4, due) if due < 10 else dt.date(2025, 3, due),
            status=status,
            completed_at=dt.datetime(2025, 3, 4, 12) if status == "done" else None,
            uid=f"u{n}",
        )
    Task.create(
        supporter=survey["Rosa"],
        meeting=rosa_meeting,
        kind="check_in",
        title="every 4 weeks",
        due_on=dt.date(2025, 3, 31),
        rrule="FREQ=WEEKLY;INTERVAL=4",
        uid="r",
    )
    f = build_report(database, PERIOD, today=TODAY).followup
    assert (f.tasks, f.done, f.skipped, f.open, f.overdue) == (5, 1, 1, 3, 2)
    assert (f.thanks_due, f.thanked_in_time) == (6, 1)
