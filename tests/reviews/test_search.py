"""Site-wide search at /search/ and the search module shared with the finder and API."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from reviews import search
from tests.factories import (
    EvidenceReviewFactory,
    InterventionFactory,
    KeyConceptFactory,
    OutputFactory,
    PartnershipFactory,
    PlaceFactory,
    PolicyFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

needs_postgres = pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="needs PostgreSQL: tsvector ranking and pg_trgm (set DATABASE_URL=postgres://...)",
)


def group_titles(response) -> dict[str, list[str]]:
    return {
        group.key: [hit.title for hit in group.hits] for group in response.context["results"].groups
    }


def test_search_finds_every_kind_grouped_by_type(client):
    ThemeFactory(name="Skills and training")
    EvidenceReviewFactory(title="Skills evidence review")
    KeyConceptFactory(term="Skills ecosystem")
    PolicyFactory(name="Skills Bootcamps")
    InterventionFactory(name="Skills hub")
    PartnershipFactory(name="Skills partnership")
    PlaceFactory(name="Skills Town")
    response = client.get("/search/", {"q": "skills"})
    assert response.status_code == 200
    titles = group_titles(response)
    assert titles["reviews"] == ["Skills evidence review"]
    assert titles["concepts"] == ["Skills ecosystem"]
    assert titles["policies"] == ["Skills Bootcamps"]
    assert titles["interventions"] == ["Skills hub"]
    assert titles["partnerships"] == ["Skills partnership"]
    assert titles["themes"] == ["Skills and training"]
    assert titles["places"] == ["Skills Town"]
    assert [key for key in titles] == [
        "reviews",
        "concepts",
        "policies",
        "interventions",
        "partnerships",
        "themes",
        "places",
    ]


def test_search_reads_published_items_only_and_follows_publishing(client):
    item = InterventionFactory(name="Green skills", draft=True)
    PolicyFactory(name="Green deal", in_review=True)
    assert client.get("/search/", {"q": "green"}).context["results"].total == 0
    item.mark_published()
    item.save()
    assert group_titles(client.get("/search/", {"q": "green"})) == {
        "interventions": ["Green skills"]
    }
    item.status = "draft"
    item.save()
    assert client.get("/search/", {"q": "green"}).context["results"].total == 0


def test_snippets_are_highlighted_and_escaped(client):
    InterventionFactory(name="Hub", summary="Training <script>alert(1)</script> for skills.")
    content = client.get("/search/", {"q": "training"}).content.decode()
    assert "<mark>Training</mark>" in content
    assert "&lt;script&gt;" in content
    assert "<script>alert(1)" not in content


def test_titles_rank_above_bodies(client):
    InterventionFactory(name="Business support", summary="Help with apprenticeships.")
    InterventionFactory(name="Apprenticeships hub", summary="Training.")
    response = client.get("/search/", {"q": "apprenticeships"})
    assert group_titles(response)["interventions"] == ["Apprenticeships hub", "Business support"]


def test_search_page_handles_hostile_queries(client):
    InterventionFactory(name="Something")
    for q in (
        "'",
        '"',
        "%",
        "_",
        "\\",
        "-",
        "or",
        "a & b | !c",
        '"unbalanced',
        "x" * 199,
        "<script>",
        "(((",
        ":*",
    ):
        assert client.get("/search/", {"q": q}).status_code == 200, q
    assert client.get("/search/", {"q": "x" * 5000}).status_code == 400
    assert client.get("/search/", {"q": "nul\x00byte"}).status_code == 400


def test_empty_search_shows_the_form_only(client):
    response = client.get("/search/")
    assert response.status_code == 200
    assert b'name="q"' in response.content
    assert b"result" not in response.content.split(b"<main")[1].split(b"</main>")[0].lower()


def test_no_results_message(client):
    response = client.get("/search/", {"q": "zzzqqq"})
    assert b"Nothing published matches" in response.content


def test_did_you_mean_offers_the_nearest_title_word(client):
    ThemeFactory(name="Skills")
    PlaceFactory(name="Birmingham")
    assert search.suggest("skils brimingham") == "Skills Birmingham"
    assert search.suggest("skills") == ""


def test_parse_terms_reads_websearch_syntax():
    assert search.parse_terms('"combined authority" -london or skills') == (
        ["combined authority", "skills"],
        ["london"],
    )
    assert search.parse_terms('"unbalanced') == (["unbalanced"], [])


def test_exclusion_and_phrases_on_every_database(client):
    InterventionFactory(name="Skills in London")
    InterventionFactory(name="Skills in Leeds")
    response = client.get("/search/", {"q": "skills -london"})
    assert group_titles(response)["interventions"] == ["Skills in Leeds"]


@pytest.mark.parametrize("per_group", [1, 30])
@pytest.mark.parametrize("query", ["skills", "skils", "skills -zzz housing"])
def test_search_query_count_does_not_grow(client, django_assert_max_num_queries, per_group, query):
    # Matches of every kind of item, so every group has hits (and "skils" widens to near misses).
    theme = ThemeFactory(name="Skills theme")
    for n in range(per_group):
        InterventionFactory(name=f"Skills project {n}", summary="Housing skills.")
        PolicyFactory(name=f"Skills policy {n}", summary="Housing skills.")
        KeyConceptFactory(term=f"Skills concept {n}")
        PartnershipFactory(name=f"Skills partnership {n}", summary="Housing skills.")
        OutputFactory(title=f"Skills output {n}", summary="Housing skills.")
        EvidenceReviewFactory(title=f"Skills review {n}", theme=theme, summary="Housing skills.")
        PlaceFactory(name=f"Skillsby {n}")
    ThemeFactory(name="Housing skills")
    cache.clear()
    # One query ranks every kind (PostgreSQL; one a kind elsewhere), one reads each kind's
    # hits, one reads the "did you mean" words.
    with django_assert_max_num_queries(12):
        response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    if query != "skils" or connection.vendor == "postgresql":  # near misses: PostgreSQL only
        assert response.context["results"].total >= per_group


@pytest.mark.postgres
@needs_postgres
def test_postgres_stores_a_weighted_search_vector_on_save():
    item = InterventionFactory(name="Skills hub", summary="Training for adults.")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector::text FROM reviews_intervention WHERE id = %s", [item.pk]
        )
        vector = cursor.fetchone()[0]
    assert "'skill':1A" in vector
    assert "'train':3B" in vector


@pytest.mark.postgres
@needs_postgres
def test_postgres_stemming_and_websearch_syntax(client):
    InterventionFactory(name="Training adults", summary="Courses that trained 500 people.")
    InterventionFactory(name="Housing", summary="New homes.")
    titles = group_titles(client.get("/search/", {"q": "trains -housing"}))
    assert titles["interventions"] == ["Training adults"]
    titles = group_titles(client.get("/search/", {"q": '"new homes"'}))
    assert titles["interventions"] == ["Housing"]


@pytest.mark.postgres
@needs_postgres
def test_postgres_trigram_near_misses_still_find_things(client):
    ThemeFactory(name="Skills")
    PlaceFactory(name="Birmingham")
    InterventionFactory(name="Skills Bootcamps")
    response = client.get("/search/", {"q": "skils"})
    titles = group_titles(response)
    assert titles["themes"] == ["Skills"]
    assert titles["interventions"] == ["Skills Bootcamps"]
    assert response.context["results"].suggestion == "Skills"
    assert b"Did you mean" in response.content
    assert group_titles(client.get("/search/", {"q": "Brimingham"}))["places"] == ["Birmingham"]


@pytest.mark.postgres
@needs_postgres
def test_postgres_finder_q_uses_the_same_search(client):
    InterventionFactory(name="Skills Bootcamps")
    response = client.get("/interventions/", {"q": "skils"})
    assert [item.name for item, _ in response.context["results"]] == ["Skills Bootcamps"]


def test_search_makes_the_same_number_of_queries_for_1_and_50_matches(client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/search/", {"q": "skills"}).status_code == 200
        return len(captured)

    InterventionFactory(name="Skills project 0")
    PolicyFactory(name="Skills policy 0")
    few = queries()
    for n in range(1, 50):
        InterventionFactory(name=f"Skills project {n}")
        PolicyFactory(name=f"Skills policy {n}")
    assert queries() == few


HOSTILE_QUERIES = [
    "-" * 40,
    " ".join(["-"] * 40),
    "!" * 50,
    "a & | ! <-> ( ) : * b",
    '"' * 33 + "skills",
    "skills:* | !(housing) <2> transport",
    "-skills -" + "-" * 60,
    "'" + "(" * 40,
    " or ".join(["skills"] * 40),
]
SEARCH_PATHS = ["/search/", "/interventions/", "/api/interventions/", "/interventions/export.csv"]


@pytest.mark.parametrize("text", HOSTILE_QUERIES)
@pytest.mark.parametrize("path", SEARCH_PATHS)
def test_hostile_search_syntax_never_fails(client, path, text):
    InterventionFactory(name="Skills hub", summary="Training for adults.")
    response = client.get(path, {"q": text})
    assert response.status_code in (200, 400)
    if path.endswith(".json") or path.startswith("/api/"):
        assert response["Content-Type"].startswith("application/json")


def test_text_query_keeps_only_words_and_limits_the_terms():
    assert search.text_query("- - - !!! ()") is None
    query = search.text_query(" ".join(f"word{n}" for n in range(50)))
    # Each term is looked for in the English fields and in their Welsh twins.
    assert str(query).count("SearchQuery(") == 2 * search.MAX_TERMS


@pytest.mark.postgres
@needs_postgres
def test_postgres_phrases_and_exclusions_still_work_through_the_safe_query(client):
    InterventionFactory(name="Combined authority skills", summary="Adult training.")
    InterventionFactory(name="Skills in London", summary="Adult training in the capital.")
    titles = group_titles(client.get("/search/", {"q": '"combined authority"'}))
    assert titles["interventions"] == ["Combined authority skills"]
    titles = group_titles(client.get("/search/", {"q": "training -london"}))
    assert titles["interventions"] == ["Combined authority skills"]


# Runs of query operators, long enough to reach PostgreSQL's parser limits.
OPERATOR_RUNS = st.integers(0, 100).flatmap(
    lambda size: st.lists(
        st.sampled_from(["-", "!", "&", "|", '"', "(", ")", ":*", "<->", "or", "a"]),
        min_size=size,
        max_size=size,
    )
)


@pytest.mark.postgres
@needs_postgres
def test_postgres_no_search_text_gives_a_server_error(client):
    InterventionFactory(name="Skills hub", summary="Training for adults.")

    @hypothesis_settings(max_examples=150, deadline=None)
    @given(
        path=st.sampled_from(SEARCH_PATHS),
        text=st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=250)
        | st.builds(str.join, st.sampled_from([" ", ""]), OPERATOR_RUNS),
    )
    def search_answers(path, text):
        cache.clear()  # each example a fresh client allowance and no cached page
        # The finder answers an empty q at its short address: follow it.
        response = client.get(path, {"q": text}, follow=True)
        assert response.status_code in (200, 400), (path, text)

    search_answers()


def test_search_answers_each_query_afresh_in_either_language_and_as_publishing_changes(client):
    # Queries of one shape (one word) share their SQL on PostgreSQL: none may see another's
    # words, another language's page or the items published when it was first built.
    def titles(path, text):
        cache.clear()
        return sorted(group_titles(client.get(path, {"q": text})).get("interventions", []))

    skills = InterventionFactory(name="Skills hub", name_cy="Canolfan sgiliau")
    InterventionFactory(name="Housing support", name_cy="Cymorth tai")
    now = timezone.now()
    later = InterventionFactory(name="Skills later", go_live_at=now + timedelta(hours=1))
    InterventionFactory(name="Skills ending", expire_at=now + timedelta(hours=1))
    assert titles("/search/", "skills") == ["Skills ending", "Skills hub"]
    assert titles("/search/", "housing") == ["Housing support"]
    assert titles("/cy/search/", "sgiliau") == ["Canolfan sgiliau"]
    assert titles("/cy/search/", "tai") == ["Cymorth tai"]
    assert titles("/cy/search/", "housing") == ["Cymorth tai"]

    skills.status = "draft"
    skills.save()
    assert titles("/search/", "skills") == ["Skills ending"]
    assert titles("/cy/search/", "sgiliau") == []
    skills.mark_published()
    skills.save()
    assert titles("/search/", "skills") == ["Skills ending", "Skills hub"]

    # Go-live and expiry follow the clock, not the moment the query was first built.
    with mock.patch("django.utils.timezone.now", return_value=now + timedelta(hours=2)):
        assert titles("/search/", "skills") == ["Skills hub", "Skills later"]
    later.delete()
    assert titles("/search/", "skills") == ["Skills ending", "Skills hub"]


SEARCH_WORDS = st.sampled_from(
    ["skills", "skils", "housing", "hub", "Môn", "sgiliau", "or", "!", ".", "-", "a-b", "x'y"]
)


@pytest.mark.postgres
@needs_postgres
def test_postgres_reused_ranking_sql_ranks_as_the_query_built_afresh():
    InterventionFactory(name="Skills hub", summary="Housing and skills.", name_cy="Hyb sgiliau")
    InterventionFactory(name="Housing skills", summary="Homes for apprentices.")
    InterventionFactory(name="Skills in Ynys Môn", summary="Adult skills.")
    PolicyFactory(name="Skills Bootcamps", summary="Training.")
    ThemeFactory(name="Housing")
    PlaceFactory(name="Skillsby")
    sources = list(search.SOURCES)

    @hypothesis_settings(max_examples=30, deadline=None)
    @given(
        terms=st.lists(
            st.tuples(st.sampled_from(["", "-", '"']), SEARCH_WORDS, SEARCH_WORDS), max_size=12
        )
    )
    def same_ranking(terms):
        text = " ".join(
            f'{sign}"{one} {two}"' if sign == '"' else f"{sign}{one}" for sign, one, two in terms
        )
        if (shape := search._shape(text)) is not None:
            assert search._shape(search._stand_in(shape)) == shape
        if search.text_query(text) is None:
            return
        pages = search._ranked_pages(sources, text, 2)
        reused = {
            key: [(obj.pk, obj.score, obj.exact, obj.matches) for obj in page]
            for key, page in pages.items()
        }
        afresh = {}
        for number, pk, score, exact, matches in search._ranking_query(sources, text, 2):
            afresh.setdefault(sources[number].key, []).append((pk, score, exact, matches))
        assert reused == afresh, text

    same_ranking()
