"""The API for analysts: strict about its parameters, up to 200 a page, reviews and outputs,
names as people use them, and documentation served from the Hub itself."""

import pytest

from partnerships.models import PlaceName, PlaceNameKind
from tests.factories import (
    EvidenceReviewFactory,
    InterventionFactory,
    OutputFactory,
    PartnershipFactory,
    PlaceFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/api/places/", "/api/interventions/", "/api/policies/", "/api/outputs/"]
)
def test_a_list_refuses_parameters_it_does_not_take_and_names_them(client, path):
    response = client.get(path, {"colour": "blue", "page_size": "5"})
    assert response.status_code == 400
    body = response.json()
    assert body["unknown"] == ["colour"]
    assert "colour" in body["detail"] and "page_size" in body["detail"]


def test_places_take_a_name_as_people_use_it(client):
    glasgow = PlaceFactory(name="Glasgow City", slug="glasgow-city", gss_code="S12000049")
    PlaceFactory(name="Cardiff", slug="cardiff", gss_code="W06000015")
    PlaceName.objects.create(place=glasgow, name="S12000046", kind=PlaceNameKind.FORMER_CODE)
    found = client.get("/api/places/", {"q": "glasgow"}).json()["results"]
    assert [place["slug"] for place in found] == ["glasgow-city"]
    former = client.get("/api/places/", {"gss_code": "S12000046"}).json()["results"]
    assert [place["slug"] for place in former] == ["glasgow-city"]


def test_interventions_take_an_everyday_place_name(client):
    glasgow = PlaceFactory(name="Glasgow City", gss_code="S12000049")
    PlaceName.objects.create(place=glasgow, name="Glasgow", kind=PlaceNameKind.EVERYDAY)
    InterventionFactory(slug="clyde", places=[glasgow])
    InterventionFactory(slug="elsewhere")
    response = client.get("/api/interventions/", {"place": "Glasgow"})
    assert [item["slug"] for item in response.json()["results"]] == ["clyde"]
    unknown = client.get("/api/interventions/", {"place": "Glasgw"})
    assert unknown.status_code == 400
    assert "Did you mean: Glasgow City (S12000049)" in unknown.json()["place"][0]


def test_page_size_up_to_200(client):
    ThemeFactory.create_batch(3)
    assert len(client.get("/api/themes/", {"page_size": 2}).json()["results"]) == 2
    PlaceFactory.create_batch(205)
    assert len(client.get("/api/places/", {"page_size": 500}).json()["results"]) == 200
    assert len(client.get("/api/places/").json()["results"]) == 50


def test_reviews_and_outputs_have_their_own_endpoints_published_only(client):
    theme = ThemeFactory(slug="skills")
    EvidenceReviewFactory(slug="skills-review", theme=theme)
    EvidenceReviewFactory(slug="draft-review", draft=True)
    OutputFactory(slug="placecast", themes=[theme], url="")
    OutputFactory(slug="draft-output", draft=True)
    reviews = client.get("/api/reviews/").json()["results"]
    assert [review["slug"] for review in reviews] == ["skills-review"]
    assert reviews[0]["theme"] == "skills"
    outputs = client.get("/api/outputs/", {"theme": "skills"}).json()["results"]
    assert [output["slug"] for output in outputs] == ["placecast"]
    assert outputs[0]["web_address"] is None  # not an empty "URI"
    assert client.get("/api/reviews/draft-review/").status_code == 404
    assert client.get("/api/outputs/", {"kind": "galactic"}).status_code == 400


def test_a_blank_web_address_is_null_not_an_empty_uri(client):
    PartnershipFactory(slug="ypip", website="")
    InterventionFactory(slug="brum", url="")
    assert client.get("/api/partnerships/ypip/").json()["website"] is None
    assert client.get("/api/interventions/brum/").json()["web_address"] is None


def test_every_parameter_and_error_is_in_the_schema(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                assert parameter.get("description"), (path, parameter["name"])
            assert "404" in operation["responses"], path
            if not path.endswith("{slug}/"):
                assert "400" in operation["responses"], path
    place = next(
        p
        for p in schema["paths"]["/api/interventions/"]["get"]["parameters"]
        if p["name"] == "place"
    )
    assert "postcode" in place["description"] and "ONS code" in place["description"]
    assert "/api/reviews/" in schema["paths"] and "/api/outputs/" in schema["paths"]


def test_documentation_page_is_a_hub_page_built_from_the_schema(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="en-GB">' in page
    assert "GET /api/interventions/" in page and "GET /api/outputs/{slug}/" in page
    assert "<code>page_size</code>" in page and "integer, 1 to 200" in page
    assert "postcode" in page
    assert "<script" not in page.split("</head>")[1]  # nothing to run, nothing from elsewhere
    assert 'href="/api/docs/"' in client.get("/about/").content.decode()


def test_other_api_addresses_answer_json_404(client):
    response = client.get("/api/nothing-here/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
