"""The Hub's outputs (blogs, webinars, PlaceCast episodes, papers) and related initiatives.

Audio and video stay where they are hosted: an output links to its host and embeds nothing.
Imported at the end of reviews.models, so both are models of the reviews app.
"""

from urllib.parse import urlsplit

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.managers import TaggableManager

from lpip_hub.bilingual import welsh_twin
from lpip_hub.markup import RenderedMarkdown
from lpip_hub.publishing import Publishable, PublishableQuerySet
from partnerships.models import Partnership, Place
from reviews.models import PlaceScopedQuerySet, Theme


class OutputKind(models.TextChoices):
    BLOG = "blog", _("Blog post")
    WEBINAR = "webinar", _("Webinar")
    PODCAST = "podcast", _("PlaceCast podcast episode")
    BRIEFING = "briefing", _("Briefing paper")
    REPORT = "report", _("Report")
    DISCUSSION = "discussion", _("Discussion paper")
    EVENT = "event", _("Event")
    PROJECT = "project", _("Partnership project")


# What the link to the host says, for each kind.
LINK_TEXT = {
    OutputKind.BLOG: _("Read the blog post"),
    OutputKind.WEBINAR: _("Watch the webinar recording"),
    OutputKind.PODCAST: _("Listen to the episode"),
    OutputKind.BRIEFING: _("Read the briefing paper"),
    OutputKind.REPORT: _("Read the report"),
    OutputKind.DISCUSSION: _("Read the discussion paper"),
    OutputKind.EVENT: _("Read about the event"),
    OutputKind.PROJECT: _("Read about the project"),
}
TIMED_KINDS = {OutputKind.WEBINAR, OutputKind.PODCAST}


class OutputQuerySet(PlaceScopedQuerySet):
    def latest(self):
        return self.order_by(models.F("date").desc(nulls_last=True), "-published_at", "title")


class Output(RenderedMarkdown, Publishable):
    """Something the Hub has published or held: a blog post, webinar, podcast episode or paper."""

    markdown_fields = ("transcript",)

    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=OutputKind.choices,
        db_index=True,
        help_text=_("What sort of output this is. PlaceCast is the Hub's podcast."),
    )
    title = models.CharField(
        _("title"), max_length=255, help_text=_("The title, as it appears where it is hosted.")
    )
    title_cy = welsh_twin(title, _("title"))
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "When it was published, or when the webinar was held or the episode released. "
            "Leave empty if the source does not say."
        ),
    )
    summary = models.TextField(
        _("summary"), help_text=_("One to three plain sentences: what it covers and who it is for.")
    )
    summary_cy = welsh_twin(summary, _("summary"))
    authors = models.CharField(
        _("authors or speakers"),
        max_length=500,
        blank=True,
        help_text=_("Who wrote it, or who spoke, e.g. 'Billing, C. and Pugh, A.'."),
    )
    url = models.URLField(
        _("link"),
        max_length=500,
        help_text=_(
            "Where it is hosted, starting https://: the blog, the video or podcast page, "
            "or the PDF. Audio and video are linked to, never embedded."
        ),
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        null=True,
        blank=True,
        help_text=_("For webinars and podcast episodes: the length in whole minutes."),
    )
    transcript = models.TextField(
        _("transcript or notes"),
        blank=True,
        help_text=_(
            "Markdown. A transcript for audio and video, or notes, so that everyone can "
            "follow it, including people who cannot hear or watch it."
        ),
    )
    transcript_html = models.TextField(blank=True, editable=False)
    themes = models.ManyToManyField(
        Theme,
        verbose_name=_("themes"),
        blank=True,
        related_name="outputs",
        help_text=_("Which of the Hub's themes it covers."),
    )
    partnerships = models.ManyToManyField(
        Partnership,
        verbose_name=_("partnerships"),
        blank=True,
        related_name="outputs",
        help_text=_("The Local Policy Innovation Partnerships it draws on or features."),
    )
    places = models.ManyToManyField(
        Place,
        verbose_name=_("places"),
        blank=True,
        related_name="outputs",
        help_text=_("The places it is about, if any."),
    )
    tags = TaggableManager(blank=True)

    objects = OutputQuerySet.as_manager()

    class Meta:
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        ordering = [models.F("date").desc(nulls_last=True), "title"]
        permissions = [("publish_output", "Can publish outputs")]
        indexes = [models.Index(fields=["status", "-date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("output-detail", args=[self.slug])

    @property
    def link_text(self) -> str:
        return LINK_TEXT.get(self.kind, _("Open it where it is hosted"))

    @property
    def host(self) -> str:
        """The host's name, e.g. 'blog.bham.ac.uk', so people know where the link goes."""
        host = urlsplit(self.url).hostname or ""
        return host.removeprefix("www.")

    @property
    def is_timed(self) -> bool:
        return self.kind in TIMED_KINDS

    @property
    def duration_display(self) -> str:
        """'45 minutes', '1 hour 5 minutes', or '' when not recorded."""
        if not self.duration_minutes:
            return ""
        hours, minutes = divmod(self.duration_minutes, 60)
        parts = []
        if hours:
            parts.append(ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours})
        if minutes:
            parts.append(ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes})
        return " ".join(parts)


class RelatedInitiativeQuerySet(PublishableQuerySet):
    def for_theme(self, theme: Theme):
        """Initiatives on the theme, or linked to its published partnerships or outputs."""
        return self.filter(
            models.Q(
                pk__in=RelatedInitiative.themes.through.objects.filter(theme=theme).values(
                    "relatedinitiative_id"
                )
            )
            | models.Q(
                pk__in=RelatedInitiative.partnerships.through.objects.filter(
                    partnership__in=theme.partnerships.published()
                ).values("relatedinitiative_id")
            )
            | models.Q(
                pk__in=RelatedInitiative.outputs.through.objects.filter(
                    output__in=theme.outputs.published()
                ).values("relatedinitiative_id")
            )
        )


class RelatedInitiative(Publishable):
    """Work elsewhere that is like a partnership's or the Hub's: to connect and not duplicate."""

    name = models.CharField(
        _("name"), max_length=255, help_text=_("The initiative's name, as it uses it.")
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=255,
        blank=True,
        help_text=_("Who runs it, e.g. a university, council or charity."),
    )
    url = models.URLField(
        _("link"), max_length=500, help_text=_("Its web page, starting https://.")
    )
    summary = models.TextField(
        _("summary"),
        help_text=_(
            "One or two plain sentences: what it does, and how it relates to the Hub's work."
        ),
    )
    places = models.ManyToManyField(
        Place,
        verbose_name=_("places"),
        blank=True,
        related_name="related_initiatives",
        help_text=_("Where it works."),
    )
    themes = models.ManyToManyField(
        Theme,
        verbose_name=_("themes"),
        blank=True,
        related_name="related_initiatives",
        help_text=_(
            "The Hub's themes it relates to. It also shows on a theme's page when it is "
            "linked to one of the theme's partnerships or outputs."
        ),
    )
    partnerships = models.ManyToManyField(
        Partnership,
        verbose_name=_("partnerships"),
        blank=True,
        related_name="related_initiatives",
        help_text=_("Partnerships doing similar work: it shows on their pages."),
    )
    outputs = models.ManyToManyField(
        Output,
        verbose_name=_("outputs"),
        blank=True,
        related_name="related_initiatives",
        help_text=_("Outputs it relates to: it shows on their pages."),
    )

    objects = RelatedInitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("related initiative")
        verbose_name_plural = _("related initiatives")
        ordering = ["name"]
        permissions = [("publish_relatedinitiative", "Can publish related initiatives")]

    def __str__(self) -> str:
        return self.name
