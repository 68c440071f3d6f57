"""Chart geometry of the results report: pure Python, no database."""

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments import charts
from assessments.charts import BarInput, ScatterPoint

ANSWERS = ("bpo", "kpo", "in_house")
EPSILON = 0.02  # coordinates are rounded to two decimals


def point(complexity=2, skill_level=2, answer="bpo", cost=1000.0, label="Task"):
    return ScatterPoint(label, complexity, skill_level, answer, cost)


def cell_bounds(complexity, skill_level):
    width = (charts.PLOT_RIGHT - charts.PLOT_LEFT) / 5
    height = (charts.PLOT_BOTTOM - charts.PLOT_TOP) / 5
    left = charts.PLOT_LEFT + (complexity - 1) * width
    bottom = charts.PLOT_BOTTOM - (skill_level - 1) * height
    return left, left + width, bottom - height, bottom


points_strategy = st.lists(
    st.builds(
        point,
        complexity=st.integers(1, 5),
        skill_level=st.integers(1, 5),
        answer=st.sampled_from(ANSWERS),
        cost=st.floats(0, 10_000_000, allow_nan=False),
    ),
    min_size=1,
    max_size=60,
)


@given(points_strategy)
def test_every_marker_lies_inside_the_plot_and_inside_its_own_cell(points):
    chart = charts.scatter(points)

    assert len(chart.markers) == len(points)
    cells = {p.label: (p.complexity, p.skill_level) for p in points}
    for marker in chart.markers:
        assert marker.x - marker.r >= charts.PLOT_LEFT - EPSILON
        assert marker.x + marker.r <= charts.PLOT_RIGHT + EPSILON
        assert marker.y - marker.r >= charts.PLOT_TOP - EPSILON
        assert marker.y + marker.r <= charts.PLOT_BOTTOM + EPSILON
        if len(cells) == len(points):  # labels unique: we know each marker's cell
            left, right, top, bottom = cell_bounds(*cells[marker.label])
            assert left - EPSILON <= marker.x - marker.r <= marker.x + marker.r <= right + EPSILON
            assert top - EPSILON <= marker.y - marker.r <= marker.y + marker.r <= bottom + EPSILON


def test_higher_complexity_is_further_right_and_higher_skill_is_further_up():
    chart = charts.scatter(
        [point(1, 1, label="low"), point(5, 5, label="high"), point(3, 1, label="middle")]
    )
    by_label = {marker.label: marker for marker in chart.markers}

    assert by_label["low"].x < by_label["middle"].x < by_label["high"].x
    assert by_label["high"].y < by_label["low"].y  # SVG y grows downwards
    assert by_label["low"].y == by_label["middle"].y


def test_radius_grows_with_monthly_cost_between_the_minimum_and_maximum():
    costs = [0, 100, 1_000, 10_000, 100_000]
    chart = charts.scatter(
        [
            point(complexity, 3, cost=cost, label=str(cost))
            for complexity, cost in enumerate(costs, 1)
        ]
    )
    radii = [next(m.r for m in chart.markers if m.label == str(cost)) for cost in costs]

    assert radii == sorted(radii)
    assert len(set(radii)) == len(radii)
    assert radii[0] == pytest.approx(charts.MIN_RADIUS)
    assert radii[-1] == pytest.approx(charts.MAX_RADIUS)


def test_area_rather_than_radius_tracks_cost():
    radii = charts.radii([0, 2_500, 10_000], 0, 100)
    # sqrt scale: a quarter of the cost gives half the (scaled) radius.
    assert radii == pytest.approx([0, 50, 100])


def test_equal_costs_give_equal_middle_sized_markers():
    chart = charts.scatter([point(1, 1, cost=500), point(5, 5, cost=500)])
    assert {marker.r for marker in chart.markers} == {(charts.MIN_RADIUS + charts.MAX_RADIUS) / 2}


@pytest.mark.parametrize("count", [2, 7, 30, 1000])
def test_tasks_in_the_same_cell_get_distinct_positions(count):
    chart = charts.scatter([point(3, 3, label=f"t{n}", cost=1000) for n in range(count)])

    positions = {(marker.x, marker.y) for marker in chart.markers}
    assert len(positions) == count


def test_a_lone_task_sits_in_the_middle_of_its_cell():
    chart = charts.scatter([point(2, 4)])
    marker = chart.markers[0]
    assert (marker.x, marker.y) == pytest.approx((charts.x_of(2), charts.y_of(4)))


def test_a_crowded_cell_shrinks_the_largest_markers():
    roomy = charts.scatter([point(cost=c) for c in (1, 10_000)])
    crowded = charts.scatter([point(cost=c) for c in (1, 10_000)] + [point(cost=5)] * 98)

    assert max(m.r for m in crowded.markers) < max(m.r for m in roomy.markers)
    assert min(m.r for m in crowded.markers) >= charts.MIN_RADIUS


def test_larger_markers_are_drawn_first_so_small_ones_stay_visible():
    chart = charts.scatter([point(cost=c, label=str(c)) for c in (10, 90_000, 400)])
    assert [marker.r for marker in chart.markers] == sorted(
        (marker.r for marker in chart.markers), reverse=True
    )


def test_the_layout_is_the_same_every_time():
    points = [point(n % 5 + 1, n % 3 + 1, ANSWERS[n % 3], n * 37.5, f"t{n}") for n in range(50)]
    assert charts.scatter(points) == charts.scatter(list(points))


def test_markers_keep_their_task_label_and_answer_style():
    chart = charts.scatter([point(answer="kpo", label="Market research: KPO")])
    marker = chart.markers[0]
    assert marker.label == "Market research: KPO"
    assert marker.style is charts.ANSWER_STYLES["kpo"]


def test_each_answer_has_its_own_colour_and_a_second_cue_besides_colour():
    styles = [charts.ANSWER_STYLES[answer] for answer in ANSWERS]

    assert len({style.paint for style in styles}) == 3
    assert len({style.stroke for style in styles}) == 3
    # Shape cue: solid disc, hatched disc, dashed ring.
    assert len({(style.pattern, style.dash) for style in styles}) == 3
    assert charts.ANSWER_STYLES["kpo"].paint == "url(#hatch-kpo)"


def relative_luminance(colour):
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("answer", ANSWERS)
def test_marker_outlines_contrast_at_least_3_to_1_with_the_white_page(answer):
    stroke = relative_luminance(charts.ANSWER_STYLES[answer].stroke)
    assert (1.05) / (stroke + 0.05) >= 3


def test_ticks_run_from_1_to_5_across_and_up():
    chart = charts.scatter([point()])

    assert [tick.value for tick in chart.x_ticks] == [1, 2, 3, 4, 5]
    xs = [tick.position for tick in chart.x_ticks]
    ys = [tick.position for tick in chart.y_ticks]
    assert xs == sorted(xs)
    assert ys == sorted(ys, reverse=True)
    assert chart.grid_x[0] == chart.left
    assert chart.grid_x[-1] == chart.right
    assert chart.grid_y[0] == chart.top
    assert chart.grid_y[-1] == chart.bottom


def test_an_empty_task_list_gives_an_empty_chart():
    assert charts.scatter([]).markers == []


# --- Cost bars ---------------------------------------------------------------------------


def bars(*values):
    return [
        BarInput(f"option {n}", value, f"USD {value}", "#000000") for n, value in enumerate(values)
    ]


def test_bar_width_is_proportional_to_value_and_the_largest_fills_the_width():
    chart = charts.bar_chart([("Per month", bars(100, 50, 25, 0))])
    widths = [bar.width for bar in chart.groups[0].bars]

    assert widths == pytest.approx(
        [charts.BAR_MAX_WIDTH, charts.BAR_MAX_WIDTH / 2, charts.BAR_MAX_WIDTH / 4, 0]
    )


def test_each_group_has_its_own_scale():
    chart = charts.bar_chart([("Per month", bars(10, 5)), ("Three years", bars(3000, 3000))])
    first, second = chart.groups

    assert first.bars[0].width == second.bars[0].width == charts.BAR_MAX_WIDTH
    assert first.bars[1].width == pytest.approx(charts.BAR_MAX_WIDTH / 2)


def test_figures_are_printed_just_beside_their_bars():
    chart = charts.bar_chart([("Per month", bars(80, 20))])
    for bar in chart.groups[0].bars:
        assert bar.value_x > chart.bar_x + bar.width
        assert bar.value_x - (chart.bar_x + bar.width) < 10
        assert bar.value_text.startswith("USD ")


def test_bars_and_group_titles_never_overlap_and_fit_the_chart():
    chart = charts.bar_chart([("A", bars(1, 2, 3, 4)), ("B", bars(4, 3, 2, 1))])
    tops = []
    for group in chart.groups:
        tops.append((group.title_y - 12, group.title_y))
        tops.extend((bar.y, bar.y + chart.bar_height) for bar in group.bars)
    for (_, previous_end), (start, _) in itertools.pairwise(tops):
        assert start >= previous_end
    assert tops[-1][1] <= chart.height
    assert chart.bar_x + charts.BAR_MAX_WIDTH <= chart.width


def test_all_zero_values_draw_empty_bars_without_failing():
    chart = charts.bar_chart([("Per month", bars(0, 0))])
    assert [bar.width for bar in chart.groups[0].bars] == [0, 0]


def test_square_root_scale_keeps_zero_cost_at_minimum():
    assert charts.radii([0, 0, 1], 4, 18)[0] == 4
    assert math.isclose(charts.radii([1, 4], 4, 18)[1], 18)
