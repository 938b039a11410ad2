"""generate_synthetic_data: clearly marked, repeatable by seed, and safe to run again."""

import io

import pytest
from django.core.management import call_command

from reviews.models import Intervention, Reference
from tests.factories import ThemeFactory, west_midlands

pytestmark = pytest.mark.django_db


def generate(**options) -> str:
    out = io.StringIO()
    call_command("generate_synthetic_data", interventions=20, stdout=out, **options)
    return out.getvalue()


@pytest.fixture(autouse=True)
def reference_data():
    """A theme and a few places, so the command need not load the whole reference data."""
    ThemeFactory()
    west_midlands()


def test_running_twice_adds_a_second_batch():
    generate()
    generate()
    synthetic = Intervention.objects.filter(slug__startswith="synthetic-")
    assert synthetic.count() == 40
    assert all(item.name.startswith("Synthetic") for item in synthetic)


def test_the_same_seed_replaces_its_own_batch_with_the_same_data():
    generate(seed=7)
    first = sorted(Intervention.objects.values_list("slug", "name"))
    references = Reference.objects.count()
    output = generate(seed=7)
    assert "seed 7" in output
    assert sorted(Intervention.objects.values_list("slug", "name")) == first
    assert Reference.objects.count() == references
