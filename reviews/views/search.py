"""Site-wide search: every published kind of item, ranked and grouped by kind."""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views import View

from reviews import search


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the Hub"), max_length=search.MAX_QUERY_LENGTH, required=False
    )


class SearchView(View):
    template_name = "reviews/search.html"
    page_cache_params = ("q",)

    def get(self, request):
        form = SearchForm(request.GET)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        results = search.site_search(form.cleaned_data["q"])
        return render(request, self.template_name, {"form": form, "results": results})
