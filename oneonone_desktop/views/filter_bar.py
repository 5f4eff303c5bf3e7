"""The filters above the supporter list: stage, tag, issue, consent and follow-up state.

Signals: changed() whenever a filter is changed by the user or by set_values().
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from oneonone_desktop.store.models import Label, LadderStage
from oneonone_desktop.views.wording import CONSENT_FILTER_WORDS, words

FILTER_KEYS = (
    "stage",
    "tag",
    "issue",
    "consent",
    "not_contacted",
    "days",
    "owes_commitment",
    "we_owe_promise",
    "archived",
)


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self._quiet = False
        self.stage = self._combo(self.tr("Stage"), self.tr("Any stage"))
        self.tag = self._combo(self.tr("Tag"), self.tr("Any tag"))
        self.issue = self._combo(self.tr("Issue"), self.tr("Any issue"))
        self.consent = self._combo(self.tr("Consent"), self.tr("Any consent"))
        for key, text in CONSENT_FILTER_WORDS.items():
            self.consent.addItem(words(text), key)

        self.not_contacted = QCheckBox(self.tr("Not contacted in"))
        self.days = QSpinBox()
        self.days.setRange(1, 3650)
        self.days.setValue(30)
        self.days.setSuffix(self.tr(" days"))
        self.days.setAccessibleName(self.tr("Days without contact"))
        self.days.setEnabled(False)
        self.owes_commitment = QCheckBox(self.tr("Owes a commitment"))
        self.owes_commitment.setToolTip(self.tr("They agreed to do something that is still open"))
        self.we_owe_promise = QCheckBox(self.tr("We owe them a promise"))
        self.we_owe_promise.setToolTip(self.tr("You promised them something not yet done"))
        self.archived = QCheckBox(self.tr("Show archived"))
        self.archived.setToolTip(self.tr("Show only the people you archived"))
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.setFlat(True)
        self.clear_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clear_button.clicked.connect(self.clear)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        top = QHBoxLayout()
        top.setSpacing(8)
        for combo in (self.stage, self.tag, self.issue, self.consent):
            top.addWidget(combo)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.setSpacing(16)
        contact = QHBoxLayout()
        contact.setSpacing(4)
        contact.addWidget(self.not_contacted)
        contact.addWidget(self.days)
        bottom.addLayout(contact)
        for box in (self.owes_commitment, self.we_owe_promise, self.archived):
            bottom.addWidget(box)
        bottom.addStretch(1)
        bottom.addWidget(self.clear_button)
        label = QLabel(self.tr("Show:"))
        label.setObjectName("filterCaption")
        grid.addWidget(label, 0, 0)
        grid.addLayout(top, 0, 1)
        grid.addLayout(bottom, 1, 1)

        self.not_contacted.toggled.connect(self.days.setEnabled)
        for box in (self.not_contacted, self.owes_commitment, self.we_owe_promise, self.archived):
            box.toggled.connect(self._emit)
        self.days.valueChanged.connect(self._days_changed)
        self.reload_choices()
        self._update_clear()

    def _combo(self, name: str, anything: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.addItem(anything, None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.setMinimumContentsLength(10)
        combo.setMaxVisibleItems(20)
        combo.currentIndexChanged.connect(self._emit)
        return combo

    def reload_choices(self) -> None:
        """Fill the stage, tag and issue lists from the database, keeping what is chosen."""
        chosen = self.values()
        self._quiet = True
        try:
            stages = [(s.label, s.key) for s in LadderStage.select().order_by(LadderStage.position)]
            self._fill(self.stage, stages)
            for combo, kind in ((self.tag, "tag"), (self.issue, "issue")):
                names = [
                    (label.name, label.name)
                    for label in Label.select(Label.name)
                    .where(Label.kind == kind)
                    .order_by(Label.name.collate("NOCASE"))
                ]
                self._fill(combo, names)
            self._apply(chosen)
        finally:
            self._quiet = False

    def _fill(self, combo: QComboBox, items: list[tuple[str, str]]) -> None:
        while combo.count() > 1:
            combo.removeItem(1)
        for text, value in items:
            combo.addItem(text, value)

    def values(self) -> dict[str, Any]:
        """What is chosen, as plain values (saved in the settings between sessions)."""
        return {
            "stage": self.stage.currentData(),
            "tag": self.tag.currentData(),
            "issue": self.issue.currentData(),
            "consent": self.consent.currentData(),
            "not_contacted": self.not_contacted.isChecked(),
            "days": self.days.value(),
            "owes_commitment": self.owes_commitment.isChecked(),
            "we_owe_promise": self.we_owe_promise.isChecked(),
            "archived": self.archived.isChecked(),
        }

    def set_values(self, values: dict[str, Any], emit: bool = True) -> None:
        self._quiet = True
        try:
            self._apply(values)
        finally:
            self._quiet = False
        if emit:
            self._emit()

    def _apply(self, values: dict[str, Any]) -> None:
        for combo, key in (
            (self.stage, "stage"),
            (self.tag, "tag"),
            (self.issue, "issue"),
            (self.consent, "consent"),
        ):
            found = combo.findData(values.get(key)) if values.get(key) else 0
            combo.setCurrentIndex(max(found, 0))
        self.not_contacted.setChecked(bool(values.get("not_contacted")))
        try:
            self.days.setValue(int(values.get("days") or 30))
        except (TypeError, ValueError):
            self.days.setValue(30)
        self.owes_commitment.setChecked(bool(values.get("owes_commitment")))
        self.we_owe_promise.setChecked(bool(values.get("we_owe_promise")))
        self.archived.setChecked(bool(values.get("archived")))
        self._update_clear()

    def is_active(self) -> bool:
        """True when any filter narrows the list."""
        v = self.values()
        return any(v[k] for k in FILTER_KEYS if k != "days")

    def clear(self) -> None:
        self.set_values({})

    def _days_changed(self) -> None:
        if self.not_contacted.isChecked():
            self._emit()

    def _update_clear(self) -> None:
        self.clear_button.setVisible(self.is_active())

    def _emit(self, *_: Any) -> None:
        if self._quiet:
            return
        self._update_clear()
        self.changed.emit()
