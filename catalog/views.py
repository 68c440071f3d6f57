"""Public catalog pages for business owners: the service list, one service, the comparison.

Read-only display views: they wire a request to queryset methods and a template, and must
never write to the database or hold business rules. Every page runs a fixed number of
queries however large the catalog grows. The list and a service's page are cached in
fragments under the catalog's version (`catalog.services`), so an edit shows at once.
The suggestion endpoint answers the tasks step's script with JSON, from a cached index.
"""

from django.http import JsonResponse
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView, TemplateView

from .forms import CatalogFilterForm, ServiceSuggestForm
from .models import RateCard, ServiceType
from .money import country_name
from .regions import FALLBACK_HOME, REGIONS, home_markets
from .scales import read_scales
from .services import CATALOG_CACHE_SECONDS, catalog_version, suggest_service_types

PAGE_SIZE = 24
# Query parameters a cached list may be keyed on: a search (free text) or anything else in
# the address is rendered each time, so no one can fill the shared cache with variants.
CACHED_LIST_PARAMETERS = {"sourcing_model", "office", "orientation", "industry", "page"}


class CatalogFragmentMixin:
    """What the templates' `{% cache %}` tags need: the timeout and the catalog version."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["catalog_version"] = catalog_version()
        context["catalog_cache_seconds"] = CATALOG_CACHE_SECONDS
        return context


class ServiceTypeListView(CatalogFragmentMixin, ListView):
    template_name = "catalog/service_list.html"
    context_object_name = "service_types"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.form = CatalogFilterForm(self.request.GET)
        # An invalid field is left out of cleaned_data: that filter is ignored, the rest apply.
        self.form.is_valid()
        filters = self.form.cleaned_data
        service_types = ServiceType.objects.published().with_facets()
        if filters.get("q"):
            service_types = service_types.search(filters["q"])
        if filters.get("sourcing_model"):
            service_types = service_types.of_sourcing_model(filters["sourcing_model"])
        for facet in ("office", "orientation"):
            if filters.get(facet):
                service_types = service_types.filter(**{facet: filters[facet]})
        if filters.get("industry"):
            service_types = service_types.filter(industries=filters["industry"])
        return service_types

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context["form"] = self.form
        context["page_numbers"] = page.paginator.get_elided_page_range(page.number)
        context["fragment_key"] = self.fragment_key(page)
        return context

    def fragment_key(self, page):
        """The list's key in the cache, or None for a page rendered each time."""
        query = self.request.GET
        if self.form.errors or self.form.cleaned_data.get("q"):
            return None
        if not set(query) <= CACHED_LIST_PARAMETERS or any(
            len(query.getlist(name)) > 1 for name in query
        ):
            return None
        filters = sorted((name, query[name]) for name in query if name != "page")
        return f"{filters}:{page.number}"


class ServiceTypeDetailView(CatalogFragmentMixin, DetailView):
    template_name = "catalog/service_detail.html"
    context_object_name = "service"

    def get_queryset(self):
        # Only the service itself: its industries, risks and providers are read by the
        # template, one query each, and not at all when the page comes from the cache.
        return ServiceType.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rate_cards"] = RateCard.objects.for_sourcing_model(self.object.sourcing_model)
        context["home_markets"] = home_markets(country_name)
        context["fallback_market"] = REGIONS[FALLBACK_HOME]
        context["scale_readings"] = read_scales(self.object)
        return context


class CompareView(TemplateView):
    template_name = "catalog/compare.html"


@require_GET
def suggest_service(request):
    """The service types a task's name suggests, as JSON: {"suggestions": [{id, name,
    reason}]}, best first; empty for a name under three characters or matching nothing."""
    form = ServiceSuggestForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"error": form.errors["q"][0], "suggestions": []}, status=400)
    task_name = form.task_name()
    suggestions = suggest_service_types(task_name) if task_name else []
    return JsonResponse(
        {
            "suggestions": [
                {"id": item.id, "name": item.name, "reason": item.reason} for item in suggestions
            ]
        }
    )
