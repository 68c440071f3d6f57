"""Plain-words meaning of the 1-5 scales a service type is rated on.

Display text only: the catalog pages use it to explain a rating to a business owner. It must
not score anything; the scoring engine reads the numbers, never these words.
"""

from dataclasses import dataclass

COMPLEXITY_LEVELS = {
    1: "Very simple: the same few steps every time, with hardly any decisions.",
    2: "Simple: a set routine with a handful of known exceptions.",
    3: "Moderate: a routine, but many cases need a look-up or a judgement call.",
    4: "Complex: cases differ a lot, and people weigh options before deciding.",
    5: "Very complex: every case is a new problem that needs analysis and expert judgement.",
}
SKILL_LEVELS = {
    1: "Basic: a newcomer can learn it in a day or two.",
    2: "Trained: a few weeks of training and a clear process guide are enough.",
    3: "Skilled: needs experience in the field or a vocational qualification.",
    4: "Specialist: needs a degree or professional training in the subject.",
    5: "Expert: needs qualified specialists, such as lawyers, analysts or scientists, "
    "with years of practice.",
}
STANDARDISATION_LEVELS = {
    1: "Bespoke: each job is shaped to its case and there is no fixed procedure.",
    2: "Loosely guided: a general approach, with most steps decided case by case.",
    3: "Partly written down: the core steps are documented, the rest depends on the person.",
    4: "Mostly standard: written procedures cover nearly every case and results are measured.",
    5: "Fully standard: every step is written down and checked against agreed targets.",
}
# (heading, question it answers, field on ServiceType, meaning of each level)
SCALES = (
    ("Complexity", "How hard is the work itself?", "typical_complexity", COMPLEXITY_LEVELS),
    ("Skill level", "Who can do it?", "typical_skill_level", SKILL_LEVELS),
    (
        "Standardisation",
        "How far can it be written down as fixed steps?",
        "typical_standardisation",
        STANDARDISATION_LEVELS,
    ),
)


@dataclass(frozen=True)
class ScaleReading:
    name: str
    question: str
    value: int
    meaning: str
    levels: tuple[tuple[int, str], ...]


def read_scales(service_type):
    """The service type's three typical ratings, each with the words for its level."""
    readings = []
    for name, question, field, levels in SCALES:
        value = getattr(service_type, field)
        readings.append(
            ScaleReading(
                name=name,
                question=question,
                value=value,
                meaning=levels[value],
                levels=tuple(levels.items()),
            )
        )
    return readings
