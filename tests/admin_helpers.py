"""What the admin tests share: the address of a model's admin view."""

from django.urls import reverse


def admin_url(model, view, *args):
    """The admin's `view` ("changelist", "add", "change", "history"...) of `model`."""
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)
