"""The Atom feed of newly published and updated items, and the same list for the home page."""

from itertools import chain

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lpip_hub.bilingual import localised, localised_title
from partnerships.models import Partnership
from reviews.models import EvidenceReview, Intervention, KeyConcept, Output, Policy

# Each published kind of item, with the words a reader sees for it.
KINDS = [
    (EvidenceReview, _("Evidence review")),
    (KeyConcept, _("Key concept")),
    (Policy, _("Policy")),
    (Intervention, _("Intervention")),
    (Partnership, _("Partnership")),
    (Output, _("Output")),
]


def latest_items(limit: int = 20) -> list:
    """The most recently published or updated items of every kind: one query per kind."""
    items = chain.from_iterable(
        _labelled(model.objects.published().order_by("-updated_at")[:limit], label)
        for model, label in KINDS
    )
    return sorted(items, key=lambda item: item.updated_at, reverse=True)[:limit]


def _labelled(queryset, label: str):
    for item in queryset:
        item.kind_label = label
        yield item


class LatestItemsFeed(Feed):
    feed_type = Atom1Feed
    author_name = settings.SITE_NAME

    def title(self):
        return gettext("%(site)s: new and updated evidence") % {"site": settings.SITE_NAME}

    def subtitle(self):
        return gettext(
            "Evidence reviews, key concepts, policies, interventions, partnerships and outputs "
            "as they are published or updated."
        )

    def link(self):
        return reverse("home")

    def feed_url(self):
        return reverse("feed-latest")

    def items(self):
        return latest_items(30)

    def item_title(self, item):
        return f"{item.kind_label}: {localised_title(item)}"

    def item_description(self, item):
        return next(
            (
                text
                for field in ("summary_html", "summary", "definition_html")
                if hasattr(item, field) and (text := localised(item, field))
            ),
            "",
        )

    def item_pubdate(self, item):
        return item.published_at or item.created_at

    def item_updateddate(self, item):
        return item.updated_at
