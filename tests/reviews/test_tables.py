"""Tables that fit: the outcomes table stacks into labelled rows; the gap map scrolls in a
focusable region with its themes column kept in view."""

import re

import pytest

from tests.factories import InterventionFactory, OutcomeFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_each_outcome_cell_carries_its_column_name_for_narrow_screens(client):
    item = InterventionFactory()
    OutcomeFactory(intervention=item)
    page = client.get(item.get_absolute_url()).content.decode()
    assert 'class="table table--stack"' in page
    for label in ("Outcome", "What happened", "Direction of effect", "Strength of evidence"):
        assert f'data-label="{label}"' in page


def test_the_stacking_and_sticky_rules_exist(client):
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "static" / "css"
    hub, finder = (root / "hub.css").read_text(), (root / "finder.css").read_text()
    assert re.search(r"@media \(max-width: 40em\) \{\s*\.table--stack thead", hub)
    assert "attr(data-label)" in hub
    assert re.search(r"\.gapmap__table th\[scope=\"row\"\][^{]*\{[^}]*position: sticky", finder)


def test_gap_map_scrolls_in_a_focusable_labelled_region_with_a_cue(client):
    ThemeFactory()
    page = client.get("/gap-map/").content.decode()
    assert re.search(r'class="table-wrap gapmap" tabindex="0" role="region"', page)
    assert "Scroll the table sideways" in page
