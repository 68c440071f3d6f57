"""Why an answer was given: the factors that pull the top answer and the runner-up apart.

Largest first, each in plain words with the answer it favours and its weight in score
points (docs/scoring.md section 7); a ruled-out outsourcing answer is explained first. The
smallest change that would give another answer is `engine.whatif`. No Django, no database,
no clock.
"""

from .evaluate import points
from .model import MIN_REASON_POINTS, OUTSOURCED, REASONS_SHOWN, Reason
from .phrases import PHRASES, location_phrase
from .scoring import FACTOR_ORDER


def reasons(evaluation, context, top, runner_up, currency):
    task = evaluation.task
    mine, theirs = points(evaluation, context, top), points(evaluation, context, runner_up)
    # Written out rather than zipped: this runs for every task.
    pulls = (
        mine[0] - theirs[0],
        mine[1] - theirs[1],
        mine[2] - theirs[2],
        mine[3] - theirs[3],
        mine[4] - theirs[4],
        mine[5] - theirs[5],
    )
    # Largest first; equal sizes in reverse FACTOR_ORDER, as sorting (size, index) gives.
    ordered = sorted(
        (
            (abs(pulls[0]), 0),
            (abs(pulls[1]), 1),
            (abs(pulls[2]), 2),
            (abs(pulls[3]), 3),
            (abs(pulls[4]), 4),
            (abs(pulls[5]), 5),
        ),
        reverse=True,
    )
    found = []
    for size, index in ordered[:REASONS_SHOWN]:
        if size < MIN_REASON_POINTS:
            break  # the rest are smaller still
        # The phrase speaks of the answer the factor favours, then of the other one.
        if pulls[index] > 0:
            favoured, other = top, runner_up
        else:
            favoured, other = runner_up, top
        text = PHRASES[index](task, evaluation, favoured, other, currency)
        found.append(Reason(FACTOR_ORDER[index], text, favoured, round(size, 1)))
    offers = evaluation.offers
    if offers[0] is not None and offers[1] is not None:
        return tuple(found)
    blocked = [
        Reason("location", location_phrase(task, answer), top, 0.0)
        for answer, offer in zip(OUTSOURCED, offers, strict=True)
        if offer is None
    ]
    return tuple(blocked + found)
