"""Which catalog service a task's name suggests: a small word search over the catalog.

A task such as "Payroll for 12 staff" is matched word by word against each published service
type's name, the synonyms consultants keep for it, and its summary and description. Words
are compared after normalising (case, punctuation, plurals and a few endings), and a word
counts for more the fewer services use it, so "client" or "support" alone suggest nothing.
A name match is the strongest, then a synonym, then the description; a service needs a
name or synonym match, or several description words, to be suggested at all: no match
well enough gives no suggestion, never a guess. Every suggestion says why it was made.

Plain Python over plain data: no Django, no database, no cache (`catalog.services` feeds it
and caches the index under the catalog's version). Must not decide anything for the owner.
"""

import math
import re
from dataclasses import dataclass

NAME_WEIGHT = 3.0
SYNONYM_WEIGHT = 2.5
DESCRIPTION_WEIGHT = 1.0
# A task's own description counts for less than its name.
TASK_DESCRIPTION_SHARE = 0.5
# A name whose every word the task uses fits better than a longer name sharing one word.
NAME_COVERAGE_BONUS = 1.5
# Below this score (a common word in a name, a few in a description) nothing is suggested.
MIN_SCORE = 4.5
# Suggestions far behind the best one are noise.
MIN_SHARE_OF_BEST = 0.5
DESCRIPTION_WORDS_NEEDED = 2
DEFAULT_LIMIT = 3
SYNONYM_SEPARATORS = re.compile(r"[,;\n]+")
WORD = re.compile(r"[a-z0-9]+(?:&[a-z0-9]+)*")
# Words that say nothing about which service a task is.
STOP_WORDS_TEXT = """a about after all an and any are as at be by do does doing done each every
for from get getting handle handling has have in into is its make making me my new of off on
or our out over per so than that the their them then these they this those to up us via we
what when which while who will with within without you your etc"""
STOP_WORDS = frozenset(STOP_WORDS_TEXT.split())
# Words whose -ing form names something else: "marketing" is not "market" research.
UNSTEMMED = frozenset(["marketing", "meeting", "training", "building", "housing", "morning"])
REASON_PARTS = 2
FIELD_LABELS = {"name": "the name", "synonyms": "the synonyms", "description": "the description"}


@dataclass(frozen=True, slots=True)
class ServiceText:
    """What the search reads of one published service type."""

    id: int
    name: str
    synonyms: str = ""
    description: str = ""  # summary and description together


@dataclass(frozen=True, slots=True)
class Suggestion:
    id: int
    name: str
    score: float
    reason: str


@dataclass(frozen=True, slots=True)
class IndexedService:
    service: ServiceText
    name_words: frozenset
    name_display: dict  # normalised word -> the word as the name writes it
    synonyms: tuple  # (phrase as written, tuple of normalised words)
    description_words: frozenset


@dataclass(frozen=True, slots=True)
class SuggestionIndex:
    services: tuple
    rarity: dict  # normalised word -> weight, higher for words fewer services use

    @classmethod
    def build(cls, service_texts):
        services = tuple(index_service(text) for text in service_texts)
        counts = {}
        for entry in services:
            words = entry.name_words | entry.description_words
            words |= {word for _phrase, phrase_words in entry.synonyms for word in phrase_words}
            for word in words:
                counts[word] = counts.get(word, 0) + 1
        total = max(1, len(services))
        rarity = {word: math.log(1 + total / count) for word, count in counts.items()}
        return cls(services, rarity)


def stem(word):
    """A word's rough root, enough to match plurals and -ing/-ed forms of the same word."""
    if len(word) <= 3 or word.isdigit() or word in UNSTEMMED:
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "ches", "shes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word in UNSTEMMED:
        return word
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            if word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]  # "shipping" -> "ship"
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]  # "schedule" and "scheduling" both become "schedul"
    return word


def words_of(text):
    """Normalised words of `text`, in order, without stop words and bare numbers."""
    found = WORD.findall((text or "").lower())
    return [stem(word) for word in found if word not in STOP_WORDS and not word.isdigit()]


def display_words(text):
    """{normalised word: the word as written} for quoting a match back to the owner."""
    return {stem(word): word for word in WORD.findall(text.lower()) if word not in STOP_WORDS}


def index_service(text):
    synonyms = []
    for phrase in SYNONYM_SEPARATORS.split(text.synonyms or ""):
        phrase = " ".join(phrase.split())
        if normalised := tuple(words_of(phrase)):
            synonyms.append((phrase, normalised))
    return IndexedService(
        service=text,
        name_words=frozenset(words_of(text.name)),
        name_display=display_words(text.name),
        synonyms=tuple(synonyms),
        description_words=frozenset(words_of(text.description)),
    )


def contains_phrase(words, phrase):
    size = len(phrase)
    return any(tuple(words[start : start + size]) == phrase for start in range(len(words)))


def match(entry, task, rarity):
    """(score, {field: words quoted}) of one service for a task, or None."""

    def strength(field_weight, words):
        return sum(field_weight * task.weights[word] * rarity.get(word, 0.0) for word in words)

    found, matched = {}, set()
    name_hits = [word for word in task.weights if word in entry.name_words]
    score = strength(NAME_WEIGHT, name_hits)
    if name_hits:
        found["name"] = [entry.name_display.get(word, word) for word in name_hits]
        score += NAME_COVERAGE_BONUS * len(name_hits) / len(entry.name_words)
        matched.update(name_hits)
    for phrase, phrase_words in entry.synonyms:
        new = [word for word in dict.fromkeys(phrase_words) if word not in matched]
        if new and contains_phrase(task.words, phrase_words):
            score += strength(SYNONYM_WEIGHT, new)
            matched.update(new)
            found.setdefault("synonyms", []).append(phrase)
    described = [word for word in task.weights if word in entry.description_words]
    score += strength(DESCRIPTION_WEIGHT, [word for word in described if word not in matched])
    if not found:
        if len(described) < DESCRIPTION_WORDS_NEEDED:
            return None
        found["description"] = [task.display[word] for word in described]
    return score, found


def reason_text(found):
    """ "matches 'tax' in the name and 'tax advice' in the synonyms": the strongest fields."""
    parts = []
    for field, quoted in list(found.items())[:REASON_PARTS]:
        listed = " and ".join(f"'{word}'" for word in dict.fromkeys(quoted))
        parts.append(f"{listed} in {FIELD_LABELS[field]}")
    return "matches " + " and ".join(parts)


@dataclass(frozen=True, slots=True)
class TaskWords:
    words: list  # normalised, in order: the name's, then the description's
    weights: dict  # normalised word -> 1 from the name, less from the description only
    display: dict  # normalised word -> as the task writes it

    @classmethod
    def of(cls, name, description=""):
        name_words = words_of(name)
        words = name_words + [word for word in words_of(description) if word not in name_words]
        weights = dict.fromkeys(words, TASK_DESCRIPTION_SHARE) | dict.fromkeys(name_words, 1.0)
        display = display_words(description) | display_words(name)
        return cls(words, weights, display)


def suggest(index, task_name, task_description="", limit=DEFAULT_LIMIT):
    """The best few services for a task, best first, or [] when none matches well.

    A tie at the top means the task's words do not say which service it is (a bare
    "support" is in several names): then nothing is suggested rather than one at random.
    """
    task = TaskWords.of(task_name, task_description)
    if not task.words:
        return []
    scored = []
    for entry in index.services:
        result = match(entry, task, index.rarity)
        if result is not None and result[0] >= MIN_SCORE:
            scored.append((round(result[0], 2), result[1], entry.service))
    scored.sort(key=lambda item: (-item[0], item[2].name))
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return []
    best = scored[0][0]
    return [
        Suggestion(service.id, service.name, score, reason_text(found))
        for score, found, service in scored[:limit]
        if score >= best * MIN_SHARE_OF_BEST
    ]
