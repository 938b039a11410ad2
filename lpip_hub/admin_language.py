"""The admin in the language its user chose, remembered in the language cookie.

Public pages take their language from the address (Welsh under /cy/); the admin has one set of
addresses, so there the choice made with the header's "Cymraeg / English" button is used instead.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


def chosen_language(request) -> str | None:
    """The supported language named in the language cookie, if any."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def is_admin_address(path_info: str) -> bool:
    return path_info.startswith(f"/{settings.ADMIN_URL}")


class AdminLanguageMiddleware(LocaleMiddleware):
    """LocaleMiddleware, except that admin addresses follow the language cookie."""

    def process_request(self, request):
        super().process_request(request)
        if is_admin_address(request.path_info):
            language = chosen_language(request) or settings.LANGUAGE_CODE
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
