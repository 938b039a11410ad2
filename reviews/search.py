"""Search: the one module behind the search page, the finder's `q` and the API.

The fields searched and their weights are defined once, in reviews/search_fields.py. On
PostgreSQL each publishable model keeps a weighted tsvector (titles A, summaries B, bodies C),
queried with terms built into a safe tsquery (`text_query`) and ranked, and pg_trgm word
similarity on titles catches near misses ("skils", "Brimingham"). On SQLite an FTS5 table with
the porter stemmer over the same fields finds other forms of a word ("apprenticeships",
"apprenticeship") and ranks by bm25 with the same weights, and a substring match on the same
fields keeps part-words ("apprentice") findable. Only published items are read, at query time,
so publishing and unpublishing show at once.

Welsh text is searched beside the English on every page: each term matches either the English
fields (stemmed) or their Welsh twins ('simple' with accents folded, so "Ynys Mon" finds
"Ynys Môn"); on SQLite the FTS5 tables hold both and fold accents the same way.
"""

import datetime
import difflib
import functools
import re
import shlex
from dataclasses import dataclass, field

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Greatest
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from lpip_hub.bilingual import AS_WRITTEN, localised
from lpip_hub.page_cache import content_version
from partnerships.models import Partnership, Place, PlaceName, PlaceNameKind
from reviews.models import EvidenceReview, Intervention, KeyConcept, Output, Policy, Theme
from reviews.search_fields import WELSH_CONFIG, column_weights, columns, fts_table, welsh_columns

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
CONFIG = "english"
SNIPPET_WORDS = 30
VOCABULARY_TIMEOUT = 60 * 60


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def clean_query(text: str) -> str:
    """The query as searched: NUL bytes dropped, whitespace collapsed, length capped."""
    text = str(text or "").replace("\x00", "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def parse_terms(text: str) -> tuple[list[str], list[str]]:
    """Websearch-style terms: quoted phrases kept whole, `-word` excluded, `or` ignored."""
    text = clean_query(text)
    try:
        tokens = shlex.split(text)
    except ValueError:  # an unbalanced quote: read the words as they are
        tokens = text.replace('"', " ").replace("'", " ").split()
    include, exclude = [], []
    for token in tokens[: MAX_TERMS * 2]:
        token = token.strip()
        if not token or token.lower() == "or":
            continue
        if token.startswith("-") and len(token) > 1:
            exclude.append(token[1:])
        elif token != "-":
            include.append(token)
    return include[:MAX_TERMS], exclude[:MAX_TERMS]


WORD = re.compile(r"\w+")
MAX_PHRASE_WORDS = 8


def text_query(text: str) -> SearchQuery | None:
    """The query as PostgreSQL will run it, built from its words alone, or None if it has none.

    Each term goes to plainto_tsquery (a quoted phrase to phraseto_tsquery), which reads only
    words, and the terms are joined here, at most MAX_TERMS of each kind: no punctuation a
    visitor types ever reaches PostgreSQL's own query syntax, which some input can break.
    """
    include, exclude = parse_terms(text)
    query = None
    for term, negate in [(term, False) for term in include] + [(term, True) for term in exclude]:
        words = WORD.findall(term)[:MAX_PHRASE_WORDS]
        if not words:
            continue
        search_type = "phrase" if len(words) > 1 else "plain"
        english, welsh = (
            SearchQuery(" ".join(words), search_type=search_type, config=config)
            for config in (CONFIG, WELSH_CONFIG)
        )
        part = (~english & ~welsh) if negate else (english | welsh)
        query = part if query is None else query & part
    return query


@dataclass(frozen=True)
class SearchSource:
    """How one kind of item is searched and shown."""

    key: str
    label: str
    title: str
    text_fields: tuple[str, ...]  # in weight order: the title first
    stored_vector: bool
    table: str = ""  # for stored vectors: the table whose fields search_fields defines
    welsh_fields: tuple[str, ...] = ()  # built on the fly: their Welsh twins, searched too

    def queryset(self) -> QuerySet:
        return SOURCE_QUERYSETS[self.key]()


SOURCE_QUERYSETS = {
    "reviews": lambda: EvidenceReview.objects.published().select_related("theme"),
    "concepts": lambda: KeyConcept.objects.published(),
    "policies": lambda: Policy.objects.published(),
    "interventions": lambda: Intervention.objects.published(),
    "partnerships": lambda: Partnership.objects.published(),
    "outputs": lambda: Output.objects.published(),
    "themes": lambda: Theme.objects.all(),
    "places": lambda: Place.objects.annotate(name_cy=_welsh_place_name()),
}


def _welsh_place_name() -> Subquery:
    """A place's ONS Welsh name ("Wrecsam"), searched with the Welsh fields."""
    names = PlaceName.objects.filter(place=OuterRef("pk"), kind=PlaceNameKind.WELSH)
    return Subquery(names.order_by("pk").values("name")[:1])


def _stored(key: str, label: str, table: str) -> SearchSource:
    """A source whose fields and weights come from reviews.search_fields."""
    fields = columns(table)
    return SearchSource(key, label, fields[0], fields, True, table)


SOURCES = (
    _stored("reviews", _("Evidence reviews"), "reviews_evidencereview"),
    _stored("concepts", _("Key concepts"), "reviews_keyconcept"),
    _stored("policies", _("Policies"), "reviews_policy"),
    _stored("interventions", _("Interventions"), "reviews_intervention"),
    SearchSource(
        "partnerships",
        _("Partnerships"),
        "name",
        ("name", "short_name", "summary", "focus", "summary_cy", "focus_cy"),
        False,
        welsh_fields=("summary_cy", "focus_cy"),
    ),
    SearchSource(
        "outputs",
        _("Outputs"),
        "title",
        ("title", "summary", "authors", "title_cy", "summary_cy"),
        False,
        welsh_fields=("title_cy", "summary_cy"),
    ),
    SearchSource(
        "themes",
        _("Themes"),
        "name",
        ("name", "summary", "name_cy", "summary_cy"),
        False,
        welsh_fields=("name_cy", "summary_cy"),
    ),
    SearchSource(
        "places",
        _("Places"),
        "name",
        ("name", "official_name", "gss_code", "name_cy"),
        False,
        welsh_fields=("name_cy",),
    ),
)
SOURCE_BY_KEY = {source.key: source for source in SOURCES}
INTERVENTIONS = SOURCE_BY_KEY["interventions"]


def _vector(source: SearchSource):
    """The stored vector, or one built on the fly for the small reference tables."""
    if source.stored_vector:
        return F("search_vector")
    english = [name for name in source.text_fields if name not in source.welsh_fields]
    weighted = [(name, weight, CONFIG) for name, weight in zip(english, "ABCC", strict=False)]
    welsh = zip(source.welsh_fields, "ABCC", strict=False)
    weighted += [(name, weight, WELSH_CONFIG) for name, weight in welsh]
    vector = None
    for name, weight, config in weighted:
        part = SearchVector(name, weight=weight, config=config)
        vector = part if vector is None else vector + part
    return vector


def _postgres_search(
    queryset: QuerySet, source: SearchSource, text: str, widen: bool | None
) -> QuerySet:
    query = text_query(text)
    include, exclude = parse_terms(text)
    if query is None:
        return queryset.annotate(score=Value(0), rank=Value(0), exact=Value(0)).none()
    # Aliases, not annotations: a selected column would be computed for every match again
    # before the sort, and the title's trigram similarity is most of a word search's cost.
    queryset = queryset.alias(
        _vector=_vector(source),
        _similarity=TrigramWordSimilarity(Value(" ".join(include)), source.title),
    ).alias(rank=SearchRank(F("_vector"), query))
    queryset = queryset.annotate(
        exact=Case(When(Q(_vector=query), then=Value(1)), default=Value(0))
    )
    # Full-text matches use the vector's GIN index. Only when there are none does the search
    # widen to near misses of the title ("skils"), through pg_trgm's trigram index (`%>`):
    # one OR of the two would read every row.
    found = queryset.filter(_vector=query)
    if widen is None:
        widen = bool(include) and not found.exists()
    if widen:
        found = queryset.filter(**{f"{source.title}__trigram_word_similar": " ".join(include)})
        for word in exclude:
            found = found.exclude(_vector=text_query(word))
    return found.annotate(
        score=Greatest(F("rank"), F("_similarity") * Value(0.5), output_field=FloatField())
    )


def _sqlite_search(queryset: QuerySet, source: SearchSource, text: str) -> QuerySet:
    include, exclude = parse_terms(text)
    if not include and not exclude:
        return queryset.annotate(score=Value(0), rank=Value(0), exact=Value(0)).none()
    contains = Q()
    for term in include:
        contains &= _any_field_contains(source, term)
    score = Value(1.0, output_field=FloatField())
    match = _fts_expression(include, exclude) if source.table else ""
    if match:
        fts = fts_table(source.table)
        found = RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [match])  # noqa: S611
        queryset = queryset.filter(contains | Q(pk__in=found))
        score = score + FtsScore(source.table, match)
    else:
        queryset = queryset.filter(contains)
    for term in exclude:
        queryset = queryset.exclude(_any_field_contains(source, term))
    for term in include:
        score = score + Case(
            When(**{f"{source.title}__icontains": term}, then=Value(2.0)),
            default=Value(0.0),
            output_field=FloatField(),
        )
    return queryset.annotate(score=score, rank=score, exact=Value(1))


class FtsScore(Func):
    """The bm25 rank of the row in its FTS5 table, weighted as search_fields says; 0 when the
    row matched only as a part-word. The row is named through its key, so the expression stays
    right inside a subquery."""

    output_field = FloatField()

    def __init__(self, table: str, match: str):
        super().__init__(F("pk"))
        self.table, self.match = table, match

    def as_sql(self, compiler, connection, **extra_context):
        key_sql, key_params = compiler.compile(self.get_source_expressions()[0])
        fts = fts_table(self.table)
        weights = ", ".join(str(weight) for weight in column_weights(self.table))
        sql = (
            f"COALESCE((SELECT -bm25({fts}, {weights}) FROM {fts} "
            f"WHERE {fts} MATCH %s AND {fts}.rowid = {key_sql}), 0)"
        )
        return sql, [self.match, *key_params]


def _fts_expression(include: list[str], exclude: list[str]) -> str:
    """An FTS5 query: each term a quoted phrase of its words, all required, excluded ones NOT.

    Only words reach FTS5, so no user text is read as FTS5 syntax.
    """
    phrases = [_phrase(term) for term in include]
    phrases = [phrase for phrase in phrases if phrase]
    if not phrases:
        return ""
    expression = " AND ".join(phrases)
    for term in exclude:
        if phrase := _phrase(term):
            expression += f" NOT {phrase}"
    return expression


def _phrase(term: str) -> str:
    words = re.findall(r"\w+", term)
    return '"' + " ".join(words) + '"' if words else ""


def _any_field_contains(source: SearchSource, term: str) -> Q:
    condition = Q()
    for name in source.text_fields:
        condition |= Q(**{f"{name}__icontains": term})
    return condition


def matching(
    queryset: QuerySet, source: SearchSource, text: str, widen: bool | None = None
) -> QuerySet:
    """The items of `queryset` that match `text`, annotated with `score` (higher is better).

    `widen` says whether to look for near misses instead of full-text matches; by default it
    is decided by whether `queryset` has any full-text match.
    """
    text = clean_query(text)
    if not text:
        return queryset.annotate(score=Value(0), rank=Value(0), exact=Value(0)).none()
    if uses_postgres():
        return _postgres_search(queryset, source, text, widen)
    return _sqlite_search(queryset, source, text)


def filter_interventions(queryset: QuerySet, text: str) -> QuerySet:
    """The finder's and the API's free text: interventions matching `text`, with a `score`."""
    return matching(queryset, INTERVENTIONS, text, widen=needs_widening(INTERVENTIONS, text))


def needs_widening(source: SearchSource, text: str) -> bool:
    """Whether no published item of this kind matches `text` in full, so near misses count."""
    text = clean_query(text)
    query = text_query(text)
    if not uses_postgres() or not parse_terms(text)[0] or query is None:
        return False
    return not source.queryset().annotate(_vector=_vector(source)).filter(_vector=query).exists()


# Snippets


def _plain(text: str) -> str:
    """Markdown source to plain words: links to their text, markup characters dropped."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text or "")
    text = re.sub(r"(?m)^\s*>+", " ", text)  # block quotes
    return " ".join(re.sub(r"[*_#`|]+", " ", text).split())


def _term_pattern(terms: list[str]) -> re.Pattern | None:
    # Match the start of each term, so 'skills' also marks 'skill' and a near miss 'skils' still
    # marks 'skills'; stemming in miniature, the same on both databases.
    stems = []
    for term in terms:
        for word in re.findall(r"\w+", term):
            stems.append(re.escape(word[: max(3, len(word) - 2)]))
    if not stems:
        return None
    return re.compile(
        r"\b(?:" + "|".join(sorted(set(stems), key=len, reverse=True)) + r")\w*", re.IGNORECASE
    )


def highlight(text: str, query: str, words: int = SNIPPET_WORDS) -> SafeString:
    """An escaped snippet of `text` around the first match, each match wrapped in <mark>."""
    plain = _plain(text)
    pattern = _term_pattern(parse_terms(query)[0])
    tokens = plain.split(" ") if plain else []
    start = 0
    if pattern is not None:
        for index, token in enumerate(tokens):
            if pattern.search(token):
                start = max(0, index - words // 3)
                break
    window = " ".join(tokens[start : start + words])
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + words < len(tokens) else ""
    if pattern is None:
        return mark_safe(escape(prefix + window + suffix))  # noqa: S308 - escaped just now
    pieces, last = [], 0
    for match in pattern.finditer(window):
        pieces.append(escape(window[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    pieces.append(escape(window[last:]))
    return mark_safe(escape(prefix) + "".join(pieces) + escape(suffix))  # noqa: S308


# The search page


@dataclass
class Hit:
    title: str
    url: str
    snippet: SafeString
    score: float
    exact: bool
    detail: str = ""


@dataclass
class ResultGroup:
    key: str
    label: str
    hits: list[Hit]
    total: int


@dataclass
class SiteResults:
    query: str
    groups: list[ResultGroup] = field(default_factory=list)
    suggestion: str = ""

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)


def _hit(obj, source: SearchSource, query: str) -> Hit:
    """One result in the page's language: Welsh where written, else the English (a fallback)."""
    title = localised(obj, "display_name" if isinstance(obj, Place) else source.title)
    twins = set(welsh_columns(source.table)) if source.table else set(source.welsh_fields)
    fields = [name for name in source.text_fields[1:] if name not in twins]
    parts = [localised(obj, name) for name in fields]
    body = " ".join(parts)
    # Names and codes are as written in any language; the rest says which language it is in.
    worded = [part for name, part in zip(fields, parts, strict=True) if name not in AS_WRITTEN]
    detail = ""
    if isinstance(obj, Place):
        detail = " · ".join(filter(None, [obj.get_kind_display(), obj.gss_code or ""]))
    elif isinstance(obj, EvidenceReview):
        detail = localised(obj.theme, "name")
    return Hit(
        title=title,
        url=obj.get_absolute_url(),
        snippet=_in_english_if_fallback(highlight(body, query), worded),
        score=float(obj.score or 0),
        exact=bool(obj.exact),
        detail=detail,
    )


def _in_english_if_fallback(snippet: SafeString, parts: list) -> SafeString:
    """On a Welsh page, a snippet of English standing in for missing Welsh is marked lang="en"."""
    shown = [part for part in parts if part]
    if shown and all(part.fallback for part in shown):
        return format_html('<span lang="en">{}</span>', snippet)
    return snippet


def site_search(text: str, per_group: int = 10, kinds: list[str] | None = None) -> SiteResults:
    """Every published kind of item matching `text`, ranked, grouped by kind.

    A fixed number of queries, whatever the number of results: on PostgreSQL one query ranks
    the first page of every kind (each page carrying its total, counted by a window over the
    matches) and one more per kind with hits reads those items; elsewhere one query per kind.
    """
    query = clean_query(text)
    results = SiteResults(query=query)
    if not query:
        return results
    sources = [source for source in SOURCES if not kinds or source.key in kinds]
    if uses_postgres():
        pages = _ranked_pages(sources, query, per_group)
    else:
        pages = {
            source.key: _ranked_page(source, query, per_group, widen=False) for source in sources
        }
    for source in sources:
        if page := pages.get(source.key):
            hits = [_hit(obj, source, query) for obj in page]
            results.groups.append(ResultGroup(source.key, source.label, hits, page[0].matches))
    if not any(hit.exact for group in results.groups for hit in group.hits):
        results.suggestion = suggest(query)
    return results


def _ranked_page(source: SearchSource, query: str, size: int, widen: bool) -> list:
    found = matching(source.queryset(), source, query, widen=widen)
    found = found.annotate(matches=Window(Count("pk")))
    return list(found.order_by("-score", source.title)[:size])


def _ranked_pages(sources: list[SearchSource], query: str, size: int) -> dict[str, list]:
    """PostgreSQL: the ranked first page of each kind, in one query (a UNION ALL of each kind's
    full-text page and, only when that kind has no full-text match, its near misses), then the
    items of each kind that has hits, in one query each."""
    if not sources or text_query(query) is None:
        return {}
    if (shape := _shape(query)) is None:
        rows = list(_ranking_query(sources, query, size))
    else:
        sql, recipe = _ranking_sql(tuple(source.key for source in sources), size, shape)
        texts, now = _texts(query), timezone.now()
        params = [
            now if kind is _NOW else texts[value] if kind is _TEXT else value
            for kind, value in recipe
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
    found_rows: dict[int, list] = {}
    for number, pk, score, exact, matches in rows:  # each kind's rows in rank order
        found_rows.setdefault(number, []).append((pk, score, exact, matches))
    pages = {}
    for number, ranked in found_rows.items():
        source = sources[number]
        objects = source.queryset().in_bulk([pk for pk, *_ in ranked])
        page = []
        for pk, score, exact, matches in ranked:
            if (obj := objects.get(pk)) is not None:
                obj.score, obj.exact, obj.matches = score, exact, matches
                page.append(obj)
        pages[source.key] = page
    return pages


def _ranking_query(sources: list[SearchSource], query: str, size: int) -> QuerySet:
    """The one query that ranks the first page of every kind: rows of (kind's number, pk,
    score, exact, number of matches)."""
    widen = bool(parse_terms(query)[0])
    parts = []
    for number, source in enumerate(sources):
        full = matching(source.queryset(), source, query, widen=False)
        candidates = [full]
        if widen:
            near = matching(source.queryset(), source, query, widen=True)
            candidates.append(near.filter(~Exists(full.values("pk"))))
        for found in candidates:
            parts.append(
                found.annotate(
                    hit_kind=Value(number),
                    matches=Window(Count("pk")),
                    hit_score=Cast("score", FloatField()),
                    hit_exact=Cast("exact", IntegerField()),
                )
                .order_by("-score", source.title)
                .values_list("hit_kind", "pk", "hit_score", "hit_exact", "matches")[:size]
            )
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


# Building the ranking query through the ORM takes longer than PostgreSQL takes to run it, and
# its SQL depends only on the kinds, the page size and the shape of the query: how many terms
# of each kind, and which are single words or phrases. So it is built once per shape, from
# stand-in words, and run with the visitor's words and the moment of the request as parameters.
_TEXT, _NOW = object(), object()


def _shape(query: str) -> tuple[str, ...] | None:
    """Each term as "" (no words), "word" or "phrase", an excluded one with a leading "-"; None
    when an excluded term reads differently on its own (near misses look for it again alone),
    as a quoted phrase does: such a query is built afresh."""
    include, exclude = parse_terms(query)
    if any(parse_terms(term) != ([term], []) for term in exclude):
        return None

    def kind(term: str) -> str:
        words = WORD.findall(term)
        return "phrase" if len(words) > 1 else "word" if words else ""

    return (*map(kind, include), *("-" + kind(term) for term in exclude))


def _texts(query: str) -> list[str]:
    """The query's own text among the ranking query's parameters: each term's words (its
    tsquery), then the included terms as typed (for trigram similarity)."""
    include, exclude = parse_terms(query)
    words = [" ".join(WORD.findall(term)[:MAX_PHRASE_WORDS]) for term in include + exclude]
    return [*words, " ".join(include)]


def _stand_in(shape: tuple[str, ...]) -> str:
    """A short query of this shape whose texts differ from each other and from every other
    parameter: the terms' words are numbered, and a full stop marks each term as typed."""
    typed = {"": ".", "word": "s{0}.", "phrase": "s{0}.p{0}"}
    terms = []
    for number, kind in enumerate(shape):
        sign, kind = ("-", kind[1:]) if kind.startswith("-") else ("", kind)
        terms.append(sign + typed[kind].format(number))
    return " ".join(terms)


@functools.lru_cache(maxsize=64)  # the longest queries' SQL runs to 160 kB
def _ranking_sql(keys: tuple[str, ...], size: int, shape: tuple[str, ...]) -> tuple[str, tuple]:
    """The ranking query's SQL for this shape, and its parameters as (kind, value) pairs:
    _TEXT and the index of one of the query's `_texts`, _NOW for the moment of the request
    (the published rule's go-live and expiry), otherwise None and a value used as it is."""
    stand_in = _stand_in(shape)
    texts = {text: number for number, text in enumerate(_texts(stand_in)) if text}
    sources = [SOURCE_BY_KEY[key] for key in keys]
    before = timezone.now()
    sql, params = _ranking_query(sources, stand_in, size).query.sql_with_params()
    after = timezone.now()
    recipe = []
    for value in params:
        if isinstance(value, datetime.datetime) and before <= value <= after:
            recipe.append((_NOW, None))
        elif isinstance(value, str) and value in texts:
            recipe.append((_TEXT, texts[value]))
        else:
            recipe.append((None, value))
    return sql, tuple(recipe)


def suggest(text: str) -> str:
    """A 'did you mean' query: each unknown word replaced by the nearest title word, or ''."""
    include, _excluded = parse_terms(text)
    words = [word for term in include for word in re.findall(r"\w+", term)]
    if not words:
        return ""
    vocabulary = _title_vocabulary()
    corrected, changed = [], False
    for word in words:
        if word.lower() in vocabulary:
            corrected.append(word)
            continue
        close = difflib.get_close_matches(word.lower(), vocabulary, n=1, cutoff=0.75)
        if close:
            corrected.append(vocabulary[close[0]])
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else ""


def _title_vocabulary(limit: int = 5000) -> dict[str, str]:
    """Words from the titles of published items and reference data: lower case -> as written,
    read once per content version."""
    key = f"lpip:search-vocabulary:{content_version()}"
    return cache.get_or_set(key, lambda: _read_vocabulary(limit), VOCABULARY_TIMEOUT)


def _read_vocabulary(limit: int) -> dict[str, str]:
    vocabulary: dict[str, str] = {}
    queries = [
        source.queryset().order_by().values_list(source.title, flat=True)[:limit]
        for source in SOURCES
    ]
    if not uses_postgres():  # SQLite cannot limit the parts of a UNION: limit inside them
        queries = [
            source.queryset()
            .filter(pk__in=source.queryset().order_by().values("pk")[:limit])
            .order_by()
            .values_list(source.title, flat=True)
            for source in SOURCES
        ]
    queries = [queries[0].union(*queries[1:], all=True)]  # one round trip
    for titles in queries:
        for title in titles:
            for word in re.findall(r"[^\W\d_]{3,}", title or ""):
                vocabulary.setdefault(word.lower(), word)
    return vocabulary


def relevance_ordering(queryset: QuerySet) -> QuerySet:
    """Best matches first; used once `matching` has annotated a score."""
    # The score itself, not an expression of it, so PostgreSQL computes it once per match.
    return queryset.order_by(F("score").desc(nulls_last=True), "name")
