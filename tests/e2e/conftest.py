"""Browser tests: the system's Chromium, else Playwright's, against the live server."""

import os

import pytest

# Playwright runs an event loop in the test thread; the ORM calls made there are safe here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


SYSTEM_CHROMIUM = [os.environ.get("CHROMIUM", ""), "/usr/bin/chromium", "/usr/bin/chromium-browser"]


def system_chromium() -> str | None:
    """The system's Chromium, or None to use Playwright's own (bin/ensure-chromium)."""
    return next((path for path in SYSTEM_CHROMIUM if path and os.access(path, os.X_OK)), None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = system_chromium()
    return {
        **browser_type_launch_args,
        **({"executable_path": executable} if executable else {}),
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
