"""The lower layer: UK geography and countries, organisations and the LPIPs."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lpip_hub.bilingual import is_welsh, rendered_twin, welsh_twin
from lpip_hub.choices import ChoiceLabels
from lpip_hub.markup import RenderedMarkdown
from lpip_hub.publishing import PublicRelation, Publishable

SOURCE_HELP = _("Where this record's facts come from: a web address or a citation.")


class PlaceKind(models.TextChoices):
    UK = "uk", _("United Kingdom")
    NATION = "nation", _("Nation")
    REGION = "region", _("Region")
    COMBINED_AUTHORITY = "combined_authority", _("Combined authority")
    COUNTY = "county", _("County")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")
    COUNTRY = "country", _("Country")
    OTHER = "other", _("Other area")


class PlaceQuerySet(models.QuerySet):
    def within(self, place: "Place"):
        """The place itself and every place inside it, through every geography."""
        from partnerships.hierarchy import place_hierarchy

        return self.filter(pk__in=place_hierarchy().descendants_and_self(place.pk))

    def covering(self, place: "Place"):
        """Every place that contains this one (its region, nation, combined authority...)."""
        from partnerships.hierarchy import place_hierarchy

        return self.filter(pk__in=place_hierarchy().ancestors(place.pk))

    def uk(self):
        return self.exclude(kind=PlaceKind.COUNTRY)

    def by_code_or_slug(self, value: str):
        value = value.strip()
        return self.filter(models.Q(gss_code__iexact=value) | models.Q(slug=value.lower()))


class Place(ChoiceLabels):
    """A UK geography (with its ONS GSS code) or a country, for international examples."""

    name = models.CharField(_("name"), max_length=200)
    official_name = models.CharField(
        _("official name"),
        max_length=255,
        blank=True,
        help_text=_("The full official name, e.g. of a council."),
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    gss_code = models.CharField(
        _("ONS code"),
        max_length=9,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The ONS Government Statistical Service code, e.g. E08000025 for Birmingham."),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=PlaceKind.choices, db_index=True)
    parents = models.ManyToManyField(
        "self",
        verbose_name=_("parents"),
        symmetrical=False,
        related_name="children",
        blank=True,
        help_text=_(
            "The larger areas this place sits within: a council can sit within a region "
            "and a combined authority."
        ),
    )
    country_code = models.CharField(
        _("country code"),
        max_length=2,
        default="GB",
        db_index=True,
        help_text=_("ISO 3166-1 code; GB for UK places."),
    )
    start_date = models.DateField(
        _("start date"), null=True, blank=True, help_text=_("When the body was set up.")
    )
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_(
            "When the body ceased to exist (e.g. a combined authority that was replaced). "
            "A place with an end date is kept so old links still work, and is marked as former."
        ),
    )
    source = models.CharField(_("source"), max_length=500, blank=True, help_text=SOURCE_HELP)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        if self.gss_code:
            self.gss_code = self.gss_code.strip().upper()
        else:
            self.gss_code = None
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("place-detail", args=[self.slug])

    @property
    def is_former(self) -> bool:
        return self.end_date is not None

    @property
    def display_name(self) -> str:
        """Authorities by their official name, since a combined authority can share a region's.

        A former body shares its name with its successor (the North East Combined Authority of
        2014 and of 2024), so it is marked as former.
        """
        name = self.name
        if self.kind == PlaceKind.COMBINED_AUTHORITY and self.official_name:
            name = self.official_name
        if is_welsh() and self.pk:  # the ONS Welsh name, where the place has one
            from partnerships.welsh_names import welsh_place_names

            name = welsh_place_names().get(self.pk, name)
        return gettext("%(name)s (former)") % {"name": name} if self.is_former else name


class PlaceNameKind(models.TextChoices):
    EVERYDAY = "everyday", _("Other name in use")
    WELSH = "welsh", _("Welsh name")
    FORMER_CODE = "former_code", _("Former ONS code")


class PlaceName(models.Model):
    """Another name or code that people use for a place: "Hull", "Caerdydd", an old ONS code.

    Loaded from licensed datasets (see partnerships/reference_data/places/SOURCES.md), never
    typed in by hand, and read by partnerships.resolver.
    """

    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="other_names"
    )
    name = models.CharField(_("name"), max_length=255)
    key = models.CharField(
        max_length=255, db_index=True, editable=False, help_text=_("The name as compared.")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=PlaceNameKind.choices)
    source = models.CharField(_("source"), max_length=500, blank=True, help_text=SOURCE_HELP)

    class Meta:
        verbose_name = _("place name")
        verbose_name_plural = _("place names")
        ordering = ["place", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["place", "key", "kind"], name="unique_place_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()} of {self.place.name})"

    def save(self, *args, **kwargs):
        from partnerships.resolver import name_key

        self.key = name_key(self.name)
        super().save(*args, **kwargs)


class OrganisationKind(models.TextChoices):
    UNIVERSITY = "university", _("University or research body")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    COMBINED_AUTHORITY = "combined_authority", _("Combined authority")
    GOVERNMENT = "government", _("Government department or agency")
    FUNDER = "funder", _("Funder")
    VCSE = "vcse", _("Voluntary, community or social enterprise")
    BUSINESS = "business", _("Business")
    OTHER = "other", _("Other")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    kind = models.CharField(
        _("kind"),
        max_length=24,
        choices=OrganisationKind.choices,
        default=OrganisationKind.OTHER,
        db_index=True,
    )
    website = models.URLField(_("website"), blank=True)
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
        help_text=_("Where the organisation is based."),
    )
    source = models.CharField(_("source"), max_length=500, blank=True, help_text=SOURCE_HELP)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Partnership(RenderedMarkdown, Publishable):
    """A Local Policy Innovation Partnership (LPIP)."""

    markdown_fields = ("description", "description_cy")

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(
        _("short name"), max_length=60, blank=True, help_text=_("e.g. YPIP.")
    )
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    phase = models.PositiveSmallIntegerField(
        _("phase"),
        choices=[(1, _("Phase 1")), (2, _("Phase 2"))],
        null=True,
        blank=True,
        db_index=True,
        help_text=_("The LPIP programme phase the partnership was funded in."),
    )
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("lead organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_partnerships",
    )
    principal_investigator = models.CharField(
        _("principal investigator"), max_length=255, blank=True
    )
    partner_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("partner organisations"),
        blank=True,
        related_name="partnerships",
    )
    places = models.ManyToManyField(
        Place,
        verbose_name=_("places"),
        blank=True,
        related_name="partnerships",
        help_text=_("The places it works in."),
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two plain sentences for lists.")
    )
    summary_cy = welsh_twin(summary, _("summary"))
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_html = models.TextField(blank=True, editable=False)
    description_cy = welsh_twin(description, _("description"))
    description_cy_html = rendered_twin()
    focus = models.TextField(
        _("focus"), blank=True, help_text=_("The partnership's areas of focus.")
    )
    focus_cy = welsh_twin(focus, _("focus"))
    grant_reference = models.CharField(
        _("grant reference"), max_length=60, blank=True, help_text=_("e.g. ES/Z50239X/1.")
    )
    website = models.URLField(_("website"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=1000, blank=True, help_text=SOURCE_HELP)

    # Interventions are declared in reviews, which links them here.
    public_interventions = PublicRelation("interventions")

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["name"]
        permissions = [("publish_partnership", "Can publish partnerships")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {
                    "end_date": gettext(
                        "The end date (%(end)s) is before the start date (%(start)s): "
                        "check both dates."
                    )
                    % {
                        "end": date_format(self.end_date, "j F Y"),
                        "start": date_format(self.start_date, "j F Y"),
                    }
                }
            )

    def get_absolute_url(self) -> str:
        return reverse("partnership-detail", args=[self.slug])


from partnerships.models_similar import PlaceCluster, PlaceNeighbour  # noqa: E402, F401
