"""Geometry of the results report's charts, drawn on the server as SVG.

Pure Python on purpose: standard library only, no Django, no database. It turns plain
numbers into coordinates, radii and marker styles that a template writes as SVG
presentation attributes (never inline styles: the Content-Security-Policy forbids them).
It knows nothing about money formatting or the page; callers pass labels in.
"""

import math
from collections import defaultdict
from dataclasses import dataclass

SCALE = (1, 2, 3, 4, 5)
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))

# Scatter: complexity across, skill level up, in SVG user units.
SCATTER_WIDTH, SCATTER_HEIGHT = 640, 420
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 72, 624, 16, 356
MIN_RADIUS, MAX_RADIUS = 4.0, 18.0
CROWDED_CELL = 4  # more tasks than this in one cell shrink the largest markers
SPIRAL_STEP = 9.0

# Cost bars: option names on the left, bars in the middle, figures beside the bars.
BARS_WIDTH = 640
BAR_LEFT, BAR_MAX_WIDTH = 275, 230
BAR_HEIGHT, BAR_GAP, GROUP_HEADING = 22, 8, 34


@dataclass(frozen=True)
class MarkerStyle:
    """How one answer is drawn: colour plus a second cue, so colour is not the only one."""

    label: str
    fill: str
    stroke: str
    fill_opacity: str
    stroke_width: str
    dash: str  # stroke-dasharray: "none" for a solid outline
    pattern: str  # id of a <pattern> in the chart's <defs>, empty for a plain fill
    shape_note: str  # words for the legend

    @property
    def paint(self):
        """The SVG fill: the pattern when there is one, else the plain colour."""
        return f"url(#{self.pattern})" if self.pattern else self.fill


# Colours have at least 3:1 contrast against white (WCAG 1.4.11 for graphics).
ANSWER_STYLES = {
    "bpo": MarkerStyle("BPO", "#0b5cad", "#062f59", "0.8", "1", "none", "", "solid disc"),
    "kpo": MarkerStyle("KPO", "#146c43", "#0b3d26", "1", "1", "none", "hatch-kpo", "hatched disc"),
    "in_house": MarkerStyle(
        "In-house", "#ffffff", "#a14a00", "0.7", "2.5", "4 2", "", "dashed ring"
    ),
}
PLAN_FILL = "#343a40"


@dataclass(frozen=True)
class ScatterPoint:
    """One task as the scatter chart needs it."""

    label: str
    complexity: int
    skill_level: int
    answer: str
    monthly_cost: float


@dataclass(frozen=True)
class Marker:
    label: str
    answer: str
    x: float
    y: float
    r: float
    style: MarkerStyle


@dataclass(frozen=True)
class Tick:
    value: int
    position: float


@dataclass(frozen=True)
class Scatter:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    markers: list
    x_ticks: list
    y_ticks: list
    grid_x: list  # cell boundaries across
    grid_y: list  # cell boundaries up

    @property
    def tick_label_x(self):
        return self.left - 10

    @property
    def tick_label_y(self):
        return self.bottom + 20

    @property
    def x_title(self):
        return (self.left + self.right) / 2, self.bottom + 48

    @property
    def y_title(self):
        """Where the y-axis title goes once rotated a quarter turn anticlockwise."""
        return -(self.top + self.bottom) / 2, 22


def cell_width():
    return (PLOT_RIGHT - PLOT_LEFT) / len(SCALE)


def cell_height():
    return (PLOT_BOTTOM - PLOT_TOP) / len(SCALE)


def x_of(complexity):
    return PLOT_LEFT + (complexity - 0.5) * cell_width()


def y_of(skill_level):
    return PLOT_BOTTOM - (skill_level - 0.5) * cell_height()


def radius_range(busiest_cell):
    """Markers shrink when a cell is crowded, so neighbours stay visible."""
    crowding = max(1.0, math.sqrt(busiest_cell / CROWDED_CELL))
    return MIN_RADIUS, max(MIN_RADIUS * 1.5, MAX_RADIUS / crowding)


def radii(costs, low, high):
    """Radius for each cost: grows with the square root of cost (area tracks money)."""
    roots = [math.sqrt(max(0.0, float(cost))) for cost in costs]
    smallest, largest = min(roots, default=0.0), max(roots, default=0.0)
    if largest == smallest:
        return [(low + high) / 2 for _ in roots]
    return [low + (high - low) * (root - smallest) / (largest - smallest) for root in roots]


def spiral_offsets(count, limit):
    """Offsets of `count` markers around a cell's centre on a sunflower spiral.

    The first sits at the centre; each next one a little further out at the golden angle,
    so no two share a position. The step shrinks so the outermost stays within `limit`.
    """
    step = SPIRAL_STEP if count < 2 else min(SPIRAL_STEP, limit / math.sqrt(count - 1))
    return [
        (
            step * math.sqrt(k) * math.cos(k * GOLDEN_ANGLE),
            step * math.sqrt(k) * math.sin(k * GOLDEN_ANGLE),
        )
        for k in range(count)
    ]


def scatter(points):
    """Place each task by complexity and skill level, sized by cost, styled by answer."""
    cells = defaultdict(list)
    for index, point in enumerate(points):
        cells[(point.complexity, point.skill_level)].append(index)
    low, high = radius_range(max((len(members) for members in cells.values()), default=1))
    sizes = radii([point.monthly_cost for point in points], low, high)
    # Offset plus radius never exceeds half a cell: every marker stays inside its cell.
    limit = min(cell_width(), cell_height()) / 2 - high
    markers = []
    for (complexity, skill_level), members in sorted(cells.items()):
        # Biggest in the middle of the spiral, the rest around it in a stable order.
        members.sort(key=lambda index: (-sizes[index], index))
        for index, (dx, dy) in zip(members, spiral_offsets(len(members), limit), strict=True):
            markers.append(
                place(points[index], sizes[index], x_of(complexity) + dx, y_of(skill_level) + dy)
            )
    # Large markers first, so small ones are drawn on top and stay visible.
    markers.sort(key=lambda marker: -marker.r)
    return Scatter(
        width=SCATTER_WIDTH,
        height=SCATTER_HEIGHT,
        left=PLOT_LEFT,
        right=PLOT_RIGHT,
        top=PLOT_TOP,
        bottom=PLOT_BOTTOM,
        markers=markers,
        x_ticks=[Tick(value, round(x_of(value), 2)) for value in SCALE],
        y_ticks=[Tick(value, round(y_of(value), 2)) for value in SCALE],
        grid_x=[round(PLOT_LEFT + step * cell_width(), 2) for step in range(len(SCALE) + 1)],
        grid_y=[round(PLOT_TOP + step * cell_height(), 2) for step in range(len(SCALE) + 1)],
    )


def place(point, r, x, y):
    return Marker(
        label=point.label,
        answer=point.answer,
        x=round(x, 2),
        y=round(y, 2),
        r=round(r, 2),
        style=ANSWER_STYLES[point.answer],
    )


# --- Cost comparison bars -----------------------------------------------------------------


@dataclass(frozen=True)
class BarInput:
    label: str
    value: float
    value_text: str
    fill: str


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    fill: str
    y: float
    width: float
    text_y: float
    value_x: float


@dataclass(frozen=True)
class BarGroup:
    title: str
    title_y: float
    bars: list


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    label_x: int
    bar_x: int
    bar_height: int
    groups: list


def bar_chart(groups):
    """Horizontal bars, one group per measure ((title, [BarInput])), each on its own scale."""
    y = 0.0
    laid_out = []
    for title, inputs in groups:
        title_y = y + GROUP_HEADING - 12
        y += GROUP_HEADING
        largest = max((max(0.0, float(item.value)) for item in inputs), default=0.0)
        bars = []
        for item in inputs:
            width = 0.0 if largest == 0 else BAR_MAX_WIDTH * max(0.0, float(item.value)) / largest
            bars.append(
                Bar(
                    label=item.label,
                    value_text=item.value_text,
                    fill=item.fill,
                    y=round(y, 2),
                    width=round(width, 2),
                    text_y=round(y + BAR_HEIGHT * 0.7, 2),
                    value_x=round(BAR_LEFT + width + 6, 2),
                )
            )
            y += BAR_HEIGHT + BAR_GAP
        laid_out.append(BarGroup(title=title, title_y=round(title_y, 2), bars=bars))
    return BarChart(
        width=BARS_WIDTH,
        height=round(y + 4),
        label_x=BAR_LEFT - 8,
        bar_x=BAR_LEFT,
        bar_height=BAR_HEIGHT,
        groups=laid_out,
    )
