"""Public catalog pages for business owners: the service list, one service, the comparison.

Read-only display views: they wire a request to queryset methods and a template, and must
never write to the database or hold business rules. Every page runs a fixed number of
queries however large the catalog grows.
"""

from django.views.generic import DetailView, ListView, TemplateView

from .forms import CatalogFilterForm
from .models import RateCard, ServiceType
from .money import country_name
from .regions import FALLBACK_HOME, REGIONS, home_markets
from .scales import read_scales

PAGE_SIZE = 24


class ServiceTypeListView(ListView):
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
        return context


class ServiceTypeDetailView(DetailView):
    template_name = "catalog/service_detail.html"
    context_object_name = "service"

    def get_queryset(self):
        return ServiceType.objects.published().with_facets().prefetch_related("risks", "providers")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rate_cards"] = RateCard.objects.for_sourcing_model(self.object.sourcing_model)
        context["home_markets"] = home_markets(country_name)
        context["fallback_market"] = REGIONS[FALLBACK_HOME]
        context["scale_readings"] = read_scales(self.object)
        return context


class CompareView(TemplateView):
    template_name = "catalog/compare.html"
