"""The review loop in the admin: pending versions of live items, approve and send back,
history that cannot bypass a publisher, and no silent overwrite of someone else's save.

Every status change is made by lpip_hub.publishing; this module only routes the admin's
requests to it and shows its results on the change form.
"""

from datetime import timedelta
from types import SimpleNamespace

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timesince import timesince
from django.utils.translation import gettext
from reversion.models import Version

from lpip_hub import pending, publishing
from lpip_hub.publishing import Status

PRESENCE_WINDOW = timedelta(minutes=30)


def version_token(instance) -> str:
    """What the form was opened against: the time of the item's last save."""
    saved = (
        type(instance)._default_manager.filter(pk=instance.pk).values_list("updated_at", flat=True)
    )
    saved = saved.first()
    return saved.isoformat() if saved else ""


def last_saved_by(instance) -> str:
    version = (
        Version.objects.get_for_object(instance).select_related("revision__user").first()
        if instance.pk
        else None
    )
    user = version.revision.user if version else None
    who = (user.get_full_name() or user.get_username()) if user else "someone"
    when = (
        type(instance)
        ._default_manager.filter(pk=instance.pk)
        .values_list("updated_at", flat=True)[0]
    )
    local = timezone.localtime(when)
    return f"{who} at {date_format(local, 'H:i')} on {date_format(local, 'j F Y')}"


class VersionedForm(forms.ModelForm):
    """Refuses a save made from a form opened before someone else's save, keeping the input."""

    version_token = forms.CharField(
        required=False,
        widget=forms.HiddenInput,
        help_text="When the item was last saved, as this form saw it.",
    )
    check_version = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.check_version:
            self.fields["version_token"].initial = version_token(self.instance)

    def clean(self):
        cleaned = super().clean()
        sent = self.data.get(self.add_prefix("version_token"), "")
        if not (self.instance.pk and self.check_version and sent):
            return cleaned
        current = version_token(self.instance)
        if sent != current:
            # The next save from this form is made knowing of the other save.
            self.data = self.data.copy()
            self.data[self.add_prefix("version_token")] = current
            raise ValidationError(
                f"Not saved: {last_saved_by(self.instance)} saved this item after you opened "
                "this form, so saving now would undo their changes. Your changes are kept "
                "below. Open the item in a new tab (or its history) to see theirs, bring the "
                "two together here, and save again.",
                code="stale",
            )
        return cleaned


def _with_pending_links(form_class):
    def __init__(self, *args, **kwargs):
        form_class.__init__(self, *args, **kwargs)
        for name, values in self.instance.pending_links.items():
            if name in self.fields:
                self.initial[name] = values
        if self.instance.pending_tags is not None and "tags" in self.fields:
            # The tag widget writes out anything with a name, as the tags themselves have.
            self.initial["tags"] = [SimpleNamespace(name=n) for n in self.instance.pending_tags]

    return __init__


class ReviewDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("send_back", "Send back")])
    comment = forms.CharField(required=False, widget=forms.Textarea)
    publish_linked = forms.BooleanField(required=False)


class EditorialAdminMixin:
    """For PublishableAdmin: routes saves, history and decisions through publishing."""

    form = VersionedForm

    # Who else has the form open

    def _presence_key(self, obj) -> str:
        return f"lpip:editing:{obj._meta.label_lower}:{obj.pk}"

    def others_editing(self, request, obj) -> list[str]:
        """Note that this user opened the form now; say who else did lately."""
        key = self._presence_key(obj)
        now = timezone.now()
        seen = {
            user_id: (name, at)
            for user_id, (name, at) in (cache.get(key) or {}).items()
            if now - at < PRESENCE_WINDOW
        }
        others = [
            f"{name} opened this "
            + ("just now" if now - at < timedelta(minutes=1) else f"{timesince(at, now)} ago")
            for user_id, (name, at) in sorted(seen.items(), key=lambda i: i[1][1])
            if user_id != request.user.pk
        ]
        seen[request.user.pk] = (request.user.get_full_name() or request.user.get_username(), now)
        cache.set(key, seen, int(PRESENCE_WINDOW.total_seconds()))
        return others

    # Routing a save

    def _live_status(self, object_id):
        try:
            return (
                self.model._default_manager.filter(pk=unquote(object_id))
                .values_list("status", flat=True)
                .first()
            )
        except (ValueError, ValidationError):  # not an id at all: the view answers 404
            return None

    def _guarded(self, request, object_id, view, *, history: bool):
        """Run a change, revert or recover view under the publishing rules.

        A save by someone who may not publish, to a published item, becomes a pending version:
        the whole save (a revert included) is taken as a snapshot and rolled back, so the live
        item is untouched, and the snapshot goes to publishers for review.
        """
        live = self._live_status(object_id)
        edit = {"live_status": live, "history": history, "pending": False}
        request.lpip_edit = edit
        if not (
            request.method == "POST"
            and live == Status.PUBLISHED
            and not self.has_publish_permission(request)
        ):
            return view()
        live_obj = self.model._default_manager.get(pk=unquote(object_id))
        edit.update(pending=True, children=pending.child_keys(live_obj))
        with transaction.atomic():
            savepoint = transaction.savepoint()
            response = view()
            changes = edit.get("snapshot")
            transaction.savepoint_rollback(savepoint)
            if changes is not None:
                live_obj = self.model._default_manager.get(pk=live_obj.pk)
                publishing.submit(live_obj, request.user, changes=changes)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return self._guarded(
            request,
            object_id,
            lambda: super(EditorialAdminMixin, self).change_view(
                request, object_id, form_url, extra_context
            ),
            history=False,
        )

    def revision_view(self, request, object_id, version_id, extra_context=None):
        return self._guarded(
            request,
            object_id,
            lambda: super(EditorialAdminMixin, self).revision_view(
                request, object_id, version_id, extra_context
            ),
            history=True,
        )

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(Version, pk=version_id)
        return self._guarded(
            request,
            version.object_id,
            lambda: super(EditorialAdminMixin, self).recover_view(
                request, version_id, extra_context
            ),
            history=True,
        )

    def get_object(self, request, object_id, from_field=None):
        """For an editor, a live item with changes awaiting review (or sent back) opens with
        those changes, so a second edit builds on the first rather than on the live version."""
        obj = super().get_object(request, object_id, from_field)
        edit = getattr(request, "lpip_edit", {})
        if obj is None or edit.get("history") or self.has_publish_permission(request):
            return obj
        waiting = publishing.unpublished_changes(obj)
        if waiting is None:
            return obj
        changed, links = pending.pending_instance(waiting.changes)
        for field in obj._meta.concrete_fields:
            if field.name not in ("status", "published_at", "published_by", "updated_at"):
                setattr(obj, field.attname, getattr(changed, field.attname))
        obj.pending_links, obj.pending_tags = links, waiting.changes.get("tags")
        edit["opened_pending"] = waiting
        return obj

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if getattr(request, "lpip_edit", {}).get("history"):
            form = type(form.__name__, (form,), {"check_version": False})
        if obj is not None and hasattr(obj, "pending_links"):
            form = type(form.__name__, (form,), {"__init__": _with_pending_links(form)})
        return form

    def save_model(self, request, obj, form, change):
        edit = getattr(request, "lpip_edit", {})
        live = edit.get("live_status") if change else None
        may_publish = self.has_publish_permission(request)
        publish_now = "_publish" in request.POST and may_publish
        if edit.get("pending"):
            obj.status = Status.PUBLISHED  # the pending version keeps the live status
        elif edit.get("history"):
            obj.status = publishing.status_after_history(
                request.user, self.model, live, publish_now
            )
        elif "_submit_for_review" in request.POST and obj.status != Status.PUBLISHED:
            obj.status = Status.IN_REVIEW
        elif publish_now:
            obj.status = Status.PUBLISHED
        if not edit.get("pending"):
            obj.status = publishing.status_after_edit(request.user, self.model, obj.status, live)
        edit["status_before"], edit["status_after"] = live, obj.status
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        edit = getattr(request, "lpip_edit", {})
        obj = form.instance
        if edit.get("pending"):
            edit["snapshot"] = pending.snapshot(obj, edit["children"])
            return
        before, after = edit.get("status_before"), edit.get("status_after")
        if after == before:
            return
        if after == Status.IN_REVIEW:
            publishing.submit(obj, request.user)
            edit["comment"] = "Submitted for review."
        elif after == Status.PUBLISHED:
            publishing.publish(obj, request.user)
            edit["comment"] = "Published."
            if "_publish_linked" in request.POST:
                self._publish_linked(request, obj)
        elif before == Status.PUBLISHED:
            publishing.unpublish(obj, request.user)
            edit["comment"] = "Unpublished."
        elif edit.get("history") and before is None:
            edit["comment"] = "Recovered as a draft."

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        comment = getattr(request, "lpip_edit", {}).get("comment")
        if comment:
            import reversion

            said = entry.get_change_message()
            said = "" if said == "No fields changed." else f" {said}"
            if reversion.is_active():
                reversion.set_comment(f"{comment}{said}")
        return entry

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        comment = getattr(request, "lpip_edit", {}).get("comment")
        if comment:
            import reversion

            if reversion.is_active():
                reversion.set_comment(f"{comment} Added.")
        return entry

    def add_view(self, request, form_url="", extra_context=None):
        request.lpip_edit = {"live_status": None, "history": False, "pending": False}
        return super().add_view(request, form_url, extra_context)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if getattr(request, "lpip_edit", {}).get("pending") and level == messages.SUCCESS:
            message = gettext(
                "Your changes are saved for review. The public keeps seeing the published "
                "version until a publisher approves them."
            )
        return super().message_user(request, message, level, *args, **kwargs)

    # Approve and send back

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/review/",
                self.admin_site.admin_view(self.review_view),
                name=f"{opts.app_label}_{opts.model_name}_review",
            ),
        ] + super().get_urls()

    def review_view(self, request, object_id):
        """A publisher's decision on a submission: approve it, or send it back with words."""
        if request.method != "POST" or not self.has_publish_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("No such item.")
        form = ReviewDecisionForm(request.POST)
        change_url = reverse(
            f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[quote(obj.pk)]
        )
        if not form.is_valid():
            messages.error(request, gettext("Choose to approve or to send back."))
            return HttpResponseRedirect(change_url)
        with transaction.atomic():
            if form.cleaned_data["decision"] == "approve":
                publishing.approve(obj, request.user)
                if form.cleaned_data["publish_linked"]:
                    self._publish_linked(request, obj)
                self.log_change(request, obj, "Approved and published.")
                messages.success(
                    request,
                    gettext("“%(item)s” is approved and live on the site now.") % {"item": obj},
                )
            else:
                try:
                    publishing.send_back(obj, request.user, form.cleaned_data["comment"])
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                    return HttpResponseRedirect(change_url)
                self.log_change(request, obj, "Sent back.")
                messages.success(
                    request,
                    gettext("“%(item)s” is sent back to its author with your comment.")
                    % {"item": obj},
                )
        return HttpResponseRedirect(change_url)

    def _publish_linked(self, request, obj) -> None:
        done = publishing.publish_links(obj, request.user)
        if done:
            names = "; ".join(f"“{item}”" for item in done)
            messages.success(request, gettext("Published with it: %(names)s.") % {"names": names})

    def _link(self, item) -> dict:
        opts = item._meta
        return {
            "object": item,
            "kind": opts.verbose_name,
            "url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(item.pk)]
            ),
        }

    def editorial_context(self, request, obj) -> dict:
        if obj is None or not obj.pk:
            return {}
        waiting = publishing.pending_request(obj)
        return {
            "pending_request": waiting,
            "pending_changes": (
                pending.compare_with_live(obj, waiting.changes)
                if waiting and waiting.changes
                else None
            ),
            "sent_back": publishing.latest_decision(obj),
            "opened_pending": getattr(request, "lpip_edit", {}).get("opened_pending"),
            "review_url": reverse(
                f"admin:{obj._meta.app_label}_{obj._meta.model_name}_review", args=[quote(obj.pk)]
            ),
            "may_decide": self.has_publish_permission(request)
            and (waiting is not None or obj.status == Status.IN_REVIEW),
            "others_editing": self.others_editing(request, obj) if request.method == "GET" else [],
            "unpublished_links": (
                [self._link(item) for item in publishing.unpublished_links(obj)]
                if self.has_publish_permission(request)
                else []
            ),
        }
