"""Public lists narrowed by a small GET form (policies, outputs)."""


class FilterFormMixin:
    """A ListView whose `filter_form_class` narrows it through the form's `filter(queryset)`.

    A value that is not a choice is reported on the form and then ignored, never a 500; the
    pagination links keep the filters.
    """

    filter_form_class = None

    def filter_queryset(self, queryset):
        self.form = self.filter_form_class(self.request.GET or None)
        return self.form.filter(queryset) if self.form.is_bound else queryset

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        cleaned = getattr(self.form, "cleaned_data", {})
        return super().get_context_data(
            form=self.form,
            is_filtered=self.form.is_bound and any(cleaned.values()),
            page_query=query.urlencode(),
            **kwargs,
        )
