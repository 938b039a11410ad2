"""Load the Hub's reference data: themes, UK places, countries, LPIPs, policies and sources.

Every record carries its source. Running the command again changes nothing: records are matched
by their ONS code or slug and updated in place, and an item a publisher has since unpublished
stays unpublished.
"""

import csv
import io
import json
from pathlib import Path

import pycountry
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from lpip_hub.publishing import Status
from partnerships.hierarchy import forget_place_hierarchy
from partnerships.models import Organisation, Partnership, Place, PlaceKind
from reviews.models import Intervention, Outcome, Policy, Reference, Theme

PLACES_DIR = Path(settings.BASE_DIR) / "partnerships" / "reference_data" / "places"
PARTNERSHIPS_FILE = PLACES_DIR.parent / "partnerships.json"
REVIEWS_DIR = Path(settings.BASE_DIR) / "reviews" / "reference_data"

ONS_SOURCE = (
    "ONS codes via mySociety's UK Local Authority Names and Codes "
    "(github.com/mysociety/uk_local_authority_names_and_codes, 2025-07-10); "
    "Open Government Licence v3.0"
)
ISO_SOURCE = "ISO 3166-1, via the pycountry package"
# Replaced on 7 May 2024 by one North East Combined Authority whose code is not yet verified.
STALE_AUTHORITIES = {"E47000010", "E47000011"}


def published_now() -> dict:
    """Reference data is published when first loaded; later runs leave its status alone."""
    return {"status": Status.PUBLISHED, "published_at": timezone.now()}


def read_csv(name: str) -> list[dict]:
    with open(PLACES_DIR / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


class Command(BaseCommand):
    help = "Load the Hub's reference data (themes, places, LPIPs, policies). Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        places = self.load_places()
        self.load_countries()
        organisations = self.load_organisations(places)
        themes = self.load_themes()
        self.load_partnerships(places, organisations, themes)
        self.load_policies(places, organisations, themes)
        transaction.on_commit(forget_place_hierarchy)
        call_command("rebuild_finder_index", stdout=io.StringIO())
        self.stdout.write(
            self.style.SUCCESS(
                f"Reference data loaded: {Theme.objects.count()} themes, "
                f"{Place.objects.uk().count()} UK places, "
                f"{Place.objects.filter(kind=PlaceKind.COUNTRY).count()} countries, "
                f"{Partnership.objects.count()} partnerships, {Policy.objects.count()} policies."
            )
        )

    # Places

    def _place(self, taken: set[str], *, gss_code, name, official_name, kind, source) -> Place:
        place = Place.objects.filter(gss_code=gss_code).first()
        if place is None:
            slug = next(
                s
                for s in (slugify(name), slugify(official_name), slugify(f"{name} {kind}"))
                if s and s not in taken
            )
            place = Place(gss_code=gss_code, slug=slug)
        place.name, place.official_name, place.kind = name, official_name, kind
        place.country_code, place.source = "GB", source
        place.save()
        taken.add(place.slug)
        return place

    def load_places(self) -> dict[str, Place]:
        taken = set(Place.objects.values_list("slug", flat=True))
        places: dict[str, Place] = {}
        parents: dict[str, set[str]] = {}

        for row in read_csv("regions_and_nations.csv"):
            places[row["gss_code"]] = self._place(
                taken,
                gss_code=row["gss_code"],
                name=row["name"],
                official_name="",
                kind=row["kind"],
                source="Office for National Statistics (ONS) codes",
            )
            parents[row["gss_code"]] = {row["parent_code"]} - {""}

        districts = read_csv("local_authority_districts.csv")
        # Combined authorities and counties sit within the regions their districts lie in.
        for filename, kind, link in [
            ("combined_authorities.csv", PlaceKind.COMBINED_AUTHORITY, "combined_authority_code"),
            ("counties.csv", PlaceKind.COUNTY, "county_code"),
        ]:
            for row in read_csv(filename):
                if row["gss_code"] in STALE_AUTHORITIES:
                    continue
                places[row["gss_code"]] = self._place(
                    taken,
                    gss_code=row["gss_code"],
                    name=row["name"],
                    official_name=row["official_name"],
                    kind=kind,
                    source=ONS_SOURCE,
                )
                parents[row["gss_code"]] = {
                    d["region_code"] for d in districts if d[link] == row["gss_code"]
                } - {""}

        for row in districts:
            places[row["gss_code"]] = self._place(
                taken,
                gss_code=row["gss_code"],
                name=row["name"],
                official_name=row["official_name"],
                kind=PlaceKind.LOCAL_AUTHORITY,
                source=ONS_SOURCE,
            )
            authority = row["combined_authority_code"]
            parents[row["gss_code"]] = {
                row["region_code"] or row["nation_code"],
                row["county_code"],
                "" if authority in STALE_AUTHORITIES else authority,
            } - {""}

        for code, parent_codes in parents.items():
            places[code].parents.set([places[p] for p in sorted(parent_codes)])
        return places

    def load_countries(self) -> None:
        taken = set(Place.objects.values_list("slug", flat=True))
        for country in pycountry.countries:
            if country.alpha_2 == "GB":
                continue  # the United Kingdom is loaded with its ONS code
            place = Place.objects.filter(kind=PlaceKind.COUNTRY, country_code=country.alpha_2)
            place = place.first() or Place(kind=PlaceKind.COUNTRY, country_code=country.alpha_2)
            name = getattr(country, "common_name", None) or country.name
            if not place.slug:
                place.slug = next(
                    s for s in (slugify(name), slugify(f"{name} country")) if s not in taken
                )
            place.name, place.official_name = name, getattr(country, "official_name", "")
            place.source = ISO_SOURCE
            place.save()
            taken.add(place.slug)

    # Organisations, themes, partnerships

    def load_organisations(self, places) -> dict[str, Organisation]:
        data = json.loads(PARTNERSHIPS_FILE.read_text(encoding="utf-8"))
        organisations = {}
        for row in data["organisations"]:
            organisations[row["slug"]], _ = Organisation.objects.update_or_create(
                slug=row["slug"],
                defaults={
                    "name": row["name"],
                    "kind": row["kind"],
                    "website": row["website"],
                    "source": row["source"],
                    "place": places.get(row.get("place")),
                },
            )
        return organisations

    def load_themes(self) -> dict[int, Theme]:
        data = json.loads((REVIEWS_DIR / "themes.json").read_text(encoding="utf-8"))
        themes = {}
        for row in data["themes"]:
            report = None
            if "report" in row:
                report, _ = Reference.objects.update_or_create(
                    url=row["report"]["url"],
                    defaults={k: v for k, v in row["report"].items() if k != "url"},
                )
            themes[row["order"]], _ = Theme.objects.update_or_create(
                slug=row["slug"],
                defaults={
                    "name": row["name"],
                    "order": row["order"],
                    "summary": row["summary"],
                    "full_report": report,
                    "source": data["source"],
                },
            )
        return themes

    def load_partnerships(self, places, organisations, themes) -> None:
        data = json.loads(PARTNERSHIPS_FILE.read_text(encoding="utf-8"))
        for row in data["partnerships"]:
            fields = {
                "name": row["name"],
                "short_name": row["short_name"],
                "phase": row["phase"],
                "lead_organisation": organisations[row["lead"]],
                "principal_investigator": row["principal_investigator"],
                "summary": row["summary"],
                "focus": row["focus"],
                "grant_reference": row["grant_reference"],
                "source": row["source"],
            }
            partnership, _ = Partnership.objects.update_or_create(
                slug=row["slug"], defaults=fields, create_defaults={**fields, **published_now()}
            )
            partnership.partner_organisations.set([organisations[s] for s in row["partners"]])
            partnership.places.set([places[c] for c in row["places"]])
            for order in row["themes"]:
                themes[order].partnerships.add(partnership)

    def load_policies(self, places, organisations, themes) -> None:
        data = json.loads((REVIEWS_DIR / "policies.json").read_text(encoding="utf-8"))
        for row in data["policies"]:
            fields = {
                "name": row["name"],
                "level": row["level"],
                "summary": row["summary"],
                "lead_body": row["lead_body"],
                "start_year": row["start_year"],
                "end_year": row.get("end_year"),
                "source": row["source"],
            }
            policy, _ = Policy.objects.update_or_create(
                slug=row["slug"],
                defaults=fields,
                create_defaults={**fields, **published_now()},
            )
            policy.places.set([places[c] for c in row["places"]])
            policy.themes.set([themes[t] for t in row["themes"]])

        for row in data["interventions"]:
            fields = {
                "name": row["name"],
                "summary": row["summary"],
                "scale": row["scale"],
                "setting": row["setting"],
                "start_year": row["start_year"],
                "source": row["source"],
            }
            intervention, created = Intervention.objects.update_or_create(
                slug=row["slug"],
                defaults=fields,
                create_defaults={**fields, **published_now()},
            )
            intervention.places.set([places[c] for c in row["places"]])
            intervention.themes.set([themes[t] for t in row["themes"]])
            intervention.organisations.set([organisations[s] for s in row["organisations"]])
            if created:
                source, _ = Reference.objects.get_or_create(
                    url=row["reference"]["url"], defaults=row["reference"]
                )
                intervention.references.add(source)
                for outcome in row["outcomes"]:
                    Outcome.objects.create(intervention=intervention, reference=source, **outcome)
