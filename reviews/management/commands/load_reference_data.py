"""Load the Hub's reference data: themes, UK places, countries, LPIPs, policies and sources.

Every record carries its source. Running the command again changes nothing: records are matched
by their ONS code or slug, and written through lpip_hub.reference_sync, so a record a person has
changed in the admin since it was loaded is left as they made it, one a person deleted is not
brought back, and the command says what it skipped.
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

from lpip_hub.publishing import Status
from lpip_hub.reference_sync import sync_record
from lpip_hub.slugs import make_slug
from partnerships.hierarchy import forget_place_hierarchy
from partnerships.models import Organisation, Partnership, Place, PlaceKind
from partnerships.place_names import code_changes, load_place_names
from partnerships.similar_places import load_similar_places
from reviews.content_loading import load_content
from reviews.models import Intervention, Outcome, Policy, Reference, Theme
from reviews.nation_policies import load_nation_policies

PLACES_DIR = Path(settings.BASE_DIR) / "partnerships" / "reference_data" / "places"
PARTNERSHIPS_FILE = PLACES_DIR.parent / "partnerships.json"
REVIEWS_DIR = Path(settings.BASE_DIR) / "reviews" / "reference_data"

ONS_SOURCE = (
    "ONS codes via mySociety's UK Local Authority Names and Codes "
    "(github.com/mysociety/uk_local_authority_names_and_codes, 2025-07-10); "
    "Open Government Licence v3.0"
)
ISO_SOURCE = "ISO 3166-1, via the pycountry package"


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
        self.skipped: list[str] = []
        places = self.load_places()
        load_similar_places(self.stdout)
        self.load_countries()
        organisations = self.load_organisations(places)
        themes = self.load_themes()
        self.load_partnerships(places, organisations, themes)
        self.load_policies(places, organisations, themes)
        load_nation_policies(places)
        load_content(report=self.skipped)
        transaction.on_commit(forget_place_hierarchy)
        call_command("rebuild_finder_index", stdout=io.StringIO())
        if self.skipped:
            self.stdout.write(
                f"Left {len(self.skipped)} records as people changed or deleted them:"
            )
            for line in self.skipped:
                self.stdout.write(f"  {line}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Reference data loaded: {Theme.objects.count()} themes, "
                f"{Place.objects.uk().count()} UK places, "
                f"{Place.objects.filter(kind=PlaceKind.COUNTRY).count()} countries, "
                f"{Partnership.objects.count()} partnerships, {Policy.objects.count()} policies."
            )
        )

    # Places

    def _place(
        self, taken: set[str], *, gss_code, name, official_name, kind, source, dates=None
    ) -> Place | None:
        start, end = (dates or {}).get("start_date") or None, (dates or {}).get("end_date") or None
        # A former body leaves the plain name to its successor.
        years = f"{(start or '')[:4]} {end[:4]}" if end else ""
        candidates = [make_slug(f"{official_name or name} {years}")] if end else []
        candidates += [make_slug(name), make_slug(official_name), make_slug(f"{name} {kind}")]
        slug = next(s for s in candidates if s and s not in taken)
        fields = {
            "name": name,
            "official_name": official_name,
            "kind": kind,
            "country_code": "GB",
            "source": source,
        }
        if dates is not None:
            fields.update(start_date=start, end_date=end)
        place = sync_record(
            Place,
            {"gss_code": gss_code},
            fields,
            create_defaults={"slug": slug},
            report=self.skipped,
        ).obj
        if place is not None:
            taken.add(place.slug)
        return place

    def load_places(self) -> dict[str, Place]:
        # A council whose ONS code changed keeps its page: its record takes the new code, and
        # the old one stays as another name of it (see partnerships.place_names).
        for old_code, change in code_changes().items():
            if not Place.objects.filter(gss_code=change["new_code"]).exists():
                Place.objects.filter(gss_code=old_code).update(gss_code=change["new_code"])
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
        # Counties first, so a county keeps the plain slug when a combined county authority
        # shares its short name (Lancashire).
        for filename, kind, link in [
            ("counties.csv", PlaceKind.COUNTY, "county_code"),
            ("combined_authorities.csv", PlaceKind.COMBINED_AUTHORITY, "combined_authority_code"),
        ]:
            for row in read_csv(filename):
                places[row["gss_code"]] = self._place(
                    taken,
                    gss_code=row["gss_code"],
                    name=row["name"],
                    official_name=row["official_name"],
                    kind=kind,
                    source=ONS_SOURCE,
                    dates=row if "start_date" in row else None,
                )
                # A county council can be a member of a combined county authority.
                parents[row["gss_code"]] = (
                    {d["region_code"] for d in districts if d[link] == row["gss_code"]}
                    | {row.get("combined_authority_code", "")}
                ) - {""}

        for row in districts:
            places[row["gss_code"]] = self._place(
                taken,
                gss_code=row["gss_code"],
                name=row["name"],
                official_name=row["official_name"],
                kind=PlaceKind.LOCAL_AUTHORITY,
                source=ONS_SOURCE,
            )
            parents[row["gss_code"]] = {
                row["region_code"] or row["nation_code"],
                row["county_code"],
                row["combined_authority_code"],
            } - {""}

        places = {code: place for code, place in places.items() if place is not None}
        for code, parent_codes in parents.items():
            if code in places:
                places[code].parents.set([places[p] for p in sorted(parent_codes) if p in places])
        load_place_names(places)
        return places

    def load_countries(self) -> None:
        taken = set(Place.objects.values_list("slug", flat=True))
        for country in pycountry.countries:
            if country.alpha_2 == "GB":
                continue  # the United Kingdom is loaded with its ONS code
            name = getattr(country, "common_name", None) or country.name
            slug = next(
                s for s in (make_slug(name), make_slug(f"{name} country")) if s not in taken
            )
            place = sync_record(
                Place,
                {"kind": PlaceKind.COUNTRY, "country_code": country.alpha_2},
                {
                    "name": name,
                    "official_name": getattr(country, "official_name", ""),
                    "source": ISO_SOURCE,
                },
                create_defaults={"slug": slug},
                report=self.skipped,
            ).obj
            if place is not None:
                taken.add(place.slug)

    # Organisations, themes, partnerships

    def load_organisations(self, places) -> dict[str, Organisation]:
        data = json.loads(PARTNERSHIPS_FILE.read_text(encoding="utf-8"))
        organisations = {}
        for row in data["organisations"]:
            organisation = sync_record(
                Organisation,
                {"slug": row["slug"]},
                {
                    "name": row["name"],
                    "kind": row["kind"],
                    "website": row["website"],
                    "source": row["source"],
                    "place": places.get(row.get("place")),
                },
                report=self.skipped,
            ).obj
            if organisation is not None:
                organisations[row["slug"]] = organisation
        return organisations

    def load_themes(self) -> dict[int, Theme]:
        data = json.loads((REVIEWS_DIR / "themes.json").read_text(encoding="utf-8"))
        themes = {}
        for row in data["themes"]:
            report = None
            if "report" in row:
                report = sync_record(
                    Reference,
                    {"url": row["report"]["url"]},
                    {k: v for k, v in row["report"].items() if k != "url"},
                    report=self.skipped,
                ).obj
            theme = sync_record(
                Theme,
                {"slug": row["slug"]},
                {
                    "name": row["name"],
                    "order": row["order"],
                    "summary": row["summary"],
                    "full_report": report,
                    "source": data["source"],
                },
                report=self.skipped,
            ).obj
            if theme is not None:
                themes[row["order"]] = theme
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
            partnership = sync_record(
                Partnership,
                {"slug": row["slug"]},
                fields,
                links={
                    "partner_organisations": [
                        organisations[s] for s in row["partners"] if s in organisations
                    ],
                    "places": [places[c] for c in row["places"] if c in places],
                },
                create_defaults=published_now(),
                report=self.skipped,
            ).obj
            if partnership is None:
                continue
            for order in row["themes"]:
                if order in themes:
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
            sync_record(
                Policy,
                {"slug": row["slug"]},
                fields,
                links={
                    "places": [places[c] for c in row["places"] if c in places],
                    "themes": [themes[t] for t in row["themes"] if t in themes],
                },
                create_defaults=published_now(),
                report=self.skipped,
            )

        for row in data["interventions"]:
            fields = {
                "name": row["name"],
                "summary": row["summary"],
                "scale": row["scale"],
                "setting": row["setting"],
                "start_year": row["start_year"],
                "source": row["source"],
            }
            synced = sync_record(
                Intervention,
                {"slug": row["slug"]},
                fields,
                links={
                    "places": [places[c] for c in row["places"] if c in places],
                    "themes": [themes[t] for t in row["themes"] if t in themes],
                    "organisations": [
                        organisations[s] for s in row["organisations"] if s in organisations
                    ],
                },
                create_defaults=published_now(),
                report=self.skipped,
            )
            intervention = synced.obj
            if synced.action == "created":
                source, _ = Reference.objects.get_or_create(
                    url=row["reference"]["url"], defaults=row["reference"]
                )
                intervention.references.add(source)
                for outcome in row["outcomes"]:
                    Outcome.objects.create(intervention=intervention, reference=source, **outcome)
