"""The Reports section: how the organizing is going over a period (tiles and charts) and who needs
attention, with the button that exports the report back.

Signals: openPerson(int) (a person clicked in a list), noticeRequested(str) (after an export).
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from collections.abc import Callable

from peewee import SqliteDatabase
from PySide6.QtCore import QDate, QLocale, QSettings, Qt, Signal
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.services import reports
from oneonone_desktop.services.report_data import PRESETS, Period
from oneonone_desktop.views.icons import icon
from oneonone_desktop.views.reports.charts import CommitmentBar, IssueBars, WeeklyBars
from oneonone_desktop.views.reports.parts import STYLE, Tile, card, qdate, short_day

CUSTOM = "custom"
ACTION_LINES = 4


class DashboardPage(QWidget):
    openPerson = Signal(int)
    noticeRequested = Signal(str)

    def __init__(
        self,
        database: SqliteDatabase,
        settings: QSettings,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportsPage")
        self.setStyleSheet(STYLE)
        self.database, self.settings, self.today = database, settings, today
        self.board: reports.Dashboard | None = None
        self._locale = QLocale()
        self._loading = True

        title = QLabel(self.tr("Reports"))
        title.setObjectName("pageTitle")
        self.period_combo = QComboBox()
        self.period_combo.setAccessibleName(self.tr("Period"))
        for key, words in zip(
            (*PRESETS, CUSTOM),
            (self.tr("Last 4 weeks"), self.tr("Last 3 months"), self.tr("Last 12 months"),
             self.tr("Custom dates")),
            strict=True,
        ):  # fmt: skip
            self.period_combo.addItem(words, key)
        self.since_edit, self.until_edit = QDateEdit(), QDateEdit()
        for edit, name in ((self.since_edit, self.tr("From")), (self.until_edit, self.tr("To"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setAccessibleName(name)
        self.span_label = QLabel()
        self.span_label.setObjectName("personSubtitle")
        self.export_button = QPushButton(icon("export"), self.tr("Export report…"))
        self.export_button.setToolTip(self.tr("Save the report back as a PDF or a spreadsheet"))
        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(title)
        head.addSpacing(16)
        head.addWidget(self.period_combo)
        head.addWidget(self.since_edit)
        head.addWidget(self.until_edit)
        head.addWidget(self.span_label)
        head.addStretch(1)
        head.addWidget(self.export_button)

        self.tiles = {
            "held": Tile(self.tr("1:1s held"), self.tr("Meetings marked held in the period.")),
            "asks": Tile(
                self.tr("Asks made"),
                self.tr("Every commitment asked for in a 1:1 of the period, 'not yet' included."),
            ),
            "promises": Tile(
                self.tr("Your promises kept on time"),
                self.tr("The promises you made to people, due in the period."),
            ),
            "moves": Tile(
                self.tr("Moved up the ladder"),
                self.tr("People on a higher rung at the end of the period than at its start."),
            ),
            "thanks": Tile(
                self.tr("Thanked within two days"),
                self.tr("1:1s followed by a thank-you or any contact within two days."),
            ),
        }
        tiles = QHBoxLayout()
        tiles.setSpacing(10)
        for tile in self.tiles.values():
            tiles.addWidget(tile, 1)

        self.weekly_chart = WeeklyBars()
        self.commitment_chart = CommitmentBar()
        self.issue_chart = IssueBars()
        self.not_thanked_list = self._list(self.tr("People not thanked within two days"))
        self.quiet_list = self._list(self.tr("People not contacted for weeks"))
        self.quiet_weeks = QSpinBox()
        self.quiet_weeks.setRange(1, 52)
        self.quiet_weeks.setSuffix(self.tr(" weeks"))
        self.quiet_weeks.setAccessibleName(self.tr("Not contacted in this many weeks"))
        self.quiet_more = QLabel()
        self.quiet_more.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        grid = QGridLayout()
        grid.setSpacing(10)
        self.by_action = QLabel()
        self.by_action.setObjectName("byAction")
        self.by_action.setWordWrap(True)
        self.by_action.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.issue_note = QLabel()
        self.issue_note.setWordWrap(True)
        self.issue_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        weekly, _, _ = card(self.tr("1:1s held per week"), self.weekly_chart)
        asks, asks_body, _ = card(self.tr("Commitments asked for"), self.commitment_chart)
        asks_body.addWidget(self.by_action, 1)
        issues, issues_body, _ = card(self.tr("Top issues raised"), self.issue_chart, 0)
        issues_body.addWidget(self.issue_note)
        issues_body.addStretch(1)
        thanked, _, _ = card(self.tr("Not thanked within two days"), self.not_thanked_list)
        quiet, quiet_body, quiet_head = card(self.tr("Not contacted in"), self.quiet_list)
        quiet_head.insertWidget(1, self.quiet_weeks)
        quiet_body.addWidget(self.quiet_more)
        grid.addWidget(weekly, 0, 0, 1, 2)
        grid.addWidget(asks, 0, 2)
        grid.addWidget(issues, 1, 0)
        grid.addWidget(thanked, 1, 1)
        grid.addWidget(quiet, 1, 2)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        grid.setRowStretch(0, 2)
        grid.setRowStretch(1, 3)

        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(16, 12, 16, 12)
        body.setSpacing(10)
        body.addLayout(head)
        body.addLayout(tiles)
        body.addLayout(grid, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self._restore()
        self.period_combo.currentIndexChanged.connect(self._period_changed)
        self.since_edit.dateChanged.connect(self._dates_changed)
        self.until_edit.dateChanged.connect(self._dates_changed)
        self.quiet_weeks.valueChanged.connect(self._quiet_changed)
        self.export_button.clicked.connect(self.export)
        self._loading = False

    # --- the period -------------------------------------------------------------------------

    def _list(self, name: str) -> QListWidget:
        people = QListWidget()
        people.setAccessibleName(name)
        people.setCursor(Qt.CursorShape.PointingHandCursor)
        people.setWordWrap(True)
        people.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        people.itemClicked.connect(self._open_item)
        people.itemActivated.connect(self._open_item)
        return people

    def _restore(self) -> None:
        key = str(self.settings.value("reports/period", "3m"))
        index = self.period_combo.findData(key)
        self.period_combo.setCurrentIndex(index if index >= 0 else 1)
        today = self.today()
        since = qdate(Period.last("3m", today).since)
        until = qdate(today)
        saved = self.settings.value("reports/custom", "")
        if isinstance(saved, str) and "/" in saved:
            first, last = (
                QDate.fromString(part, Qt.DateFormat.ISODate) for part in saved.split("/")
            )
            if first.isValid() and last.isValid() and first <= last:
                since, until = first, last
        self.since_edit.setDate(since)
        self.until_edit.setDate(until)
        from oneonone_desktop.services.followup import checkin_weeks

        try:
            weeks = int(self.settings.value("reports/quiet_weeks", checkin_weeks()))
        except (TypeError, ValueError):  # a settings file edited by hand
            weeks = checkin_weeks()
        self.quiet_weeks.setValue(weeks)
        self._show_custom()

    def _show_custom(self) -> None:
        custom = self.period_combo.currentData() == CUSTOM
        self.since_edit.setVisible(custom)
        self.until_edit.setVisible(custom)
        self.span_label.setVisible(not custom)

    def period(self) -> Period:
        """The period the page shows."""
        key = str(self.period_combo.currentData())
        if key == CUSTOM:
            since, until = self.since_edit.date().toPython(), self.until_edit.date().toPython()
            return Period(min(since, until), max(since, until))  # type: ignore[type-var]
        return Period.last(key, self.today())

    def set_period(
        self, key: str, since: dt.date | None = None, until: dt.date | None = None
    ) -> None:
        """Show a preset ("4w", "3m", "12m"), or custom dates."""
        self._loading = True
        if since is not None and until is not None:
            self.since_edit.setDate(qdate(since))
            self.until_edit.setDate(qdate(until))
        self.period_combo.setCurrentIndex(self.period_combo.findData(key))
        self._loading = False
        self._period_changed()

    def _period_changed(self) -> None:
        self._show_custom()
        if not self._loading:
            self.settings.setValue("reports/period", self.period_combo.currentData())
            self.refresh()

    def _dates_changed(self) -> None:
        if self._loading or self.period_combo.currentData() != CUSTOM:
            return
        period = self.period()
        self.settings.setValue(
            "reports/custom", f"{period.since.isoformat()}/{period.until.isoformat()}"
        )
        self.refresh()

    def _quiet_changed(self, weeks: int) -> None:
        if not self._loading:
            self.settings.setValue("reports/quiet_weeks", weeks)
            self.refresh()

    # --- figures ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # what changed elsewhere shows each time the section is opened

    def refresh(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            period = self.period()
            self.board = reports.dashboard(
                self.database, period, today=self.today(), quiet_weeks=self.quiet_weeks.value()
            )
        finally:
            QApplication.restoreOverrideCursor()
        self.span_label.setText(period.describe())
        self._show_tiles(self.board)
        self.weekly_chart.set_weeks(self.board.per_week)
        asks = self.board.asks
        self.commitment_chart.set_counts(asks.kept, asks.missed, asks.pending, asks.not_yet)
        self.issue_chart.set_issues([(i.name, i.people, i.change) for i in self.board.issues])
        before = period.previous()
        self.issue_note.setText(
            self.tr("People who raised each issue; ▲ ▼ the change since {since} – {until}.").format(
                since=short_day(before.since, self.today()),
                until=short_day(before.until, self.today()),
            )
            if self.board.issues
            else ""
        )
        self._show_actions(reports.commitments_by_action(self.database, period))
        self._show_people(self.board)

    def _n(self, n: int) -> str:
        return self._locale.toString(n)

    def _of(self, n: int, out_of: int) -> str:
        """ "3 of 4", or a dash when there were none to count."""
        return self.tr("{n} of {d}").format(n=self._n(n), d=self._n(out_of)) if out_of else "–"

    def _show_tiles(self, board: reports.Dashboard) -> None:
        weeks = max(1, board.period.days / 7)
        self.tiles["held"].show_figure(
            self._n(board.held),
            self.tr("{n} a week on average").format(n=f"{board.held / weeks:.1f}"),
        )
        a = board.asks
        self.tiles["asks"].show_figure(
            self._n(a.made),
            self.tr("{k} kept · {m} missed · {p} to come · {y} not yet").format(
                k=self._n(a.kept), m=self._n(a.missed), p=self._n(a.pending), y=self._n(a.not_yet)
            ),
        )
        p = board.promises
        self.tiles["promises"].show_figure(
            self._of(p.on_time, p.due),
            self.tr("{late} late · {open} open ({overdue} overdue) · {broken} not kept").format(
                late=self._n(p.late), open=self._n(p.open), overdue=self._n(p.overdue),
                broken=self._n(p.broken),
            ) if p.due else self.tr("none due in this period"),
        )  # fmt: skip
        stages = Counter(m.to_label for m in board.moves).most_common(1)
        self.tiles["moves"].show_figure(
            self._n(len(board.moves)),
            self.tr("most became {stage}: {n}").format(stage=stages[0][0], n=stages[0][1])
            if stages
            else self.tr("no one yet in this period"),
        )
        late = board.thanks_due - board.thanked_in_time
        self.tiles["thanks"].show_figure(
            self._of(board.thanked_in_time, board.thanks_due),
            self.tr("{n} not in time").format(n=self._n(late))
            if late
            else (self.tr("none late") if board.thanks_due else self.tr("no 1:1s to thank for")),
        )

    def _show_actions(self, by_action: list[tuple[str, reports.Commitments]]) -> None:
        """The most asked-for actions under the commitments bar."""
        lines = [
            self.tr("{action}: {asked} asked, {kept} kept").format(
                action=html.escape(title), asked=self._n(a.made), kept=self._n(a.kept)
            )
            for title, a in by_action
            if title != reports.NO_COMMITMENT
        ][:ACTION_LINES]
        head = f"<b>{self.tr('Most asked for')}</b><br>" if lines else ""
        self.by_action.setText(head + "<br>".join(lines))

    def _show_people(self, board: reports.Dashboard) -> None:
        self.not_thanked_list.clear()
        for person in board.not_thanked:
            when = (
                self.tr("thanked {day}, late").format(day=short_day(person.thanked_on, board.today))
                if person.thanked_on
                else self.tr("not thanked yet")
            )
            met = self.tr("met {day}").format(day=short_day(person.met_on, board.today))
            self._add(self.not_thanked_list, person.supporter_id, f"{person.name} — {met} · {when}")
        if not board.not_thanked:
            self._add(self.not_thanked_list, None, self.tr("Everyone was thanked in time."))
        self.quiet_list.clear()
        for quiet in board.quiet:
            last = self.tr("last contact {day}").format(
                day=short_day(quiet.last_contact, board.today)
            )
            self._add(self.quiet_list, quiet.supporter_id, f"{quiet.name} — {last}")
        if not board.quiet:
            self._add(self.quiet_list, None, self.tr("Everyone you met was contacted recently."))
        more = board.quiet_total - len(board.quiet)
        self.quiet_more.setText(self.tr("… and {n} more").format(n=self._n(more)) if more else "")
        self.quiet_more.setVisible(bool(more))

    def _add(self, people: QListWidget, supporter_id: int | None, text: str) -> None:
        item = QListWidgetItem(text)
        if supporter_id is None:
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        else:
            item.setData(Qt.ItemDataRole.UserRole, supporter_id)
            item.setToolTip(self.tr("Open their page"))
        people.addItem(item)

    def _open_item(self, item: QListWidgetItem) -> None:
        supporter_id = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(supporter_id, int):
            self.openPerson.emit(supporter_id)

    # --- export -----------------------------------------------------------------------------

    def export(self) -> None:
        from oneonone_desktop.views.reports.export_dialog import ExportReportDialog

        dialog = ExportReportDialog(self.database, self.period(), self.today(), self)
        if dialog.exec() and dialog.done_text:
            self.noticeRequested.emit(dialog.done_text)
