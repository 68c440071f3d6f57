"""Per-assessment tables for the what-if search (engine.whatif): which changes to try, and
what each can do to the scores.

A 1-5 factor other than sensitivity moves each score by a fixed number of points per step,
so for every top answer, availability of BPO and KPO, and distance, the moves and their
point changes are listed once per context. With each move goes what it can do to the race:
how much each other answer gains on the top one, and how much it rises. A task's what-if
search tries a move only if those could bring another answer within the rounding margin
(CLEAR_GAP) of the top one, or to the cap; any other move leaves the answer as it is, so
skipping it changes no what-if. A sensitivity change that keeps the delivery offers moves
the scores by the difference of the sensitivity points and is screened the same way; one
that changes them is always re-priced. No Django, no database, no clock.
"""

from .model import BPO, IN_HOUSE, KPO, SCALE_FACTORS

ANSWER_ORDER = (BPO, KPO, IN_HOUSE)  # the order of an Evaluation's raw scores
LINEAR_FACTORS = SCALE_FACTORS[:-1]  # all but data sensitivity, which can be re-priced
DISTANCES = (1, 2, 3, 4)
RACE = (5, 6, 7, 8)  # where a move's gains and rises are


class SearchPlan:
    """The what-if search for one top answer and one availability of BPO and KPO.

    `moves[distance]`: (factor index, step, BPO, KPO and in-house point changes, then the
    gain and rise of each of the two other answers), in the order they are tried; `reach`
    the largest of those gains and rises at each distance.
    `sensitivity_moves[value][distance]`: (new value, gains and rises) for a sensitivity
    change that keeps the offers. `others`: the indexes of the two other answers.
    """

    __slots__ = ("moves", "others", "reach", "sensitivity_moves", "top")

    def __init__(self, top, slopes, directions, sensitivity_points):
        self.top = top
        self.others = tuple(other for other in range(3) if other != top)
        self.moves = {
            distance: tuple(self._moves(distance, slopes, directions)) for distance in DISTANCES
        }
        # The most any move of a distance does to the race, to pass over them all at once.
        self.reach = {
            distance: tuple(max([0.0, *(move[column] for move in moves)]) for column in RACE)
            for distance, moves in self.moves.items()
        }
        self.sensitivity_moves = {
            current: {
                distance: tuple(
                    (value, *self.race(sensitivity_change(sensitivity_points, current, value)))
                    for value in (current - distance, current + distance)
                    if value in sensitivity_points
                )
                for distance in DISTANCES
            }
            for current in sensitivity_points
        }

    def _moves(self, distance, slopes, directions):
        for index, factor in enumerate(LINEAR_FACTORS):
            for step, allowed in zip((-distance, distance), directions[factor], strict=True):
                if allowed:
                    changes = tuple(slope * step for slope in slopes[factor])
                    yield (index, step, *changes, *self.race(changes))

    def race(self, changes):
        """(gain on the top answer, rise) of each other answer under these point changes."""
        return tuple(
            value
            for other in self.others
            for value in (changes[other] - changes[self.top], changes[other])
        )


def sensitivity_change(sensitivity_points, current, value):
    return tuple(
        sensitivity_points[value][index] - sensitivity_points[current][index] for index in range(3)
    )


class SearchTables(dict):
    """A SearchPlan per (top answer, BPO available, KPO available), each made the first
    time a task needs it (at most twelve per context). An answer with no permitted
    location keeps its score of 0 whatever changes, so its points change by 0."""

    def __init__(self, slopes, directions, sensitivity_points):
        super().__init__()
        self.slopes, self.directions = slopes, directions
        self.sensitivity_points = sensitivity_points

    def __missing__(self, key):
        top, *available = key
        keep = (*available, True)
        effective = {
            factor: tuple(
                slope if keep[index] else 0.0 for index, slope in enumerate(self.slopes[factor])
            )
            for factor in LINEAR_FACTORS
        }
        points = {
            value: tuple(point if keep[index] else 0.0 for index, point in enumerate(row))
            for value, row in self.sensitivity_points.items()
        }
        plan = SearchPlan(ANSWER_ORDER.index(top), effective, self.directions[top], points)
        self[key] = plan
        return plan
