"""Similar places: the ONS clusters and nearest neighbours, loaded for every council held."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.utils import translation

from partnerships.cluster_descriptions import CLUSTER_DESCRIPTIONS
from partnerships.models import Place, PlaceKind
from partnerships.models_similar import PlaceCluster, PlaceNeighbour, SimilarityModel
from partnerships.similar_places import DATA_DIR, load_similar_places, other_codes

pytestmark = pytest.mark.django_db


def neighbour_codes(model_file: str, code: str) -> list[str]:
    with open(DATA_DIR / model_file, newline="", encoding="utf-8-sig") as handle:
        for row in csv.reader(handle):
            if row[0] == code:
                return [c for c in row[1:] if c]
    raise AssertionError(f"{code} not in {model_file}")


@pytest.fixture
def loaded():
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    return out.getvalue()


def check_every_council_has_a_cluster_in_each_model():
    councils = Place.objects.filter(kind=PlaceKind.LOCAL_AUTHORITY)
    assert councils.count() == 361
    for model in SimilarityModel.values:
        assert PlaceCluster.objects.filter(model=model, place__in=councils).count() == 361
    wrexham = PlaceCluster.objects.get(place__gss_code="W06000006", model="overall")
    assert wrexham.cluster in "ABCD" and wrexham.description.startswith("Local authorities")


def check_unassigned_areas_are_kept_blank_not_guessed():
    def cluster(code, model):
        return PlaceCluster.objects.get(place__gss_code=code, model=model).cluster

    assert cluster("E06000053", "overall") == ""  # Isles of Scilly
    assert cluster("E09000001", "economic") == ""  # City of London
    assert cluster("S12000023", "overall") == ""  # Orkney Islands
    assert cluster("S12000023", "economic") == "B"
    assert PlaceCluster.objects.get(place__gss_code="S12000023", model="overall").description == ""


def check_neighbours_follow_the_ons_order_for_councils_counties_and_authorities():
    wrexham = Place.objects.get(gss_code="W06000006")
    held = list(
        PlaceNeighbour.objects.filter(place=wrexham, model="economic")
        .order_by("rank")
        .values_list("neighbour__gss_code", flat=True)
    )
    assert held == neighbour_codes("economic-neighbours.csv", "W06000006")
    assert len(held) == 20
    for kind in (PlaceKind.COUNTY, PlaceKind.COMBINED_AUTHORITY):
        place = Place.objects.filter(kind=kind, neighbour_links__isnull=False).first()
        assert place is not None, kind


def check_a_council_under_its_former_code_is_matched_and_missing_codes_are_named(loaded):
    # The places data may still hold Barnsley under E08000016; the ONS uses E08000038.
    barnsley = Place.objects.get(gss_code__in=other_codes("E08000038"))
    assert PlaceNeighbour.objects.filter(place=barnsley, model="overall").count() == 20
    assert PlaceNeighbour.objects.filter(neighbour=barnsley).exists()
    skipped = {"E47000014", "E47000015", "E47000018"}
    if not Place.objects.filter(gss_code__in=skipped).exists():
        assert "skipped" in loaded and all(code in loaded for code in skipped)


def test_loaded_similar_places_match_the_ons_files(loaded):
    """One load, several checks: loading the reference data takes seconds."""
    check_every_council_has_a_cluster_in_each_model()
    check_unassigned_areas_are_kept_blank_not_guessed()
    check_neighbours_follow_the_ons_order_for_councils_counties_and_authorities()
    check_a_council_under_its_former_code_is_matched_and_missing_codes_are_named(loaded)
    check_loading_again_changes_nothing()


def check_loading_again_changes_nothing():
    before = list(PlaceNeighbour.objects.order_by("pk").values_list())
    again = load_similar_places()
    assert (again["clusters"], again["neighbours"]) == (0, 0)
    assert list(PlaceNeighbour.objects.order_by("pk").values_list()) == before


def test_former_and_current_codes_find_each_other():
    assert other_codes("E08000038") == ["E08000038", "E08000016"]
    assert other_codes("E08000016") == ["E08000016", "E08000038"]
    assert other_codes("W06000006") == ["W06000006"]


def test_every_ons_cluster_description_is_marked_for_translation():
    with open(DATA_DIR / "cluster-descriptions.json", encoding="utf-8-sig") as handle:
        loaded = {text for model in json.load(handle).values() for text in model.values()}

    assert loaded == set(CLUSTER_DESCRIPTIONS)


def test_a_cluster_description_reads_in_welsh_on_welsh_pages():
    cluster = PlaceCluster(description=CLUSTER_DESCRIPTIONS[0])

    with translation.override("cy"):
        welsh = cluster.description_in_language

    assert welsh != CLUSTER_DESCRIPTIONS[0] and "awdurdodau lleol" in welsh
    assert PlaceCluster(description="").description_in_language == ""
