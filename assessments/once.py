"""Every questionnaire write happens once, and never from a page older than the draft.

Each form of the questionnaire carries two hidden fields (`{% write_once_fields %}` in
`templatetags/questionnaire.py`):

- `form_key`, a random key drawn when the page is rendered. `write_once` saves it in the
  same transaction as the write it allows; the key is unique, so whichever copy of a form
  comes second (a double click, a resent POST, Back then save again) finds it taken,
  waits for the first to commit if need be, and is sent where the first went, with no
  second effect and no error.
- `revision`, the draft's revision the page showed. The write functions of
  `assessments.drafts` refuse a revision that is not the draft's current one
  (`DraftConflict`), so a page opened before another window saved cannot undo that save.

A form without a valid key is refused with a message and the owner's input kept: every
page of ours gives one, so only a page from before this check, or a script, lacks it.
"""

from datetime import timedelta

from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import FormSubmission

KEPT_FOR = timedelta(days=2)  # a form key older than this may be used by no repeat
MISSING_KEY_MESSAGE = (
    "This page was out of date, so nothing was saved. Your entries are kept below: "
    "check them and send the form again."
)
REPEAT_MESSAGE = (
    "That form had already been sent, so it was not acted on twice: this is where it led."
)


class WriteOnceForm(forms.Form):
    """The two hidden fields every questionnaire form sends."""

    form_key = forms.UUIDField()
    revision = forms.IntegerField(min_value=1, required=False)


def posted_fields(request):
    """(form key, revision) from a POST; the key is None if missing or malformed."""
    form = WriteOnceForm(request.POST)
    if not form.is_valid():
        return None, None
    return form.cleaned_data["form_key"], form.cleaned_data["revision"]


def used_key(key):
    """The FormSubmission of a key already acted on, or None."""
    return FormSubmission.objects.select_related("assessment").filter(key=key).first()


@transaction.atomic
def write_once(key, write):
    """Run `write()` once for `key`: (its FormSubmission, True); for a key already used,
    (the first write's FormSubmission, False), without running it again.

    `write()` returns (assessment or None, target URL). It runs in this transaction, so
    if it raises, the key is not kept either and the form may be sent again.
    """
    try:
        with transaction.atomic():
            submission = FormSubmission.objects.create(key=key)
    except IntegrityError:
        first = FormSubmission.objects.get(key=key)
        return first, False
    assessment, target = write()
    submission.assessment, submission.target = assessment, target
    submission.save(update_fields=["assessment", "target"])
    FormSubmission.objects.filter(created_at__lt=timezone.now() - KEPT_FOR).delete()
    return submission, True
