"""A task's answer, confidence, reasons and what-if, from its evaluation.

A task with no positive in-house cost, or with its hours not given, earns cost points that
its money does not change (none, or a share fixed by the rates): its scores, answer,
confidence, reasons and what-if then follow from its five 1-5 values and its service type
alone. They are worked out once per context for each such shape (`Verdict`, two per
engine.evaluate.Shape at most) and shared by every task of that shape; only the cost reason is
worded per task, with the task's own money. Any other task is worked out in full. Either
way the same functions give the same values. No Django, no database, no clock.
"""

from .costs import ZERO
from .explain import ranked, worded
from .scoring import top_two
from .whatif import what_if


def verdict_of(evaluation, context):
    """(top answer, runner-up, confidence, confidence label, reasons, what-if)."""
    currency = context.currency
    if evaluation.prices is not None:  # hours given and a positive cost: money decides
        scores = evaluation.scores
        top, runner_up = top_two(scores)
        # Scores are shown to one decimal; so is their difference (no float residue).
        confidence, label = context.confidence(round(scores[top] - scores[runner_up], 1))
        pull, shown, complete = ranked(evaluation, context, top, runner_up)
        reasons = worded(evaluation, top, runner_up, pull, shown, complete, currency)
        return top, runner_up, confidence, label, reasons, what_if(evaluation, context, top)
    verdict = shared_verdict(evaluation, context)
    top, runner_up = verdict.top, verdict.runner_up
    reasons = verdict.reasons
    if reasons is None:  # the cost reason is shown, or an answer is ruled out
        reasons = worded(evaluation, top, runner_up, *verdict.ranked, currency)
    found = verdict.what_if
    # The shared what-if holds the first task's value: one given as 3.0 (or True) rather
    # than 3 is described with its own value, as the search would describe it.
    if found is not None and found.current is not getattr(evaluation.task, found.factor):
        found = what_if(evaluation, context, top)
    return top, runner_up, verdict.confidence, verdict.label, reasons, found


def shared_verdict(evaluation, context):
    # No cost points at all (True), else the share the rates fix (hours estimated).
    kind = evaluation.task.monthly_cost <= ZERO
    verdicts = evaluation.shape.verdicts
    verdict = verdicts.get(kind)
    if verdict is None:
        verdict = verdicts[kind] = Verdict(evaluation, context)
    return verdict


class Verdict:
    """What every task of one shape gets when money does not change its cost points.
    `reasons` is the shared tuple when it holds no per-task wording, else None and
    `ranked` is what `explain.worded` words it from."""

    __slots__ = ("confidence", "label", "ranked", "reasons", "runner_up", "top", "what_if")

    def __init__(self, evaluation, context):
        scores = evaluation.scores
        self.top, self.runner_up = top, runner_up = top_two(scores)
        margin = round(scores[top] - scores[runner_up], 1)
        self.confidence, self.label = context.confidence(margin)
        self.ranked = _pull, shown, complete = ranked(evaluation, context, top, runner_up)
        self.reasons = None
        if complete and all(reason is not None for _, _, reason in shown):
            self.reasons = tuple(reason for _, _, reason in shown)
        self.what_if = what_if(evaluation, context, top)
