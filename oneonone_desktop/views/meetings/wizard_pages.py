"""The wizard's simpler pages: the shared page frame, Purpose, Story, Strategy and plain notes.

Each page reads the WizardState in `load()`, writes it back in `store()`, and emits `edited()`
whenever the user changes something (the wizard then saves the draft after a short pause).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.services.agendas import AgendaStep
from oneonone_desktop.services.meetings import MeetingInfo
from oneonone_desktop.services.organizer import get_profile
from oneonone_desktop.services.stories import best_stories
from oneonone_desktop.services.wizard_state import WizardState
from oneonone_desktop.views.icons import icon
from oneonone_desktop.views.meetings.common import Clock, bullets, label, tr

StoryIdRole = int(Qt.ItemDataRole.UserRole) + 1


@dataclass
class WizardContext:
    """What every page of one meeting's wizard shares."""

    state: WizardState
    meeting: MeetingInfo
    clock: Clock
    open_profile: Callable[[str], None]  # opens "My profile and stories" at a tab


def link_button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName("linkButton")
    button.setFlat(True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


class NotesEdit(QPlainTextEdit):
    """A notes box that asks for its minimum height and grows into whatever room is left (its
    default size hint would make a scrolling page taller than the window)."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumHeight())


class StepPage(QWidget):
    """One agenda step's page: its title and prompts above what the page shows.

    Signals: edited() after any change the user makes.
    """

    edited = Signal()

    def __init__(self, step: AgendaStep, ctx: WizardContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.step = step
        self.ctx = ctx
        self.setObjectName(f"page_{step.key}")
        self.notes: QPlainTextEdit | None = None
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(24, 16, 24, 12)
        self.body.setSpacing(8)
        title = label(step.title, "stepTitle")
        title.setAccessibleName(step.title)
        self.body.addWidget(title)
        self.prompts = label(bullets(step.prompts), "prompts")
        self.prompts.setTextFormat(Qt.TextFormat.RichText)
        self.prompts.setVisible(bool(step.prompts))
        self.body.addWidget(self.prompts)

    @property
    def state(self) -> WizardState:
        return self.ctx.state

    def make_notes(
        self, caption: str = "", lines: int = 5, layout: QVBoxLayout | None = None
    ) -> QPlainTextEdit:
        """The step's free notes box (state.notes[step key]), its caption added to `layout`."""
        edit = NotesEdit()
        edit.setObjectName(f"notes_{self.step.key}")
        edit.setTabChangesFocus(True)
        edit.setPlaceholderText(tr("Anything worth remembering from this part of the talk"))
        edit.setAccessibleName(tr("Notes: {step}").format(step=self.step.title))
        edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines + 16)
        edit.textChanged.connect(self.edited)
        self.notes = edit
        (layout or self.body).addWidget(label(caption or tr("Notes"), "sectionCaption"))
        return edit

    # --- what the wizard calls ------------------------------------------------------------

    def load(self) -> None:
        if self.notes is not None:
            self.notes.setPlainText(self.state.notes.get(self.step.key, ""))

    def store(self) -> None:
        if self.notes is not None:
            text = self.notes.toPlainText()
            if text.strip():
                self.state.notes[self.step.key] = text
            else:
                self.state.notes.pop(self.step.key, None)

    def entered(self) -> None:
        """The page is shown (again): refresh what depends on other pages."""

    def show_problems(self, problems: dict[str, str]) -> None:
        """Show the finish problems that belong to this page (and clear the others)."""

    def first_field(self) -> QWidget | None:
        return self.notes


class NotesPage(StepPage):
    """A planning or debrief step: its prompts, and room to write."""

    def __init__(self, step: AgendaStep, ctx: WizardContext, parent: QWidget | None = None):
        super().__init__(step, ctx, parent)
        self.body.addWidget(self.make_notes(lines=10), 1)


class PurposePage(StepPage):
    """The purpose script (editable) and a tick once it has been explained."""

    def __init__(self, step: AgendaStep, ctx: WizardContext, parent: QWidget | None = None):
        super().__init__(step, ctx, parent)
        self.body.addWidget(label(tr("What you can say"), "sectionCaption"))
        self.script = QPlainTextEdit()
        self.script.setObjectName("scriptEdit")
        self.script.setTabChangesFocus(True)
        self.script.setAccessibleName(tr("Purpose script"))
        self.script.setMinimumHeight(self.script.fontMetrics().lineSpacing() * 5 + 20)
        self.script.setMaximumHeight(self.script.fontMetrics().lineSpacing() * 9 + 20)
        self.body.addWidget(self.script, 1)
        row = QHBoxLayout()
        self.explained = QCheckBox(tr("I &explained the purpose"))
        self.explained.setObjectName("purposeExplained")
        row.addWidget(self.explained)
        row.addStretch(1)
        self.use_profile = link_button(tr("Use the words from my profile"))
        self.use_profile.setToolTip(tr("Put back the purpose script saved in My profile"))
        row.addWidget(self.use_profile)
        self.body.addLayout(row)
        self.body.addWidget(self.make_notes(lines=4), 2)
        self.script.textChanged.connect(self.edited)
        self.explained.toggled.connect(self.edited)
        self.use_profile.clicked.connect(
            lambda: self.script.setPlainText(get_profile().purpose_script)
        )

    def load(self) -> None:
        super().load()
        self.script.setPlainText(self.state.purpose_script)
        self.explained.setChecked(self.state.purpose_explained)

    def store(self) -> None:
        super().store()
        self.state.purpose_script = self.script.toPlainText()
        self.state.purpose_explained = self.explained.isChecked()

    def first_field(self) -> QWidget | None:
        return self.explained


class StoryPage(StepPage):
    """The organizer's stories, the best match for this person first; tick the one told."""

    def __init__(self, step: AgendaStep, ctx: WizardContext, parent: QWidget | None = None):
        super().__init__(step, ctx, parent)
        self.stories = QTreeWidget()
        self.stories.setObjectName("storyList")
        self.stories.setAccessibleName(tr("Your stories, best match first"))
        self.stories.setHeaderLabels([tr("Your story (tick the one you told)"), tr("You share")])
        self.stories.setRootIsDecorated(False)
        self.stories.setAlternatingRowColors(True)
        self.stories.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.stories.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.stories.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.stories.header().setStretchLastSection(False)
        self.reader = QTextBrowser()
        self.reader.setObjectName("storyText")
        self.reader.setAccessibleName(tr("The story"))
        self.empty = label("", "emptyState")
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.linkActivated.connect(lambda _: self.ctx.open_profile("stories"))
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.stories)
        split.addWidget(self.reader)
        split.setChildrenCollapsible(False)
        split.setSizes([420, 480])
        self.body.addWidget(split, 3)
        self.body.addWidget(self.empty)
        manage = link_button(tr("Add or change your stories…"))
        manage.clicked.connect(lambda: self.ctx.open_profile("stories"))
        row = QHBoxLayout()
        row.addWidget(manage)
        row.addStretch(1)
        self.body.addLayout(row)
        self.body.addWidget(self.make_notes(lines=3), 1)
        self.stories.currentItemChanged.connect(self._show_current)
        self.stories.itemChanged.connect(self._ticked)
        self._filling = False

    def load(self) -> None:
        super().load()
        self.entered()

    def entered(self) -> None:
        matches = best_stories(self.ctx.meeting.supporter_id, self.state.issues)
        self._filling = True
        self.stories.clear()
        current = None
        for number, match in enumerate(matches):
            shared = ", ".join(match.shared_issues)
            item = QTreeWidgetItem([match.story.title, shared or "—"])
            item.setData(0, StoryIdRole, match.story.id)
            item.setData(0, Qt.ItemDataRole.UserRole, match.story)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            told = match.story.id == self.state.story_id
            item.setCheckState(0, Qt.CheckState.Checked if told else Qt.CheckState.Unchecked)
            if number == 0 and shared:
                item.setIcon(0, icon("star"))
                item.setToolTip(0, tr("The best match for the issues they care about"))
            self.stories.addTopLevelItem(item)
            if told or current is None:
                current = item if told or number == 0 else current
        self._filling = False
        has = bool(matches)
        self.stories.setVisible(has)
        self.reader.setVisible(has)
        self.empty.setVisible(not has)
        self.empty.setText(
            tr(
                "You have no stories yet. A short personal story about why you care is the "
                "heart of a 1:1. <a href='add'>Write your first story</a>."
            )
        )
        if current is not None:
            self.stories.setCurrentItem(current)
        self._show_current(current)

    def _show_current(self, item: QTreeWidgetItem | None, *_: object) -> None:
        if item is None:
            self.reader.clear()
            return
        story = item.data(0, Qt.ItemDataRole.UserRole)
        issues = ", ".join(story.issues) or tr("no issues tagged")
        body = escape(story.body).replace("\n", "<br>")
        self.reader.setHtml(
            f"<h3 style='color:#2b3745'>{escape(story.title)}</h3>"
            f"<p style='font-size:12pt; line-height:140%'>{body}</p>"
            f"<p style='color:#5b6775'>{escape(tr('Issues'))}: {escape(issues)}</p>"
        )

    def _ticked(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != 0:
            return
        self._filling = True
        if item.checkState(0) == Qt.CheckState.Checked:
            for index in range(self.stories.topLevelItemCount()):
                other = self.stories.topLevelItem(index)
                if other is not item:
                    other.setCheckState(0, Qt.CheckState.Unchecked)
        self._filling = False
        self.edited.emit()

    def store(self) -> None:
        super().store()
        if self.stories.topLevelItemCount() == 0:
            return  # nothing to choose from: keep what was chosen
        self.state.story_id = None
        for index in range(self.stories.topLevelItemCount()):
            item = self.stories.topLevelItem(index)
            if item.checkState(0) == Qt.CheckState.Checked:
                self.state.story_id = int(item.data(0, StoryIdRole))

    def first_field(self) -> QWidget | None:
        return self.stories if self.stories.topLevelItemCount() else self.notes


def _points(text: str) -> list[str]:
    """One talking point a line; a single paragraph is split into its sentences."""
    lines = [line.strip(" -•*\t") for line in text.splitlines() if line.strip(" -•*\t")]
    if len(lines) == 1:
        lines = [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z¿¡])", lines[0]) if s.strip()]
    return lines


class StrategyPage(StepPage):
    """The national and local vision from the profile, as talking points."""

    def __init__(self, step: AgendaStep, ctx: WizardContext, parent: QWidget | None = None):
        super().__init__(step, ctx, parent)
        self.national = label("", "talkingPoints")
        self.local = label("", "talkingPoints")
        for widget, name in ((self.national, tr("Nationally")), (self.local, tr("Locally"))):
            widget.setTextFormat(Qt.TextFormat.RichText)
            widget.setAccessibleName(name)
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            widget.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        columns = QHBoxLayout()
        columns.setSpacing(24)
        for caption, widget in (
            (tr("Nationally"), self.national),
            (tr("Here, locally"), self.local),
        ):
            column = QVBoxLayout()
            column.addWidget(label(caption, "sectionCaption"))
            column.addWidget(widget)
            column.addStretch(1)
            columns.addLayout(column, 1)
        self.body.addLayout(columns)
        edit = link_button(tr("Edit the vision in My profile…"))
        edit.clicked.connect(lambda: self.ctx.open_profile("vision"))
        row = QHBoxLayout()
        row.addWidget(edit)
        row.addStretch(1)
        self.body.addLayout(row)
        self.body.addWidget(self.make_notes(lines=4), 1)

    def load(self) -> None:
        super().load()
        self.entered()

    def entered(self) -> None:
        profile = get_profile()
        empty = "<p style='color:#6b7785'>{}</p>"
        self.national.setText(
            bullets(_points(profile.national_vision))
            or empty.format(escape(tr("Not written yet: add it in My profile.")))
        )
        self.local.setText(
            bullets(_points(profile.local_vision))
            or empty.format(escape(tr("Not written yet: add it in My profile.")))
        )
