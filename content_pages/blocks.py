"""Media and text blocks for the site's pages: images, videos, documents, callouts, quotes.

Other apps reuse them (a treatment page's video, a news item's image). Each renders with its
own template under `content_pages/blocks/`.
"""

import copy
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from content_pages.images import image_id, images_with_renditions

# Prose inside a block: emphasis, links and lists; headings are blocks of their own.
TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
CALLOUT_FEATURES = ["bold", "italic", "link", "ul"]


class RenditionImageChooserBlock(ImageChooserBlock):
    """An image chooser whose images arrive with their renditions: all the images of a body
    and their renditions in one query (content_pages.images)."""

    def bulk_to_python(self, values):
        images = images_with_renditions(values)
        result, seen = [], set()
        for value in values:
            image = images.get(image_id(value))
            if image is not None and image.pk in seen:
                # Each block gets an image object of its own, as Wagtail's chooser gives.
                image = copy.copy(image)
            result.append(image)
            if image is not None:
                seen.add(image.pk)
        return result


class ImageBlock(blocks.StructBlock):
    """An image with the words that stand in for it, and an optional caption and credit."""

    image = RenditionImageChooserBlock()
    alt_text = blocks.CharBlock(
        label="Alt text",
        max_length=250,
        help_text=(
            "What the image shows, for readers who cannot see it (read aloud by screen "
            "readers). Say what matters on this page; do not start with “Image of”."
        ),
    )
    caption = blocks.CharBlock(required=False, max_length=250)
    credit = blocks.CharBlock(
        required=False, max_length=120, help_text="Who made the image, as its licence asks."
    )

    class Meta:
        icon = "image"
        template = "content_pages/blocks/image_block.html"


@dataclass(frozen=True)
class VideoSource:
    """Where a video is watched, and the privacy-friendly player address that plays it."""

    provider: str
    watch_url: str
    embed_url: str


_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com"}
_YOUTUBE_HOSTS |= {"www.youtube-nocookie.com"}
_VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}


def _youtube_id(host, path, query):
    if host == "youtu.be":
        candidate = path.strip("/")
    elif host in _YOUTUBE_HOSTS:
        if path == "/watch":
            candidate = parse_qs(query).get("v", [""])[0]
        else:
            parts = path.strip("/").split("/")
            candidate = parts[1] if len(parts) == 2 and parts[0] in ("embed", "shorts") else ""
    else:
        return None
    return candidate if _YOUTUBE_ID.fullmatch(candidate) else None


def _vimeo_id(host, path):
    if host not in _VIMEO_HOSTS:
        return None
    parts = path.strip("/").split("/")
    if host == "player.vimeo.com" and len(parts) == 2 and parts[0] == "video":
        parts = parts[1:]
    return parts[0] if len(parts) == 1 and parts[0].isdigit() else None


def video_source(url):
    """The YouTube or Vimeo video at `url`, or None for any other address."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    if (video_id := _youtube_id(host, parts.path, parts.query)) is not None:
        return VideoSource(
            "YouTube",
            f"https://www.youtube.com/watch?v={video_id}",
            # The no-cookie domain sets no cookie until the video is played.
            f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1",
        )
    if (video_id := _vimeo_id(host, parts.path)) is not None:
        return VideoSource(
            "Vimeo",
            f"https://vimeo.com/{video_id}",
            f"https://player.vimeo.com/video/{video_id}?dnt=1&autoplay=1",
        )
    return None


class VideoValue(blocks.StructValue):
    @property
    def source(self):
        return video_source(self.get("url"))


class VideoBlock(blocks.StructBlock):
    """A YouTube or Vimeo video behind a click-to-play button, with its transcript.

    Nothing loads from the video's host until the reader asks for it
    (`static/js/video-facade.js`); without JavaScript the button is a link to the video.
    """

    url = blocks.URLBlock(
        label="Video address",
        help_text="The video's address on YouTube or Vimeo.",
    )
    caption = blocks.CharBlock(
        max_length=200, help_text="What the video is about; the play button says it."
    )
    transcript = blocks.TextBlock(
        required=False,
        help_text="Everything said and shown in the video, for readers who cannot watch it.",
    )

    class Meta:
        icon = "media"
        template = "content_pages/blocks/video_block.html"
        value_class = VideoValue

    def clean(self, value):
        result = super().clean(value)
        if video_source(result.get("url")) is None:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        "Give the address of a video on YouTube or Vimeo, "
                        "e.g. https://www.youtube.com/watch?v=…"
                    )
                }
            )
        return result


def file_size_label(size):
    """A file's size as a reader reads it: "240 KB", "1.5 MB" (in the reader's number format)."""
    if size is None:
        return ""
    if size < 1024 * 1024:
        return _("%(size)s KB") % {"size": number_format(max(1, round(size / 1024)))}
    return _("%(size)s MB") % {"size": number_format(round(size / (1024 * 1024), 1), 1)}


class DocumentBlock(blocks.StructBlock):
    """A link to download a document, with its file type and size beside it."""

    document = DocumentChooserBlock()
    label = blocks.CharBlock(
        max_length=200, help_text="What the link says, e.g. “Download the diagnosis checklist”."
    )

    class Meta:
        icon = "doc-full"
        template = "content_pages/blocks/document_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        document = value.get("document")
        if document is not None:
            context["file_type"] = document.file_extension.upper()
            context["file_size"] = file_size_label(document.get_file_size())
        return context


class HeadingBlock(blocks.StructBlock):
    """A section heading, at the second or third level (the page's title is the first)."""

    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section (h2)"), ("h3", "Subsection (h3)")], default="h2"
    )

    class Meta:
        icon = "title"
        template = "content_pages/blocks/heading_block.html"


class CalloutBlock(blocks.StructBlock):
    """A short highlighted note a reader should not miss."""

    heading = blocks.CharBlock(required=False, max_length=80)
    text = blocks.RichTextBlock(features=CALLOUT_FEATURES)

    class Meta:
        icon = "pick"
        template = "content_pages/blocks/callout_block.html"


class QuoteBlock(blocks.StructBlock):
    """Words someone said or wrote, with who said them."""

    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "content_pages/blocks/quote_block.html"


class ContentBodyBlock(blocks.StreamBlock):
    """The body of a content page."""

    text = blocks.RichTextBlock(
        features=TEXT_FEATURES, template="content_pages/blocks/text_block.html"
    )
    heading = HeadingBlock()
    image = ImageBlock()
    video = VideoBlock()
    callout = CalloutBlock()
    document = DocumentBlock()
    quote = QuoteBlock()


class SingleVideoBlock(blocks.StreamBlock):
    """At most one video (a treatment page's)."""

    video = VideoBlock()

    class Meta:
        max_num = 1
