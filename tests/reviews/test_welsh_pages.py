"""The reviews pages and feeds in Welsh under /cy/: Welsh words, and no English interface left.

The content here is written in Welsh, as a Welsh editor would write it, so any English left on
a page is an interface string that was not translated.
"""

import re
import xml.etree.ElementTree as ET

import pytest

from partnerships.hexmap import uk_layout
from tests.small_hub import welsh_hub
from tests.welsh_pages import english_texts, english_words, page_text

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def welsh_page(client, address, *welsh, status=200, data=None):
    """The page at /cy/…: its language, the Welsh expected, and no English interface words."""
    response = client.post(address, data) if data is not None else client.get(address)
    assert response.status_code == status, address
    html = response.content.decode()
    assert '<html lang="cy">' in html, address
    text = page_text(html)
    for words in welsh:
        assert words in text, f"{address}: {words!r} not in {text[:2000]}"
    # Councils keep their official names (Isle of Wight, Vale of Glamorgan).
    councils = tuple(hexagon.name for hexagon in uk_layout().hexes)
    leftover = english_texts(html, proper_names=councils)
    assert not leftover, f"{address} has English outside lang=en:\n" + "\n".join(leftover)
    return response


@pytest.fixture
def welsh_evidence(db):
    return welsh_hub()


def test_themes_and_a_theme_in_welsh(client, welsh_evidence):
    welsh_page(client, "/cy/themes/", "Themâu", "Pob adolygiad tystiolaeth", "2 ymyriad")
    welsh_page(
        client,
        "/cy/themes/sgiliau/",
        "Adolygiad tystiolaeth",
        "Dilyn tystiolaeth newydd ynghylch Sgiliau",
        "Gweld pob allbwn ar gyfer y thema hon",
        "Beth sy’n gweithio",
    )


def test_reviews_and_a_review_in_welsh(client, welsh_evidence):
    welsh_page(client, "/cy/reviews/", "Adolygiadau tystiolaeth", "Gan Pugh, A.", "Cyhoeddwyd")
    welsh_page(
        client,
        "/cy/reviews/sgiliau-ar-gyfer-lleoedd/",
        "Cynnwys",
        "Crynodeb",
        "Dyfynnu’r adolygiad hwn",
        "Arddull Harvard:",
        "Lawrlwytho BibTeX",
    )


def test_concepts_and_a_concept_in_welsh(client, welsh_evidence):
    welsh_page(client, "/cy/concepts/", "Cysyniadau allweddol", "geiriau clir")
    welsh_page(client, "/cy/concepts/ymyriad/", "Diffiniad", "Yn ôl i’r rhestr A i Y")


def test_policies_and_a_policy_in_welsh(client, welsh_evidence):
    welsh_page(client, "/cy/policies/", "Hidlo polisïau", "1 polisi", "Pob lefel")
    welsh_page(
        client,
        "/cy/policies/cymru-n-gweithio/",
        "Cenedlaethol (un wlad)",
        "2019 ymlaen",
        "Ymyriadau a gyflawnwyd o dan y polisi hwn",
    )


def test_the_finder_in_welsh(client, welsh_evidence):
    welsh_page(
        client,
        "/cy/interventions/",
        "Dod o hyd i ymyriadau",
        "2 ymyriad",
        "Hidlo ymyriadau",
        "Cryfder y dystiolaeth",
        "Cyflogaeth: effaith gadarnhaol",
        "Lefel 3: cymharu â grŵp rheoli cyfatebol",
        "2018 – 2022",
    )


def test_the_finder_with_filters_in_welsh(client, welsh_evidence):
    response = welsh_page(
        client,
        "/cy/interventions/?theme=sgiliau&outcome_type=employment&place=Caerdydd",
        "Eich hidlyddion",
        "Canlyniad sy’n cyfateb",
        "1 ymyriad",
        "O fewn Caerdydd",
        "Lawrlwytho’r canlyniad hwn (CSV)",
    )
    assert "Tynnu" in response.content.decode()


def test_the_finder_with_a_place_it_cannot_find_in_welsh(client, welsh_evidence):
    welsh_page(
        client,
        "/cy/interventions/?place=Llanddim",
        "Mae problem",
        "Ni allem ddod o hyd i le o’r enw “Llanddim”",
        "heb le",
        status=400,
    )


def test_an_intervention_in_welsh(client, welsh_evidence):
    welsh_page(
        client,
        "/cy/interventions/prentisiaethau-caerdydd/",
        "Ymyriad seiliedig ar le",
        "Graddfa ddaearyddol",
        "2018 – 2022",
        "Cyfeiriad yr effaith",
        "Cadarnhaol",
        "Sut y cafodd ei werthuso",
        "Awgrymu enghraifft",
    )


def test_what_works_and_a_kind_in_welsh(client, welsh_evidence):
    welsh_page(
        client,
        "/cy/what-works/",
        "Beth sy’n gweithio, yn ôl math o ymyriad",
        "Ymyriadau wedi’u gwerthuso yn ôl math",
        "1 wedi’i werthuso, 1 cadarnhaol",
        "Cyfyngu i le",
    )
    welsh_page(
        client,
        "/cy/what-works/hyfforddiant/",
        "Yn gryno",
        "Effeithiau yn ôl canlyniad",
        "Yr astudiaethau",
        "1 wedi canfod effeithiau cadarnhaol o ran cyflogaeth",
    )


def test_the_gap_map_in_welsh(client, welsh_evidence):
    welsh_page(
        client,
        "/cy/gap-map/",
        "Map bylchau tystiolaeth",
        "Cyfyngu’r map",
        "Yr un map mewn tabl",
        "Y cryfaf: lefel 3",
        "Lefel 3: cymharu â grŵp rheoli cyfatebol",
    )


def test_the_uk_map_in_welsh(client, welsh_evidence):
    welsh_page(
        client,
        "/cy/map/",
        "Map tystiolaeth y DU",
        "Lliwio yn ôl",
        "Yr un ffigurau mewn tabl",
        "Nifer yr ymyriadau",
    )


def test_outputs_and_an_output_in_welsh(client, welsh_evidence):
    welsh_page(client, "/cy/outputs/", "Hidlo allbynnau", "1 allbwn", "45 munud")
    welsh_page(
        client,
        "/cy/outputs/placecast-sgiliau/",
        "Pennod o bodlediad PlaceCast",
        "Siaradwyr",
        "Gwrando ar y bennod",
        "Trawsgrifiad",
    )


def test_search_in_welsh_with_results_and_a_suggestion(client, welsh_evidence):
    welsh_page(
        client, "/cy/search/?q=Prentisiaethau", "Canlyniadau chwilio", "Ymyriadau", "canlyniad"
    )
    welsh_page(client, "/cy/search/?q=Gwynned", "Oeddech chi’n golygu", "Gwynedd")


def test_the_suggestion_form_with_errors_and_its_thank_you_page_in_welsh(client, welsh_evidence):
    welsh_page(
        client,
        "/cy/interventions/suggest/",
        "Mae problem",
        "Rhowch enw’r ymyriad",
        "Rhowch eich sefydliad, neu ‘Annibynnol’",
        status=400,
        data={"name": "", "place": "", "what_was_done": "", "organisation": ""},
    )
    welsh_page(
        client,
        "/cy/interventions/suggest/thank-you/",
        "Diolch am eich awgrym",
        "Beth sy’n digwydd nesaf",
    )


def test_the_api_documentation_in_welsh(client):
    welsh_page(client, "/cy/api/docs/", "Dogfennaeth yr API", "Pwyntiau terfyn", "Atebion")


@pytest.mark.parametrize(
    "address",
    [
        "/cy/feeds/latest/",
        "/cy/feeds/interventions/?theme=sgiliau",
        "/cy/feeds/places/cardiff/",
        "/cy/feeds/themes/sgiliau/",
    ],
)
def test_feeds_in_welsh_are_atom_in_welsh(client, welsh_evidence, address):
    response = client.get(address)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "cy"
    title = feed.findtext(f"{ATOM}title")
    assert "tystiolaeth" in title
    assert not english_words(title.replace("LPIP Evidence Hub", "")), title
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        summary = entry.findtext(f"{ATOM}summary") or ""
        assert not english_words(re.sub(r"<[^>]+>", " ", summary)), summary


def test_a_followed_search_describes_itself_and_its_entries_in_welsh(client, welsh_evidence):
    feed = ET.fromstring(client.get("/cy/feeds/interventions/?theme=sgiliau").content)

    assert "(thema: Sgiliau)" in feed.findtext(f"{ATOM}title")
    summaries = " ".join(e.findtext(f"{ATOM}summary") for e in feed.findall(f"{ATOM}entry"))
    assert "Y dystiolaeth gryfaf: Lefel 3" in summaries


def test_english_pages_keep_their_english(client, welsh_evidence):
    page = client.get("/interventions/").content.decode()

    assert "Filter interventions" in page
    assert "Hidlo ymyriadau" not in page
