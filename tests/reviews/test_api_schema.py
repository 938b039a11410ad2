"""The API keeps its own contract: Schemathesis generates requests from /api/schema/ and checks
that no answer is a server error or contradicts the schema. Bounded: a few examples each."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from reviews.models import OutputKind
from tests.factories import (
    EvidenceReviewFactory,
    InterventionFactory,
    OutcomeFactory,
    OutputFactory,
    PartnershipFactory,
    PolicyFactory,
    west_midlands,
)


@pytest.fixture
def api_schema(db, settings):
    settings.ALLOWED_HOSTS = ["*"]
    places = west_midlands()
    item = InterventionFactory(name="Brum skills", places=[places["birmingham"]], url="")
    OutcomeFactory(intervention=item)
    PolicyFactory(url="")
    PartnershipFactory(website="")
    EvidenceReviewFactory()
    OutputFactory(kind=OutputKind.REPORT, url="")
    # As Django's test client does: the test's transaction keeps its connection open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_every_answer_agrees_with_the_schema(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 16  # eight lists and eight items
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=4,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            # Free-text parameters (a place, a slug) are valid strings that may name nothing:
            # the API then answers 400 or 404, as documented, so "valid data is accepted"
            # does not apply.
            # The in-process transport does not decompress: ask for plain bodies.
            case.call_and_validate(
                headers={"Accept-Encoding": "identity"},
                excluded_checks=[positive_data_acceptance],
            )

        check()
