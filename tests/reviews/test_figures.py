"""Figures: uploaded with alt text and a caption, inserted by short name, served by the rule."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from lpip_hub.publishing import Status
from reviews.models import EvidenceReview, Figure
from tests.factories import EvidenceReviewFactory, OutputFactory, ThemeFactory


def png(name="chart.png", size=(60, 40), image_format="PNG") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (0, 90, 160)).save(out, image_format)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def root(client, db):
    user = User.objects.create_superuser("root", "r@example.org", "a-long-pass-1")
    client.force_login(user)
    return user


def review_post(theme, **extra) -> dict:
    return {
        "theme": theme.pk,
        "title": "Communities in their places",
        "slug": "communities-in-their-places",
        "status": "draft",
        "figures-TOTAL_FORMS": "1",
        "figures-INITIAL_FORMS": "0",
        "figures-0-key": "jobs-chart",
        "figures-0-alt_text": "Employment in Preston rose from 70% to 74% between 2013 and 2019.",
        "figures-0-caption": "Employment rate, Preston. Source: ONS.",
        "figures-0-order": "0",
        **extra,
    }


@pytest.mark.django_db
def test_an_editor_writes_a_review_with_a_footnote_and_a_figure_and_the_public_sees_it(
    client, root
):
    text = (
        "## What changed\n\n"
        "Spending stayed local[^cles] and the ~~old~~ new figures show it.\n\n"
        "[[figure:jobs-chart]]\n\n"
        "[^cles]: CLES (2019) *How we built community wealth in Preston*."
    )
    response = client.post(
        reverse("admin:reviews_evidencereview_add"),
        review_post(ThemeFactory(), interventions_text=text, **{"figures-0-image": png()}),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    review = EvidenceReview.objects.get()
    figure = review.figures.get()
    assert figure.width == 60 and figure.height == 40

    # Saving again with the figure in place keeps it (the stored file is not checked again).
    data = review_post(ThemeFactory(), interventions_text=text)
    data.update(
        {
            "theme": review.theme_id,
            "figures-INITIAL_FORMS": "1",
            "figures-0-id": str(figure.pk),
            "figures-0-review": str(review.pk),
            "_publish": "Publish",
        }
    )
    response = client.post(reverse("admin:reviews_evidencereview_change", args=[review.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    review.refresh_from_db()
    assert review.status == Status.PUBLISHED
    review.status = Status.DRAFT
    review.save()

    # A draft's figure is for staff only.
    assert client.get(figure.get_absolute_url()).status_code == 200
    client.logout()
    assert client.get(figure.get_absolute_url()).status_code == 404
    assert client.get(review.get_absolute_url()).status_code == 404

    review.status = Status.PUBLISHED
    review.save()
    page = client.get(review.get_absolute_url()).content.decode()
    assert "<h3>What changed</h3>" in page
    assert '<a aria-label="Footnote 1" class="footnote-ref" href="#fn-interventions-cles"' in page
    assert '<li id="fn-interventions-cles">' in page
    assert "<del>old</del>" in page
    assert (
        f'<figure class="figure" id="figure-jobs-chart"><img src="{figure.get_absolute_url()}" '
        'alt="Employment in Preston rose from 70% to 74% between 2013 and 2019." width="60" '
        'height="40" loading="lazy"><figcaption>Figure 1. Employment rate, Preston. Source: ONS.'
        "</figcaption></figure>"
    ) in page
    image = client.get(figure.get_absolute_url())
    assert image.status_code == 200
    assert image["Content-Type"] == "image/png"
    assert "public" in image["Cache-Control"]
    assert b"".join(image.streaming_content).startswith(b"\x89PNG")


@pytest.mark.django_db
def test_a_figure_needs_alt_text_and_a_caption(client, root):
    data = review_post(ThemeFactory(), **{"figures-0-image": png()})
    data["figures-0-alt_text"] = ""
    data["figures-0-caption"] = ""
    response = client.post(reverse("admin:reviews_evidencereview_add"), data)
    assert response.status_code == 200
    (errors,) = response.context["inline_admin_formsets"][0].formset.errors
    assert set(errors) == {"alt_text", "caption"}
    assert not Figure.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("chart.svg", b"<svg onload='alert(1)'></svg>", "image/svg+xml"),
            "SVG files are not accepted",
        ),
        (SimpleUploadedFile("chart.png", b"not an image", "image/png"), "valid image"),
        (png("chart.gif", image_format="GIF"), "upload a PNG or JPEG"),
    ],
)
def test_svg_and_other_files_are_refused_with_a_reason(client, root, upload, message):
    data = review_post(ThemeFactory(), **{"figures-0-image": upload})
    response = client.post(reverse("admin:reviews_evidencereview_add"), data)
    assert response.status_code == 200
    (errors,) = response.context["inline_admin_formsets"][0].formset.errors
    assert message in " ".join(errors["image"])
    assert not Figure.objects.exists()


@pytest.mark.django_db
def test_an_image_over_5_mb_is_refused(client, root, monkeypatch):
    monkeypatch.setattr("reviews.models_figures.MAX_BYTES", 100)
    data = review_post(ThemeFactory(), **{"figures-0-image": png()})
    response = client.post(reverse("admin:reviews_evidencereview_add"), data)
    (errors,) = response.context["inline_admin_formsets"][0].formset.errors
    assert "the most a figure may be is 5 MB" in errors["image"][0]


@pytest.mark.django_db
def test_the_preview_shows_the_items_figures_and_warns_of_missing_ones(client, root):
    review = EvidenceReviewFactory()
    Figure.objects.create(
        review=review, key="jobs-chart", image=png(), alt_text="Jobs rose.", caption="Jobs."
    )
    page = client.get(reverse("admin:reviews_evidencereview_change", args=[review.pk]))
    owner = f"reviews.evidencereview:{review.pk}"
    assert f'data-markdown-figures="{owner}"' in page.content.decode()
    data = client.post(
        reverse("admin-markdown-preview"),
        {"text": "[[figure:jobs-chart]]\n\n[[figure:map]]\n\n![x](y.png)", "figures_of": owner},
    ).json()
    assert '<img src="/figures/' in data["html"] and 'alt="Jobs rose."' in data["html"]
    assert any("[[figure:map]] names no uploaded figure" in w for w in data["warnings"])
    assert any("An image in the text will not appear" in w for w in data["warnings"])
    assert "y.png" not in data["html"]


@pytest.mark.django_db
def test_an_outputs_transcript_can_hold_a_figure(client):
    output = OutputFactory(transcript="[[figure:slide-1]]")
    figure = Figure.objects.create(
        output=output, key="slide-1", image=png(), alt_text="A slide.", caption="Slide 1."
    )
    output.save()
    assert f'src="{figure.get_absolute_url()}"' in output.transcript_html
    assert client.get(figure.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_a_figure_image_at_a_wrong_name_is_not_found(client):
    review = EvidenceReviewFactory()
    figure = Figure.objects.create(review=review, key="a", image=png(), alt_text="A.", caption="A.")
    assert client.get(reverse("figure-image", args=[figure.pk, "other.png"])).status_code == 404
    assert client.get(reverse("figure-image", args=[figure.pk + 1, "a.png"])).status_code == 404
