from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("", views.ServiceTypeListView.as_view(), name="service-list"),
    path("compare/", views.CompareView.as_view(), name="compare"),
    path("suggest/", views.suggest_service, name="suggest"),
    path("<slug:slug>/", views.ServiceTypeDetailView.as_view(), name="service-detail"),
]
