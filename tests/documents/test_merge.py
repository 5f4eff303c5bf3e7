"""Merge fields: values per person from the database (in a few queries for a whole batch),
language-aware dates, fallbacks, and unknown fields left visible and reported."""

from __future__ import annotations

import datetime as dt

import pytest

from oneonone_desktop.documents import merge
from oneonone_desktop.documents.merge import UnknownPeople, check_template, render
from oneonone_desktop.services.supporters import SupporterData, create_supporter
from oneonone_desktop.store.models import Commitment, Meeting, OrganizerProfile

TODAY = dt.date(2026, 3, 10)


def person(**fields: object) -> int:
    data = SupporterData(first_name="Ana", last_name="García", city="Tucson")
    for key, value in fields.items():
        setattr(data, key, value)
    return int(create_supporter(data).id)


def test_check_template_reports_unknown_fields_once_in_order():
    body = "Hi {first_name}, {frist_name}! {issue|it} {Favourite Colour} {frist_name} {ask}"
    assert check_template(body) == ["frist_name", "Favourite Colour"]
    assert check_template("Dear {preferred_name|friend}, see you {ask_date}.") == []


def test_render_fills_fields_uses_fallbacks_and_leaves_unknown_ones_visible():
    values = {"first_name": "Ana", "issue": "", "ask": "the huddle"}
    body = "Hi {first_name}! About {issue|what matters to you}: {ask}. {frist_name} {chapter}"
    assert render(body, values) == "Hi Ana! About what matters to you: the huddle. {frist_name} "


def test_fields_are_matched_whatever_the_case_or_spacing():
    assert render("{ First Name }", {"first_name": "Ana"}) == "Ana"
    assert check_template("{ First Name }") == []


def test_every_field_has_a_description_and_a_sample_value():
    for language in ("en", "es"):
        sample = merge.sample_values(language)
        assert set(sample) == set(merge.FIELDS)
        assert all(sample.values())


def test_values_come_from_the_person_their_last_held_meeting_and_latest_commitment(database):
    OrganizerProfile.update(name="Sam Rivera", chapter="Riverside Chapter").execute()
    sid = person(preferred_name="Anita", labels={"issue": ["housing", "transit"]})
    Meeting.create(supporter=sid, status="held", scheduled_at=dt.datetime(2026, 3, 4, 19))
    Meeting.create(supporter=sid, status="held", scheduled_at=dt.datetime(2026, 2, 1, 19))
    Meeting.create(supporter=sid, status="scheduled", scheduled_at=dt.datetime(2026, 3, 20, 9))
    Commitment.create(supporter=sid, activity="phone bank", due_at=dt.datetime(2026, 3, 1, 18))
    Commitment.create(supporter=sid, activity="", status="not_yet", not_yet_reason="busy")
    Commitment.create(
        supporter=sid, activity="the tenants' huddle", due_at=dt.datetime(2026, 3, 14, 10)
    )
    values = merge.merge_values_many([sid], "en", today=TODAY)[sid]
    assert values == {
        "first_name": "Ana",
        "preferred_name": "Anita",
        "last_name": "García",
        "full_name": "Ana García",
        "meeting_date": "March 4",
        "issue": "housing",
        "issues": "housing and transit",
        "ask": "the tenants' huddle",
        "ask_date": "Saturday, March 14 at 10:00 AM",
        "organizer_name": "Sam Rivera",
        "chapter": "Riverside Chapter",
        "city": "Tucson",
    }


def test_spanish_values_use_spanish_dates_and_lists(database):
    sid = person(labels={"issue": ["vivienda", "salud", "clima"]})
    Meeting.create(supporter=sid, status="held", scheduled_at=dt.datetime(2025, 12, 4, 19))
    Commitment.create(supporter=sid, activity="la marcha", due_at=dt.datetime(2026, 3, 14, 18, 30))
    values = merge.merge_values_many([sid], "es", today=TODAY)[sid]
    assert values["meeting_date"] == "4 de diciembre de 2025"
    assert values["issues"] == "vivienda, salud y clima"
    assert values["ask_date"] == "sábado 14 de marzo a las 18:30"


def test_preferred_name_falls_back_to_first_name_and_missing_things_are_blank(database):
    sid = person()
    values = merge.merge_values(sid)
    assert values["preferred_name"] == "Ana"
    assert values["meeting_date"] == values["issue"] == values["ask"] == values["ask_date"] == ""


def test_dates_show_the_year_only_when_it_is_not_this_year():
    assert merge.format_date(dt.date(2026, 1, 5), "en", TODAY) == "January 5"
    assert merge.format_date(dt.date(2025, 1, 5), "en", TODAY) == "January 5, 2025"
    assert merge.format_when(dt.datetime(2026, 3, 14), "en", TODAY) == "Saturday, March 14"
    assert merge.format_when(dt.datetime(2026, 3, 14, 13, 5), "en", TODAY).endswith("1:05 PM")


def test_unknown_people_are_reported_before_anything_is_merged(database):
    sid = person()
    with pytest.raises(UnknownPeople) as caught:
        merge.merge_values_many([sid, 4242, 4243])
    assert caught.value.ids == [4242, 4243]
    assert "4242" in caught.value.message


def insert_people(database: object, count: int) -> list[int]:
    cursor = database.cursor()  # type: ignore[attr-defined]
    rows = [
        (f"Person{i}", f"Last{i}", "", "", "", "", "", "City", "", "", "", "", "", "", "2026-01-01")
        for i in range(count)
    ]
    with database.atomic():  # type: ignore[attr-defined]
        cursor.executemany(
            "INSERT INTO supporter (first_name, last_name, preferred_name, pronouns, language,"
            " street, street2, city, region, postal_code, country, how_met, background,"
            " thank_you_preference, created_at, updated_at) VALUES"
            " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(*row, row[-1]) for row in rows],
        )
    return [r[0] for r in database.execute_sql("SELECT id FROM supporter ORDER BY id")]  # type: ignore[attr-defined]


def count_queries(database: object, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    original = database.execute_sql  # type: ignore[attr-defined]

    def counting(sql: str, *args: object, **kwargs: object) -> object:
        seen.append(sql)
        return original(sql, *args, **kwargs)

    monkeypatch.setattr(database, "execute_sql", counting)
    return seen


def test_a_thousand_people_take_a_handful_of_queries_not_thousands(database, monkeypatch):
    ids = insert_people(database, 1000)
    seen = count_queries(database, monkeypatch)
    values = merge.merge_values_many(ids)
    assert len(values) == 1000 and values[ids[-1]]["first_name"] == "Person999"
    assert len(seen) <= 10  # the organizer once, then 4 per 500 people
    seen.clear()
    merge.merge_values_many(ids[:1])
    assert len(seen) == 5
