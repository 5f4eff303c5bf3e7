"""Add or edit a person: the form from ui/supporter_form.ui, validated by services.supporters."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.services import supporters as svc
from oneonone_desktop.services.supporters import Consent, SupporterData, ValidationError
from oneonone_desktop.store.models import LadderStage, Supporter, db
from oneonone_desktop.views.forms import child, load_form
from oneonone_desktop.views.pickers import PersonPicker, label_completer, split_list
from oneonone_desktop.views.wording import CONSENT_WORDS, THANK_YOU_WORDS, words

TEXT_FIELDS = {  # SupporterData field -> line edit in the form
    "first_name": "firstNameEdit",
    "last_name": "lastNameEdit",
    "preferred_name": "preferredNameEdit",
    "pronouns": "pronounsEdit",
    "street": "streetEdit",
    "street2": "street2Edit",
    "city": "cityEdit",
    "region": "regionEdit",
    "postal_code": "postalCodeEdit",
    "country": "countryEdit",
    "language": "languageEdit",
    "how_met": "howMetEdit",
}
LABEL_FIELDS = {
    "tag": "tagsEdit",
    "issue": "issuesEdit",
    "skill": "skillsEdit",
    "interest": "interestsEdit",
}
# Where each problem from services.supporters is shown, in the order focus looks for them.
PROBLEM_WIDGETS = (
    *((key, name) for key, name in TEXT_FIELDS.items() if key not in ("language", "how_met")),
    ("emails", "emailsEdit"),
    ("phones", "phonesEdit"),
    ("language", "languageEdit"),
    ("stage_key", "stageCombo"),
    ("how_met", "howMetEdit"),
    ("referred_by_id", "referredByHolder"),
    ("labels", "tagsEdit"),
    ("thank_you_preference", "thankYouCombo"),
    ("background", "backgroundEdit"),
)


class SupporterDialog(QDialog):
    """`saved_id` holds the person's id once saved."""

    def __init__(self, supporter_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supporterDialog")
        self.supporter_id = supporter_id
        self.saved_id: int | None = None
        self.form = load_form("supporter_form", self)
        self.tabs = child(self.form, QTabWidget, "tabs")
        self.edits = {key: child(self.form, QLineEdit, name) for key, name in TEXT_FIELDS.items()}
        self.emails = child(self.form, QLineEdit, "emailsEdit")
        self.phones = child(self.form, QLineEdit, "phonesEdit")
        self.labels = {k: child(self.form, QLineEdit, n) for k, n in LABEL_FIELDS.items()}
        self.stage = child(self.form, QComboBox, "stageCombo")
        self.thank_you = child(self.form, QComboBox, "thankYouCombo")
        self.background = child(self.form, QPlainTextEdit, "backgroundEdit")
        holder = child(self.form, QWidget, "referredByHolder")
        self.referred_by = PersonPicker(db, holder)
        self.referred_by.exclude(supporter_id)
        self.referred_by.edit.setAccessibleName(self.tr("Referred by"))
        QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
        holder.layout().addWidget(self.referred_by)
        holder.setFocusProxy(self.referred_by)
        label = child(self.form, QLabel, "referredByHolderLabel")
        label.setBuddy(self.referred_by.edit)

        self.stage.addItem(self.tr("Not set"), None)
        for stage in LadderStage.select().order_by(LadderStage.position):
            self.stage.addItem(stage.label, stage.key)
        for key, text in THANK_YOU_WORDS.items():
            self.thank_you.addItem(words(text), key)
        for kind, edit in self.labels.items():
            label_completer(kind, edit)
        self.background.setTabChangesFocus(True)
        self._name_accessibility()
        self.consents = self._build_consents()

        self.general_error = QLabel()
        self.general_error.setObjectName("fieldError")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.errors: dict[str, QLabel] = {}
        for key, name in PROBLEM_WIDGETS:
            self.errors[key] = self._error_label(child(self.form, QWidget, name))

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.general_error)
        layout.addWidget(self.form, 1)
        layout.addWidget(buttons)

        if supporter_id is None:
            self.setWindowTitle(self.tr("New person"))
        else:
            self._load(supporter_id)
        self.tabs.setCurrentIndex(0)
        self.edits["first_name"].setFocus()
        self.resize(660, 600)

    # --- building ------------------------------------------------------------------------

    def _name_accessibility(self) -> None:
        """Name every field after its label, and line the labels up the same on every tab."""
        labels: list[QWidget] = []
        for form_name in ("personForm", "involvementForm"):
            form = self.form.findChild(QFormLayout, form_name)
            if form is None:
                continue
            for row in range(form.rowCount()):
                label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
                if label and field and label.widget() and field.widget():
                    text = label.widget().text().replace("&", "") or self.tr("Street, line 2")
                    field.widget().setAccessibleName(text)
                    labels.append(label.widget())
        widest = max((w.sizeHint().width() for w in labels), default=0)
        for widget in labels:
            widget.setMinimumWidth(widest)
            if isinstance(widget, QLabel):
                widget.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def _build_consents(self) -> dict[str, tuple[QCheckBox, QDateEdit, QLineEdit]]:
        grid = self.form.findChild(QGridLayout, "consentGrid")
        header_since = QLabel(self.tr("Since"))
        header_how = QLabel(self.tr("How they said yes"))
        for header in (header_since, header_how):
            header.setObjectName("columnCaption")
        grid.addWidget(header_since, 0, 1)
        grid.addWidget(header_how, 0, 2)
        rows: dict[str, tuple[QCheckBox, QDateEdit, QLineEdit]] = {}
        for number, (channel, text) in enumerate(CONSENT_WORDS.items(), start=1):
            box = QCheckBox(words(text))
            box.setObjectName(f"consent_{channel}")
            since = QDateEdit(QDate.currentDate())
            since.setCalendarPopup(True)
            since.setAccessibleName(self.tr("{what}: since").format(what=words(text)))
            since.setEnabled(False)
            how = QLineEdit()
            how.setPlaceholderText(self.tr("e.g. said yes at our 1:1"))
            how.setAccessibleName(self.tr("{what}: how they said yes").format(what=words(text)))
            how.setEnabled(False)
            box.toggled.connect(since.setEnabled)
            box.toggled.connect(how.setEnabled)
            grid.addWidget(box, number, 0)
            grid.addWidget(since, number, 1)
            grid.addWidget(how, number, 2)
            rows[channel] = (box, since, how)
        grid.setColumnStretch(2, 1)
        self._consent_before: dict[str, Consent] = {}
        return rows

    def _error_label(self, widget: QWidget) -> QLabel:
        label = QLabel()
        label.setObjectName("fieldError")
        label.setWordWrap(True)
        label.setMinimumWidth(360)
        label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        form = self._form_of(widget)
        if form is None:
            return label
        row, _ = form.getWidgetPosition(widget)
        form.insertRow(row + 1, "", label)
        form.setRowVisible(label, False)
        return label

    def _form_of(self, widget: QWidget) -> QFormLayout | None:
        for form in self.form.findChildren(QFormLayout):
            row, _ = form.getWidgetPosition(widget)
            if row >= 0:
                return form
        return None

    # --- values ---------------------------------------------------------------------------

    def _load(self, supporter_id: int) -> None:
        data = svc.load_data(supporter_id)
        person = Supporter.get_by_id(supporter_id)
        self.setWindowTitle(self.tr("Edit {name}").format(name=person.display_name))
        for key, edit in self.edits.items():
            edit.setText(getattr(data, key))
        self.emails.setText(", ".join(data.emails))
        self.phones.setText(", ".join(data.phones))
        for kind, edit in self.labels.items():
            edit.setText(", ".join(data.labels.get(kind, [])))
        self.stage.setCurrentIndex(
            max(self.stage.findData(data.stage_key), 0) if data.stage_key else 0
        )
        self.thank_you.setCurrentIndex(max(self.thank_you.findData(data.thank_you_preference), 0))
        self.background.setPlainText(data.background)
        self.referred_by.set_supporter(data.referred_by_id)
        self._consent_before = dict(data.consents)
        for channel, (box, since, how) in self.consents.items():
            given = data.consents.get(channel)
            box.setChecked(bool(given and given.granted))
            if given and given.granted:
                if given.given_on:
                    since.setDate(
                        QDate(given.given_on.year, given.given_on.month, given.given_on.day)
                    )
                how.setText(given.how)

    def data(self) -> SupporterData:
        """What the form holds now, as SupporterData (not yet validated)."""
        data = SupporterData(**{key: edit.text() for key, edit in self.edits.items()})
        data.background = self.background.toPlainText()
        data.emails = split_list(self.emails.text())
        data.phones = split_list(self.phones.text())
        data.labels = {kind: split_list(edit.text()) for kind, edit in self.labels.items()}
        data.stage_key = self.stage.currentData()
        data.thank_you_preference = str(self.thank_you.currentData() or "")
        data.referred_by_id = self.referred_by.supporter_id()
        consents: dict[str, Consent] = {}
        for channel, (box, since, how) in self.consents.items():
            if box.isChecked():
                day = since.date()
                consents[channel] = Consent(
                    True, dt.date(day.year(), day.month(), day.day()), how.text().strip()
                )
            elif channel in self._consent_before:
                consents[channel] = Consent(False)
        data.consents = consents
        return data

    # --- saving -------------------------------------------------------------------------------

    def save(self) -> None:
        """Validate and store; on problems, show them by their fields and keep everything typed."""
        self.show_problems({})
        if self.referred_by.has_unpicked_text():
            self.show_problems(
                {
                    "referred_by_id": self.tr(
                        "Pick the person from the list that drops down as you type, "
                        "or clear the box."
                    )
                }
            )
            return
        try:
            if self.supporter_id is None:
                self.saved_id = svc.create_supporter(self.data()).id
            else:
                self.saved_id = svc.update_supporter(self.supporter_id, self.data()).id
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return
        self.accept()

    def show_problems(self, problems: dict[str, str]) -> None:
        unplaced = []
        for key, label in self.errors.items():
            label.setText(problems.get(key, ""))
            form = self._form_of(label)
            if form is not None:
                form.setRowVisible(label, key in problems)
        for key, text in problems.items():
            if key not in self.errors:
                unplaced.append(text)
        self.general_error.setText("\n".join(unplaced))
        self.general_error.setVisible(bool(unplaced))
        for key, name in PROBLEM_WIDGETS:
            if key in problems:
                self._focus(child(self.form, QWidget, name))
                return
        if "consents" in problems:
            self._focus(next(iter(self.consents.values()))[0])

    def _focus(self, widget: QWidget) -> None:
        for index in range(self.tabs.count()):
            if self.tabs.widget(index).isAncestorOf(widget):
                self.tabs.setCurrentIndex(index)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
