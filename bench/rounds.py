"""Pages against the floor in alternated rounds: the order of a round and the median ratio.

Pure helpers for web_bench.py, standard library only. A round measures every endpoint once,
the floor (`/healthz`) included. A page's ratio in a round is its requests/s over the floor's
in that same round; its figure is the median of its ratios over the rounds, so a burst of
other work on a shared machine moves one round, not the figure. Rounds go forwards and
backwards in turn, so that over the rounds every page is measured about as close in time
to the floor as every other.
"""

import statistics


def round_order(keys, round_number):
    """The endpoints of round `round_number` (from 0): as listed, reversed on odd rounds."""
    keys = list(keys)
    return keys if round_number % 2 == 0 else keys[::-1]


def ratios_to_floor(rounds, floor_key):
    """{page: [ratio in round 1, ratio in round 2, ...]} from rounds of {key: requests/s}."""
    ratios = {}
    for measured in rounds:
        floor = measured[floor_key]
        for key, requests_per_second in measured.items():
            if key != floor_key:
                ratios.setdefault(key, []).append(requests_per_second / floor)
    return ratios


def median_ratios(rounds, floor_key):
    """{page: median of its per-round ratios to the floor}."""
    return {
        key: statistics.median(ratios) for key, ratios in ratios_to_floor(rounds, floor_key).items()
    }


def holds(ratio, goal, errors=0):
    """Whether a page meets its goal: at least `goal` of the floor, and no failed request.
    None when the page has no goal."""
    if goal is None:
        return None
    return ratio >= goal and not errors
