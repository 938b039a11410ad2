"""The upper layer: themes, evidence reviews and the evidence they hold."""

import re

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from lpip_hub.bilingual import localised_html, rendered_twin, welsh_twin
from lpip_hub.choices import ChoiceLabels
from lpip_hub.markup import RenderedMarkdown
from lpip_hub.publishing import PublicRelation, Publishable, PublishableQuerySet
from partnerships.models import Organisation, Partnership, Place

SEARCH_VECTOR_HELP = "Kept up to date by the database on PostgreSQL; empty elsewhere."


def _search_vector_field():
    return SearchVectorField(null=True, blank=True, editable=False, help_text=SEARCH_VECTOR_HELP)


class PlaceScopedQuerySet(PublishableQuerySet):
    """The place questions a located item answers, through the cached place hierarchy."""

    def _located_in_any(self, place_ids: set[int]):
        return self.filter(pk__in=self._located_ids(place_ids))

    def _located_ids(self, place_ids: set[int]):
        through = self.model.places.through
        owner = f"{self.model._meta.model_name}_id"
        return through.objects.filter(place_id__in=place_ids).values(owner)

    def in_place(self, place: Place):
        """Items located in the place or in any place within it, through every geography."""
        from partnerships.hierarchy import place_hierarchy

        return self._located_in_any(place_hierarchy().descendants_and_self(place.pk))

    def covering(self, place: Place):
        """Items located in a place that contains this one (its region, nation, authority)."""
        from partnerships.hierarchy import place_hierarchy

        return self._located_in_any(place_hierarchy().ancestors(place.pk))

    def covering_only(self, place: Place):
        """Items covering the place that are not also located in it or within it."""
        from partnerships.hierarchy import place_hierarchy

        hierarchy = place_hierarchy()
        through = self.model.places.through
        owner = f"{self.model._meta.model_name}_id"
        # Narrowed within the links, so the few covering items lead the query, each tested for
        # a link within the place (NOT EXISTS: one index probe each, where NOT IN would first
        # gather every item within, 44,000 for England).
        within = through.objects.filter(
            **{owner: models.OuterRef(owner)},
            place_id__in=hierarchy.descendants_and_self(place.pk),
        )
        covering = self._located_ids(hierarchy.ancestors(place.pk))
        return self.filter(pk__in=covering.filter(~models.Exists(within)))

    def applying_in(self, place: Place):
        """Items for the place itself or for any place that contains it."""
        from partnerships.hierarchy import place_hierarchy

        return self._located_in_any(place_hierarchy().ancestors(place.pk) | {place.pk})


class PolicyQuerySet(PlaceScopedQuerySet):
    pass


class InterventionQuerySet(PlaceScopedQuerySet):
    def with_strongest_evidence(self):
        """Annotate `strongest_evidence`: the highest Maryland level among its outcomes."""
        strongest = (
            Outcome.objects.filter(intervention=models.OuterRef("pk"))
            .order_by("-evidence_strength")
            .values("evidence_strength")[:1]
        )
        return self.annotate(strongest_evidence=models.Subquery(strongest))


SOURCE_HELP = _("Where this record's facts come from: a web address or a citation.")


def sentence_stop(text: str) -> str:
    """ "." to end a title in a citation, or nothing when it ends with ., ? or ! already."""
    return "" if text.rstrip().endswith((".", "?", "!")) else "."


def check_year_range(start_year: int | None, end_year: int | None) -> None:
    """An end year before the start year is a typing slip: say so beside the end year."""
    if start_year and end_year and end_year < start_year:
        raise ValidationError(
            {
                "end_year": f"The end year ({end_year}) is before the start year "
                f"({start_year}): check both years."
            }
        )


class Reference(models.Model):
    """A bibliographic source."""

    authors = models.CharField(
        _("authors"),
        max_length=500,
        help_text=_(
            "As they should be cited, e.g. 'Pugh, A.' or 'Billing, C. and "
            "Smith, J.'; an organisation may be the author."
        ),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=500)
    publisher = models.CharField(
        _("publisher"),
        max_length=255,
        blank=True,
        help_text=_("The journal, publisher or website."),
    )
    doi = models.CharField(
        _("DOI"),
        max_length=255,
        blank=True,
        db_index=True,
        help_text=_("e.g. 10.1080/00343404.2020.1"),
    )
    url = models.URLField(_("Web address"), max_length=500, blank=True)
    volume = models.CharField(
        _("volume"), max_length=50, blank=True, help_text=_("The journal volume, e.g. 91.")
    )
    issue = models.CharField(
        _("issue"), max_length=50, blank=True, help_text=_("The journal issue, e.g. 3.")
    )
    pages = models.CharField(
        _("pages"),
        max_length=50,
        blank=True,
        help_text=_("The page range, e.g. 482–490, or an article number."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("reference")
        verbose_name_plural = _("references")
        ordering = ["authors", "-year", "title"]

    def __str__(self) -> str:
        year = self.year or "n.d."
        return f"{self.authors} ({year}) {self.title}"

    @property
    def link(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else self.url

    @property
    def title_stop(self) -> str:
        """The full stop after the title, unless it ends with its own ? or !."""
        return sentence_stop(self.title)

    @property
    def locator(self) -> str:
        """Where in the journal: "91(3), pp. 482–490"."""
        where = self.volume + (f"({self.issue})" if self.issue else "")
        if self.pages:
            page_word = "pp." if re.search(r"[-–]", self.pages) else "p."
            where += f"{', ' if where else ''}{page_word} {self.pages}"
        return where


class Theme(RenderedMarkdown, models.Model):
    """One of the Hub's seven themes. Reference data: always public."""

    markdown_fields = ("description", "description_cy")

    name = models.CharField(_("name"), max_length=200, unique=True)
    name_cy = welsh_twin(name, _("name"))
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0, db_index=True)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two plain sentences for lists.")
    )
    summary_cy = welsh_twin(summary, _("summary"))
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_html = models.TextField(blank=True, editable=False)
    description_cy = welsh_twin(description, _("description"))
    description_cy_html = rendered_twin()
    full_report = models.ForeignKey(
        Reference,
        verbose_name=_("full report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The Hub's full evidence review report for this theme."),
    )
    partnerships = models.ManyToManyField(
        Partnership, verbose_name=_("partnerships"), blank=True, related_name="themes"
    )
    source = models.CharField(_("source"), max_length=500, blank=True, help_text=SOURCE_HELP)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("theme-detail", args=[self.slug])


class KeyConcept(RenderedMarkdown, Publishable):
    markdown_fields = ("definition", "definition_cy")

    term = models.CharField(_("term"), max_length=200)
    term_cy = welsh_twin(term, _("term"))
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    definition = models.TextField(
        _("definition"), help_text=_("Markdown. Say what the term means in plain words.")
    )
    definition_html = models.TextField(blank=True, editable=False)
    definition_cy = welsh_twin(definition, _("definition"))
    definition_cy_html = rendered_twin()
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="concepts"
    )
    references = models.ManyToManyField(
        Reference, verbose_name=_("references"), blank=True, related_name="concepts"
    )
    tags = TaggableManager(blank=True)
    search_vector = _search_vector_field()

    class Meta:
        verbose_name = _("key concept")
        verbose_name_plural = _("key concepts")
        ordering = ["term"]
        permissions = [("publish_keyconcept", "Can publish key concepts")]

    def __str__(self) -> str:
        return self.term

    def get_absolute_url(self) -> str:
        return reverse("concept-detail", args=[self.slug])


class PolicyLevel(models.TextChoices):
    INTERNATIONAL = "international", _("International")
    UK = "uk", _("UK-wide")
    NATION = "nation", _("National (one nation)")
    REGIONAL = "regional", _("Regional or combined authority")
    LOCAL = "local", _("Local")


class Policy(RenderedMarkdown, Publishable):
    """A national or local policy or programme."""

    markdown_fields = ("description", "description_cy")

    name = models.CharField(_("name"), max_length=255)
    name_cy = welsh_twin(name, _("name"))
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    level = models.CharField(_("level"), max_length=16, choices=PolicyLevel.choices, db_index=True)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two plain sentences for lists.")
    )
    summary_cy = welsh_twin(summary, _("summary"))
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_html = models.TextField(blank=True, editable=False)
    description_cy = welsh_twin(description, _("description"))
    description_cy_html = rendered_twin()
    places = models.ManyToManyField(
        Place,
        verbose_name=_("places"),
        blank=True,
        related_name="policies",
        help_text=_("The places the policy applies to."),
    )
    lead_body = models.CharField(
        _("lead body"),
        max_length=255,
        blank=True,
        help_text=_("Who runs it, e.g. a department or council."),
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"), null=True, blank=True, db_index=True
    )
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="policies"
    )
    references = models.ManyToManyField(
        Reference, verbose_name=_("references"), blank=True, related_name="policies"
    )
    url = models.URLField(_("Web address"), max_length=500, blank=True)
    source = models.CharField(_("source"), max_length=1000, blank=True, help_text=SOURCE_HELP)
    tags = TaggableManager(blank=True)
    search_vector = _search_vector_field()

    objects = PolicyQuerySet.as_manager()
    public_interventions = PublicRelation("interventions")

    class Meta:
        verbose_name = _("policy")
        ordering = ["name"]
        verbose_name_plural = _("policies")
        permissions = [("publish_policy", "Can publish policies")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        check_year_range(self.start_year, self.end_year)

    def get_absolute_url(self) -> str:
        return reverse("policy-detail", args=[self.slug])


class Scale(models.TextChoices):
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")
    LOCAL = "local", _("Local authority")
    CITY_REGION = "city_region", _("City region or combined authority")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    MULTI_NATIONAL = "multi_national", _("More than one nation")


class Setting(models.TextChoices):
    URBAN = "urban", _("Urban")
    RURAL = "rural", _("Rural")
    COASTAL = "coastal", _("Coastal")
    MIXED = "mixed", _("Mixed urban and rural")
    NOT_STATED = "not_stated", _("Not stated")


class Intervention(RenderedMarkdown, Publishable):
    """A place-based intervention and, through its outcomes, what it achieved."""

    markdown_fields = ("description", "description_cy")
    versioned_children = ("outcomes",)

    name = models.CharField(_("name"), max_length=255)
    name_cy = welsh_twin(name, _("name"))
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    summary = models.TextField(
        _("summary"), help_text=_("One or two plain sentences: what was done, where.")
    )
    summary_cy = welsh_twin(summary, _("summary"))
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_html = models.TextField(blank=True, editable=False)
    description_cy = welsh_twin(description, _("description"))
    description_cy_html = rendered_twin()
    places = models.ManyToManyField(
        Place,
        verbose_name=_("places"),
        blank=True,
        related_name="interventions",
        help_text=_("Where it took place."),
    )
    scale = models.CharField(
        _("geographic scale"),
        max_length=16,
        choices=Scale.choices,
        default=Scale.LOCAL,
        db_index=True,
    )
    setting = models.CharField(
        _("setting"),
        max_length=16,
        choices=Setting.choices,
        default=Setting.NOT_STATED,
        db_index=True,
        help_text=_("Urban or rural setting."),
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="interventions"
    )
    kinds = models.ManyToManyField(
        "reviews.InterventionKind",
        verbose_name=_("kinds"),
        blank=True,
        related_name="interventions",
        help_text=_(
            "What sort of intervention it was: one or more kinds. The what-works "
            "summaries group interventions by kind."
        ),
    )
    lead_body = models.CharField(
        _("lead body"),
        max_length=255,
        blank=True,
        help_text=_("Who led or funded it, e.g. a department or council."),
    )
    policies = models.ManyToManyField(
        Policy,
        verbose_name=_("policies"),
        blank=True,
        related_name="interventions",
        help_text=_("The policies or programmes it was delivered under."),
    )
    partnerships = models.ManyToManyField(
        Partnership, verbose_name=_("partnerships"), blank=True, related_name="interventions"
    )
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("organisations"),
        blank=True,
        related_name="interventions",
        help_text=_("Who delivered it."),
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"), null=True, blank=True, db_index=True
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"), null=True, blank=True, help_text=_("Leave empty if it is still running.")
    )
    budget = models.DecimalField(
        _("budget (£)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("Total budget in pounds, where known."),
    )
    budget_note = models.CharField(
        _("budget note"), max_length=255, blank=True, help_text=_("e.g. 'capital only'.")
    )
    references = models.ManyToManyField(
        Reference, verbose_name=_("references"), blank=True, related_name="interventions"
    )
    url = models.URLField(_("Web address"), max_length=500, blank=True)
    source = models.CharField(_("source"), max_length=1000, blank=True, help_text=SOURCE_HELP)
    tags = TaggableManager(blank=True)
    search_vector = _search_vector_field()
    # Filled in from the public "Suggest an example" form; editors see them read-only.
    is_suggestion = models.BooleanField(
        _("suggestion"),
        default=False,
        db_index=True,
        help_text=_(
            "Suggested by a practitioner through the public form. It stays a draft until "
            "a publisher publishes it."
        ),
    )
    suggested_by_organisation = models.CharField(
        _("suggester's organisation"), max_length=255, blank=True
    )
    suggester_email = models.EmailField(
        _("suggester's email"),
        blank=True,
        help_text=_("Only for asking the suggester about this example. Never published."),
    )
    suggested_outcomes = models.TextField(_("outcomes the suggester saw"), blank=True)
    suggested_links = models.TextField(_("links the suggester gave"), blank=True)

    objects = InterventionQuerySet.as_manager()
    public_policies = PublicRelation("policies")
    public_partnerships = PublicRelation("partnerships")

    class Meta:
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        ordering = ["name"]
        permissions = [("publish_intervention", "Can publish interventions")]
        indexes = [
            models.Index(fields=["status", "-updated_at"]),
            # Few interventions are scheduled: the finder index finds those due in these
            # (finder_index.refresh_due), on every read while the cache is down.
            models.Index(
                fields=["go_live_at"],
                condition=models.Q(go_live_at__isnull=False),
                name="intervention_go_live",
            ),
            models.Index(
                fields=["expire_at"],
                condition=models.Q(expire_at__isnull=False),
                name="intervention_expiry",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        check_year_range(self.start_year, self.end_year)

    def get_absolute_url(self) -> str:
        return reverse("intervention-detail", args=[self.slug])


class OutcomeType(models.TextChoices):
    EMPLOYMENT = "employment", _("Employment")
    EARNINGS = "earnings", _("Earnings and income")
    PRODUCTIVITY = "productivity", _("Productivity")
    BUSINESS = "business", _("Business growth and investment")
    INNOVATION = "innovation", _("Innovation")
    SKILLS = "skills", _("Skills and qualifications")
    HEALTH = "health", _("Health and wellbeing")
    ENVIRONMENT = "environment", _("Environment and net zero")
    COMMUNITY = "community", _("Community and social cohesion")
    CULTURE = "culture", _("Culture and heritage")
    HOUSING = "housing", _("Housing and regeneration")
    PLACE = "place", _("Pride in place and perceptions")
    OTHER = "other", _("Other")


class Direction(models.TextChoices):
    POSITIVE = "positive", _("Positive")
    MIXED = "mixed", _("Mixed")
    NO_EFFECT = "no_effect", _("No effect")
    NEGATIVE = "negative", _("Negative")
    NOT_KNOWN = "not_known", _("Not yet known")
    NOT_STATED = "not_stated", _("Not stated")


class EvidenceStrength(models.IntegerChoices):
    """The Maryland Scientific Methods Scale, as used by What Works Growth."""

    NOT_EVALUATED = 0, _("Not evaluated")
    LEVEL_1 = 1, _("Level 1: before and after, or a correlation")
    LEVEL_2 = 2, _("Level 2: compared with similar places, without controls")
    LEVEL_3 = 3, _("Level 3: compared with a matched control group")
    LEVEL_4 = 4, _("Level 4: a natural experiment")
    LEVEL_5 = 5, _("Level 5: a randomised controlled trial")


class Outcome(ChoiceLabels):
    """What an intervention achieved, and how strong the evidence for it is."""

    intervention = models.ForeignKey(
        Intervention,
        verbose_name=_("intervention"),
        on_delete=models.CASCADE,
        related_name="outcomes",
    )
    outcome_type = models.CharField(
        _("outcome type"), max_length=16, choices=OutcomeType.choices, db_index=True
    )
    description = models.TextField(_("what happened"), help_text=_("What changed, with figures."))
    direction = models.CharField(
        _("direction of effect"),
        max_length=16,
        choices=Direction.choices,
        default=Direction.NOT_KNOWN,
        db_index=True,
    )
    evidence_strength = models.PositiveSmallIntegerField(
        _("strength of evidence"),
        choices=EvidenceStrength.choices,
        default=EvidenceStrength.NOT_EVALUATED,
        db_index=True,
        help_text=_("The Maryland Scientific Methods Scale: 1 is weakest, 5 strongest."),
    )
    evaluation_design = models.TextField(
        _("evaluation design"),
        blank=True,
        help_text=_(
            "How the study judged the effect, in plain words, e.g. 'compared with "
            "similar areas that did not take part'. Give it even when no Maryland level is set."
        ),
    )
    reference = models.ForeignKey(
        Reference,
        verbose_name=_("reference"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outcomes",
        help_text=_("The study that reports this outcome."),
    )

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["-evidence_strength", "outcome_type", "pk"]

    def __str__(self) -> str:
        return f"{self.get_outcome_type_display()}: {self.get_direction_display()}"


class EvidenceReview(RenderedMarkdown, Publishable):
    """A theme's evidence review: one section per question the Hub's reviews answer."""

    SECTIONS = (
        ("key_concepts", _("Key concepts and definitions")),
        ("policies", _("National and local policies")),
        ("capacity", _("The differing capacity of places")),
        ("interventions", _("Place-based interventions and their outcomes")),
        ("international", _("International examples")),
        ("burning_issues", _("Burning issues")),
    )
    markdown_fields = tuple(
        name
        for english in ("summary", *(f"{key}_text" for key, _heading in SECTIONS))
        for name in (english, f"{english}_cy")
    )
    markdown_top_heading = 3  # each section sits under its own h2 on the review's page

    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="reviews"
    )
    title = models.CharField(_("title"), max_length=255)
    title_cy = welsh_twin(title, _("title"))
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Markdown. The review's main findings.")
    )
    summary_html = models.TextField(blank=True, editable=False)
    summary_cy = welsh_twin(summary, _("summary"))
    summary_cy_html = rendered_twin()
    key_concepts_text = models.TextField(_("key concepts and definitions"), blank=True)
    key_concepts_text_html = models.TextField(blank=True, editable=False)
    key_concepts_text_cy = welsh_twin(key_concepts_text, _("key concepts and definitions"))
    key_concepts_text_cy_html = rendered_twin()
    policies_text = models.TextField(_("national and local policies"), blank=True)
    policies_text_html = models.TextField(blank=True, editable=False)
    policies_text_cy = welsh_twin(policies_text, _("national and local policies"))
    policies_text_cy_html = rendered_twin()
    capacity_text = models.TextField(_("the differing capacity of places"), blank=True)
    capacity_text_html = models.TextField(blank=True, editable=False)
    capacity_text_cy = welsh_twin(capacity_text, _("the differing capacity of places"))
    capacity_text_cy_html = rendered_twin()
    interventions_text = models.TextField(_("place-based interventions and outcomes"), blank=True)
    interventions_text_html = models.TextField(blank=True, editable=False)
    interventions_text_cy = welsh_twin(
        interventions_text, _("place-based interventions and outcomes")
    )
    interventions_text_cy_html = rendered_twin()
    international_text = models.TextField(_("international examples"), blank=True)
    international_text_html = models.TextField(blank=True, editable=False)
    international_text_cy = welsh_twin(international_text, _("international examples"))
    international_text_cy_html = rendered_twin()
    burning_issues_text = models.TextField(_("burning issues"), blank=True)
    burning_issues_text_html = models.TextField(blank=True, editable=False)
    burning_issues_text_cy = welsh_twin(burning_issues_text, _("burning issues"))
    burning_issues_text_cy_html = rendered_twin()
    authors = models.CharField(
        _("authors"), max_length=500, blank=True, help_text=_("e.g. 'Pugh, A.'")
    )
    edition = models.CharField(
        _("edition"), max_length=60, blank=True, help_text=_("e.g. 'First edition'.")
    )
    publication_date = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty: it is set to the day the review is first published. Fill it in "
            "only to back-date an edition published elsewhere first."
        ),
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When the evidence was last checked as current."),
    )
    full_report = models.ForeignKey(
        Reference,
        verbose_name=_("full report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The full report, as a reference with its web address."),
    )
    concepts = models.ManyToManyField(
        KeyConcept, verbose_name=_("concepts"), blank=True, related_name="reviews"
    )
    policies = models.ManyToManyField(
        Policy, verbose_name=_("policies"), blank=True, related_name="reviews"
    )
    interventions = models.ManyToManyField(
        Intervention, verbose_name=_("interventions"), blank=True, related_name="reviews"
    )
    partnerships = models.ManyToManyField(
        Partnership, verbose_name=_("partnerships"), blank=True, related_name="reviews"
    )
    references = models.ManyToManyField(
        Reference, verbose_name=_("references"), blank=True, related_name="reviews"
    )
    tags = TaggableManager(blank=True)
    search_vector = _search_vector_field()

    public_concepts = PublicRelation("concepts")
    public_policies = PublicRelation("policies")
    public_interventions = PublicRelation("interventions")
    public_partnerships = PublicRelation("partnerships")

    class Meta:
        verbose_name = _("evidence review")
        verbose_name_plural = _("evidence reviews")
        ordering = ["theme__order", "-publication_date"]
        permissions = [("publish_evidencereview", "Can publish evidence reviews")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("review-detail", args=[self.slug])

    def save(self, *args, **kwargs):
        # Dated when first published, however it is published, unless an editor back-dated it.
        if self.is_published and self.publication_date is None:
            self.publication_date = timezone.localdate()
        super().save(*args, **kwargs)

    def sections(self) -> list[tuple[str, str, str]]:
        """(anchor, heading, html) for each section that has text."""
        return [
            (key.replace("_", "-"), heading, localised_html(self, f"{key}_text_html"))
            for key, heading in self.SECTIONS
            if getattr(self, f"{key}_text_html") or getattr(self, f"{key}_text_cy_html")
        ]

    def uncovered(self) -> list[str]:
        """The headings of the review questions this record has no text for yet."""
        return [
            heading.lower()
            for key, heading in self.SECTIONS
            if not getattr(self, f"{key}_text_html")
        ]


from reviews.models_figures import Figure  # noqa: E402, F401
from reviews.models_finder import FinderCount, FinderEntry, FinderTerm  # noqa: E402, F401
from reviews.models_kinds import InterventionKind  # noqa: E402, F401
from reviews.models_outputs import Output, OutputKind, RelatedInitiative  # noqa: E402, F401
