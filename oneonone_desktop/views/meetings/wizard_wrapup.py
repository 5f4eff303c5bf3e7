"""The wizard's Wrap-up page: the commitment and promises read back, what was learned, consent
given during the talk, and the ladder stage; the wizard's Finish button ends the 1:1 here."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from oneonone_desktop.services.agendas import AgendaStep
from oneonone_desktop.services.supporters import current_consents
from oneonone_desktop.store.models import ConsentRecord, LadderStage, Supporter
from oneonone_desktop.views.meetings.common import (
    box,
    error_label,
    fmt_date,
    fmt_time,
    label,
    scroll_area,
    show_error,
    tr,
)
from oneonone_desktop.views.meetings.wizard_pages import StepPage, WizardContext
from oneonone_desktop.views.wording import CONSENT_WORDS, words


class WrapupPage(StepPage):
    """Read back, what I learned, consent, ladder stage."""

    def __init__(self, step: AgendaStep, ctx: WizardContext, parent: QWidget | None = None):
        super().__init__(step, ctx, parent)
        content = QWidget()
        page = QVBoxLayout(content)
        page.setContentsMargins(0, 0, 8, 0)
        page.setSpacing(8)
        self.problem = box("problemBox")
        self.problem.linkActivated.connect(self._go)
        page.addWidget(self.problem)
        self.readback = box("infoBox")
        self.readback.setAccessibleName(tr("Read back"))
        page.addWidget(self.readback)

        columns = QHBoxLayout()
        columns.setSpacing(28)
        left = QVBoxLayout()
        left.setSpacing(6)
        learned_caption = label(tr("What I &learned"), "sectionCaption")
        left.addWidget(learned_caption)
        self.learned = QPlainTextEdit()
        learned_caption.setBuddy(self.learned)
        self.learned.setObjectName("learned")
        self.learned.setTabChangesFocus(True)
        self.learned.setAccessibleName(tr("What I learned"))
        self.learned.setPlaceholderText(
            tr("Why they care, what moves them, what they would like to do")
        )
        self.learned.setMinimumHeight(self.learned.fontMetrics().lineSpacing() * 6 + 16)
        left.addWidget(self.learned, 1)
        self.learned_error = error_label()
        left.addWidget(self.learned_error)
        columns.addLayout(left, 3)

        right = QVBoxLayout()
        right.setSpacing(6)
        right.addWidget(label(tr("They said yes to"), "sectionCaption"))
        grid = QGridLayout()
        grid.setVerticalSpacing(4)
        self.consents: dict[str, QCheckBox] = {}
        given = current_consents(ctx.meeting.supporter_id)
        for row, channel in enumerate(ConsentRecord.CHANNELS):
            check = QCheckBox(words(CONSENT_WORDS[channel]))
            check.setObjectName(f"consent_{channel}")
            before = given.get(channel)
            if before is not None and before.granted:
                check.setChecked(True)
                check.setEnabled(False)
                when = fmt_date(before.given_on) if before.given_on else ""
                note = tr("already given {when}").format(when=when).strip()
                grid.addWidget(label(note, "muted", wrap=False), row, 1)
                check.setAccessibleDescription(note)
            else:
                check.toggled.connect(self.edited)
            self.consents[channel] = check
            grid.addWidget(check, row, 0)
        right.addLayout(grid)
        self.consent_error = error_label()
        right.addWidget(self.consent_error)
        right.addSpacing(8)
        right.addWidget(label(tr("Where they are on the ladder now"), "sectionCaption"))
        self.stage = QComboBox()
        self.stage.setObjectName("ladderStage")
        self.stage.setAccessibleName(tr("Ladder stage after this 1:1"))
        self.stage.addItem(tr("Not set"), None)
        for stage in LadderStage.select().order_by(LadderStage.position):
            self.stage.addItem(stage.label, stage.key)
        self.stage.currentIndexChanged.connect(self.edited)
        right.addWidget(self.stage)
        right.addStretch(1)
        right.addWidget(
            label(
                tr(
                    "When you finish, the app proposes the follow-up: a thank-you, reminders "
                    "before their commitment, and your promises on the calendar."
                ),
                "muted",
            )
        )
        columns.addLayout(right, 2)
        page.addLayout(columns, 1)
        scroll = scroll_area(content, tr("Wrap-up"))
        self.body.addWidget(scroll, 1)
        self.learned.textChanged.connect(self.edited)
        self.go_to_step = lambda key: None  # set by the wizard: jump to a step by its key

    def _go(self, link: str) -> None:
        if link.startswith("step:"):
            self.go_to_step(link.split(":", 1)[1])

    def load(self) -> None:
        super().load()
        self.learned.setPlainText(self.state.learned)
        for channel, check in self.consents.items():
            if check.isEnabled():
                check.setChecked(channel in self.state.consents)
        key = self.state.stage_key or _stage_now(self.ctx.meeting.supporter_id)
        index = self.stage.findData(key) if key else 0
        self.stage.setCurrentIndex(max(index, 0))
        self.entered()

    def store(self) -> None:
        super().store()
        self.state.learned = self.learned.toPlainText()
        self.state.consents = [
            channel
            for channel, check in self.consents.items()
            if check.isEnabled() and check.isChecked()
        ]
        self.state.stage_key = self.stage.currentData()

    def entered(self) -> None:
        self.readback.setText(self._readback_html())
        self.readback.show()

    def _readback_html(self) -> str:
        ask = self.state.ask
        today = self.ctx.clock().date()
        rows: list[tuple[str, str]] = []
        if ask.not_yet:
            again = fmt_date(ask.ask_again_on, today) if ask.ask_again_on else tr("no date yet")
            reason = ask.not_yet_reason.strip() or tr("no reason written")
            text = tr("{reason}; ask again {date}").format(reason=reason, date=again)
            rows.append((tr("Not yet"), text))
        elif ask.is_blank:
            rows.append((tr("Commitment"), tr("none written yet: go back to the Ask")))
        else:
            day = fmt_date(ask.date, today) if ask.date else tr("(no date)")
            time = tr("at {time}").format(time=fmt_time(ask.time)) if ask.time else tr("(no time)")
            rows.append((tr("Commitment"), f"{ask.activity.strip() or '…'}, {day} {time}"))
            rows.append((tr("Goal"), ask.goal.strip() or tr("(no goal written)")))
        for promise in (p for p in self.state.promises if p.text.strip()):
            due = ""
            if promise.due_on:
                due = tr(" (by {date})").format(date=fmt_date(promise.due_on, today))
            rows.append((tr("You promised"), promise.text.strip() + due))
        body = "".join(
            f"<tr><td style='padding:1px 12px 1px 0'><b>{escape(k)}</b></td>"
            f"<td style='padding:1px 0'>{escape(v)}</td></tr>"
            for k, v in rows
        )
        head = escape(tr("Read it back to {name}:").format(name=self.ctx.meeting.supporter_name))
        return f"<p style='margin:0 0 4px 0'>{head}</p><table>{body}</table>"

    def show_problems(self, problems: dict[str, str]) -> None:
        self.entered()  # the read-back follows the latest edits
        show_error(self.learned_error, problems.get("learned", ""))
        show_error(
            self.consent_error,
            " ".join(v for k, v in problems.items() if k in ("consents", "stage_key")),
        )

    def show_refusal(self, messages: list[str], step_key: str, step_title: str) -> None:
        """The banner saying why the 1:1 cannot be finished yet, with a link to the step."""
        if not messages:
            self.problem.hide()
            return
        items = "".join(f"<li>{escape(m)}</li>" for m in messages)
        link = tr("Go to {step}").format(step=escape(step_title))
        self.problem.setText(
            "<b>"
            + escape(tr("Not finished yet. Nothing is lost: fix this and finish again."))
            + f"</b><ul style='margin:4px 0 4px -20px'>{items}</ul>"
            + f"<a href='step:{escape(step_key)}'>{link}</a>"
        )
        self.problem.show()

    def first_field(self) -> QWidget | None:
        return self.learned


def _stage_now(supporter_id: int) -> str | None:
    person = Supporter.get_or_none(Supporter.id == supporter_id)
    return person.stage.key if person is not None and person.stage_id else None
