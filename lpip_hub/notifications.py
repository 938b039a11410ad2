"""Email about the review loop: publishers hear of each submission, authors of each decision.

Sent through Django's email after the change commits: to the console unless EMAIL_URL names an
SMTP server. Each person is written to in the language they use the admin in.
"""

from itertools import groupby

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from lpip_hub.admin_language import language_of


def _name(user) -> str:
    if user is None:
        return _("someone")
    return user.get_full_name() or user.get_username()


def _admin_link(obj) -> str:
    opts = obj._meta
    path = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def notify_publishers(obj, request) -> None:
    """Tell every publisher of this kind of item that something awaits review."""
    from lpip_hub.publishing import publish_permission

    User = get_user_model()
    publishers = (
        User.objects.with_perm(
            publish_permission(type(obj)), backend="django.contrib.auth.backends.ModelBackend"
        )
        .filter(is_active=True)
        .exclude(email="")
        .select_related("staff_language")
    )
    by_language = sorted((language_of(user), user.email) for user in publishers)
    for language, people in groupby(by_language, key=lambda pair: pair[0]):
        with translation.override(language):
            params = {
                "item": obj,
                "kind": obj._meta.verbose_name,
                "author": _name(request.author),
                "link": _admin_link(obj),
            }
            if request.changes:
                body = _("Changes to “%(item)s” (%(kind)s) await review, submitted by %(author)s.")
            else:
                body = _("A draft of “%(item)s” (%(kind)s) awaits review, submitted by %(author)s.")
            text = body % params + "\n\n" + _("Review it here: %(link)s") % params + "\n"
            send_mail(
                _("For review: %(item)s") % params,
                text,
                None,
                sorted({email for _language, email in people}),
                fail_silently=True,
            )


def notify_author(obj, request) -> None:
    """Tell the author what a publisher decided."""
    author = request.author
    if not (author and author.email):
        return
    with translation.override(language_of(author)):
        params = {"item": obj, "publisher": _name(request.decided_by)}
        if request.state == request.State.APPROVED:
            subject = _("Published: %(item)s") % params
            text = _("%(publisher)s approved and published “%(item)s”.") % params
        else:
            subject = _("Sent back: %(item)s") % params
            text = _("%(publisher)s sent back “%(item)s”.") % params
        if request.comment:
            text += "\n\n" + _("Their comment:") + "\n" + request.comment
        text += "\n\n" + _("Open it here: %(link)s") % {"link": _admin_link(obj)} + "\n"
    send_mail(subject, text, None, [author.email], fail_silently=True)
