"""Admin form pieces that speak a researcher's language: money as typed, likely duplicates."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from reviews.duplicates import likely_duplicates
from reviews.money import MONEY_HELP, parse_money

SAVE_ANYWAY = "save_anyway"


class MoneyField(forms.DecimalField):
    """Whole pounds typed as people type them: £1.2m, £1,200,000, 1.2 million, £500k."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs["widget"] = forms.TextInput(attrs={"inputmode": "decimal", "size": 16})
        super().__init__(**kwargs)
        self.help_text = self.help_text or MONEY_HELP

    def to_python(self, value):
        try:
            return parse_money(value)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None

    def widget_attrs(self, widget):
        return {}  # no step or min: the text box takes "£1.2m"

    def prepare_value(self, value):
        if value in (None, ""):
            return value
        try:
            return f"{int(value):,}"
        except (TypeError, ValueError):
            return value


class DuplicateWarningAdminMixin:
    """Before a new item is saved, list items with similar names (in the same place) and ask
    the editor to tick a box to save it anyway."""

    #: The model field that holds the item's name.
    duplicate_name_field = "name"

    def get_form(self, request, obj=None, change=False, **kwargs):
        if kwargs.get("fields"):
            kwargs["fields"] = [name for name in kwargs["fields"] if name != SAVE_ANYWAY]
        form = super().get_form(request, obj, change, **kwargs)
        if obj is not None:
            return form
        admin = self

        class WarnOfDuplicates(form):
            save_anyway = forms.BooleanField(
                label="Save anyway",
                required=False,
                help_text="Tick if you have checked the items listed above and this one is "
                "different.",
            )

            def clean(self):
                cleaned = super().clean()
                name = cleaned.get(admin.duplicate_name_field)
                if name and not cleaned.get(SAVE_ANYWAY):
                    places = cleaned.get("places") if "places" in self.fields else None
                    found = admin.possible_duplicates(name, places)
                    if found:
                        raise ValidationError(admin.duplicate_message(found))
                return cleaned

        return WarnOfDuplicates

    def possible_duplicates(self, name: str, places=None) -> list:
        return likely_duplicates(
            self.model.objects.all(), self.duplicate_name_field, name, places=places or None
        )

    def duplicate_message(self, found):
        opts = self.model._meta
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[i.pk]), i)
                for i in found
            ),
        )
        return format_html(
            "This may be a duplicate: the Hub already holds {}. Open it to check; if this is a "
            "different {}, tick “Save anyway” and save again.",
            links,
            opts.verbose_name,
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        # The fieldsets are chosen before the form is checked, so look for duplicates here too.
        if obj is None and request.method == "POST" and not request.POST.get(SAVE_ANYWAY):
            name = request.POST.get(self.duplicate_name_field, "").strip()
            places = [p for p in request.POST.getlist("places") if p.isdigit()]
            if name and self.possible_duplicates(name, places):
                return [("Possible duplicate", {"fields": [SAVE_ANYWAY]}), *fieldsets]
        return fieldsets
