"""The admin's shared base: history for every change, and publishing for Publishable models.

Every admin keeps each version with who and when (django-reversion), compares any two versions
field by field, exports its list to CSV or Excel, and explains every field in researchers' words.
Publishable admins add the review workflow, a Markdown preview and a link to the item on the site.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin, ImportMixin
from import_export.formats.base_formats import CSV, XLSX
from reversion.admin import VersionAdmin
from reversion.models import Version
from taggit.managers import TaggableManager

from lpip_hub import recovery
from lpip_hub.admin_bilingual import BilingualAdminMixin
from lpip_hub.admin_editorial import EditorialAdminMixin
from lpip_hub.admin_views import compare_versions
from lpip_hub.publishing import PublishingAdminMixin, Status
from lpip_hub.spreadsheets import FormulaSafeCSV, FormulaSafeXLSX
from lpip_hub.tags import TagSuggestWidget

FORMATS = [CSV, XLSX]
# Exports carry text from the public: no cell may run as a formula (lpip_hub/spreadsheets.py).
EXPORT_FORMATS = [FormulaSafeCSV, FormulaSafeXLSX]

# Help for fields whose model gives none, in the words a researcher would use.
HELP_TEXTS = {
    "name": "The name people know it by, as it appears on the site.",
    "slug": "The last part of its web address: lower-case words joined by hyphens. Filled in "
    "from the name as you type; change it only before the item is published.",
    "title": "The title, as it should be cited.",
    "term": "The term, as readers will meet it.",
    "summary": "One or two plain sentences for lists and search results.",
    "level": "The level of government that runs it.",
    "scale": "The geography it covered, from a neighbourhood to the whole UK.",
    "start_year": "The year it started, e.g. 2013.",
    "end_year": "The year it ended; leave empty if it is still running.",
    "year": "The year of publication.",
    "url": "A web address with more about it, starting https://.",
    "website": "Its web address, starting https://.",
    "themes": "Which of the Hub's seven themes it belongs to.",
    "theme": "The theme this review covers.",
    "references": "The studies and reports that support it: type a DOI or words from the title.",
    "tags": "Keywords that help people find it, separated by commas.",
    "partnerships": "The Local Policy Innovation Partnerships involved.",
    "concepts": "The key concepts this review defines.",
    "policies": "The policies and programmes this review discusses.",
    "interventions": "The place-based interventions this review discusses.",
    "authors": "As they should be cited, e.g. 'Pugh, A.' or 'Billing, C. and Smith, J.'.",
    "edition": "e.g. 'First edition'.",
    "publication_date": "When this edition was published.",
    "kind": "What sort of place or organisation this is.",
    "order": "Its position in lists: lower numbers come first.",
    "principal_investigator": "The partnership's principal investigator, e.g. 'Prof Jane Smith'.",
    "lead_organisation": "The organisation that leads it.",
    "partner_organisations": "The other organisations that take part.",
    "start_date": "When it started.",
    "end_date": "When it ends or ended; leave empty if not yet known.",
    "outcome_type": "What kind of change this outcome is about.",
    "direction": "Whether things got better, worse, both, or did not change.",
    "description": "Markdown: headings (##), lists, links and tables. A preview appears as you "
    "type.",
    "definition": "Markdown. Say what the term means in plain words.",
    "parents": "The larger areas this place sits within.",
    "place": "Where it is based.",
}
SECTION_HELP = (
    "Markdown: headings (##), lists, links, tables, ~~struck-out words~~, footnotes (write [^1] "
    "in the text and a line “[^1]: The note.” below it) and figures uploaded below "
    "([[figure:short-name]] on a line of its own). A preview appears as you type."
)


class SlugTakenLinkMixin:
    """A slug already in use is reported with a link to the item that has it."""

    def validate_unique(self):
        super().validate_unique()
        # A field with an error has left cleaned_data: read what was typed.
        slug = (self.data.get(self.add_prefix("slug")) or "").strip()
        if not slug or "slug" not in self.errors:
            return
        model = self._meta.model
        holder = model._default_manager.filter(slug=slug).exclude(pk=self.instance.pk).first()
        if holder is None:
            return
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(holder.pk)])
        self.errors["slug"] = self.error_class(
            [
                format_html(
                    'Another {} already has the web address “{}”: <a href="{}">{}</a>. Open it '
                    "to check it is not the same one, or change the slug, e.g. to “{}-2”.",
                    opts.verbose_name,
                    slug,
                    url,
                    holder,
                    slug,
                )
            ]
        )


class ResearcherFormMixin:
    """Help text on every field, and a live preview on every Markdown field."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "slug" not in form.base_fields:
            return form
        return type(form.__name__, (SlugTakenLinkMixin, form), {})

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is None:
            return None
        if not formfield.help_text:
            formfield.help_text = HELP_TEXTS.get(db_field.name, "")
            if not formfield.help_text and db_field.name.endswith("_text"):
                formfield.help_text = SECTION_HELP
        if isinstance(db_field, TaggableManager):
            formfield.widget = TagSuggestWidget()
        if db_field.name in getattr(self.model, "markdown_fields", ()):
            formfield.widget.attrs["data-markdown-preview"] = reverse("admin-markdown-preview")
            top_heading = getattr(self.model, "markdown_top_heading", 2)
            formfield.widget.attrs["data-markdown-top-heading"] = top_heading
        return formfield

    @property
    def media(self):
        return super().media + forms.Media(js=["js/admin-markdown-preview.js", "js/admin-slug.js"])


class HistoryAdmin(BilingualAdminMixin, ResearcherFormMixin, ExportMixin, VersionAdmin):
    """Every change is kept with who and when; any two versions can be compared; deleted items
    can be recovered; every list exports to CSV and Excel."""

    object_history_template = "admin/lpip/object_history.html"
    export_formats = EXPORT_FORMATS
    history_latest_first = True
    # With tens of thousands of rows, a filtered list skips counting the whole table.
    show_full_result_count = False

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{name}_compare",
            ),
        ] + super().get_urls()

    def compare_view(self, request, object_id):
        """Two versions of one item, field by field, with a link to restore the older one."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        object_id = unquote(object_id)
        versions = Version.objects.get_for_object_reference(self.model, object_id)
        try:
            ids = sorted(int(request.GET[k]) for k in ("version_a", "version_b"))
        except (KeyError, ValueError):
            raise Http404("Choose two versions to compare.") from None
        older = get_object_or_404(versions.select_related("revision__user"), pk=ids[0])
        newer = get_object_or_404(versions.select_related("revision__user"), pk=ids[1])
        opts = self.model._meta
        obj = self.model._default_manager.filter(pk=object_id).first()
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "object": obj,
            "object_id": object_id,
            "title": f"Compare versions of {older.object_repr}",
            "older": older,
            "newer": newer,
            "changes": compare_versions(self.model, older, newer),
            "restore_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision",
                args=[quote(object_id), older.pk],
            ),
            "history_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_history",
                args=[quote(object_id)],
            ),
            "can_restore": self.has_change_permission(request, obj),
            "media": self.media,
        }
        return TemplateResponse(request, "admin/lpip/compare.html", context)

    def delete_model(self, request, obj):
        recovery.remember(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            recovery.remember(obj)
        super().delete_queryset(request, queryset)

    def recover_view(self, request, version_id, extra_context=None):
        request.lpip_recovering = True
        return super().recover_view(request, version_id, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if getattr(request, "lpip_recovering", False):
            recovery.restore(form.instance)

    def history_view(self, request, object_id, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "compare_url": reverse(
                f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_compare",
                args=[object_id],
            ),
        }
        response = super().history_view(request, object_id, extra_context)
        # Each row also needs its version's id, for the compare radio buttons.
        for action in response.context_data.get("action_list", []):
            action["version_id"] = int(action["url"].rstrip("/").rsplit("/", 1)[-1])
        return response


class ImportAdminMixin(ImportMixin):
    """CSV and Excel import with a preview; nothing is written unless every row is valid."""

    import_formats = FORMATS
    import_export_change_list_template = "admin/import_export/change_list_import_export.html"
    import_template_name = "admin/import_export/import.html"

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "import/template/",
                self.admin_site.admin_view(self.import_template_view),
                name=f"{opts.app_label}_{opts.model_name}_import_template",
            ),
        ] + super().get_urls()

    def import_template_view(self, request):
        """The template file researchers fill in: every column and one example row."""
        name = IMPORT_TEMPLATES.get(self.opts.model_name)
        if not name or not self.has_import_permission(request):
            raise PermissionDenied
        return FileResponse(
            open(TEMPLATES_DIR / name, "rb"),
            as_attachment=True,
            filename=name,  # noqa: SIM115
            content_type="text/csv",
        )

    def add_data_read_fail_error_to_form(self, form, e):
        if type(e).__name__ == "InvalidDimensions":
            message = (
                "A row has more or fewer cells than the header has columns. A cell that "
                "contains a comma must be in double quotes; spreadsheet programs add them when "
                "they save as CSV."
            )
        else:
            message = (
                "The file could not be read. Check that you chose its format: CSV for a .csv "
                "file, xlsx for an Excel file, and that a CSV file is saved as UTF-8."
            )
        form.add_error("import_file", message)

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def get_import_data_kwargs(self, **kwargs):
        options = super().get_import_data_kwargs(**kwargs)
        options.pop("request", None)
        options["rollback_on_validation_errors"] = True
        return options

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        if hasattr(response, "context_data"):
            response.context_data["may_publish"] = self.may_publish(request)
            response.context_data["template_file"] = IMPORT_TEMPLATES.get(self.opts.model_name)
        return response

    def may_publish(self, request) -> bool:
        has = getattr(self, "has_publish_permission", None)
        return bool(has and has(request))

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The file changed between preview and confirm: the transaction was rolled back.
            for message in getattr(result, "plain_errors", [])[:20]:
                messages.error(request, message)
            messages.error(
                request, gettext("Nothing was imported. Correct the file and try again.")
            )
            opts = self.opts
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        response = super().process_result(result, request)
        if getattr(result, "pending_review", 0):
            messages.info(
                request,
                gettext(
                    "%(count)s of the changed %(items)s are published: your changes to them "
                    "await a publisher's review, and the public keeps seeing the published "
                    "versions until then."
                )
                % {"count": result.pending_review, "items": self.opts.verbose_name_plural},
            )
        if not self.may_publish(request) and result.totals["new"]:
            messages.info(
                request,
                gettext(
                    "New items were saved as drafts. Select them and choose 'Submit selected "
                    "items for review' when they are ready for a publisher."
                ),
            )
        return response

    def add_success_message(self, result, request):
        # Items, not rows: an intervention's further rows add outcomes to the same item.
        items = {kind: set() for kind in ("new", "update", "skip")}
        for row in result.rows:
            if row.import_type in items:
                items[row.import_type].add(row.object_id)
        changed = items["update"] - items["new"]
        unchanged = items["skip"] - items["new"] - changed
        messages.success(
            request,
            gettext(
                "Import finished: %(new)s new, %(changed)s changed and %(unchanged)s unchanged "
                "%(items)s. Each is recorded in its history."
            )
            % {
                "new": len(items["new"]),
                "changed": len(changed),
                "unchanged": len(unchanged),
                "items": self.opts.verbose_name_plural,
            },
        )


TEMPLATES_DIR = settings.BASE_DIR / "docs" / "import-templates"
IMPORT_TEMPLATES = {
    "intervention": "interventions.csv",
    "policy": "policies.csv",
    "keyconcept": "concepts.csv",
    "reference": "references.csv",
}


class PublishableAdmin(EditorialAdminMixin, PublishingAdminMixin, HistoryAdmin):
    list_filter = ["status"]
    change_form_template = "admin/lpip/change_form.html"

    @admin.display(description=_("Status"), ordering="status")
    def status_badge(self, obj):
        return format_html(
            '<span class="status status--{}">{}</span>', obj.status, obj.get_status_display()
        )

    def get_changeform_initial_data(self, request):
        return {"status": Status.DRAFT, **super().get_changeform_initial_data(request)}

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        may_publish = self.has_publish_permission(request)
        can_change = self.has_change_permission(request, obj) if obj else True
        context.update(
            {
                "show_submit_for_review": can_change
                and (obj is None or obj.status == Status.DRAFT),
                "show_publish": may_publish and (obj is None or not obj.is_published),
                # Items without a page of their own (related initiatives) get no link.
                "site_url_for_object": (
                    obj.get_absolute_url()
                    if obj and obj.pk and hasattr(obj, "get_absolute_url")
                    else ""
                ),
                "object_is_published": bool(obj and obj.is_published),
                "may_publish": may_publish,
                **self.editorial_context(request, obj),
            }
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        edit = getattr(request, "lpip_edit", {})
        before, after = edit.get("status_before"), edit.get("status_after")
        if edit.get("pending") or before == after:
            return
        if after == Status.IN_REVIEW:
            self.message_user(
                request,
                gettext(
                    "“%(item)s” is submitted for review. Publishers see it under 'Awaiting "
                    "review' on the admin home page."
                )
                % {"item": obj},
                messages.SUCCESS,
            )
        elif after == Status.PUBLISHED:
            self.message_user(
                request,
                gettext("“%(item)s” is published: it is live on the site now.") % {"item": obj},
                messages.SUCCESS,
            )
        elif before == Status.PUBLISHED:
            self.message_user(
                request,
                gettext("“%(item)s” is unpublished: it is off the public site now.")
                % {"item": obj},
                messages.WARNING,
            )
        elif edit.get("history"):
            self.message_user(
                request,
                gettext(
                    "“%(item)s” is restored as a draft. Submit it for review to put it back on "
                    "the site."
                )
                % {"item": obj},
                messages.WARNING,
            )
