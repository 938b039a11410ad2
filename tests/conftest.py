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
