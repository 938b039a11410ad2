"""Suggest an example: the public form, its thank-you page, and its defences against spam.

No third-party service: CSRF, a honeypot field, and a limit on submissions per client address
kept in the shared cache. A suggestion is a draft: nothing of it is public until published.
"""

import logging

from axes.helpers import get_client_ip_address
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_protect
from django.views.generic import TemplateView

from reviews.forms import SuggestionForm

logger = logging.getLogger(__name__)

RATE_LIMIT = 5  # submissions
RATE_WINDOW = 60 * 60  # seconds
RATE_KEY = "reviews:suggest:rate:{address}"


def _rate_key(request) -> str:
    # The same client address the admin's lockout uses, so a proxy is handled the same way.
    return RATE_KEY.format(address=get_client_ip_address(request) or "unknown")


def is_rate_limited(request) -> bool:
    return (cache.get(_rate_key(request)) or 0) >= RATE_LIMIT


def count_submission(request) -> None:
    key = _rate_key(request)
    if not cache.add(key, 1, timeout=RATE_WINDOW):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=RATE_WINDOW)


@method_decorator(csrf_protect, name="dispatch")
class SuggestView(View):
    template_name = "reviews/suggest.html"

    def get(self, request):
        return render(request, self.template_name, {"form": SuggestionForm()})

    def post(self, request):
        if is_rate_limited(request):
            response = render(
                request, "reviews/suggest_limited.html", {"limit": RATE_LIMIT}, status=429
            )
            response["Retry-After"] = str(RATE_WINDOW)
            return response
        form = SuggestionForm(request.POST)
        if form.is_spam():
            count_submission(request)
            logger.info("Suggestion discarded: the honeypot field was filled in.")
            return redirect("intervention-suggest-thanks")
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        count_submission(request)
        form.save()
        return redirect("intervention-suggest-thanks")


class SuggestThanksView(TemplateView):
    template_name = "reviews/suggest_thanks.html"
