"""The questionnaire's writes, once each (`assessments.once`), as views use them: whether a
POST may be acted on, acting on it once, and the messages for a repeat or a conflict."""

from django.contrib import messages
from django.shortcuts import redirect

from ..access import remember
from ..once import MISSING_KEY_MESSAGE, REPEAT_MESSAGE, posted_fields, used_key, write_once

CONFLICT_ADVICE = "Your entries are kept below: check them against the saved draft and save again."


def first_time(request):
    """None when this POST may be acted on; else where to send it (its form key was used
    already: the first copy's result) or an empty string (no valid key: message added)."""
    key, _revision = posted_fields(request)
    if key is None:
        messages.error(request, MISSING_KEY_MESSAGE)
        return ""
    submission = used_key(key)
    return None if submission is None else repeated(request, submission)


def acted_once(request, write):
    """Run `write()` (it returns the assessment and the URL to go to) once per form key;
    a repeat is sent where the first went."""
    key, _revision = posted_fields(request)
    submission, first = write_once(key, write)
    return redirect(submission.target) if first else repeated(request, submission)


def repeated(request, submission):
    if submission.assessment_id is not None:
        remember(request, submission.assessment)
    messages.info(request, REPEAT_MESSAGE)
    return redirect(submission.target)


def posted_revision(request):
    return posted_fields(request)[1]


def conflict_message(request, error):
    messages.error(request, " ".join([str(error), *error.changes, CONFLICT_ADVICE]))
