"""ASGI entry point, for servers that speak ASGI; production uses the WSGI one."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outsourcing_advisor.settings")

application = get_asgi_application()
