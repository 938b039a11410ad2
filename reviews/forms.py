"""The public "Suggest an example" form: a practitioner proposes a place-based intervention.

Every field has a length limit and a plain-words error. A valid form becomes one draft
Intervention marked as a suggestion; nothing of it is public until a publisher publishes it.
"""

from django import forms
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

from lpip_hub import publishing
from lpip_hub.bilingual import LocalisedMultipleChoiceField
from lpip_hub.slugs import make_slug
from reviews.filters import PlaceField
from reviews.models import Intervention, Theme

MAX_SHORT = 255
MAX_LONG = 3000
MAX_LINKS = 10
# The hidden field people leave empty and form-filling robots do not.
HONEYPOT = "website"
# Paths under /interventions/ that an intervention's page must not take.
RESERVED_SLUGS = {"suggest"}


def _too_long(message) -> dict:
    return {"max_length": message}


class SuggestionForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the intervention"),
        max_length=MAX_SHORT,
        help_text=_("The name people know it by, for example ‘Preston Model’."),
        error_messages={
            "required": _("Enter the name of the intervention"),
            **_too_long(_("The name must be 255 characters or fewer")),
        },
    )
    place = PlaceField(
        label=_("Where it took place"),
        help_text=_(
            "A council, region or combined authority, an ONS code such as E08000025, or a postcode."
        ),
        error_messages={
            "required": _("Enter where it took place: a council, region or combined authority"),
            **_too_long(_("The place must be 120 characters or fewer")),
        },
    )
    themes = LocalisedMultipleChoiceField(
        Theme.objects.all(),
        label=_("Themes"),
        required=False,
        help_text=_("Choose any that fit. Leave them all unticked if you are not sure."),
        error_messages={
            "invalid_choice": _("Choose themes from the list"),
            "invalid_pk_value": _("Choose themes from the list"),
        },
    )
    what_was_done = forms.CharField(
        label=_("What was done"),
        max_length=MAX_LONG,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Who did what, when, and for whom."),
        error_messages={
            "required": _("Enter what was done"),
            **_too_long(_("What was done must be 3,000 characters or fewer")),
        },
    )
    outcomes = forms.CharField(
        label=_("Outcomes seen (optional)"),
        max_length=MAX_LONG,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What changed, with figures if you have them, and whether it was evaluated."),
        error_messages=_too_long(_("The outcomes must be 3,000 characters or fewer")),
    )
    links = forms.CharField(
        label=_("Links (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Web addresses of evaluations, reports or news about it: one on each line, up to 10."
        ),
        error_messages=_too_long(_("The links must be 2,000 characters or fewer")),
    )
    organisation = forms.CharField(
        label=_("Your organisation"),
        max_length=MAX_SHORT,
        help_text=_(
            "The council, university, charity or business you work for. "
            "Write ‘Independent’ if none."
        ),
        error_messages={
            "required": _("Enter your organisation, or ‘Independent’"),
            **_too_long(_("Your organisation must be 255 characters or fewer")),
        },
    )
    email = forms.EmailField(
        label=_("Your email address (optional)"),
        max_length=254,
        required=False,
        help_text=_("Only if you are happy for an editor to contact you about this example."),
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
            **_too_long(_("The email address must be 254 characters or fewer")),
        },
    )
    website = forms.CharField(label=_("Leave this empty"), required=False, max_length=MAX_SHORT)

    field_order = [
        "name",
        "place",
        "themes",
        "what_was_done",
        "outcomes",
        "links",
        "organisation",
        "email",
        HONEYPOT,
    ]

    @property
    def visible_fields_in_order(self):
        return [self[name] for name in self.field_order if name != HONEYPOT]

    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip())

    def clean_links(self) -> str:
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        if len(lines) > MAX_LINKS:
            raise forms.ValidationError(
                _("Give up to %(max)d web addresses"), params={"max": MAX_LINKS}
            )
        validate = URLValidator(schemes=["http", "https"])
        for number, line in enumerate(lines, start=1):
            try:
                validate(line)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _(
                        "Line %(number)d is not a web address. Web addresses start with https:// "
                        "or http://"
                    ),
                    params={"number": number},
                ) from None
        return "\n".join(lines)

    def save(self) -> Intervention:
        """One draft intervention, marked as a suggestion, recorded in its history."""
        data = self.cleaned_data
        intervention = Intervention(
            name=data["name"],
            summary=data["what_was_done"],
            is_suggestion=True,
            suggested_by_organisation=data["organisation"],
            suggester_email=data["email"],
            suggested_outcomes=data["outcomes"],
            suggested_links=data["links"],
        )
        with publishing.new_draft(
            intervention, "Suggested by a practitioner through the public form."
        ):
            _save_with_free_slug(intervention)
            intervention.places.set([data["place"]])
            intervention.themes.set(data["themes"])
        return intervention


def _save_with_free_slug(intervention: Intervention) -> None:
    base = make_slug(intervention.name)[:200].strip("-") or "suggested-example"
    taken = RESERVED_SLUGS | set(
        Intervention.objects.filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    intervention.slug = slug
    try:
        with transaction.atomic():
            intervention.save()
    except IntegrityError:  # another suggestion took the slug a moment ago
        intervention.slug = f"{base}-{get_random_string(6).lower()}"
        intervention.save()
