"""The 1:1 wizard: one page per agenda step, a timer, and a draft saved as the organizer types.

Keyboard: Ctrl+Enter or Alt+N goes on (and finishes on the last step), Ctrl+Shift+Enter or
Alt+B goes back, Tab reaches every field. Closing keeps the draft; Esc does not close.

Signals: draftSaved() after each save; meetingFinished(int meeting_id, int supporter_id);
closed(int meeting_id) whenever the window closes (see `outcome` for why).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.services.agendas import MAX_MINUTES, AgendaStep
from oneonone_desktop.services.meetings import MeetingInfo
from oneonone_desktop.services.supporters import ValidationError
from oneonone_desktop.services.wizard_state import (
    DraftError,
    WizardState,
    finish,
    save_draft,
    validate_for_finish,
)
from oneonone_desktop.views import messages
from oneonone_desktop.views.icons import icon
from oneonone_desktop.views.meetings.common import STYLE, Clock, fmt_time, label, tr
from oneonone_desktop.views.meetings.wizard_ask import AskPage
from oneonone_desktop.views.meetings.wizard_connection import ConnectionPage
from oneonone_desktop.views.meetings.wizard_frame import WIZARD_STYLE, WizardFooter, WizardHeader
from oneonone_desktop.views.meetings.wizard_pages import (
    NotesPage,
    PurposePage,
    StepPage,
    StoryPage,
    StrategyPage,
    WizardContext,
)
from oneonone_desktop.views.meetings.wizard_wrapup import WrapupPage

SAVE_DELAY_MS = 500
TICK_MS = 15_000
PAGES: dict[str, type[StepPage]] = {
    "purpose": PurposePage,
    "connection": ConnectionPage,
    "story": StoryPage,
    "strategy": StrategyPage,
    "notes": NotesPage,
    "ask": AskPage,
    "wrapup": WrapupPage,
}
# which page shows each finish problem (by the key's first part)
PROBLEM_PAGES = {
    "ask": "ask",
    "promises": "ask",
    "learned": "wrapup",
    "consents": "wrapup",
    "stage_key": "wrapup",
}


class WizardWindow(QWidget):
    draftSaved = Signal()
    meetingFinished = Signal(int, int)
    closed = Signal(int)

    def __init__(
        self,
        state: WizardState,
        meeting: MeetingInfo,
        *,
        clock: Clock,
        open_profile: Callable[[QWidget, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("wizard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE + WIZARD_STYLE)
        self.state = state
        self.meeting = meeting
        self.clock = clock
        self._done = False  # finished, or the meeting is gone: nothing more to save
        self.outcome = "open"  # then "finished", "lost" (the meeting is gone) or "closed"
        self._refused = False
        self._opened_at = clock()
        self.setWindowTitle(tr("1:1 with {name}").format(name=meeting.supporter_name))
        if not state.agenda:
            state.agenda = [AgendaStep("notes", tr("Notes"), "notes")]
        self.ctx = WizardContext(state, meeting, clock, lambda tab: open_profile(self, tab))
        self.pages: list[StepPage] = []
        self.stack = QStackedWidget()
        for step in state.agenda:
            page = PAGES.get(step.page, NotesPage)(step, self.ctx)
            page.load()
            page.edited.connect(self._edited)
            if isinstance(page, WrapupPage):
                page.go_to_step = self.go_to_key
            self.pages.append(page)
            self.stack.addWidget(page)

        self.steps = QListWidget()
        self.steps.setObjectName("stepList")
        self.steps.setAccessibleName(tr("Steps of the 1:1"))
        self.steps.setFixedWidth(210)
        self.steps.setIconSize(QSize(16, 16))
        for number, step in enumerate(state.agenda, start=1):
            item = QListWidgetItem(f"{number}.  {step.title}")
            item.setSizeHint(QSize(0, 38))
            self.steps.addItem(item)
        self.saved_label = label(tr("Notes are saved as you type."), "savedLabel")
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(0)
        left.addWidget(self.steps, 1)
        left.addWidget(self.saved_label)
        side = QWidget()
        side.setObjectName("stepSide")
        side.setStyleSheet("#stepSide { background: #eef1f4; border-right: 1px solid #d9dee4; }")
        side.setLayout(left)
        side.setFixedWidth(210)

        middle = QHBoxLayout()
        middle.setContentsMargins(0, 0, 0, 0)
        middle.setSpacing(0)
        middle.addWidget(side)
        middle.addWidget(self.stack, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.header = WizardHeader(meeting, state.started_at, clock().date())
        self.timer = self.header.timer
        outer.addWidget(self.header)
        outer.addLayout(middle, 1)
        self.footer = WizardFooter()
        self.close_button = self.footer.close_button
        self.back_button = self.footer.back_button
        self.next_button = self.footer.next_button
        self.close_button.clicked.connect(self.close)
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        outer.addWidget(self.footer)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.update_timer)
        self._tick.start()
        self.update_timer()
        self._shortcuts()
        self.steps.currentRowChanged.connect(self._step_clicked)
        keys = state.step_keys()
        self._show(keys.index(state.step) if state.step in keys else 0, focus=False)
        self.setMinimumSize(860, 580)
        self.resize(1120, 760)
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        if screen.width() < 1160 or screen.height() < 800:  # a small laptop: use all of it
            self.resize(max(860, screen.width() - 20), max(580, screen.height() - 40))
        self.focus_current()

    def focus_current(self) -> None:
        """Put the keyboard on the current step's first field (or on Next)."""
        field = self.current_page().first_field()
        (field or self.next_button).setFocus(Qt.FocusReason.TabFocusReason)

    # --- building -------------------------------------------------------------------------

    def _shortcuts(self) -> None:
        for keys, slot in (
            ("Ctrl+Return", self.go_next),
            ("Ctrl+Enter", self.go_next),
            ("Ctrl+Shift+Return", self.go_back),
            ("Ctrl+Shift+Enter", self.go_back),
            ("Ctrl+S", self.save_now),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)

    # --- moving between steps ----------------------------------------------------------------

    def current_index(self) -> int:
        return self.stack.currentIndex()

    def current_page(self) -> StepPage:
        return self.pages[self.current_index()]

    def page_for(self, page_kind: str) -> StepPage | None:
        for page, step in zip(self.pages, self.state.agenda, strict=True):
            if step.page == page_kind:
                return page
        return None

    def go_next(self) -> None:
        if self.current_index() >= len(self.pages) - 1:
            self.finish()
        else:
            self._show(self.current_index() + 1)

    def go_back(self) -> None:
        if self.current_index() > 0:
            self._show(self.current_index() - 1)

    def go_to_key(self, key: str) -> None:
        keys = self.state.step_keys()
        if key in keys:
            self._show(keys.index(key))

    def _step_clicked(self, row: int) -> None:
        if row >= 0 and row != self.current_index():
            self._show(row)

    def _show(self, index: int, focus: bool = True) -> None:
        self.store_all()
        self.state.step = self.state.agenda[index].key
        self.stack.setCurrentIndex(index)
        page = self.pages[index]
        page.entered()
        self.steps.blockSignals(True)
        self.steps.setCurrentRow(index)
        self.steps.blockSignals(False)
        for row in range(self.steps.count()):
            item = self.steps.item(row)
            if item.data(Qt.ItemDataRole.UserRole) != "problem":
                item.setIcon(icon("check") if row < index else QIcon())
        last = index == len(self.pages) - 1
        following = self.state.agenda[index + 1].title if not last else ""
        self.next_button.setText(
            tr("Fi&nish the 1:1") if last else tr("&Next: {step}").format(step=following)
        )
        self.next_button.setToolTip(tr("Ctrl+Enter"))
        self.back_button.setEnabled(index > 0)
        if focus:
            self.focus_current()
            self.save_now()

    # --- saving ---------------------------------------------------------------------------

    def store_all(self) -> None:
        for page in self.pages:
            page.store()

    def _edited(self) -> None:
        if self._done:
            return
        self.saved_label.setText(tr("Saving…"))
        self._save_timer.start()

    def save_now(self) -> bool:
        """Write the draft now (the debounced save, or on a page change and on close)."""
        self._save_timer.stop()
        if self._done:
            return False
        self.store_all()
        try:
            save_draft(self.meeting.id, self.state)
        except DraftError as exc:
            self._lost(exc.message)
            return False
        time = fmt_time(self.clock().time())
        self.saved_label.setText(tr("All notes saved ({time}).").format(time=time))
        if self._refused:
            self.show_problems(self._problems(), focus=False)
        self.draftSaved.emit()
        return True

    def _lost(self, message: str) -> None:
        self._done = True
        self.outcome = "lost"
        messages.error(self, tr("The notes cannot be saved"), message)
        self.close()

    # --- finishing ------------------------------------------------------------------------

    def _problems(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for page in self.pages:
            if isinstance(page, AskPage):
                found.update(page.local_problems())
        rules = validate_for_finish(self.state, self.meeting, now=self.clock())
        return {**rules, **found}

    def finish(self) -> bool:
        """Record the 1:1; on problems, say what and where, keep this page and every note."""
        if not self.save_now():
            return False
        problems = self._problems()
        try:
            if problems:
                raise ValidationError(problems)
            finish(self.meeting.id, self.state, now=self.clock())
        except ValidationError as exc:
            self._refused = True
            self.show_problems(exc.problems, focus=True)
            return False
        except DraftError as exc:
            self._lost(exc.message)
            return False
        self._done = True
        self.outcome = "finished"
        self.meetingFinished.emit(self.meeting.id, self.meeting.supporter_id)
        self.close()
        return True

    def show_problems(self, problems: dict[str, str], focus: bool) -> None:
        for page in self.pages:
            page.show_problems(problems)
        pages_with = []
        for key in problems:
            kind = PROBLEM_PAGES.get(key.split(".")[0], "ask")
            page = self.page_for(kind) or self.page_for("ask") or self.current_page()
            if page not in pages_with:
                pages_with.append(page)
        for row, page in enumerate(self.pages):
            item = self.steps.item(row)
            if page in pages_with:
                item.setIcon(icon("warning"))
                item.setData(Qt.ItemDataRole.UserRole, "problem")
            elif item.data(Qt.ItemDataRole.UserRole) == "problem":
                item.setData(Qt.ItemDataRole.UserRole, None)
                item.setIcon(icon("check") if row < self.current_index() else QIcon())
        if not problems:
            self._refused = False
        wrapup = self.page_for("wrapup")
        if isinstance(wrapup, WrapupPage):
            target = next((p for p in pages_with if p is not wrapup), None)
            texts = list(dict.fromkeys(problems.values())) if target is not None else []
            step = self.state.agenda[self.pages.index(target)] if target is not None else None
            wrapup.show_refusal(texts, step.key if step else "", step.title if step else "")
        if not focus or not pages_with:
            return
        current = self.current_page()
        if current in pages_with and isinstance(current, AskPage):
            field = current.first_problem_field(problems)
            if field is not None:
                field.setFocus(Qt.FocusReason.OtherFocusReason)
        elif current in pages_with:
            field = current.first_field()
            if field is not None:
                field.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- time -----------------------------------------------------------------------------

    def update_timer(self) -> None:
        """Minutes against 30–45; a 1:1 resumed hours later counts from the resume."""
        now = self.clock()
        minutes = self.state.elapsed_minutes(now)
        resumed = self.state.started_at is None or minutes > MAX_MINUTES
        if resumed:
            minutes = max(0, int((now - self._opened_at).total_seconds() // 60))
        self.header.show_minutes(minutes, resumed)

    # --- closing --------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._done:
            self.save_now()
            if self.outcome == "open":
                self.outcome = "closed"
        self._tick.stop()
        self._save_timer.stop()
        super().closeEvent(event)
        self.closed.emit(self.meeting.id)
