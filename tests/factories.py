"""Factories for test data: one per model, published unless a test says otherwise."""

import datetime

import factory
from django.contrib.auth.models import Group, User

from lpip_hub.publishing import Status
from partnerships.models import Organisation, Partnership, Place, PlaceKind
from partnerships.models_similar import PlaceNeighbour, SimilarityModel
from reviews.models import (
    Direction,
    EvidenceReview,
    EvidenceStrength,
    Intervention,
    InterventionKind,
    KeyConcept,
    Outcome,
    OutcomeType,
    Output,
    OutputKind,
    Policy,
    PolicyLevel,
    Reference,
    RelatedInitiative,
    Theme,
)


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Place {n}")
    slug = factory.Sequence(lambda n: f"place-{n}")
    gss_code = factory.Sequence(lambda n: f"E0{n:07d}")
    kind = PlaceKind.LOCAL_AUTHORITY

    @factory.post_generation
    def parents(self, create, extracted, **kwargs):
        if create and extracted:
            self.parents.set(extracted)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")


class PublishedFactory(factory.django.DjangoModelFactory):
    status = Status.PUBLISHED
    published_at = factory.Faker("date_time_this_year", tzinfo=__import__("datetime").UTC)

    class Meta:
        abstract = True

    class Params:
        draft = factory.Trait(status=Status.DRAFT, published_at=None)
        in_review = factory.Trait(status=Status.IN_REVIEW, published_at=None)


def _set_m2m(name):
    def setter(self, create, extracted, **kwargs):
        if create and extracted:
            getattr(self, name).set(extracted)

    return factory.post_generation(setter)


class PartnershipFactory(PublishedFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Partnership {n}")
    slug = factory.Sequence(lambda n: f"partnership-{n}")
    summary = "A local policy innovation partnership."
    lead_organisation = factory.SubFactory(OrganisationFactory)
    places = _set_m2m("places")
    partner_organisations = _set_m2m("partner_organisations")


class ReferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reference

    authors = "Smith, J."
    year = 2024
    title = factory.Sequence(lambda n: f"Study number {n}")
    url = factory.Sequence(lambda n: f"https://example.org/study-{n}")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")
    order = factory.Sequence(lambda n: n)
    summary = "What this theme covers."
    partnerships = _set_m2m("partnerships")


class KeyConceptFactory(PublishedFactory):
    class Meta:
        model = KeyConcept

    term = factory.Sequence(lambda n: f"Concept {n}")
    slug = factory.Sequence(lambda n: f"concept-{n}")
    definition = "A definition in plain words."
    themes = _set_m2m("themes")


class PolicyFactory(PublishedFactory):
    class Meta:
        model = Policy

    name = factory.Sequence(lambda n: f"Policy {n}")
    slug = factory.Sequence(lambda n: f"policy-{n}")
    level = PolicyLevel.UK
    summary = "A national programme."
    places = _set_m2m("places")
    themes = _set_m2m("themes")


class InterventionKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterventionKind

    name = factory.Sequence(lambda n: f"Kind {n}")
    slug = factory.Sequence(lambda n: f"kind-{n}")
    order = factory.Sequence(lambda n: n)
    description = "What belongs under this kind."


class InterventionFactory(PublishedFactory):
    class Meta:
        model = Intervention

    name = factory.Sequence(lambda n: f"Intervention {n}")
    slug = factory.Sequence(lambda n: f"intervention-{n}")
    summary = "What was done, and where."
    start_year = 2020
    places = _set_m2m("places")
    themes = _set_m2m("themes")
    policies = _set_m2m("policies")
    partnerships = _set_m2m("partnerships")
    kinds = _set_m2m("kinds")


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    intervention = factory.SubFactory(InterventionFactory)
    outcome_type = OutcomeType.EMPLOYMENT
    description = "Employment rose by 3 per cent."
    direction = Direction.POSITIVE
    evidence_strength = EvidenceStrength.LEVEL_3


class EvidenceReviewFactory(PublishedFactory):
    class Meta:
        model = EvidenceReview

    theme = factory.SubFactory(ThemeFactory)
    title = factory.Sequence(lambda n: f"Evidence review {n}")
    slug = factory.Sequence(lambda n: f"evidence-review-{n}")
    summary = "The main findings."
    authors = "Pugh, A."
    references = _set_m2m("references")


class OutputFactory(PublishedFactory):
    class Meta:
        model = Output

    kind = OutputKind.BLOG
    title = factory.Sequence(lambda n: f"Output {n}")
    slug = factory.Sequence(lambda n: f"output-{n}")
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    summary = "What it covers, and who it is for."
    url = factory.Sequence(lambda n: f"https://example.org/output-{n}")
    themes = _set_m2m("themes")
    partnerships = _set_m2m("partnerships")
    places = _set_m2m("places")


class RelatedInitiativeFactory(PublishedFactory):
    class Meta:
        model = RelatedInitiative

    name = factory.Sequence(lambda n: f"Initiative {n}")
    organisation = "A research centre"
    url = factory.Sequence(lambda n: f"https://example.org/initiative-{n}")
    summary = "Similar work elsewhere."
    themes = _set_m2m("themes")
    partnerships = _set_m2m("partnerships")
    outputs = _set_m2m("outputs")
    places = _set_m2m("places")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))
            self.save()


def editor(**kwargs) -> User:
    return UserFactory(is_staff=True, groups=["Editors"], **kwargs)


def publisher(**kwargs) -> User:
    return UserFactory(is_staff=True, groups=["Publishers"], **kwargs)


def west_midlands() -> dict[str, Place]:
    """England > the West Midlands region > Birmingham; the WMCA contains Birmingham too."""
    england = PlaceFactory(name="England", slug="england", gss_code="E92000001", kind="nation")
    region = PlaceFactory(
        name="West Midlands",
        slug="west-midlands",
        gss_code="E12000005",
        kind="region",
        parents=[england],
    )
    wmca = PlaceFactory(
        name="West Midlands",
        official_name="West Midlands Combined Authority",
        slug="west-midlands-combined-authority",
        gss_code="E47000007",
        kind="combined_authority",
    )
    birmingham = PlaceFactory(
        name="Birmingham", slug="birmingham", gss_code="E08000025", parents=[region, wmca]
    )
    return {"england": england, "region": region, "wmca": wmca, "birmingham": birmingham}


class PlaceNeighbourFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlaceNeighbour

    place = factory.SubFactory(PlaceFactory)
    neighbour = factory.SubFactory(PlaceFactory)
    model = SimilarityModel.OVERALL
    rank = factory.Sequence(lambda n: n % 20 + 1)
