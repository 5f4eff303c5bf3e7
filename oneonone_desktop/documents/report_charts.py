"""The report PDF's charts (reportlab graphics): 1:1s held per week, commitments by status and
the top issues. In the anonymous report a bar that would show a count from 1 to 4 is left out."""

from __future__ import annotations

from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor

from oneonone_desktop.documents import fonts
from oneonone_desktop.documents.ink import INK, RULE, SOFT
from oneonone_desktop.services.report_survey import SMALL, SurveyReport

GRID = HexColor("#e6e9ee")
ACCENT = HexColor("#1d5fa8")
STATUS_COLOURS = {
    "kept": HexColor("#2e7d4f"),
    "missed": HexColor("#b3261e"),
    "pending": HexColor("#c98a10"),
    "not_yet": HexColor("#8a96a3"),
}
STATUS_NAMES = {"kept": "Kept", "missed": "Missed", "pending": "To come", "not_yet": "Not yet"}
ISSUE_BARS = 8
MOST_BARS = 16  # more weeks than this are drawn as a line


def hidden(report: SurveyReport, values: list[int]) -> bool:
    """Whether the anonymous report must not draw these counts (one is from 1 to 4)."""
    return report.masked and any(0 < v < SMALL for v in values)


def _scale(chart: Any, top: int) -> None:
    """A value axis from 0 with five or six round steps above `top`."""
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = fonts.SANS
        axis.labels.fontSize = 7
        axis.labels.fillColor = SOFT
        axis.strokeColor = RULE
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.valueMin = 0
    step = next(
        (s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000) if top / s <= 5),
        max(1, top // 5),
    )
    chart.valueAxis.valueStep = step
    chart.valueAxis.valueMax = (top // step + 1) * step


def _drawing(chart: Any, width: float, height: float) -> Drawing:
    drawing = Drawing(width, height)
    drawing.initialFontName = fonts.SANS  # else the renderer selects Helvetica, unembedded
    drawing.add(chart)
    return drawing


def _bar_labels(chart: VerticalBarChart | HorizontalBarChart) -> None:
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = fonts.SANS
    chart.barLabels.fontSize = 7
    chart.barLabels.fillColor = INK
    chart.barLabels.nudge = 6


def weekly_chart(report: SurveyReport, width: float, height: float = 120) -> Drawing:
    """1:1s held per week: bars for a few weeks, a line over many; weeks named by their Monday."""
    weeks = report.dashboard.per_week
    values = [n for _, n in weeks] or [0]
    every = max(1, -(-len(weeks) // 9))
    names = [f"{m.day} {m:%b}" if i % every == 0 else "" for i, (m, _) in enumerate(weeks)]
    chart: VerticalBarChart | HorizontalLineChart
    if len(weeks) <= MOST_BARS:
        chart = VerticalBarChart()
        chart.bars[0].fillColor = ACCENT
        chart.bars[0].strokeColor = None
        chart.groupSpacing = 8
    else:
        chart = HorizontalLineChart()
        chart.lines[0].strokeColor = ACCENT
        chart.lines[0].strokeWidth = 1.6
    chart.x, chart.y, chart.width, chart.height = 26, 16, width - 34, height - 24
    chart.data = [values]
    chart.categoryAxis.categoryNames = names
    _scale(chart, max([*values, 4]))
    return _drawing(chart, width, height)


def commitment_chart(report: SurveyReport, width: float, height: float = 120) -> Drawing | None:
    """Commitments kept, missed, to come and not yet; None when there is nothing to draw."""
    asks = report.dashboard.asks
    values = [getattr(asks, key) for key in STATUS_NAMES]
    if not any(values) or hidden(report, values):
        return None
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 26, 16, width - 34, height - 30
    chart.data = [values]
    chart.categoryAxis.categoryNames = list(STATUS_NAMES.values())
    chart.bars[0].strokeColor = None
    for n, key in enumerate(STATUS_NAMES):
        chart.bars[(0, n)].fillColor = STATUS_COLOURS[key]
    _bar_labels(chart)
    _scale(chart, max(values))
    return _drawing(chart, width, height)


def issue_chart(report: SurveyReport, width: float) -> Drawing | None:
    """The most raised issues as horizontal bars, top first; None when none can be drawn."""
    shown = [i for i in report.themes if not hidden(report, [i.people])][:ISSUE_BARS]
    if not shown:
        return None
    shown.reverse()  # the chart draws from the bottom up
    chart = HorizontalBarChart()
    chart.x, chart.y = 92, 14
    chart.width, chart.height = width - 104, 15 * len(shown)
    chart.data = [[i.people for i in shown]]
    chart.categoryAxis.categoryNames = [
        i.name if len(i.name) <= 18 else i.name[:17] + "…" for i in shown
    ]
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    _bar_labels(chart)
    _scale(chart, max(i.people for i in shown))
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.labels.fontSize = 7.5
    return _drawing(chart, width, 24 + 15 * len(shown))
