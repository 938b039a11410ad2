"""Go-live and expiry dates: pages follow them at once; publish_scheduled records them."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from reversion.models import Version

from lpip_hub import publishing
from lpip_hub.publishing import Status
from reviews.models import KeyConcept
from tests.factories import KeyConceptFactory, editor, publisher

HOUR = datetime.timedelta(hours=1)


@pytest.mark.django_db
def test_an_item_is_off_the_site_before_go_live_and_after_expiry(client):
    now = timezone.now()
    soon = KeyConceptFactory(term="Not yet XQZ", go_live_at=now + HOUR)
    gone = KeyConceptFactory(term="Expired XQZ", expire_at=now - HOUR)
    live = KeyConceptFactory(term="Live now", go_live_at=now - HOUR, expire_at=now + HOUR)
    assert list(KeyConcept.objects.published()) == [live]
    listing = client.get("/concepts/").content
    assert b"XQZ" not in listing and b"Live now" in listing
    assert client.get(soon.get_absolute_url()).status_code == 404
    assert client.get(gone.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_a_cached_page_moves_on_when_a_scheduled_time_passes(client, monkeypatch):
    import time

    start = time.time()
    concept = KeyConceptFactory(
        term="Timed", expire_at=timezone.now() + datetime.timedelta(seconds=30)
    )
    url = concept.get_absolute_url()
    assert client.get(url).status_code == 200
    assert client.get(url)["X-Page-Cache"] == "hit"
    monkeypatch.setattr(time, "time", lambda: start + 60)
    monkeypatch.setattr(
        timezone, "now", lambda: datetime.datetime.fromtimestamp(start + 60, datetime.UTC)
    )
    assert client.get(url).status_code == 404  # no command has run


@pytest.mark.django_db
def test_publish_scheduled_records_what_happened_and_is_idempotent():
    now = timezone.now()
    went_live = KeyConceptFactory(go_live_at=now - HOUR, published_at=None)
    expired = KeyConceptFactory(expire_at=now - HOUR)
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    assert "2 scheduled changes applied" in out.getvalue()
    went_live.refresh_from_db()
    expired.refresh_from_db()
    assert went_live.go_live_at is None and went_live.is_live
    assert expired.status == Status.DRAFT
    comments = [v.revision.comment for v in Version.objects.get_for_object(expired)]
    assert comments == ["Taken off the site as scheduled."]
    again = io.StringIO()
    call_command("publish_scheduled", stdout=again)
    assert "0 scheduled changes applied" in again.getvalue()


@pytest.mark.django_db
def test_only_a_publisher_schedules():
    concept = KeyConceptFactory(draft=True)
    with pytest.raises(publishing.PermissionDenied):
        publishing.schedule(concept, editor(), go_live_at=timezone.now() + HOUR)
    publishing.schedule(concept, publisher(), go_live_at=timezone.now() + HOUR)
    assert concept.status == Status.PUBLISHED and not concept.is_live
