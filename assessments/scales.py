"""Plain-words meaning of every 1-5 scale the questionnaire asks about.

Display text only: the questionnaire shows it beside each question. The engine reads the
numbers, never these words. Complexity, skill level and standardisation share the catalog's
wording so a service type's typical rating reads the same everywhere.
"""

from catalog.scales import COMPLEXITY_LEVELS, SKILL_LEVELS, STANDARDISATION_LEVELS

STRATEGIC_IMPORTANCE_LEVELS = {
    1: "Commodity: any competent firm does it the same way; customers never notice who.",
    2: "Supporting: it has to work, but it does not set you apart.",
    3: "Important: done well, it helps; done badly, customers or staff feel it.",
    4: "Differentiating: part of why customers choose you over competitors.",
    5: "Core: the heart of what you sell or how you win; you must own it.",
}
DATA_SENSITIVITY_LEVELS = {
    1: "Public: nothing that is not already published.",
    2: "Internal: ordinary business data, harmless if it leaked.",
    3: "Confidential: customer contact details or internal figures.",
    4: "Sensitive: personal, health, payment or contractual data under legal duties; "
    "it may leave the company only under contract.",
    5: "Must stay in the country: trade secrets, legally privileged material, or data "
    "that law or a contract keeps onshore.",
}
PRIORITY_LEVELS = {
    1: "Hardly matters to us.",
    2: "Matters a little.",
    3: "Matters as much as anything else.",
    4: "Matters a lot.",
    5: "Decisive: it outweighs everything else.",
}
TASK_SCALES = {
    "complexity": ("How hard is the work itself?", COMPLEXITY_LEVELS),
    "skill_level": ("Who can do it?", SKILL_LEVELS),
    "standardisation": ("How far can it be written down as fixed steps?", STANDARDISATION_LEVELS),
    "strategic_importance": (
        "How much does it set you apart from competitors?",
        STRATEGIC_IMPORTANCE_LEVELS,
    ),
    "data_sensitivity": ("How sensitive is the data it handles?", DATA_SENSITIVITY_LEVELS),
}
PRIORITIES = {
    "priority_cost": ("Lower cost", PRIORITY_LEVELS),
    "priority_quality": ("Quality and access to skills", PRIORITY_LEVELS),
    "priority_control": ("Control over the work and its data", PRIORITY_LEVELS),
}


def short_hint(levels):
    """A one-line reminder of the two ends of a scale, shown under each question."""
    return f"1 = {first_words(levels[1])}; 5 = {first_words(levels[5])}"


def first_words(text):
    return text.split(":", 1)[0].rstrip(".").lower()
