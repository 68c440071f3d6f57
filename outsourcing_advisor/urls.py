"""Root URL configuration."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "Outsourcing Advisor: consultants"
admin.site.site_title = "Outsourcing Advisor admin"
admin.site.index_title = "Catalog, scoring and assessments"

# A database outage raised outside a view (saving the session) gets the 503 page too.
handler500 = "outsourcing_advisor.database_unavailable.server_error"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("favicon.ico", views.favicon),
    path("healthz", views.liveness, name="healthz"),
    path("readyz", views.readiness, name="readyz"),
    path("catalog/", include("catalog.urls")),
    path("assessments/", include("assessments.urls")),
    path(settings.ADMIN_PATH, admin.site.urls),
]
