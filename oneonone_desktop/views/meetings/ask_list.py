"""A list of asks drawn on two lines: the ask with its time and place, then why it fits.

Used by the wizard's Ask page (pick one) and the prep dialog (tick a few).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from oneonone_desktop.services.asks import RankedAsk
from oneonone_desktop.views.meetings.common import fmt_when, tr

RankRole = int(Qt.ItemDataRole.UserRole) + 1
DetailRole = int(Qt.ItemDataRole.UserRole) + 2
WhyRole = int(Qt.ItemDataRole.UserRole) + 3
Index = QModelIndex | QPersistentModelIndex
PAD = 6


class TwoLineDelegate(QStyledItemDelegate):
    """Line 1: the title (semi-bold) and, after it, the detail; line 2, grey: the reasons."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        height = QFontMetrics(option.font).lineSpacing() * 2 + PAD * 2 + 2
        return QSize(200, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is None:
            return
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        area = area.adjusted(4, PAD, -6, -PAD)
        bold = QFont(opt.font)
        bold.setWeight(QFont.Weight.DemiBold)
        bold_metrics = QFontMetrics(bold)
        metrics = QFontMetrics(opt.font)
        line = metrics.lineSpacing()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        ink = QColor("#14273d" if selected else "#1f2a36")
        soft = QColor("#3b4a5a" if selected else "#5b6775")
        painter.save()
        painter.setFont(bold)
        painter.setPen(ink)
        first = bold_metrics.elidedText(title, Qt.TextElideMode.ElideRight, area.width())
        painter.drawText(QRect(area.x(), area.y(), area.width(), line), 0, first)
        used = bold_metrics.horizontalAdvance(first)
        detail = str(index.data(DetailRole) or "")
        if detail and used < area.width() - 40:
            painter.setFont(opt.font)
            painter.setPen(soft)
            rest = metrics.elidedText(
                "   " + detail, Qt.TextElideMode.ElideRight, area.width() - used
            )
            painter.drawText(QRect(area.x() + used, area.y(), area.width() - used, line), 0, rest)
        why = str(index.data(WhyRole) or "")
        painter.setFont(opt.font)
        painter.setPen(soft)
        second = metrics.elidedText(why, Qt.TextElideMode.ElideRight, area.width())
        painter.drawText(QRect(area.x(), area.y() + line, area.width(), line), 0, second)
        painter.restore()


class AskList(QListWidget):
    """Ranked asks, best fit first; optionally each with a tick box."""

    def __init__(self, name: str, checkable: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.checkable = checkable
        self.setAccessibleName(name)
        self.setItemDelegate(TwoLineDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setUniformItemSizes(True)
        self.setStyleSheet(
            "QListWidget { background: #ffffff; alternate-background-color: #f6f8fa;"
            " border: 1px solid #d9dee4; border-radius: 4px; outline: 0; }"
            " QListWidget::item:selected { background: #cfe0f3; }"
        )

    def fill(self, ranked: list[RankedAsk], today: dt.date, checked: set[int] = set()) -> None:  # noqa: B006
        self.clear()
        for item in ranked:
            action = item.action
            bits = [fmt_when(action.starts_at, today) or tr("any time")]
            if action.place:
                bits.append(action.place)
            reasons = [
                r for r in item.reasons if not (self.checkable and r == "chosen while preparing")
            ]
            why = "; ".join(reasons) or tr("a next step from the guide")
            row = QListWidgetItem(action.title)
            row.setData(RankRole, item)
            row.setData(DetailRole, " · ".join(bits))
            row.setData(WhyRole, tr("Why: {reasons}").format(reasons=why))
            row.setToolTip(
                "\n".join(x for x in (action.title, " · ".join(bits), why, action.description) if x)
            )
            if self.checkable:
                row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                row.setCheckState(
                    Qt.CheckState.Checked if action.id in checked else Qt.CheckState.Unchecked
                )
            self.addItem(row)
        if self.count():
            self.setCurrentRow(0)

    def ranked(self, row: int) -> Any:
        item = self.item(row)
        return item.data(RankRole) if item is not None else None

    def current_ranked(self) -> RankedAsk | None:
        item = self.currentItem()
        return item.data(RankRole) if item is not None else None

    def checked_ids(self) -> list[int]:
        out = []
        for row in range(self.count()):
            item = self.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(int(item.data(RankRole).action.id))
        return out
