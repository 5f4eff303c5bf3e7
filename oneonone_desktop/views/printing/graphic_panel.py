"""The #WhyWeResist graphic maker's choices: poster or social-image size, and what it says
(blank lines for handwriting, words typed, a person's words with their consent, or the
community's top issues).

Signals: changed() (a choice changed: preview again).
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import SqliteDatabase
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.store.models import Label
from oneonone_desktop.views.pickers import PersonPicker
from oneonone_desktop.views.printing.printable import (
    CancelFn,
    Printable,
    ProgressFn,
    Rendered,
)

SIZES: tuple[tuple[str, str | None, tuple[int, int] | None], ...] = (
    ("Poster, US Letter (PDF)", "letter", None),
    ("Poster, A4 (PDF)", "a4", None),
    ("Poster, tabloid 11 × 17 in (PDF)", "tabloid", None),
    ("Square post, 1080 × 1080 (PNG)", None, (1080, 1080)),
    ("Tall post, 1080 × 1350 (PNG)", None, (1080, 1350)),
    ("Wide post, 1200 × 675 (PNG)", None, (1200, 675)),
)
BLANK, WORDS, PERSON, COMMUNITY = "blank", "words", "person", "community"


def _tr(text: str) -> str:
    return QCoreApplication.translate("printing", text)


class GraphicPanel(QWidget):
    changed = Signal()

    def __init__(self, database: SqliteDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.size_choice = QComboBox()
        self.size_choice.setAccessibleName(self.tr("Size"))
        for text, paper, pixels in SIZES:
            self.size_choice.addItem(_tr(text), (paper, pixels))
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language"))
        self.language.addItem("English", "en")
        self.language.addItem("Español", "es")
        shape = QGridLayout()
        shape.setContentsMargins(0, 0, 0, 0)
        shape.addWidget(QLabel(self.tr("Size")), 0, 0)
        shape.addWidget(self.size_choice, 0, 1)
        shape.addWidget(QLabel(self.tr("Language")), 1, 0)
        shape.addWidget(self.language, 1, 1)
        shape.setColumnStretch(1, 1)

        self.blank = QRadioButton(self.tr("Blank lines to fill in by hand"))
        self.own = QRadioButton(self.tr("Words I type"))
        self.own_words = QLineEdit()
        self.own_words.setAccessibleName(self.tr("Words for the blank"))
        self.own_words.setPlaceholderText(self.tr("e.g. our clinic must stay open"))
        self.one = QRadioButton(self.tr("A person’s words and name"))
        self.person = PersonPicker(database)
        self.person.edit.setPlaceholderText(self.tr("type a name to find them"))
        self.person.edit.setAccessibleName(self.tr("Person"))
        self.their_words = QLineEdit()
        self.their_words.setAccessibleName(self.tr("Their words"))
        self.their_words.setPlaceholderText(
            self.tr("their words (empty: the issues they care about)")
        )
        self.consent_hint = QLabel(
            self.tr("Only with their permission to be mentioned on social media.")
        )
        self.consent_hint.setObjectName("filterCaption")
        self.consent_hint.setWordWrap(True)
        self.community = QRadioButton(self.tr("Our community’s top issues (no names)"))
        self.tag = QComboBox()
        self.tag.setAccessibleName(self.tr("Whose issues"))
        self.group = QButtonGroup(self)
        says = QGridLayout()
        says.setContentsMargins(0, 0, 0, 0)
        says.setVerticalSpacing(4)
        says.setColumnMinimumWidth(0, 20)
        rows: list[tuple[QRadioButton, str, list[QWidget]]] = [
            (self.blank, BLANK, []),
            (self.own, WORDS, [self.own_words]),
            (self.one, PERSON, [self.person, self.their_words, self.consent_hint]),
            (self.community, COMMUNITY, [self.tag]),
        ]
        row = 0
        for button, key, extras in rows:
            button.setProperty("mode", key)
            self.group.addButton(button)
            says.addWidget(button, row, 0, 1, 2)
            row += 1
            for extra in extras:
                says.addWidget(extra, row, 1)
                row += 1
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(_group(self.tr("Graphic"), shape))
        layout.addWidget(_group(self.tr("What it says"), says))
        layout.addStretch(1)

        self.reload()
        self.blank.setChecked(True)
        self.size_choice.currentIndexChanged.connect(self.changed)
        self.language.currentIndexChanged.connect(self.changed)
        self.group.buttonToggled.connect(self._mode_toggled)
        self.own_words.textChanged.connect(lambda: self._typed(self.own))
        self.their_words.textChanged.connect(lambda: self._typed(self.one))
        self.person.chosen.connect(lambda _id: self._typed(self.one))
        self.tag.currentIndexChanged.connect(lambda: self._typed(self.community))

    def reload(self) -> None:
        current = self.tag.currentData()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem(self.tr("Everyone"), "")
        for label in (
            Label.select(Label.name)
            .where(Label.kind == "tag")
            .order_by(Label.name.collate("NOCASE"))
        ):
            self.tag.addItem(self.tr("People tagged {tag}").format(tag=label.name), label.name)
        self.tag.setCurrentIndex(max(self.tag.findData(current), 0))
        self.tag.blockSignals(False)

    def mode(self) -> str:
        button = self.group.checkedButton()
        return str(button.property("mode")) if button is not None else BLANK

    def use_person(self, supporter_id: int) -> None:
        self.person.set_supporter(supporter_id)
        self.one.setChecked(True)
        self.changed.emit()

    def _mode_toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self.changed.emit()

    def _typed(self, button: QRadioButton) -> None:
        """Typing or picking beside a choice makes it the choice."""
        if button.isChecked():
            self.changed.emit()
        else:
            button.setChecked(True)

    def printable(self) -> Printable | str:
        """The current choices, or a sentence saying what is still missing."""
        from oneonone_desktop.documents.stocks import PAGE_SIZES

        paper, pixels = self.size_choice.currentData()
        mode = self.mode()
        words = self.own_words.text() if mode == WORDS else ""
        supporter_id = self.person.supporter_id() if mode == PERSON else None
        if mode == PERSON:
            if supporter_id is None:
                return self.tr("Type a name and pick the person from the list.")
            words = self.their_words.text()
        tag = str(self.tag.currentData() or "") if mode == COMMUNITY else ""
        language = str(self.language.currentData())
        options = dict(
            paper=paper,
            size=pixels,
            words=words,
            supporter_id=supporter_id,
            community=mode == COMMUNITY,
            tag=tag,
            language=language,
        )
        png = pixels is not None
        page = PAGE_SIZES[paper] if paper else (float(pixels[0]), float(pixels[1]))
        stem = f"whyweresist-{paper}" if paper else f"whyweresist-{pixels[0]}x{pixels[1]}"
        return Printable(
            ("graphic", tuple(sorted(options.items()))),
            "graphic",
            self.tr("#WhyWeResist graphic"),
            stem,
            1,
            page,
            graphic_work(options, "png" if png else "pdf"),
            (supporter_id,) if supporter_id is not None else (),
            png=png,
            can_print=not png,
            pdf_work=graphic_work(options, "pdf") if png else None,
        )


def graphic_work(
    options: dict[str, object], fmt: str
) -> Callable[[ProgressFn, CancelFn], Rendered]:
    """Render the graphic in `fmt` ('pdf' or 'png'); a person left out is named in the note."""

    def work(progress: ProgressFn, cancelled: CancelFn) -> Rendered:
        from oneonone_desktop.documents.graphics import render_graphic
        from oneonone_desktop.services.supporter_list import SupporterFilter, all_ids
        from oneonone_desktop.store.models import db

        tag = str(options["tag"])
        group = all_ids(db.obj, SupporterFilter(tag=tag)) if tag else None
        result = render_graphic(
            fmt,
            paper=options["paper"],  # type: ignore[arg-type]
            size=options["size"],  # type: ignore[arg-type]
            words=str(options["words"]),
            supporter_id=options["supporter_id"],  # type: ignore[arg-type]
            community=bool(options["community"]),
            supporter_ids=group,
            language=str(options["language"]),
        )
        notes = [left_out_note(int(options["supporter_id"]))] if result.note else []  # type: ignore[call-overload]
        width, height = result.size
        if fmt == "png":
            caption = _tr("{w} × {h} pixels").format(w=f"{width:g}", h=f"{height:g}")
        else:
            caption = _tr("One page, {w:.1f} × {h:.1f} in").format(w=width / 72, h=height / 72)
        return Rendered(result.data, caption, notes, png=fmt == "png", result=result)

    return work


def left_out_note(supporter_id: int) -> str:
    from oneonone_desktop.views.printing.printable import names_of

    return _tr(
        "{name} has not given permission to be mentioned on social media, so their name and "
        "words are left out and the graphic has blank lines instead. If they agree, record it "
        "on their page under Consent."
    ).format(name=names_of([supporter_id]))


def _group(title: str, layout: QGridLayout) -> QGroupBox:
    box = QGroupBox(title)
    inner = QVBoxLayout(box)
    inner.setContentsMargins(10, 8, 10, 10)
    inner.addLayout(layout)
    return box
