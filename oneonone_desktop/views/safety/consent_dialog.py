"""A person's consent history: every grant and withdrawal with its date and how it was given,
newest first, and a way to record a withdrawal ("asked by text to stop")."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.services import supporters as svc
from oneonone_desktop.store.models import ConsentRecord, Supporter
from oneonone_desktop.views.wording import CONSENT_WORDS, words


class ConsentHistoryDialog(QDialog):
    """The consent log of one person. `changed` is True once a withdrawal was recorded."""

    def __init__(self, supporter_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consentHistoryDialog")
        self.supporter_id = supporter_id
        self.changed = False
        person = Supporter.get_by_id(supporter_id)
        self.setWindowTitle(self.tr("Consent history — {name}").format(name=person.display_name))
        self.resize(760, 440)
        self.summary = QLabel()
        self.summary.setObjectName("consentSummary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("consentTable")
        self.table.setAccessibleName(self.tr("Consent history"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Recorded"), self.tr("What"), self.tr("Answer"), self.tr("How")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(
            self.tr("Nothing recorded yet: they have not agreed to anything in this app.")
        )
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.channel = QComboBox()
        self.channel.setObjectName("withdrawChannel")
        self.channel.setAccessibleName(self.tr("Consent to withdraw"))
        self.how = QLineEdit()
        self.how.setObjectName("withdrawHow")
        self.how.setPlaceholderText(self.tr("How they said so, e.g. asked by text to stop"))
        self.how.setAccessibleName(self.tr("How they withdrew it"))
        self.withdraw_button = QPushButton(self.tr("Withdraw"))
        self.withdraw_button.setObjectName("withdrawButton")
        self.withdraw_button.clicked.connect(self.withdraw)
        withdraw_row = QHBoxLayout()
        withdraw_row.addWidget(QLabel(self.tr("Withdraw:")))
        withdraw_row.addWidget(self.channel)
        withdraw_row.addWidget(self.how, 1)
        withdraw_row.addWidget(self.withdraw_button)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(withdraw_row)
        layout.addLayout(bottom)
        self.refresh()

    def _date(self, value: dt.date | None) -> str:
        if value is None:
            return ""
        return QLocale().toString(QDate(value.year, value.month, value.day), "d MMM yyyy")

    def refresh(self) -> None:
        records = list(
            ConsentRecord.select()
            .where(ConsentRecord.supporter == self.supporter_id)
            .order_by(ConsentRecord.recorded_at.desc(), ConsentRecord.id.desc())
        )
        self.table.setRowCount(len(records))
        for row, record in enumerate(records):
            answer = (
                self.tr("Yes, given {date}").format(date=self._date(record.given_on))
                if record.granted and record.given_on
                else self.tr("Yes")
                if record.granted
                else self.tr("Withdrawn")
            )
            cells = (
                self._date(record.recorded_at.date()),
                words(CONSENT_WORDS.get(record.channel, record.channel)),
                answer,
                record.how or "—",
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setVisible(bool(records))
        self.empty.setVisible(not records)
        current = svc.current_consents(self.supporter_id)
        granted = [c for c in CONSENT_WORDS if current.get(c) and current[c].granted]
        self.channel.clear()
        for channel in granted:
            self.channel.addItem(words(CONSENT_WORDS[channel]), channel)
        self.channel.setEnabled(bool(granted))
        self.how.setEnabled(bool(granted))
        self.withdraw_button.setEnabled(bool(granted))
        if granted:
            names = ", ".join(words(CONSENT_WORDS[c]).lower() for c in granted)
            self.summary.setText(self.tr("Today they agree to: {what}.").format(what=names))
        else:
            self.summary.setText(self.tr("Today they agree to nothing."))

    def withdraw(self) -> None:
        channel = self.channel.currentData()
        if not channel:
            return
        how = self.how.text().strip() or self.tr("withdrawn")
        svc.record_consent(self.supporter_id, channel, svc.Consent(False, dt.date.today(), how))
        self.changed = True
        self.how.clear()
        self.refresh()
