from django.urls import path

from outsourcing_advisor.page_cache import cached_public_page

from . import revisions, views

app_name = "catalog"


def catalog_revision():
    return revisions.current(revisions.PAGES)


# Public and the same for every visitor: served from each process's memory until an edit.
cached = cached_public_page(version=catalog_revision)

urlpatterns = [
    path("", cached(views.ServiceTypeListView.as_view()), name="service-list"),
    path("compare/", cached(views.CompareView.as_view()), name="compare"),
    path("<slug:slug>/", cached(views.ServiceTypeDetailView.as_view()), name="service-detail"),
]
