"""Adding, editing, merging, archiving and erasing supporters."""

from __future__ import annotations

import datetime as dt

import pytest

from oneonone_desktop.services import supporters as svc
from oneonone_desktop.services.supporters import Consent, SupporterData, ValidationError
from oneonone_desktop.store.models import ConsentRecord, Meeting, Supporter, SupporterEmail


def ana(**overrides) -> SupporterData:
    data = SupporterData(
        first_name="Ana",
        last_name="García",
        emails=["Ana@Example.org"],
        phones=["+1 (555) 010-2000"],
        labels={"tag": ["volunteer"], "issue": ["housing"]},
        stage_key="prospect",
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return data


def test_create_then_load_round_trips_every_field(database):
    data = ana(city="Tucson", consents={"email_list": Consent(True, dt.date(2026, 1, 5), "1:1")})
    person = svc.create_supporter(data)
    loaded = svc.load_data(person.id)
    assert loaded.first_name == "Ana" and loaded.city == "Tucson"
    assert loaded.emails == ["Ana@Example.org"]
    assert loaded.labels == {"tag": ["volunteer"], "issue": ["housing"]}
    assert loaded.stage_key == "prospect"
    assert loaded.consents["email_list"].granted is True
    assert loaded.consents["email_list"].given_on == dt.date(2026, 1, 5)


def test_invalid_input_names_each_problem_and_stores_nothing(database):
    bad = SupporterData(emails=["not-an-email"], phones=["call me maybe"])
    with pytest.raises(ValidationError) as info:
        svc.create_supporter(bad)
    assert set(info.value.problems) == {"first_name", "emails", "phones"}
    assert Supporter.select().count() == 0


def test_huge_text_is_refused_not_truncated(database):
    with pytest.raises(ValidationError) as info:
        svc.create_supporter(ana(city="x" * 5000))
    assert "city" in info.value.problems


def test_duplicate_found_by_email_in_any_case_or_by_phone_format(database):
    person = svc.create_supporter(ana())
    assert svc.find_duplicate(["ana@EXAMPLE.org "], []) == person.id
    assert svc.find_duplicate([], ["555.010.2000"]) == person.id
    assert svc.find_duplicate(["other@example.org"], ["555 999 0000"]) is None


def test_merge_fills_gaps_and_adds_contact_points_without_doubling(database):
    existing = ana()
    incoming = SupporterData(
        first_name="Ana", city="Tucson", emails=["ana@example.org", "a2@x.org"]
    )
    merged = svc.merge_into(existing, incoming)
    assert merged.city == "Tucson"
    assert merged.emails == ["Ana@Example.org", "a2@x.org"]


def test_consent_changes_are_logged_not_overwritten(database):
    person = svc.create_supporter(ana(consents={"social_mention": Consent(True)}))
    data = svc.load_data(person.id)
    data.consents["social_mention"] = Consent(False, how="asked us to stop")
    svc.update_supporter(person.id, data)
    assert not svc.has_consent(person.id, "social_mention")
    assert ConsentRecord.select().where(ConsentRecord.supporter == person.id).count() == 2


def test_archive_hides_and_restore_brings_back(database):
    person = svc.create_supporter(ana())
    svc.set_archived([person.id], True)
    assert Supporter.get_by_id(person.id).archived_at is not None
    svc.set_archived([person.id], False)
    assert Supporter.get_by_id(person.id).archived_at is None


def test_erase_removes_the_person_and_everything_about_them(database):
    person = svc.create_supporter(ana())
    Meeting.create(supporter=person, notes="talked about rent")
    svc.erase([person.id])
    assert Supporter.select().count() == 0
    assert SupporterEmail.select().count() == 0
    assert Meeting.select().count() == 0
    hits = database.execute_sql(
        "SELECT COUNT(*) FROM supporter_fts WHERE supporter_fts MATCH 'García'"
    ).fetchone()[0]
    assert hits == 0


def test_a_person_cannot_refer_themselves(database):
    person = svc.create_supporter(ana())
    with pytest.raises(ValidationError):
        svc.update_supporter(person.id, ana(referred_by_id=person.id))


def test_export_warning_names_how_many_did_not_agree_to_share(database):
    yes = svc.create_supporter(ana(consents={"share_chapter": Consent(True)})).id
    never = svc.create_supporter(ana(first_name="Bo", emails=["bo@x.org"], phones=[])).id
    withdrew = svc.create_supporter(
        ana(
            first_name="Cy",
            emails=["cy@x.org"],
            phones=[],
            consents={"share_chapter": Consent(True)},
        )
    ).id
    svc.record_consent(withdrew, "share_chapter", Consent(False, how="changed her mind"))
    assert sorted(svc.without_consent([yes, never, withdrew], "share_chapter")) == sorted(
        [never, withdrew]
    )
    assert svc.sharing_note([yes]) == ""
    assert svc.sharing_note([yes, never, withdrew]).startswith("2 people in this file")
