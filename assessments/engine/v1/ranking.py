"""Method v1's comparison of scores: shown scores, ties, the winner and the confidence.

docs/scoring-v1.md section 4: scores are compared as shown (capped at 100, one decimal) and
equal ones go to the answer easiest to undo (in-house, then KPO, then BPO). Pure functions
of the scores and the profile; nothing here computes a score or keeps a result.
"""

from ..model import BPO, IN_HOUSE, KPO, TIE_PREFERENCE

# Raw scores further apart than this are taken to be ordered as they will be shown
# (rounding moves each by at most 0.05); see `leads`.
CLEAR_GAP = 0.15


def shown(raw):
    """A score as shown and compared: capped at 100, one decimal."""
    return round(raw if raw < 100.0 else 100.0, 1)


def ranked(scores):
    """Answers best first by their shown scores, ties by TIE_PREFERENCE."""
    return sorted(scores, key=lambda answer: (scores[answer], TIE_PREFERENCE[answer]), reverse=True)


def winner(raw):
    """The top answer for unrounded scores {answer: raw}, as the what-if judges it: KPO
    must lead in-house, then BPO the better of the two."""
    best = KPO if leads(raw[KPO], raw[IN_HOUSE]) else IN_HOUSE
    return BPO if leads(raw[BPO], raw[best]) else best


def leads(challenger, holder):
    """Does `challenger` beat `holder` (which wins ties)?

    v1 compares unrounded scores more than CLEAR_GAP apart without rounding them, and only
    closer ones as shown. That is the shown comparison except near the cap: a holder in
    [99.95, 100) shows 100.0, yet a challenger 0.15 above it (also shown 100.0) is said to
    lead. Kept as it is: v1's what-ifs were found with it.
    """
    gap = challenger - holder
    if gap > CLEAR_GAP and holder < 100.0:
        return True
    if gap < -CLEAR_GAP and challenger < 100.0:
        return False
    return shown(challenger) > shown(holder)


def confidence_percent(margin, profile):
    """50 when the top two are level, 75 at the high-confidence margin, 100 at twice it."""
    return min(100, round(50 + 25 * margin / profile.confidence_high_margin))


def confidence_label(margin, profile):
    if margin >= profile.confidence_high_margin:
        return "high"
    if margin >= profile.confidence_medium_margin:
        return "medium"
    return "low"
