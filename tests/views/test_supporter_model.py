"""The supporter table model, without a window: pages, SQL filter and sort, roles."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt

from oneonone_desktop.services.supporter_list import SupporterFilter
from oneonone_desktop.store.models import Supporter
from oneonone_desktop.views.supporter_model import (
    COL_LAST_CONTACT,
    COL_NAME,
    COLUMNS,
    FIRST_PAGE,
    PAGE_SIZE,
    SortKeyRole,
    SupporterIdRole,
    SupporterTableModel,
)


def names(model: SupporterTableModel) -> list[str]:
    return [model.index(r, COL_NAME).data() for r in range(model.rowCount())]


def test_rows_are_fetched_lazily_one_page_at_a_time(database, many_people):
    many_people(450)
    model = SupporterTableModel(database)
    model.set_filter(SupporterFilter())
    assert model.rowCount() == FIRST_PAGE
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == FIRST_PAGE + PAGE_SIZE
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 450
    assert not model.canFetchMore(QModelIndex())
    assert model.total() == 450


def test_search_filter_narrows_rows_in_sql(database, add_person):
    add_person("Ana", "García", emails=["ana@casa.org"])
    add_person("Ben", "Okafor", labels={"tag": ["huddle"]})
    model = SupporterTableModel(database)
    model.set_filter(SupporterFilter(search="hud"))
    assert names(model) == ["Ben Okafor"]
    model.set_filter(SupporterFilter(search="casa"))
    assert names(model) == ["Ana García"]
    model.set_filter(SupporterFilter(search="nobody"))
    assert model.rowCount() == 0
    assert model.total() == 0
    assert model.everyone_count() == 2


def test_sort_by_a_column_runs_in_sql_either_way(database, add_person):
    add_person("Zoe", "Adams", city="Corona")
    add_person("Al", "Young", city="Alameda")
    model = SupporterTableModel(database)
    model.set_filter(SupporterFilter())
    assert names(model) == ["Zoe Adams", "Al Young"]
    city = next(c for c, (_, key, _) in enumerate(COLUMNS) if key == "city")
    model.sort(city, Qt.SortOrder.AscendingOrder)
    assert names(model) == ["Al Young", "Zoe Adams"]
    model.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert names(model) == ["Al Young", "Zoe Adams"]
    assert model.filter.descending


def test_roles_give_the_id_and_raw_values(database, add_person):
    ana = add_person("Ana", "García")
    Supporter.update(last_contact_at=dt.datetime(2024, 3, 1, 12)).execute()
    model = SupporterTableModel(database)
    model.set_filter(SupporterFilter())
    assert model.index(0, COL_NAME).data(SupporterIdRole) == ana
    assert model.index(0, COL_LAST_CONTACT).data(SortKeyRole) == dt.datetime(2024, 3, 1, 12)
    assert model.headerData(COL_NAME, Qt.Orientation.Horizontal) == "Name"
    assert model.supporter_id(0) == ana
    assert model.row_of(ana) == 0


def test_never_contacted_shows_never(database, add_person):
    add_person("New", "Person")
    model = SupporterTableModel(database)
    model.set_filter(SupporterFilter())
    assert model.index(0, COL_LAST_CONTACT).data() == "never"


def test_refresh_keeps_the_rows_already_loaded(database, many_people):
    many_people(450)
    model = SupporterTableModel(database)
    model.set_filter(SupporterFilter())
    model.fetchMore(QModelIndex())
    model.refresh()
    assert model.rowCount() == FIRST_PAGE + PAGE_SIZE


def test_unset_roles_50000_times_do_not_crash_the_interpreter(database, add_person):
    # PySide6 6.12 on Python 3.11 decremented None's refcount on every such call and aborted
    # the process after a few thousand (see STACK.md); this would die, not fail, on that build.
    add_person("Ana", "García")
    model = SupporterTableModel(database)
    model.set_filter(SupporterFilter())
    index = model.index(0, COL_NAME)
    unset = int(Qt.ItemDataRole.UserRole) + 99
    for _ in range(50_000):
        assert index.data(unset) is None
        assert model.data(index, Qt.ItemDataRole.DecorationRole) is None
        assert model.headerData(0, Qt.Orientation.Vertical) is None
        assert model.headerData(0, Qt.Orientation.Horizontal, unset) is None
