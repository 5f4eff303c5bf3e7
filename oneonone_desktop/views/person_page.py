"""One person's page: what we know, consent, labels and a timeline, with room for actions.

Signals: backRequested(), openRequested(int) (a linked person),
actionRequested(str, int) (a button added with add_action_button: its key and the person's id).
"""

from __future__ import annotations

import datetime as dt
from html import escape

from peewee import SqliteDatabase
from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime, QUrl, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.services import supporters as svc
from oneonone_desktop.store.models import Supporter
from oneonone_desktop.views.icons import icon
from oneonone_desktop.views.timeline import timeline
from oneonone_desktop.views.wording import CONSENT_WORDS, LABEL_KIND_WORDS, THANK_YOU_WORDS, words


class PersonPage(QWidget):
    backRequested = Signal()
    openRequested = Signal(int)
    actionRequested = Signal(str, int)

    def __init__(self, database: SqliteDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personPage")
        self.database = database
        self.supporter_id: int | None = None
        self._locale = QLocale()

        back = QPushButton(icon("back"), self.tr("Back to the list"))
        back.setObjectName("backButton")
        back.setFlat(True)
        back.setToolTip(self.tr("Back to the list (Alt+Left)"))
        back.clicked.connect(self.backRequested)
        for keys in ("Alt+Left", "Backspace"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.backRequested)
        self.name_label = QLabel()
        self.name_label.setObjectName("personName")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("personSubtitle")
        self.archived_label = QLabel(self.tr("Archived"))
        self.archived_label.setObjectName("archivedBadge")
        self._actions = QHBoxLayout()
        self._actions.setSpacing(8)
        self._actions.addStretch(1)

        self.facts = QTextBrowser()
        self.facts.setObjectName("personFacts")
        self.facts.setAccessibleName(self.tr("What we know"))
        self.facts.setOpenLinks(False)
        self.facts.anchorClicked.connect(self._link)
        self.history = QTextBrowser()
        self.history.setObjectName("personTimeline")
        self.history.setAccessibleName(self.tr("Timeline"))
        self.history.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.facts)
        splitter.addWidget(self.history)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        top = QHBoxLayout()
        top.addWidget(back)
        top.addStretch(1)
        title = QHBoxLayout()
        title.setSpacing(12)
        title.addWidget(self.name_label)
        title.addWidget(self.archived_label)
        title.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(title)
        layout.addWidget(self.subtitle)
        layout.addLayout(self._actions)
        layout.addWidget(splitter, 1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def add_action(self, action: QAction, text: str | None = None) -> QToolButton:
        """A button for one of the window's actions (Edit, Archive, …) acting on this person.

        With `text`, the button keeps these words instead of the action's (menu) words.
        """
        button = QToolButton()
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        if text is None:
            button.setDefaultAction(action)
        else:
            button.setText(text)
            button.setIcon(action.icon())
            button.setToolTip(action.toolTip())
            button.clicked.connect(action.trigger)
            action.changed.connect(lambda: button.setEnabled(action.isEnabled()))
            button.setEnabled(action.isEnabled())
        self._actions.insertWidget(self._actions.count() - 1, button)
        self.addAction(action)
        return button

    def add_action_button(
        self, key: str, text: str, button_icon: QIcon | None = None
    ) -> QPushButton:
        """A button for a later feature ("Start a 1:1", "Schedule a 1:1", …).

        Clicking it emits actionRequested(key, supporter_id).
        """
        button = QPushButton(button_icon or QIcon(), text)
        button.setObjectName(f"action_{key}")
        button.clicked.connect(
            lambda: (
                self.supporter_id is not None and self.actionRequested.emit(key, self.supporter_id)
            )
        )
        self._actions.insertWidget(self._actions.count() - 1, button)
        return button

    def show_person(self, supporter_id: int) -> bool:
        self.supporter_id = supporter_id
        return self.reload()

    def reload(self) -> bool:
        """Show the stored person again; False when they no longer exist (erased)."""
        person = (
            Supporter.get_or_none(Supporter.id == self.supporter_id)
            if self.supporter_id is not None
            else None
        )
        if person is None:
            self.supporter_id = None
            return False
        data = svc.load_data(person.id)
        self.name_label.setText(person.display_name)
        bits = [data.pronouns, person.stage.label if person.stage_id else ""]
        if data.city:
            bits.append(data.city)
        self.subtitle.setText("  ·  ".join(b for b in bits if b))
        self.archived_label.setVisible(person.archived_at is not None)
        self.facts.setHtml(self._facts_html(person, data))
        self.history.setHtml(self._timeline_html(person.id))
        return True

    # --- HTML -------------------------------------------------------------------------------

    def _date(self, value: dt.date) -> str:
        return self._locale.toString(QDate(value.year, value.month, value.day), "d MMM yyyy")

    def _datetime(self, value: dt.datetime) -> str:
        moment = QDateTime(
            QDate(value.year, value.month, value.day), QTime(value.hour, value.minute)
        )
        time = self._locale.timeFormat(QLocale.FormatType.ShortFormat)
        return self._locale.toString(moment, f"d MMM yyyy, {time}")

    def _facts_html(self, person: Supporter, data: svc.SupporterData) -> str:
        rows: list[tuple[str, str]] = []
        if data.preferred_name and data.first_name and data.preferred_name != data.first_name:
            rows.append((self.tr("Full name"), escape(f"{data.first_name} {data.last_name}")))
        rows.append((self.tr("Email"), "<br>".join(escape(e) for e in data.emails)))
        rows.append((self.tr("Phone"), "<br>".join(escape(p) for p in data.phones)))
        region = " ".join(x for x in (data.region, data.postal_code) if x)
        address = [
            data.street,
            data.street2,
            ", ".join(x for x in (data.city, region) if x),
            data.country,
        ]
        rows.append((self.tr("Address"), "<br>".join(escape(a) for a in address if a)))
        rows.append((self.tr("Language"), escape(data.language)))
        rows.append((self.tr("How we met"), escape(data.how_met)))
        if person.referred_by_id:
            referrer = Supporter.get_or_none(Supporter.id == person.referred_by_id)
            if referrer is not None:
                link = f'<a href="person:{referrer.id}">{escape(referrer.display_name)}</a>'
                rows.append((self.tr("Referred by"), link))
        for kind, title in LABEL_KIND_WORDS.items():
            rows.append((words(title), escape(", ".join(data.labels.get(kind, [])))))
        if data.thank_you_preference:
            rows.append(
                (
                    self.tr("Thank them with"),
                    words(THANK_YOU_WORDS[data.thank_you_preference]).lower(),
                )
            )
        body = "".join(f"<tr><td class='k'>{k}</td><td>{v}</td></tr>" for k, v in rows if v)
        consent_rows = []
        for channel, text in CONSENT_WORDS.items():
            given = data.consents.get(channel)
            if given and given.granted:
                when = self._date(given.given_on) if given.given_on else ""
                how = f" ({escape(given.how)})" if given.how else ""
                state = self.tr("Yes") + (f", {when}" if when else "") + how
                mark = "✓"
            else:
                state, mark = self.tr("Not given"), "–"
            consent_rows.append(
                f"<tr><td class='m'>{mark}</td><td>{words(text)}</td>"
                f"<td class='s'>{state}</td></tr>"
            )
        background = (
            "<p>" + escape(data.background).replace("\n", "<br>") + "</p>"
            if data.background
            else "<p class='empty'>" + self.tr("No background notes yet.") + "</p>"
        )
        return (
            f"{_STYLE}<h3>{self.tr('What we know')}</h3><table>{body}</table>"
            f"<h3>{self.tr('Background')}</h3>{background}"
            f"<h3>{self.tr('Consent')}</h3><table>{''.join(consent_rows)}</table>"
        )

    def _timeline_html(self, supporter_id: int) -> str:
        entries = timeline(supporter_id)
        if not entries:
            return (
                f"{_STYLE}<h3>{self.tr('Timeline')}</h3><p class='empty'>"
                + self.tr(
                    "Nothing here yet. 1:1s, commitments, promises, follow-ups and contacts "
                    "with this person will show up here, newest first."
                )
                + "</p>"
            )
        items = []
        for e in entries:
            when = self._datetime(e.when) if e.has_time else self._date(e.when.date())
            status = f" <span class='s'>· {escape(e.status)}</span>" if e.status else ""
            detail = f"<br><span class='d'>{escape(e.detail)}</span>" if e.detail else ""
            items.append(
                f"<tr><td class='w'>{escape(when)}</td><td><b>{escape(e.title)}</b>"
                f"{status}{detail}</td></tr>"
            )
        return f"{_STYLE}<h3>{self.tr('Timeline')}</h3><table>{''.join(items)}</table>"

    def _link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("person:"):
            self.openRequested.emit(int(text.split(":", 1)[1]))


_STYLE = """<style>
h3 { color: #3b4a5a; margin-top: 14px; margin-bottom: 6px; }
td { padding: 3px 10px 3px 0; vertical-align: top; }
td.k { color: #5b6775; white-space: nowrap; }
td.w { color: #5b6775; white-space: nowrap; }
td.m { color: #2f7d4f; font-weight: bold; }
.s { color: #5b6775; }
.d { color: #3b4a5a; }
p.empty { color: #6b7785; }
a { color: #1d5fa8; }
</style>"""
