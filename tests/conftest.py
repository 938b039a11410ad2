import pytest


@pytest.fixture(autouse=True)
def plain_http(settings):
    """The test client speaks plain HTTP; HTTPS redirects are tested on their own."""
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """Tests run without collectstatic, so no manifest of hashed names exists."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def content_version_moves_at_once(request, monkeypatch):
    """A test in one transaction that is never committed would never see the content version
    move on; there, it moves at once. Tests with transaction=True use the real, after-commit
    rule (and prove it with a second connection)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or "live_server" in (
        request.fixturenames
    )
    if marker and marker.kwargs.get("transaction"):
        transactional = True
    if not transactional:
        from lpip_hub import page_cache

        monkeypatch.setattr(
            page_cache, "content_changed_on_commit", lambda using=None: page_cache.content_changed()
        )


@pytest.fixture(autouse=True)
def language_reset():
    """A Welsh request leaves Welsh active in the thread; each test starts in English."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()
