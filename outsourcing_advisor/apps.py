"""The project package as an app, for the signal receivers that belong to no other app."""

from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in


class OutsourcingAdvisorConfig(AppConfig):
    name = "outsourcing_advisor"
    verbose_name = "Outsourcing Advisor"

    def ready(self):
        from . import staff_sessions

        user_logged_in.connect(staff_sessions.cap_at_login, dispatch_uid="staff_session_expiry")
