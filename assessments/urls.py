from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("start/", views.start, name="start"),
    path("<uuid:token>/results/", views.results, name="results"),
]
