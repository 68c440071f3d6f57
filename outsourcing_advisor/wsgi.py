"""WSGI entry point: `gunicorn outsourcing_advisor.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outsourcing_advisor.settings")

application = get_wsgi_application()
