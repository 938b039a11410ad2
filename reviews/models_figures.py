"""Figures: charts and photographs uploaded to a review or an output, with alt text and caption.

A figure is inserted in the text by its short name on a line of its own: [[figure:jobs-chart]].
Images are PNG or JPEG, checked by Pillow, at most 5 MB; SVG is refused (it can carry scripts).
Imported at the end of reviews.models, so figures are models of the reviews app.
"""

from pathlib import PurePosixPath
from uuid import uuid4

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from PIL import Image

from reviews.models import EvidenceReview
from reviews.models_outputs import Output

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # well short of a decompression bomb
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}


def check_name_and_size(file) -> None:
    """The checks that need no image library: not SVG, at most 5 MB."""
    name = str(getattr(file, "name", "")).lower()
    if name.endswith((".svg", ".svgz")):
        raise ValidationError(
            "SVG files are not accepted, because they can carry scripts. Export the chart as "
            "PNG (for charts and diagrams) or JPEG (for photographs) and upload that."
        )
    if file.size > MAX_BYTES:
        raise ValidationError(
            f"The image is {file.size / 1024 / 1024:.1f} MB; the most a figure may be is 5 MB. "
            "Save it at a smaller size or as a JPEG, then upload it again."
        )


def validate_figure_image(file) -> None:
    """PNG or JPEG that Pillow can read, at most 5 MB and 40 megapixels."""
    if getattr(file, "_committed", False):
        return  # already stored, checked when it was uploaded
    check_name_and_size(file)
    try:
        file.seek(0)
        with Image.open(file) as image:
            kind, (width, height) = image.format, image.size
            image.verify()
    except Exception:
        raise ValidationError(
            "This file could not be read as an image. Upload a PNG or JPEG file."
        ) from None
    finally:
        file.seek(0)
    if kind not in FORMATS:
        raise ValidationError(f"This is a {kind} image: upload a PNG or JPEG file instead.")
    if width * height > MAX_PIXELS:
        raise ValidationError("The image has too many pixels: resize it to under 40 megapixels.")


def figure_upload_to(figure: "Figure", filename: str) -> str:
    # A folder of its own: two reviews may each have a "jobs-chart", and S3 overwrites names.
    suffix = ".jpg" if PurePosixPath(filename).suffix.lower() in (".jpg", ".jpeg") else ".png"
    return f"figures/{uuid4().hex[:16]}/{figure.key or 'figure'}{suffix}"


class Figure(models.Model):
    """An image in a review or an output, with the words that make it accessible."""

    review = models.ForeignKey(
        EvidenceReview,
        verbose_name=_("review"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="figures",
    )
    output = models.ForeignKey(
        Output,
        verbose_name=_("output"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="figures",
    )
    key = models.SlugField(
        _("short name"),
        max_length=50,
        help_text=_(
            "Insert the figure by writing [[figure:short-name]] on a line of its own in the "
            "text, e.g. [[figure:jobs-chart]]."
        ),
    )
    image = models.ImageField(
        _("image"),
        upload_to=figure_upload_to,
        width_field="width",
        height_field="height",
        validators=[validate_figure_image],
        help_text=_(
            "PNG (charts, diagrams) or JPEG (photographs), at most 5 MB. SVG is not accepted."
        ),
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    alt_text = models.CharField(
        _("alt text"),
        max_length=500,
        help_text=_(
            "What the image shows, for people who cannot see it: the finding, not the "
            "chart type, e.g. 'Employment in Preston rose from 70% to 74% between 2013 and 2019'."
        ),
    )
    caption = models.CharField(
        _("caption"),
        max_length=500,
        help_text=_("Shown under the figure, with its source, e.g. 'Source: ONS'."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Figures are numbered in order.")
    )

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(review__isnull=False, output__isnull=True)
                | models.Q(review__isnull=True, output__isnull=False),
                name="figure_belongs_to_a_review_or_an_output",
            ),
            models.UniqueConstraint(fields=["review", "key"], name="figure_key_unique_in_review"),
            models.UniqueConstraint(fields=["output", "key"], name="figure_key_unique_in_output"),
        ]

    def __str__(self) -> str:
        return f"Figure “{self.key}”"

    def get_absolute_url(self) -> str:
        return reverse("figure-image", args=[self.pk, PurePosixPath(self.image.name).name])

    @property
    def parent(self):
        return self.review or self.output
