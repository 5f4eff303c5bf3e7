"""The list's search, filters and sort, run in SQL."""

from __future__ import annotations

import datetime as dt

from oneonone_desktop.services import supporter_list as sl
from oneonone_desktop.services import supporters as svc
from oneonone_desktop.services.supporters import Consent, SupporterData
from oneonone_desktop.store.models import Supporter


def add(first, last, **kw) -> int:
    return svc.create_supporter(SupporterData(first_name=first, last_name=last, **kw)).id


def names(database, **filters) -> list[str]:
    return [r.name for r in sl.fetch_page(database, sl.SupporterFilter(**filters), 0, 100)]


def test_search_matches_prefixes_of_names_emails_phones_tags_and_notes(database):
    add("Ana", "García", emails=["ana@casa.org"], labels={"tag": ["huddle"]})
    add("Ben", "Okafor", phones=["555-010-3000"], background="teacher at Lincoln High")
    add("Chloé", "Martin")
    assert names(database, search="gar") == ["Ana García"]
    assert names(database, search="casa") == ["Ana García"]
    assert names(database, search="huddle") == ["Ana García"]
    assert names(database, search="5550103") == ["Ben Okafor"]
    assert names(database, search="lincoln") == ["Ben Okafor"]
    assert names(database, search="chloe") == ["Chloé Martin"]  # accents ignored
    assert names(database, search="ana gar") == ["Ana García"]
    assert names(database, search="ana ben") == []


def test_sort_by_name_either_way(database):
    for first, last in [("Zoe", "Adams"), ("Al", "Young"), ("Bea", "Mills")]:
        add(first, last)
    assert names(database) == ["Zoe Adams", "Bea Mills", "Al Young"]
    assert names(database, descending=True) == ["Al Young", "Bea Mills", "Zoe Adams"]
    assert names(database, sort="first_name") == ["Al Young", "Bea Mills", "Zoe Adams"]


def test_filters_by_stage_tag_issue_and_consent(database):
    add("A", "One", stage_key="member", labels={"tag": ["x"], "issue": ["water"]})
    add("B", "Two", stage_key="leader", consents={"email_list": Consent(True)})
    assert names(database, stage_keys=["member"]) == ["A One"]
    assert names(database, tag="X") == ["A One"]
    assert names(database, issue="water") == ["A One"]
    assert names(database, consent="email_list") == ["B Two"]


def test_not_contacted_filter_uses_last_contact(database):
    recent = add("Recent", "Contact")
    add("Never", "Contacted")
    Supporter.update(last_contact_at=dt.datetime.now()).where(Supporter.id == recent).execute()
    assert names(database, not_contacted_days=30) == ["Never Contacted"]


def test_archived_people_are_listed_only_in_the_archive(database):
    gone = add("Old", "Friend")
    add("New", "Friend")
    svc.set_archived([gone], True)
    assert names(database) == ["New Friend"]
    assert names(database, archived=True) == ["Old Friend"]
    assert sl.count(database, sl.SupporterFilter()) == 1


def test_pages_cover_the_list_without_gaps_or_repeats(database):
    for i in range(25):
        add(f"P{i:02d}", "Same")
    flt = sl.SupporterFilter(sort="first_name")
    pages = [sl.fetch_page(database, flt, offset, 10) for offset in (0, 10, 20)]
    ids = [r.id for page in pages for r in page]
    assert len(ids) == 25 and len(set(ids)) == 25
    assert ids == sl.all_ids(database, flt)


def test_dense_search_walks_the_name_index_and_gives_the_same_pages(database, monkeypatch):
    for i in range(30):
        add(f"Sam{i:02d}", f"Zed{29 - i:02d}", labels={"tag": ["huddle"]})
    add("Other", "Person")
    flt = sl.SupporterFilter(search="huddle")
    sorted_pages = [r.id for off in (0, 10, 20) for r in sl.fetch_page(database, flt, off, 10)]
    monkeypatch.setattr(sl, "DENSE_MATCHES", 5)
    walked_pages = [r.id for off in (0, 10, 20) for r in sl.fetch_page(database, flt, off, 10)]
    assert walked_pages == sorted_pages
    assert len(set(walked_pages)) == 30
    assert sl.count_at_most(database, flt, 5) == 5
    assert sl.count(database, flt) == 30
