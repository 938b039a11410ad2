"""Values every template needs."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve, translate_url
from django.utils.translation import get_language, get_language_from_path, to_locale


def site(request):
    return {"SITE_NAME": settings.SITE_NAME}


def html_lang(code: str) -> str:
    """A language code as HTML and hreflang write it: en-gb becomes en-GB."""
    return to_locale(code).replace("_", "-")


def in_language(path: str, code: str, prefix: str | None) -> str:
    """The same address in another language. An address that does not resolve (a 404) has its
    language prefix swapped, so the switcher on a missing page still changes the language."""
    try:
        resolve(urlsplit(path).path)
    except Resolver404:
        bare = path.removeprefix(f"/{prefix}") if prefix else path
        return bare if code == settings.LANGUAGE_CODE else f"/{code}{bare}"
    return translate_url(path, code)


def languages(request):
    """The page's language, and the same page in every language for the switcher and hreflang."""
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    prefix = get_language_from_path(request.path_info)
    versions = [
        {
            "code": code,
            "lang": html_lang(code),
            "name": name,
            "url": in_language(path, code, prefix),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]
    nav_path = request.path_info.removeprefix(f"/{prefix}") if prefix else request.path_info
    return {
        "NAV_PATH": nav_path,
        "HTML_LANG": html_lang(current),
        "OG_LOCALE": to_locale(current) if "_" in to_locale(current) else f"{current}_GB",
        "PAGE_LANGUAGES": versions,
        "OTHER_LANGUAGES": [v for v in versions if not v["current"]],
    }
