"""Email about the review loop: publishers hear of each submission, authors of each decision.

Sent through Django's email after the change commits: to the console unless EMAIL_URL names an
SMTP server.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse


def _name(user) -> str:
    if user is None:
        return "someone"
    return user.get_full_name() or user.get_username()


def _admin_link(obj) -> str:
    opts = obj._meta
    path = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def notify_publishers(obj, request) -> None:
    """Tell every publisher of this kind of item that something awaits review."""
    from lpip_hub.publishing import publish_permission

    User = get_user_model()
    recipients = sorted(
        {
            u.email
            for u in User.objects.with_perm(
                publish_permission(type(obj)), backend="django.contrib.auth.backends.ModelBackend"
            ).filter(is_active=True)
            if u.email
        }
    )
    if not recipients:
        return
    what = "Changes to" if request.changes else "A draft of"
    send_mail(
        f"For review: {obj}",
        f"{what} “{obj}” ({obj._meta.verbose_name}) await review, submitted by "
        f"{_name(request.author)}.\n\nReview them here: {_admin_link(obj)}\n",
        None,
        recipients,
        fail_silently=True,
    )


def notify_author(obj, request) -> None:
    """Tell the author what a publisher decided."""
    author = request.author
    if not (author and author.email):
        return
    if request.state == request.State.APPROVED:
        subject, body = f"Published: {obj}", f"{_name(request.decided_by)} approved and published"
    else:
        subject = f"Sent back: {obj}"
        body = f"{_name(request.decided_by)} sent back"
    text = f"{body} “{obj}”."
    if request.comment:
        text += f"\n\nTheir comment:\n{request.comment}"
    text += f"\n\nOpen it here: {_admin_link(obj)}\n"
    send_mail(subject, text, None, [author.email], fail_silently=True)
