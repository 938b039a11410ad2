"""Synthetic evidence for benchmarks: many interventions, policies, concepts and references.

Every record is clearly marked: its name starts with "Synthetic", its slug with "synthetic-",
and its source names this command. It is never loaded by `make run`. Each run adds a new batch
under its own run id; the same --seed gives the same data, replacing that run's earlier batch.
Rows go in with bulk inserts (COPY on PostgreSQL where no ids need to come back).
"""

import io
import random
import secrets
import time

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from lpip_hub.bulk import insert_objects, insert_rows
from lpip_hub.page_cache import content_changed
from lpip_hub.publishing import Status
from partnerships.models import Place, PlaceKind
from reviews import finder_index
from reviews.models import (
    Direction,
    EvidenceReview,
    Intervention,
    KeyConcept,
    Outcome,
    OutcomeType,
    Policy,
    PolicyLevel,
    Reference,
    Scale,
    Setting,
    Theme,
)

SOURCE = "Synthetic benchmark data: manage.py generate_synthetic_data (not real evidence)"
PREFIX = "synthetic-"
REFERENCE_URL = "https://example.org/synthetic/"
BATCH = 2000
ACTIVITIES = [
    "employment support",
    "business advice",
    "town centre renewal",
    "retrofit of homes",
    "community energy",
    "skills bootcamps",
    "cultural festival",
    "innovation vouchers",
    "apprenticeship brokerage",
    "high street grants",
    "green jobs training",
    "digital inclusion",
    "community asset transfer",
    "local procurement",
    "transport links",
    "heritage restoration",
]
TAGS = [
    "community wealth building",
    "net zero",
    "anchor institutions",
    "young people",
    "rural",
    "coastal",
    "high streets",
    "procurement",
    "digital",
    "housing",
]


class Command(BaseCommand):
    help = "Generate synthetic, clearly marked evidence for benchmarks (never for real use)."

    def add_arguments(self, parser):
        parser.add_argument("--interventions", type=int, default=1000)
        parser.add_argument(
            "--seed",
            type=int,
            default=None,
            help="Repeat an earlier run exactly (it replaces that run's records); by default "
            "each run is new and prints its seed.",
        )
        parser.add_argument(
            "--clear", action="store_true", help="Remove earlier synthetic records first."
        )

    def handle(self, *args, interventions, seed, clear, **options):
        started = time.monotonic()
        if not Theme.objects.exists():
            call_command("load_reference_data", stdout=io.StringIO())
        if seed is None:
            seed = secrets.randbits(32)
        rng = random.Random(seed)
        run = f"{rng.getrandbits(32):08x}"
        # Each write's own index upkeep is skipped: the index is rebuilt once, at the end.
        with transaction.atomic(), finder_index.paused():
            if clear:
                self.clear()
            else:
                self.clear(run)  # the same seed again: replace that run, never collide with it
            self.generate(interventions, rng, run)
            call_command("rebuild_finder_index", stdout=io.StringIO())
        content_changed()
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {interventions} synthetic interventions (seed {seed}, run {run}) in "
                f"{time.monotonic() - started:.1f} s."
            )
        )

    def clear(self, run: str = "") -> None:
        """Remove every synthetic record, or only those of one run."""
        if run:
            for model, kind in ((Intervention, "intervention"), (Policy, "policy")):
                model.objects.filter(slug__startswith=f"{PREFIX}{kind}-{run}-").delete()
            KeyConcept.objects.filter(slug__startswith=f"{PREFIX}concept-{run}-").delete()
        else:
            for model in (EvidenceReview, Intervention, Policy, KeyConcept):
                model.objects.filter(slug__startswith=PREFIX).delete()
        Reference.objects.filter(url__startswith=f"{REFERENCE_URL}{run}").delete()

    def generate(self, count: int, rng: random.Random, run: str) -> None:
        themes = list(Theme.objects.all())
        places = list(Place.objects.filter(kind=PlaceKind.LOCAL_AUTHORITY))
        larger = list(
            Place.objects.filter(
                kind__in=[PlaceKind.REGION, PlaceKind.NATION, PlaceKind.COMBINED_AUTHORITY]
            )
        )
        now = timezone.now()
        rendered: dict[tuple, list[str]] = {}

        def render(obj) -> None:
            # The same Markdown renders to the same HTML: render each distinct text once.
            key = (type(obj), *(getattr(obj, name) for name in obj.markdown_fields))
            if key not in rendered:
                obj.render_markdown_fields()
                rendered[key] = [getattr(obj, f"{name}_html") for name in obj.markdown_fields]
            for name, html in zip(obj.markdown_fields, rendered[key], strict=True):
                setattr(obj, f"{name}_html", html)

        def status() -> str:
            roll = rng.random()
            return Status.PUBLISHED if roll < 0.9 else rng.choice([Status.DRAFT, Status.IN_REVIEW])

        references = Reference.objects.bulk_create(
            [
                Reference(
                    authors=f"Synthetic, A. {i}",
                    year=rng.randint(2000, 2025),
                    title=f"Synthetic evaluation {i} of {rng.choice(ACTIVITIES)}",
                    publisher="Synthetic benchmark data",
                    url=f"{REFERENCE_URL}{run}/{i}",
                )
                for i in range(max(10, count // 4))
            ],
            batch_size=BATCH,
        )

        policies = []
        for i in range(max(5, count // 20)):
            policy = Policy(
                name=f"Synthetic policy {run}-{i}",
                slug=f"{PREFIX}policy-{run}-{i}",
                level=rng.choice(PolicyLevel.values),
                status=status(),
                summary=f"A synthetic programme for {rng.choice(ACTIVITIES)}.",
                description=f"Synthetic description of a programme for {rng.choice(ACTIVITIES)}.",
                start_year=rng.randint(2000, 2025),
                source=SOURCE,
            )
            render(policy)
            policy.published_at = now if policy.status == Status.PUBLISHED else None
            policies.append(policy)
        policies = Policy.objects.bulk_create(policies, batch_size=BATCH)

        concepts = []
        for i in range(max(10, count // 50)):
            concept = KeyConcept(
                term=f"Synthetic concept {run}-{i}",
                slug=f"{PREFIX}concept-{run}-{i}",
                definition=f"A synthetic definition about {rng.choice(ACTIVITIES)}.",
                status=status(),
            )
            render(concept)
            concept.published_at = now if concept.status == Status.PUBLISHED else None
            concepts.append(concept)
        concepts = KeyConcept.objects.bulk_create(concepts, batch_size=BATCH)

        interventions = []
        for i in range(count):
            place = rng.choice(places)
            activity = rng.choice(ACTIVITIES)
            intervention = Intervention(
                name=f"Synthetic {activity} {run}-{i} in {place.name}",
                slug=f"{PREFIX}intervention-{run}-{i}",
                summary=f"Synthetic record: {activity} in {place.name}.",
                description=f"Synthetic description of **{activity}** in {place.name}.",
                scale=rng.choice(Scale.values),
                setting=rng.choice(Setting.values),
                start_year=rng.randint(2000, 2025),
                budget=rng.choice([None, rng.randint(1, 500) * 10000]),
                status=status(),
                source=SOURCE,
            )
            render(intervention)
            intervention.published_at = (
                now - timezone.timedelta(days=rng.randint(0, 2000))
                if intervention.status == Status.PUBLISHED
                else None
            )
            intervention._place = place
            interventions.append(intervention)
        interventions = Intervention.objects.bulk_create(interventions, batch_size=BATCH)

        located = [(x.pk, x._place.pk) for x in interventions] + [
            (x.pk, rng.choice(larger).pk) for x in interventions if rng.random() < 0.1
        ]
        insert_rows(
            Intervention.places.through,
            ["intervention_id", "place_id"],
            list(dict.fromkeys(located)),  # each pair once, in order
        )
        self._link(
            Intervention.themes.through,
            "intervention_id",
            "theme_id",
            interventions,
            themes,
            rng,
            1,
            2,
        )
        self._link(
            Intervention.policies.through,
            "intervention_id",
            "policy_id",
            interventions,
            policies,
            rng,
            0,
            2,
        )
        self._link(
            Intervention.references.through,
            "intervention_id",
            "reference_id",
            interventions,
            references,
            rng,
            1,
            2,
        )
        self._link(Policy.themes.through, "policy_id", "theme_id", policies, themes, rng, 1, 2)
        self._link(Policy.places.through, "policy_id", "place_id", policies, larger, rng, 1, 1)
        self._link(
            KeyConcept.themes.through, "keyconcept_id", "theme_id", concepts, themes, rng, 1, 2
        )

        insert_objects(
            Outcome,
            [
                Outcome(
                    intervention_id=x.pk,
                    outcome_type=rng.choice(OutcomeType.values),
                    description=f"Synthetic outcome {n + 1} of this synthetic record.",
                    direction=rng.choice(Direction.values),
                    evidence_strength=rng.choice([0, 0, 1, 1, 2, 2, 3, 3, 4, 5]),
                    reference_id=rng.choice(references).pk,
                )
                for x in interventions
                for n in range(rng.randint(1, 4))
            ],
        )

        tags = [Tag.objects.get_or_create(name=name)[0] for name in TAGS]
        content_type = ContentType.objects.get_for_model(Intervention)
        insert_objects(
            TaggedItem,
            [
                TaggedItem(content_type=content_type, object_id=x.pk, tag=rng.choice(tags))
                for x in interventions
            ],
        )
        self.reviews(themes, interventions, policies, concepts, rng)
        self.after_bulk_insert(interventions, policies, concepts)

    @staticmethod
    def reviews(themes, interventions, policies, concepts, rng) -> None:
        """A synthetic review for each theme that has no published one, linked to evidence."""
        for theme in themes:
            if theme.reviews.published().exists():
                continue
            review = EvidenceReview(
                theme=theme,
                title=f"Synthetic evidence review: {theme.name}",
                slug=f"{PREFIX}review-{theme.slug}",
                status=Status.PUBLISHED,
                published_at=timezone.now(),
                authors="Synthetic, A.",
                summary="Synthetic summary for benchmarks.",
                **{
                    f"{key}_text": f"Synthetic text for the section on {heading.lower()}."
                    for key, heading in EvidenceReview.SECTIONS
                },
            )
            review.save()
            review.interventions.set(rng.sample(interventions, min(30, len(interventions))))
            review.policies.set(rng.sample(policies, min(10, len(policies))))
            review.concepts.set(rng.sample(concepts, min(10, len(concepts))))

    @staticmethod
    def _link(through, left, right, items, targets, rng, low, high) -> None:
        rows = {
            (item.pk, target.pk)
            for item in items
            for target in rng.sample(targets, min(len(targets), rng.randint(low, high)))
        }
        insert_rows(through, [left, right], sorted(rows))

    @staticmethod
    def after_bulk_insert(interventions, policies, concepts) -> None:
        """Bulk inserts skip save(): bring derived data (the search index) up to date."""
