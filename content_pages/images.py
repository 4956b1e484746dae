"""Images read together with their renditions, so a page costs no query per image.

Wagtail looks a rendition up in the image's `prefetched_renditions` when the image has them
(`AbstractImage.find_existing_renditions`), and adds the renditions it makes to them; without
them, each image reads its renditions with a query of its own when the cache is cold.
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from wagtail.images import get_image_model


def image_id(value):
    """The image id `value` stands for (as stored: a number, maybe as text), or None."""
    try:
        return get_image_model()._meta.pk.to_python(value)
    except (TypeError, ValidationError):
        return None


def images_with_renditions(values):
    """The images of the ids in `values`, by id, each holding every rendition made of it.

    One query reads the renditions with their images; a second, only when an image has no
    rendition yet, reads those images.
    """
    image_model = get_image_model()
    rendition_model = image_model.get_rendition_model()
    ids = {image_id(value) for value in values} - {None}
    if not ids:
        return {}
    images, renditions_of = {}, defaultdict(list)
    for rendition in rendition_model.objects.filter(image_id__in=ids).select_related("image"):
        image = images.setdefault(rendition.image_id, rendition.image)
        rendition.image = image
        renditions_of[image.pk].append(rendition)
    for pk, image in images.items():
        image.prefetched_renditions = renditions_of[pk]
    if missing := ids - images.keys():
        for image in image_model.objects.filter(pk__in=missing):
            image.prefetched_renditions = []
            images[image.pk] = image
    return images
