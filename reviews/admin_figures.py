"""Figures in the admin: uploaded beside the text of a review or an output, shown in its preview."""

from django import forms
from django.contrib import admin
from django.db import models

from reviews.models import Figure
from reviews.models_figures import check_name_and_size


class FigureImageField(forms.ImageField):
    """Says why an SVG or an oversized file is refused before trying to read it as an image."""

    def to_python(self, data):
        if data not in self.empty_values:
            check_name_and_size(data)
        return super().to_python(data)


FIGURES_HELP = (
    "Upload charts and photographs here, each with a short name, alt text and a caption, then "
    "write [[figure:short-name]] on a line of its own where it belongs in the text."
)


class FigureInline(admin.StackedInline):
    model = Figure
    extra = 0
    fields = ["key", "image", "alt_text", "caption", "order"]
    verbose_name_plural = "figures"
    classes = ["lpip-figures"]
    formfield_overrides = {models.ImageField: {"form_class": FigureImageField}}


class ReviewFigureInline(FigureInline):
    fk_name = "review"


class OutputFigureInline(FigureInline):
    fk_name = "output"


class FiguresAdminMixin:
    """Render the text again once its figures are saved (the admin saves them after the text),
    and tell the Markdown preview whose figures it may show."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if obj is not None and obj.pk:
            owner = f"{obj._meta.label_lower}:{obj.pk}"
            for name in self.model.markdown_fields:
                if name in form.base_fields:
                    form.base_fields[name].widget.attrs["data-markdown-figures"] = owner
        return form

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        obj.render_markdown_fields()
        html = {f"{name}_html": getattr(obj, f"{name}_html") for name in obj.markdown_fields}
        type(obj).objects.filter(pk=obj.pk).update(**html)
