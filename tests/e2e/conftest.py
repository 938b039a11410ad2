"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server."""

import os

import pytest

# Playwright runs an event loop in the test thread; the ORM calls made there are safe here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def plain_http_live_server_settings():
    """The live server speaks plain HTTP: no redirect to HTTPS, no HSTS pinning the browser.

    The server's middleware reads these once, when it starts, so they are set before it does.
    """
    from django.conf import settings

    settings.SECURE_SSL_REDIRECT = False
    settings.SECURE_HSTS_SECONDS = 0


@pytest.fixture(scope="session")
def live_server(plain_http_live_server_settings, live_server):
    return live_server
