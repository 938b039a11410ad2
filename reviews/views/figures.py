"""Figure images, served through the site so they follow the publishing rule and stay 'self'.

The image of a draft review's figure is seen only by staff who may preview the review; a
published one is cached by browsers and any CDN for a day. The files live in MEDIA_ROOT locally
and in an S3-compatible store in production; the site streams them either way.
"""

from pathlib import PurePosixPath

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from lpip_hub.publishing import can_preview
from reviews.models import Figure
from reviews.models_figures import FORMATS

CONTENT_TYPES = {".png": FORMATS["PNG"], ".jpg": FORMATS["JPEG"], ".jpeg": FORMATS["JPEG"]}


def figure_image(request, pk: int, name: str):
    figure = get_object_or_404(Figure.objects.select_related("review", "output"), pk=pk)
    parent = figure.parent
    if parent is None or not (parent.is_published or can_preview(request.user, type(parent))):
        raise Http404("No such figure.")
    stored = PurePosixPath(figure.image.name)
    content_type = CONTENT_TYPES.get(stored.suffix.lower())
    if stored.name != name or content_type is None:
        raise Http404("No such figure.")
    try:
        file = figure.image.storage.open(figure.image.name, "rb")
    except OSError:
        raise Http404("The figure's image is missing.") from None
    response = FileResponse(file, content_type=content_type)
    response["Cache-Control"] = (
        "public, max-age=86400" if parent.is_published else "private, no-store"
    )
    return response
