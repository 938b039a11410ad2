"""The admin in the language its user chose, remembered in the language cookie.

Public pages take their language from the address (Welsh under /cy/); the admin has one set of
addresses, so there the choice made with the header's "Cymraeg / English" button is used instead.
Each member of staff's choice is also remembered (StaffLanguage), so email to them is written in
the language they work in.
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

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if is_admin_address(request.path_info):
            remember_language(request)
        return response


REMEMBERED = "lpip_staff_language"


def remember_language(request) -> None:
    """Keep the language a signed-in person uses the admin in; written only when it changes."""
    from lpip_hub.models import StaffLanguage

    user, session = getattr(request, "user", None), getattr(request, "session", None)
    language = getattr(request, "LANGUAGE_CODE", None)
    if not (user and user.is_authenticated and session is not None and language):
        return
    if session.get(REMEMBERED) == language:
        return
    StaffLanguage.objects.update_or_create(user=user, defaults={"language": language})
    session[REMEMBERED] = language


def language_of(user) -> str:
    """The language to write to this person in: the one they last used the admin in."""
    remembered = getattr(getattr(user, "staff_language", None), "language", None)
    return remembered or settings.LANGUAGE_CODE
