"""Small, realistic Hubs for the tests that walk every page: one in English (accessibility in a
browser, Welsh pages with English content) and one written in Welsh (Welsh pages)."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from partnerships.models import PlaceKind
from reviews.models import (
    Direction,
    EvidenceStrength,
    Figure,
    OutcomeType,
    OutputKind,
    PolicyLevel,
    Scale,
    Setting,
)
from tests.factories import (
    EvidenceReviewFactory,
    InterventionFactory,
    InterventionKindFactory,
    KeyConceptFactory,
    OrganisationFactory,
    OutcomeFactory,
    OutputFactory,
    PartnershipFactory,
    PlaceFactory,
    PlaceNeighbourFactory,
    PolicyFactory,
    ReferenceFactory,
    RelatedInitiativeFactory,
    ThemeFactory,
)


def small_hub() -> dict[str, str]:
    """One theme with a review, one without, and linked evidence; the address of every page type
    by name. Figures are uploaded, so point MEDIA_ROOT somewhere temporary first."""
    uk = PlaceFactory(
        name="United Kingdom", slug="united-kingdom", kind=PlaceKind.UK, gss_code="K02000001"
    )
    england = PlaceFactory(
        name="England", slug="england", kind=PlaceKind.NATION, gss_code="E92000001", parents=[uk]
    )
    region = PlaceFactory(
        name="North West",
        slug="north-west",
        kind=PlaceKind.REGION,
        gss_code="E12000002",
        parents=[england],
    )
    preston = PlaceFactory(
        name="Preston",
        slug="preston",
        gss_code="E07000123",
        official_name="Preston City Council",
        parents=[region],
    )
    lancaster = PlaceFactory(
        name="Lancaster", slug="lancaster", gss_code="E07000121", parents=[region]
    )
    PlaceNeighbourFactory(place=preston, neighbour=lancaster, rank=1)

    report = ReferenceFactory(
        authors="Pugh, A.",
        year=2024,
        title="Inclusive and Sustainable Local Economic Performance Evidence Review",
        url="https://example.org/review",
    )
    theme = ThemeFactory(
        name="Inclusive and Sustainable Local Economic Performance",
        slug="inclusive",
        summary="How local economies perform.",
        description="Growth that is *shared* and *lasts*.",
        full_report=report,
    )
    no_review = ThemeFactory(
        name="Felt experience",
        slug="felt-experience",
        summary="How people experience change in their places.",
    )
    partnership = PartnershipFactory(
        name="Yorkshire and the Humber Policy Innovation Partnership",
        short_name="YPIP",
        slug="ypip",
        summary="Researchers and councils working on policy for the region.",
        lead_organisation=OrganisationFactory(name="University of Leeds"),
        partner_organisations=[OrganisationFactory(name="Y-PERN")],
        places=[region],
        grant_reference="ES/Z50239X/1",
    )
    theme.partnerships.set([partnership])
    no_review.partnerships.set([partnership])
    concept = KeyConceptFactory(
        term="Community wealth building",
        slug="community-wealth",
        definition="Keeping wealth in a place through its *anchor* institutions.",
        themes=[theme],
    )
    concept.references.set([ReferenceFactory(title="What is community wealth building?")])
    KeyConceptFactory(term="Co-design and co-production", slug="co-design", themes=[theme])
    policy = PolicyFactory(
        name="Towns Fund",
        slug="towns-fund",
        level=PolicyLevel.NATION,
        summary="Up to £25m for each Town Deal.",
        places=[england],
        start_year=2019,
        lead_body="Ministry of Housing, Communities and Local Government",
        themes=[theme],
    )
    policy.references.set([ReferenceFactory(title="Towns Fund briefing")])
    intervention = InterventionFactory(
        name="Preston Model",
        slug="preston-model",
        lead_body="Preston City Council with its anchor institutions",
        places=[preston],
        themes=[theme],
        summary="Anchor institutions spent more of their budgets locally.",
        scale=Scale.LOCAL,
        setting=Setting.URBAN,
        start_year=2013,
        budget=1250000,
        policies=[policy],
        partnerships=[partnership],
    )
    intervention.organisations.set([OrganisationFactory(name="Preston City Council")])
    kind = InterventionKindFactory(
        name="Community-led and community wealth building",
        slug="community-led",
        description="Residents or local institutions decide what is done.",
    )
    intervention.kinds.set([kind])
    intervention.references.set([ReferenceFactory(title="The Preston Model")])
    OutcomeFactory(
        intervention=intervention,
        description="Local spend rose by £74m.",
        evaluation_design="Spending compared before and after.",
        direction=Direction.POSITIVE,
        evidence_strength=EvidenceStrength.LEVEL_1,
        reference=ReferenceFactory(authors="CLES", year=2019),
    )
    OutcomeFactory(
        intervention=intervention,
        outcome_type="community",
        description="Not yet evaluated.",
        direction=Direction.NOT_KNOWN,
        evidence_strength=EvidenceStrength.NOT_EVALUATED,
    )
    review = EvidenceReviewFactory(
        theme=theme,
        title="Inclusive and Sustainable Local Economic Performance Evidence Review",
        slug="inclusive-review",
        authors="Pugh, A.",
        edition="First edition",
        publication_date=datetime.date(2024, 11, 6),
        last_reviewed=datetime.date(2025, 6, 1),
        summary="Growth has been uneven across the UK.\n\n- Productivity gaps persist.",
        key_concepts_text="Inclusive growth means growth whose benefits are widely shared.",
        policies_text="Successive funds have targeted places.",
        burning_issues_text="How to measure inclusion.",
        full_report=report,
    )
    chart = io.BytesIO()
    Image.new("RGB", (320, 160), (0, 90, 160)).save(chart, "PNG")
    Figure.objects.create(
        review=review,
        key="jobs-chart",
        image=SimpleUploadedFile("jobs.png", chart.getvalue()),
        alt_text="Employment rose from 70% to 74% between 2013 and 2019.",
        caption="Employment rate. Source: ONS.",
    )
    review.interventions_text = (
        "## What changed\n\nSpending stayed local[^1] and the ~~old~~ new figure is £74m."
        "\n\n[[figure:jobs-chart]]\n\n[^1]: CLES (2019)."
    )
    review.save()
    review.concepts.set([concept])
    review.policies.set([policy])
    review.interventions.set([intervention])
    review.references.set([report])
    output = OutputFactory(
        kind=OutputKind.PODCAST,
        title="PlaceCast: what anchor institutions can do",
        slug="placecast-anchors",
        summary="How councils and hospitals in Preston changed what they buy, and what followed.",
        authors="Pugh, A. and Billing, C.",
        url="https://example.org/placecast/anchors",
        duration_minutes=42,
        transcript="**Host:** Welcome to PlaceCast.\n\n**Guest:** Thank you for having me.",
        themes=[theme],
        partnerships=[partnership],
        places=[preston],
    )
    OutputFactory(kind=OutputKind.BRIEFING, title="Briefing: inclusive growth", themes=[theme])
    RelatedInitiativeFactory(
        name="Community wealth network",
        organisation="A research centre",
        summary="Councils sharing what they learn about local spending.",
        themes=[theme],
        partnerships=[partnership],
        outputs=[output],
    )
    english = {
        "home": "/",
        "theme": theme.get_absolute_url(),
        "theme-without-review": no_review.get_absolute_url(),
        "review": review.get_absolute_url(),
        "concept-list": "/concepts/",
        "concept": concept.get_absolute_url(),
        "policy-list": "/policies/",
        "policy-list-error": "/policies/?level=galactic",
        "policy": policy.get_absolute_url(),
        "intervention": intervention.get_absolute_url(),
        "partnership-list": "/partnerships/",
        "partnership": partnership.get_absolute_url(),
        "place-list": "/places/",
        "place": region.get_absolute_url(),
        "what-works": "/what-works/",
        "what-works-place": "/what-works/?place=E07000123&nation=england",
        "what-works-kind": kind.get_absolute_url(),
        "gap-map": "/gap-map/",
        "gap-map-kinds": "/gap-map/?rows=kinds&min_evidence=1",
        "output-list": "/outputs/",
        "output-list-error": "/outputs/?kind=galactic",
        "output": output.get_absolute_url(),
        "suggest": "/interventions/suggest/",
        "suggest-thanks": "/interventions/suggest/thank-you/",
        "about": "/about/",
        "accessibility": "/accessibility/",
        "privacy": "/privacy/",
        "api-docs": "/api/docs/",
        "theme-list": "/themes/",
        "review-list": "/reviews/",
        "not-found": "/no-such-page/",
        "place-with-similar-places": preston.get_absolute_url(),
        "similar-places-method": "/about/similar-places/",
        "evidence-map": "/map/",
        "evidence-map-by-evidence": f"/map/?shade=evidence&theme={theme.slug}",
    }
    return english


def welsh_hub() -> dict:
    """A small Hub as a Welsh editor would fill it: a theme, its review, a concept, a policy,
    interventions with outcomes in Welsh places, a kind, an output and a partnership, all written
    in Welsh (so any English left on a /cy/ page is interface text). The items by name."""

    uk = PlaceFactory(name="Y Deyrnas Unedig", slug="united-kingdom", kind=PlaceKind.UK)
    wales = PlaceFactory(
        name="Cymru", slug="wales", gss_code="W92000004", kind=PlaceKind.NATION, parents=[uk]
    )
    cardiff = PlaceFactory(name="Caerdydd", slug="cardiff", gss_code="W06000015", parents=[wales])
    gwynedd = PlaceFactory(name="Gwynedd", slug="gwynedd", gss_code="W06000002", parents=[wales])
    theme = ThemeFactory(name="Sgiliau", slug="sgiliau", summary="Sgiliau a gwaith yng Nghymru.")
    kind = InterventionKindFactory(
        name="Hyfforddiant", slug="hyfforddiant", description="Rhaglenni hyfforddi pobl."
    )
    partnership = PartnershipFactory(
        name="Cymru Wledig",
        slug="cymru-wledig",
        summary="Partneriaeth wledig.",
        phase=2,
        lead_organisation=OrganisationFactory(name="Prifysgol Aberystwyth"),
        places=[gwynedd],
        start_date=datetime.date(2024, 2, 13),
        end_date=datetime.date(2028, 3, 31),
    )
    PlaceNeighbourFactory(place=cardiff, neighbour=gwynedd, rank=1)
    reference = ReferenceFactory(authors="Jones, C.", title="Gwerthuso rhaglen sgiliau")
    concept = KeyConceptFactory(
        term="Ymyriad", slug="ymyriad", definition="Gweithred gan gorff cyhoeddus.", themes=[theme]
    )
    policy = PolicyFactory(
        name="Cymru’n Gweithio",
        slug="cymru-n-gweithio",
        level=PolicyLevel.NATION,
        summary="Cyngor gyrfaoedd i oedolion.",
        places=[wales],
        themes=[theme],
        start_year=2019,
    )
    review = EvidenceReviewFactory(
        theme=theme,
        title="Sgiliau ar gyfer lleoedd",
        slug="sgiliau-ar-gyfer-lleoedd",
        summary="Prif ganfyddiadau’r adolygiad.",
        authors="Pugh, A.",
        references=[reference],
    )
    strong = InterventionFactory(
        name="Prentisiaethau Caerdydd",
        slug="prentisiaethau-caerdydd",
        summary="Prentisiaethau i bobl ifanc.",
        places=[cardiff],
        themes=[theme],
        kinds=[kind],
        policies=[policy],
        partnerships=[partnership],
        start_year=2018,
        end_year=2022,
    )
    OutcomeFactory(
        intervention=strong,
        outcome_type=OutcomeType.EMPLOYMENT,
        description="Cododd cyflogaeth 3 y cant.",
        direction=Direction.POSITIVE,
        evidence_strength=EvidenceStrength.LEVEL_3,
        reference=reference,
    )
    rural = InterventionFactory(
        name="Sgiliau gwledig Gwynedd",
        slug="sgiliau-gwledig-gwynedd",
        summary="Cyrsiau mewn trefi bach.",
        places=[gwynedd],
        themes=[theme],
        kinds=[kind],
    )
    OutcomeFactory(
        intervention=rural,
        outcome_type=OutcomeType.SKILLS,
        description="Mwy o gymwysterau.",
        direction=Direction.MIXED,
        evidence_strength=EvidenceStrength.NOT_EVALUATED,
    )
    output = OutputFactory(
        kind=OutputKind.PODCAST,
        title="PlaceCast: sgiliau",
        slug="placecast-sgiliau",
        summary="Sgwrs am sgiliau.",
        authors="Davies, M.",
        duration_minutes=45,
        themes=[theme],
    )
    # Written in Welsh, so the Welsh fields hold it too: nothing falls back to English.
    for item in (theme, kind, partnership, concept, policy, review, strong, rural, output):
        for field in item._meta.concrete_fields:
            if field.name.endswith("_cy") and hasattr(item, field.name.removesuffix("_cy")):
                setattr(item, field.name, getattr(item, field.name.removesuffix("_cy")))
        item.save()
    return {
        "theme": theme,
        "kind": kind,
        "concept": concept,
        "policy": policy,
        "review": review,
        "intervention": strong,
        "output": output,
        "cardiff": cardiff,
        "wales": wales,
        "partnership": partnership,
    }
