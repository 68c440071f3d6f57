"""Plain words for each 1-5 value, as method 2's reasons quote them.

Each phrase restates the owner's own rating so they can check it. Display text only: nothing
here may score.
"""

KNOWLEDGE = (
    (0.25, "routine work that a trained team can follow step by step"),
    (0.74, "work of moderate complexity that needs some experience"),
    (1.00, "specialist knowledge work that needs expert judgement"),
)
STANDARDISATION = {
    1: "the work changes case by case and is hard to describe to an outsider",
    2: "the work is only loosely documented",
    3: "the work is partly documented",
    4: "the steps are written down and results can be measured",
    5: "every step is written down and checked against agreed targets",
}
STRATEGIC = {
    1: "a commodity that gives no edge over competitors",
    2: "useful but not what sets you apart",
    3: "moderately important to your strategy",
    4: "important to what sets you apart, so control matters",
    5: "core to what sets you apart, so control matters most",
}
SENSITIVITY = {
    1: "no confidential data involved",
    2: "little confidential data involved",
    3: "some confidential or personal data involved",
    4: "confidential or personal data that would hurt if it leaked",
    5: "highly confidential data that should stay onshore",
}
