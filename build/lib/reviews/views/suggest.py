"""Suggest an example: the public form, its thank-you page, and its defences against spam.

No third-party service: CSRF, a honeypot field, and a limit on submissions per client address
kept in the shared cache. A suggestion is a draft: nothing of it is public until published.
"""

import logging

from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_protect
from django.views.generic import TemplateView

from lpip_hub.rate_limits import RateLimit
from reviews.forms import SuggestionForm

logger = logging.getLogger(__name__)

SUGGESTIONS = RateLimit("suggest", limit=5, window=60 * 60)
RATE_LIMIT = SUGGESTIONS.limit
RATE_WINDOW = SUGGESTIONS.window


def is_rate_limited(request) -> bool:
    return SUGGESTIONS.is_exceeded(request)


def count_submission(request) -> None:
    SUGGESTIONS.count(request)


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
