"""Repeat rules: expansion inside a window, DST, EXDATE, bounds, restarting and rebasing."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from oneonone_desktop.services import recurrence
from oneonone_desktop.services.recurrence import RecurrenceError

NEW_YORK = ZoneInfo("America/New_York")
UTC = dt.timezone.utc


def test_weekly_7pm_stays_7pm_across_the_march_dst_change():
    first = dt.datetime(2026, 3, 3, 19, 0, tzinfo=NEW_YORK)  # DST starts Sunday 8 March 2026
    found = recurrence.timed_occurrences(
        "FREQ=WEEKLY", first, dt.date(2026, 3, 1), dt.date(2026, 3, 20)
    )
    assert [m.date() for m in found] == [
        dt.date(2026, 3, 3),
        dt.date(2026, 3, 10),
        dt.date(2026, 3, 17),
    ]
    assert {m.time() for m in found} == {dt.time(19, 0)}
    in_utc = [m.astimezone(UTC).time() for m in found]
    assert in_utc == [dt.time(0, 0), dt.time(23, 0), dt.time(23, 0)]


def test_weekly_7pm_stays_7pm_across_the_november_dst_change():
    first = dt.datetime(2026, 10, 27, 19, 0, tzinfo=NEW_YORK)  # DST ends Sunday 1 November 2026
    found = recurrence.timed_occurrences(
        "FREQ=WEEKLY;COUNT=3", first, dt.date(2026, 10, 1), dt.date(2026, 12, 31)
    )
    assert [m.strftime("%m-%d %H:%M") for m in found] == [
        "10-27 19:00",
        "11-03 19:00",
        "11-10 19:00",
    ]
    assert [m.utcoffset() for m in found] == [
        dt.timedelta(hours=-4),
        dt.timedelta(hours=-5),
        dt.timedelta(hours=-5),
    ]


def test_rules_with_byday_keep_wall_clock_across_dst_too():
    first = dt.datetime(2026, 3, 2, 18, 30, tzinfo=NEW_YORK)
    found = recurrence.timed_occurrences(
        "FREQ=WEEKLY;BYDAY=MO,TH", first, dt.date(2026, 3, 1), dt.date(2026, 3, 13)
    )
    assert [m.day for m in found] == [2, 5, 9, 12]
    assert {(m.hour, m.minute) for m in found} == {(18, 30)}


def test_until_in_utc_ends_an_aware_series_at_the_right_instant():
    first = dt.datetime(2026, 3, 3, 19, 0, tzinfo=NEW_YORK)
    # 17 March 23:00 UTC is exactly 7 pm in New York (EDT): that occurrence is included.
    rule = "FREQ=WEEKLY;UNTIL=20260317T230000Z"
    found = recurrence.timed_occurrences(rule, first, dt.date(2026, 3, 1), dt.date(2026, 4, 30))
    assert [m.day for m in found] == [3, 10, 17]


def test_exdates_remove_whole_days_or_single_moments():
    rule = "FREQ=DAILY;COUNT=5"
    assert recurrence.occurrences(
        rule, dt.date(2026, 3, 1), dt.date(2026, 3, 1), dt.date(2026, 3, 31),
        exdates={dt.date(2026, 3, 2), dt.date(2026, 3, 4)},
    ) == [dt.date(2026, 3, 1), dt.date(2026, 3, 3), dt.date(2026, 3, 5)]  # fmt: skip
    first = dt.datetime(2026, 3, 1, 9, 0)
    found = recurrence.timed_occurrences(
        rule, first, first, dt.date(2026, 3, 31), exdates={dt.datetime(2026, 3, 3, 9, 0)}
    )
    assert dt.datetime(2026, 3, 3, 9, 0) not in found and len(found) == 4


def test_a_rule_without_end_from_long_ago_expands_only_inside_the_window():
    found = recurrence.occurrences(
        "FREQ=DAILY", dt.date(1900, 1, 1), dt.date(2026, 3, 1), dt.date(2026, 3, 31)
    )
    assert found[0] == dt.date(2026, 3, 1) and len(found) == 31
    general = recurrence.occurrences(
        "FREQ=WEEKLY;BYDAY=MO,FR", dt.date(1900, 1, 1), dt.date(2026, 3, 1), dt.date(2026, 3, 31)
    )
    assert general and all(d.weekday() in (0, 4) for d in general)


def test_expansion_is_capped_by_the_limit():
    found = recurrence.occurrences(
        "FREQ=DAILY", dt.date(2000, 1, 1), dt.date(2000, 1, 1), dt.date(2099, 12, 31), limit=50
    )
    assert len(found) == 50


def test_a_rule_that_never_happens_is_refused_instead_of_searched_for():
    # 30 February never comes: dateutil would search until the year 9999.
    with pytest.raises(RecurrenceError) as info:
        recurrence.occurrences(
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=3",
            dt.date(2026, 1, 1),
            dt.date(2026, 1, 2),
            dt.date(9999, 12, 31),
        )
    assert "never happens" in info.value.message


def test_a_rare_rule_is_only_searched_up_to_the_window_end():
    leap_days = recurrence.occurrences(
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", dt.date(2024, 2, 29), dt.date(2025, 1, 1),
        dt.date(2031, 12, 31),
    )  # fmt: skip
    assert leap_days == [dt.date(2028, 2, 29)]


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=HOURLY", "more often than once a day"),
        ("FREQ=MINUTELY;INTERVAL=5", "more often than once a day"),
        ("", "empty"),
        ("INTERVAL=2", "how often"),
        ("FREQ=FORTNIGHTLY", "unknown frequency"),
        ("FREQ=WEEKLY;BYDAY=XX", "not valid"),
        ("FREQ=DAILY;COUNT=0", "1 or more"),
        ("FREQ=DAILY;COUNT=3;UNTIL=20260101", "both COUNT and UNTIL"),
        ("FREQ=DAILY;UNTIL=tomorrow", "not a date"),
        ("nonsense", "not valid"),
    ],
)
def test_unusable_rules_are_refused_in_plain_words(rule, words):
    with pytest.raises(RecurrenceError) as info:
        recurrence.check_rule(rule)
    assert words in info.value.message


def test_check_rule_normalises_case_and_prefix():
    assert recurrence.check_rule("RRULE:freq=weekly;interval=4") == "FREQ=WEEKLY;INTERVAL=4"


def test_restart_counts_the_anchor_as_done_and_returns_the_next_date():
    assert recurrence.restart("FREQ=WEEKLY;INTERVAL=4", dt.date(2026, 3, 10)) == (
        "FREQ=WEEKLY;INTERVAL=4",
        dt.date(2026, 4, 7),
    )
    assert recurrence.restart("FREQ=WEEKLY;COUNT=2", dt.date(2026, 3, 10)) == (
        "FREQ=WEEKLY;COUNT=1",
        dt.date(2026, 3, 17),
    )
    assert recurrence.restart("FREQ=WEEKLY;COUNT=1", dt.date(2026, 3, 10)) is None


def test_next_occurrence_skips_exdates_and_ends_with_the_series():
    first = dt.date(2026, 3, 2)
    rule = "FREQ=WEEKLY;UNTIL=20260316"
    assert recurrence.next_occurrence(rule, first, first) == dt.date(2026, 3, 9)
    assert recurrence.next_occurrence(rule, first, first, exdates={dt.date(2026, 3, 9)}) == (
        dt.date(2026, 3, 16)
    )
    assert recurrence.next_occurrence(rule, first, dt.date(2026, 3, 16)) is None


def test_exdates_round_trip_through_storage_text():
    dates = [dt.date(2026, 3, 17), dt.date(2026, 3, 10)]
    text = recurrence.format_exdates(dates)
    assert text == "2026-03-10,2026-03-17"
    assert recurrence.parse_exdates(text + ",garbage") == sorted(dates)


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=WEEKLY;INTERVAL=4", "every 4 weeks"),
        ("FREQ=WEEKLY;BYDAY=MO,WE", "every week on Monday, Wednesday"),
        ("FREQ=DAILY;COUNT=5", "every day, 5 times"),
        ("FREQ=MONTHLY;UNTIL=20261231", "every month, until 2026-12-31"),
        ("FREQ=HOURLY", "repeats (rule not understood)"),
    ],
)
def test_describe_says_the_rule_in_plain_words(rule, words):
    assert recurrence.describe(rule) == words


simple_rules = st.builds(
    lambda freq, interval, count: (
        f"FREQ={freq};INTERVAL={interval}" + (f";COUNT={count}" if count else "")
    ),
    st.sampled_from(["DAILY", "WEEKLY"]),
    st.integers(1, 6),
    st.one_of(st.none(), st.integers(1, 40)),
)
days = st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))


@settings(max_examples=150, deadline=None)
@given(rule=simple_rules, first=days, offset=st.integers(0, 400), span=st.integers(0, 120))
def test_fast_path_matches_dateutil(rule, first, offset, span):
    start = first + dt.timedelta(days=offset)
    end = start + dt.timedelta(days=span)
    expected = [
        d.date()
        for d in rrulestr(rule, dtstart=dt.datetime.combine(first, dt.time(0))).between(
            dt.datetime.combine(start, dt.time(0)), dt.datetime.combine(end, dt.time(0)), inc=True
        )
    ]
    assert recurrence.occurrences(rule, first, start, end) == expected


@settings(max_examples=150, deadline=None)
@given(
    rule=st.one_of(
        simple_rules,
        st.sampled_from(["FREQ=WEEKLY;BYDAY=MO,TH", "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=9"]),
    ),
    first=days,
    shift=st.integers(0, 300),
)
def test_rebase_keeps_every_future_occurrence(rule, first, shift):
    cut = first + dt.timedelta(days=shift)
    horizon = cut + dt.timedelta(days=400)
    rebased = recurrence.rebase(rule, first, cut)
    before = recurrence.occurrences(rule, first, cut, horizon)
    if rebased is None:
        assert before == []
        return
    new_rule, new_first = rebased
    assert new_first == before[0]
    assert recurrence.occurrences(new_rule, new_first, cut, horizon) == before
