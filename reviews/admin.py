import reversion
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lpip_hub.admin_base import (
    HistoryAdmin,
    ImportAdminMixin,
    PublishableAdmin,
    ResearcherFormMixin,
)
from reviews.admin_figures import FiguresAdminMixin, ReviewFigureInline
from reviews.admin_filters import NationFilter, PlaceWithinFilter
from reviews.admin_forms import DuplicateWarningAdminMixin, MoneyField
from reviews.bibtex import BibTeXError, is_doi, normalise_doi, parse_bibtex, to_bibtex, to_ris
from reviews.models import (
    EvidenceReview,
    Intervention,
    KeyConcept,
    Outcome,
    Policy,
    Reference,
    Theme,
)
from reviews.resources import (
    InterventionResource,
    KeyConceptResource,
    PolicyResource,
    ReferenceResource,
)

PUBLISHING = (
    _("Publishing"),
    {"fields": ["go_live_at", "expire_at", "published_at", "published_by"]},
)
# What a practitioner sent through "Suggest an example": shown to editors, never edited.
SUGGESTION_FIELDS = [
    "is_suggestion",
    "suggested_by_organisation",
    "suggester_email",
    "suggested_outcomes",
    "suggested_links",
]
SUGGESTION = (
    _("Suggested by a practitioner"),
    {"fields": SUGGESTION_FIELDS, "classes": ["collapse"]},
)
SUGGESTION_OPEN = (_("Suggested by a practitioner"), {"fields": SUGGESTION_FIELDS})


class CitationForm(forms.Form):
    citation = forms.CharField(
        label="DOI or BibTeX entry",
        widget=forms.Textarea(attrs={"rows": 12, "cols": 80, "spellcheck": "false"}),
        help_text="Paste a DOI such as 10.1080/00343404.2020.1 (a doi.org address works too), "
        "or one BibTeX entry as a reference manager exports it. Nothing is looked up online.",
    )


@admin.register(Reference)
class ReferenceAdmin(ImportAdminMixin, HistoryAdmin):
    list_display = ["authors", "year", "title", "publisher", "doi"]
    list_filter = ["year"]
    search_fields = ["authors", "title", "doi", "publisher", "url"]
    resource_classes = [ReferenceResource]
    change_list_template = "admin/reviews/reference/change_list.html"

    def get_urls(self):
        return [
            path(
                "from-citation/",
                self.admin_site.admin_view(self.citation_view),
                name="reviews_reference_from_citation",
            ),
        ] + super().get_urls()

    def citation_view(self, request):
        """A reference from a pasted DOI or BibTeX entry, parsed here without going online."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = CitationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            text = form.cleaned_data["citation"].strip()
            if is_doi(text):
                return self.from_fields(request, {"doi": normalise_doi(text)})
            if not text.startswith("@"):
                form.add_error(
                    "citation",
                    "This is neither a DOI (it starts 10. followed by digits, a slash and the "
                    "item's own code) nor a BibTeX entry (it starts with @).",
                )
            else:
                try:
                    parsed = parse_bibtex(text)
                except BibTeXError as error:
                    form.add_error("citation", str(error))
                else:
                    for warning in parsed.warnings:
                        messages.warning(request, warning)
                    return self.from_fields(request, parsed.as_fields())
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Add a reference from a DOI or BibTeX"),
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/reviews/reference/from_citation.html", context)

    def from_fields(self, request, values: dict):
        """Save a complete reference at once; otherwise open the add form to complete it."""
        doi = values.get("doi")
        held = Reference.objects.filter(doi__iexact=doi).first() if doi else None
        if held:
            messages.info(
                request,
                gettext("The Hub already holds this reference: %(reference)s.")
                % {"reference": held},
            )
            return HttpResponseRedirect(reverse("admin:reviews_reference_change", args=[held.pk]))
        reference = Reference(**{k: v for k, v in values.items() if v not in (None, "")})
        try:
            reference.full_clean()
        except ValidationError:
            initial = {k: v for k, v in values.items() if v not in (None, "")}
            if doi and "url" not in initial:
                initial["url"] = f"https://doi.org/{doi}"
            messages.info(
                request,
                gettext(
                    "Complete the authors, year and title (and anything else you know), then save."
                ),
            )
            return HttpResponseRedirect(
                reverse("admin:reviews_reference_add") + "?" + urlencode(initial)
            )
        with reversion.create_revision():
            reference.save()
            reversion.set_user(request.user)
            reversion.set_comment("Added from a BibTeX entry.")
        self.log_addition(request, reference, [{"added": {}}])
        messages.success(
            request,
            gettext("Added “%(reference)s”. Check the details below.") % {"reference": reference},
        )
        return HttpResponseRedirect(reverse("admin:reviews_reference_change", args=[reference.pk]))


@admin.register(Theme)
class ThemeAdmin(HistoryAdmin):
    list_display = ["name", "order", "full_report"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["partnerships", "full_report"]
    list_select_related = ["full_report"]


@admin.register(KeyConcept)
class KeyConceptAdmin(DuplicateWarningAdminMixin, ImportAdminMixin, PublishableAdmin):
    duplicate_name_field = "term"
    list_display = ["term", "status_badge", "updated_at"]
    list_filter = ["status", "themes"]
    search_fields = ["term", "definition"]
    prepopulated_fields = {"slug": ["term"]}
    autocomplete_fields = ["references"]
    filter_horizontal = ["themes"]
    resource_classes = [KeyConceptResource]
    fieldsets = [
        (
            None,
            {"fields": ["term", "slug", "status", "definition", "themes", "tags", "references"]},
        ),
        PUBLISHING,
    ]

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).prefetch_related("themes", "references", "tags")


@admin.register(Policy)
class PolicyAdmin(DuplicateWarningAdminMixin, ImportAdminMixin, PublishableAdmin):
    list_display = ["name", "level", "lead_body", "start_year", "status_badge", "updated_at"]
    list_filter = ["status", "level", "themes"]
    search_fields = ["name", "summary", "lead_body"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["places", "references"]
    filter_horizontal = ["themes"]
    resource_classes = [PolicyResource]
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "level", "summary", "description"]}),
        (_("Where and when"), {"fields": ["places", "lead_body", "start_year", "end_year"]}),
        (_("Links"), {"fields": ["themes", "tags", "references", "url", "source"]}),
        PUBLISHING,
    ]

    def get_export_queryset(self, request):
        return (
            super()
            .get_export_queryset(request)
            .prefetch_related("places", "themes", "references", "tags")
        )


class OutcomeInline(ResearcherFormMixin, admin.StackedInline):
    model = Outcome
    extra = 1
    autocomplete_fields = ["reference"]
    fields = [
        "outcome_type",
        "description",
        "direction",
        "evidence_strength",
        "evaluation_design",
        "reference",
    ]


@admin.register(Intervention)
class InterventionAdmin(DuplicateWarningAdminMixin, ImportAdminMixin, PublishableAdmin):
    list_display = ["name", "scale", "setting", "start_year", "status_badge", "updated_at"]
    list_filter = [
        "status",
        "is_suggestion",
        "outcomes__evidence_strength",
        "outcomes__outcome_type",
        NationFilter,
        PlaceWithinFilter,
        "scale",
        "setting",
        "themes",
        "kinds",
    ]
    # "=places__gss_code" finds an ONS code exactly, e.g. E08000025.
    search_fields = ["name", "summary", "=places__gss_code", "places__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["places", "policies", "partnerships", "organisations", "references"]
    readonly_fields = SUGGESTION_FIELDS
    filter_horizontal = ["themes", "kinds"]
    inlines = [OutcomeInline]
    resource_classes = [InterventionResource]
    formfield_overrides = {models.DecimalField: {"form_class": MoneyField}}
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "summary", "description"]}),
        (
            _("Where and when"),
            {
                "fields": [
                    "places",
                    "lead_body",
                    "scale",
                    "setting",
                    "start_year",
                    "end_year",
                    "budget",
                    "budget_note",
                ]
            },
        ),
        (
            _("Links"),
            {
                "fields": [
                    "themes",
                    "kinds",
                    "policies",
                    "partnerships",
                    "organisations",
                    "tags",
                    "references",
                    "url",
                    "source",
                ]
            },
        ),
        SUGGESTION,
        PUBLISHING,
    ]

    def get_fieldsets(self, request, obj=None):
        if obj is not None and obj.is_suggestion:  # what the practitioner sent, open, near the top
            main, *rest = (f for f in self.fieldsets if f is not SUGGESTION)
            return [main, SUGGESTION_OPEN, *rest]
        return super().get_fieldsets(request, obj)

    def get_export_queryset(self, request):
        return (
            super()
            .get_export_queryset(request)
            .prefetch_related(
                "places", "themes", "policies", "references", "tags", "outcomes__reference"
            )
        )


def _download(content: str, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def review_references(reviews) -> list[Reference]:
    """Each review's full report and references, once each, in citation order."""
    seen, out = set(), []
    for review in reviews:
        linked = [review.full_report] if review.full_report else []
        for reference in linked + list(review.references.all()):
            if reference.pk not in seen:
                seen.add(reference.pk)
                out.append(reference)
    return out


@admin.register(EvidenceReview)
class EvidenceReviewAdmin(FiguresAdminMixin, PublishableAdmin):
    list_display = [
        "title",
        "theme",
        "authors",
        "publication_date",
        "last_reviewed",
        "status_badge",
    ]
    list_filter = ["status", "theme"]
    search_fields = ["title", "summary", "authors"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["theme"]
    autocomplete_fields = [
        "concepts",
        "policies",
        "interventions",
        "partnerships",
        "references",
        "full_report",
    ]
    actions = PublishableAdmin.actions + ["export_references_bibtex", "export_references_ris"]
    inlines = [ReviewFigureInline]
    fieldsets = [
        (None, {"fields": ["theme", "title", "slug", "status", "summary"]}),
        (_("Sections"), {"fields": [f"{key}_text" for key, _ in EvidenceReview.SECTIONS]}),
        (
            _("Edition"),
            {"fields": ["authors", "edition", "publication_date", "last_reviewed", "full_report"]},
        ),
        (
            _("Linked evidence"),
            {
                "fields": [
                    "concepts",
                    "policies",
                    "interventions",
                    "partnerships",
                    "references",
                    "tags",
                ]
            },
        ),
        PUBLISHING,
    ]

    def get_changeform_initial_data(self, request):
        # No publication date: a draft has none until it is first published.
        return {
            "last_reviewed": timezone.localdate(),
            **super().get_changeform_initial_data(request),
        }

    def get_urls(self):
        return [
            path(
                "<path:object_id>/references.<str:kind>",
                self.admin_site.admin_view(self.references_view),
                name="reviews_evidencereview_references",
            ),
        ] + super().get_urls()

    def references_view(self, request, object_id, kind):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        review = get_object_or_404(
            EvidenceReview.objects.select_related("full_report").prefetch_related("references"),
            pk=object_id,
        )
        return self.references_file([review], kind, slugify(review.slug) or "references")

    @staticmethod
    def references_file(reviews, kind: str, name: str) -> HttpResponse:
        references = review_references(reviews)
        if kind == "bib":
            return _download(to_bibtex(references), f"{name}.bib", "application/x-bibtex")
        if kind == "ris":
            return _download(
                to_ris(references), f"{name}.ris", "application/x-research-info-systems"
            )
        raise Http404("Choose bib or ris.")

    def _selected(self, queryset):
        return queryset.select_related("full_report").prefetch_related("references")

    @admin.action(description=_("Export the selected reviews' references as BibTeX"))
    def export_references_bibtex(self, request, queryset):
        return self.references_file(self._selected(queryset), "bib", "references")

    @admin.action(description=_("Export the selected reviews' references as RIS"))
    def export_references_ris(self, request, queryset):
        return self.references_file(self._selected(queryset), "ris", "references")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["references_links"] = [
                (
                    "BibTeX",
                    reverse("admin:reviews_evidencereview_references", args=[obj.pk, "bib"]),
                ),
                ("RIS", reverse("admin:reviews_evidencereview_references", args=[obj.pk, "ris"])),
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)


from reviews import admin_kinds, admin_outputs  # noqa: E402, F401  (registers their models)
