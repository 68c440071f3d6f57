"""Plain words for each 1-5 value, as method 2's reasons quote them.

Each phrase restates the owner's own rating so they can check it. Method 2 words its reasons
as method 1 did, except the top of the sensitivity scale, which now means data that must
stay in the country. Display text only: nothing here may score.
"""

from ..v1.phrases import KNOWLEDGE_LEVELS as KNOWLEDGE
from ..v1.phrases import SENSITIVITY as METHOD_1_SENSITIVITY
from ..v1.phrases import STANDARDISATION, STRATEGIC

SENSITIVITY = METHOD_1_SENSITIVITY | {5: "data that must stay in the country"}

__all__ = ["KNOWLEDGE", "SENSITIVITY", "STANDARDISATION", "STRATEGIC"]
