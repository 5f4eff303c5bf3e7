"""My profile and stories: name, chapter, contact, the chapter's vision, the purpose script,
and the organizer's personal stories tagged by issue (used by the wizard's Story step)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.services.organizer import (
    Profile,
    StoryData,
    create_story,
    default_purpose_script,
    delete_story,
    get_profile,
    list_stories,
    update_profile,
    update_story,
)
from oneonone_desktop.services.supporters import ValidationError
from oneonone_desktop.views import messages
from oneonone_desktop.views.icons import icon
from oneonone_desktop.views.meetings.common import (
    STYLE,
    add_error_row,
    add_row,
    error_label,
    label,
    make_form,
    show_error,
    show_form_error,
    tr,
)
from oneonone_desktop.views.pickers import label_completer, split_list

StoryIdRole = int(Qt.ItemDataRole.UserRole) + 1
TABS = ("about", "vision", "purpose", "stories")


def _text_box(name: str, lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setAccessibleName(name)
    edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines + 16)
    return edit


class StoryDialog(QDialog):
    """Add or edit one story; `saved_id` holds its id once saved."""

    def __init__(self, story_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self.story_id = story_id
        self.saved_id: int | None = None
        self.setWindowTitle(tr("New story") if story_id is None else tr("Edit the story"))
        self.title = QLineEdit()
        self.title.setPlaceholderText(tr("a few words, e.g. My mother's clinic"))
        self.issues = QLineEdit()
        self.issues.setPlaceholderText(tr("the issues it speaks to, separated by commas"))
        label_completer("issue", self.issues)
        self.body = _text_box(tr("The story"), 8)
        self.body.setPlaceholderText(
            tr("Why you care, in a minute or two: a moment, what you felt, what you did.")
        )
        self.form = make_form()
        add_row(self.form, tr("&Title"), self.title)
        add_row(self.form, tr("&Issues"), self.issues)
        add_row(self.form, tr("The &story"), self.body)
        self.errors = {
            "title": add_error_row(self.form, self.title),
            "issues": add_error_row(self.form, self.issues),
            "body": add_error_row(self.form, self.body),
        }
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form, 1)
        layout.addWidget(buttons)
        if story_id is not None:
            for story in list_stories():
                if story.id == story_id:
                    self.title.setText(story.title)
                    self.issues.setText(", ".join(story.issues))
                    self.body.setPlainText(story.body)
        self.resize(600, 420)

    def data(self) -> StoryData:
        return StoryData(
            title=self.title.text(),
            body=self.body.toPlainText(),
            issues=split_list(self.issues.text()),
        )

    def save(self) -> None:
        try:
            if self.story_id is None:
                self.saved_id = create_story(self.data())
            else:
                update_story(self.story_id, self.data())
                self.saved_id = self.story_id
        except ValidationError as exc:
            for key, message in self.errors.items():
                show_form_error(self.form, message, exc.problems.get(key, ""))
            if "story" in exc.problems:
                messages.error(self, tr("The story cannot be saved"), exc.problems["story"])
            return
        self.accept()


class ProfileDialog(QDialog):
    """The profile is saved with Save; stories are saved as they are added or changed."""

    def __init__(self, parent: QWidget | None = None, tab: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("profileDialog")
        self.setStyleSheet(STYLE)
        self.setWindowTitle(tr("My profile and stories"))
        self.tabs = QTabWidget()
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.errors: dict[str, tuple[QFormLayout | None, object]] = {}
        self.tabs.addTab(self._about_tab(), tr("&About you"))
        self.tabs.addTab(self._vision_tab(), tr("&Vision"))
        self.tabs.addTab(self._purpose_tab(), tr("&Purpose"))
        self.tabs.addTab(self._stories_tab(), tr("S&tories"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self._load()
        if tab in TABS:
            self.tabs.setCurrentIndex(TABS.index(tab))
        self.resize(700, 520)

    # --- tabs -------------------------------------------------------------------------------

    def _about_tab(self) -> QWidget:
        page = QWidget()
        self.about_form = make_form(page)
        self.about_form.setContentsMargins(16, 16, 16, 16)
        for key, text, hint in (
            ("name", tr("Your &name"), tr("as supporters know you")),
            ("chapter", tr("&Chapter"), tr("e.g. Riverside Women's March")),
            ("email", tr("&Email"), tr("where supporters can reach you")),
            ("phone", tr("P&hone"), ""),
        ):
            edit = QLineEdit()
            edit.setObjectName(f"profile_{key}")
            edit.setPlaceholderText(hint)
            add_row(self.about_form, text, edit)
            self.fields[key] = edit
        for key in ("name", "chapter", "email", "phone"):
            self.errors[key] = (self.about_form, add_error_row(self.about_form, self.fields[key]))
        self.about_form.addRow(
            "",
            label(tr("Your name and chapter appear on prep sheets and thank-you cards."), "muted"),
        )
        return page

    def _vision_tab(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(16, 16, 16, 16)
        column.addWidget(
            label(
                tr(
                    "The Strategy step shows these as talking points: write one point a line. "
                    "Explain how the strategy, nationally and locally, helps you both reach "
                    "your shared vision."
                ),
                "muted",
            )
        )
        for key, text in (
            ("national_vision", tr("The vision, &nationally")),
            ("local_vision", tr("Here, &locally")),
        ):
            caption = label(text.replace("&", ""), "sectionCaption")
            edit = _text_box(text.replace("&", ""), 5)
            edit.setObjectName(f"profile_{key}")
            column.addWidget(caption)
            column.addWidget(edit, 1)
            message = error_label()
            column.addWidget(message)
            self.fields[key] = edit
            self.errors[key] = (None, message)
        return page

    def _purpose_tab(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(16, 16, 16, 16)
        column.addWidget(
            label(
                tr(
                    "What you say at the start of a 1:1. Each new 1:1 starts from these "
                    "words; you can still change them during the talk."
                ),
                "muted",
            )
        )
        edit = _text_box(tr("Purpose script"), 6)
        edit.setObjectName("profile_purpose_script")
        column.addWidget(edit, 1)
        message = error_label()
        column.addWidget(message)
        reset = QPushButton(icon("undo"), tr("Use the &guide's words"))
        reset.setAutoDefault(False)
        reset.clicked.connect(lambda: edit.setPlainText(default_purpose_script()))
        row = QHBoxLayout()
        row.addWidget(reset)
        row.addStretch(1)
        column.addLayout(row)
        self.fields["purpose_script"] = edit
        self.errors["purpose_script"] = (None, message)
        return page

    def _stories_tab(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(16, 16, 16, 16)
        column.addWidget(
            label(
                tr(
                    "Your personal stories, tagged with the issues they speak to. In a 1:1, "
                    "the story that matches the person's issues is offered first. Stories "
                    "are saved as soon as you add or change them."
                ),
                "muted",
            )
        )
        self.stories = QTreeWidget()
        self.stories.setObjectName("storiesList")
        self.stories.setAccessibleName(tr("Your stories"))
        self.stories.setHeaderLabels([tr("Story"), tr("Issues")])
        self.stories.setRootIsDecorated(False)
        self.stories.setAlternatingRowColors(True)
        self.stories.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.stories.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.stories.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.stories.header().setStretchLastSection(False)
        column.addWidget(self.stories, 1)
        row = QHBoxLayout()
        self.add_story = QPushButton(icon("story"), tr("A&dd a story…"))
        self.edit_story = QPushButton(icon("edit"), tr("&Edit…"))
        self.delete_story = QPushButton(icon("erase"), tr("De&lete…"))
        for button in (self.add_story, self.edit_story, self.delete_story):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        self.add_story.clicked.connect(self._add_story)
        self.edit_story.clicked.connect(self._edit_story)
        self.delete_story.clicked.connect(self._delete_story)
        self.stories.itemActivated.connect(lambda *_: self._edit_story())
        self.stories.currentItemChanged.connect(self._story_buttons)
        return page

    # --- values ---------------------------------------------------------------------------

    def _load(self) -> None:
        profile = get_profile()
        for key, edit in self.fields.items():
            value = getattr(profile, key)
            if isinstance(edit, QPlainTextEdit):
                edit.setPlainText(value)
            else:
                edit.setText(value)
        self.fill_stories()

    def fill_stories(self, select: int | None = None) -> None:
        self.stories.clear()
        for story in list_stories():
            item = QTreeWidgetItem([story.title, ", ".join(story.issues) or "—"])
            item.setData(0, StoryIdRole, story.id)
            self.stories.addTopLevelItem(item)
            if story.id == select:
                self.stories.setCurrentItem(item)
        if self.stories.currentItem() is None and self.stories.topLevelItemCount():
            self.stories.setCurrentItem(self.stories.topLevelItem(0))
        self._story_buttons()

    def _story_buttons(self, *_: object) -> None:
        chosen = self.stories.currentItem() is not None
        self.edit_story.setEnabled(chosen)
        self.delete_story.setEnabled(chosen)

    def profile(self) -> Profile:
        values = {
            key: edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
            for key, edit in self.fields.items()
        }
        return Profile(**values)

    def save(self) -> None:
        try:
            update_profile(self.profile())
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return
        self.accept()

    def show_problems(self, problems: dict[str, str]) -> None:
        first_tab = None
        for key, (form, message) in self.errors.items():
            text = problems.get(key, "")
            if form is not None:
                show_form_error(form, message, text)  # type: ignore[arg-type]
            else:
                show_error(message, text)  # type: ignore[arg-type]
            if text and first_tab is None:
                field = self.fields[key]
                for index in range(self.tabs.count()):
                    if self.tabs.widget(index).isAncestorOf(field):
                        first_tab = index
                        self.tabs.setCurrentIndex(index)
                        field.setFocus()

    # --- stories ----------------------------------------------------------------------------

    def _current_story(self) -> int | None:
        item = self.stories.currentItem()
        return int(item.data(0, StoryIdRole)) if item is not None else None

    def _add_story(self) -> None:
        dialog = StoryDialog(None, self)
        if dialog.exec():
            self.fill_stories(dialog.saved_id)

    def _edit_story(self) -> None:
        story_id = self._current_story()
        if story_id is None:
            return
        dialog = StoryDialog(story_id, self)
        if dialog.exec():
            self.fill_stories(story_id)

    def _delete_story(self) -> None:
        story_id = self._current_story()
        item = self.stories.currentItem()
        if story_id is None or item is None:
            return
        if messages.confirm(
            self,
            tr("Delete the story"),
            tr("Delete your story ‘{title}’? 1:1s where you told it keep their notes.").format(
                title=item.text(0)
            ),
            tr("Delete"),
            destructive=True,
        ):
            delete_story(story_id)
            self.fill_stories()
