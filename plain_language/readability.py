"""A page's reader-facing text and its reading grade (Flesch–Kincaid, a US school grade).

A page supplies its text with a `plain_language_text()` method; without one, the text is that
of the page type's own rich text, text and StreamField fields (Wagtail's `Page` fields, such
as the search description, are not shown to readers as prose and are left out).
"""

import re
from dataclasses import dataclass
from decimal import Decimal

import textstat
from django.db import models
from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

# The guide's target, the NHS's own standard: grade 8 or lower (a reading age of 13–14).
TARGET_GRADE = 8

_BLOCK_TAG = re.compile(r"</?(?:p|h[1-6]|li|ul|ol|div|blockquote|br|hr|tr|td|th)\b[^>]*>", re.I)
_SENTENCE_END = (".", "!", "?", ":", ";", "…")


@dataclass(frozen=True)
class ReadingCheck:
    """The plain-language check of a text: its grade (None without words) and word count."""

    grade: Decimal | None
    words: int

    @property
    def target(self):
        return TARGET_GRADE

    @property
    def within_target(self):
        return self.grade is not None and self.grade <= TARGET_GRADE


def check_text(text):
    """The reading grade of `text`, to one decimal place (never below 0)."""
    words = textstat.lexicon_count(text)
    if not words:
        return ReadingCheck(grade=None, words=0)
    grade = max(Decimal("0"), Decimal(str(textstat.flesch_kincaid_grade(text))))
    return ReadingCheck(grade=grade.quantize(Decimal("0.1")), words=words)


def check_page(page):
    """The plain-language check of a page's reader-facing text."""
    return check_text(page_text(page))


def page_text(page):
    """The page's reader-facing text: blocks of prose, each ending as a sentence does."""
    supplied = getattr(page, "plain_language_text", None)
    if callable(supplied):
        return supplied()
    return as_sentences(_field_texts(page))


def as_sentences(texts):
    """Texts (paragraphs, headings, list items) joined as sentences: a heading or list item
    without a full stop would otherwise run into the next, making one overlong sentence.
    """
    sentences = []
    for text in texts:
        text = " ".join(text.split())
        if text:
            sentences.append(text if text.endswith(_SENTENCE_END) else f"{text}.")
    return "\n".join(sentences)


def html_blocks(html):
    """The text of each block (paragraph, heading, list item) of rich text HTML."""
    return [strip_tags(part) for part in _BLOCK_TAG.split(html or "")]


def _field_texts(page):
    texts = []
    for field in page._meta.concrete_fields:
        if field.model is Page or issubclass(Page, field.model):
            continue
        value = field.value_from_object(page)
        if isinstance(field, StreamField):
            texts += stream_texts(field.stream_block, value)
        elif isinstance(field, RichTextField):
            texts += html_blocks(value)
        elif isinstance(field, models.TextField):
            texts.append(value or "")
    return texts


def stream_texts(block, value):
    """The prose of a StreamField value: its rich text, text and character blocks."""
    if value is None:
        return []
    if isinstance(block, blocks.RichTextBlock):
        return html_blocks(getattr(value, "source", value))
    if isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        return [str(value)]
    if isinstance(block, blocks.StructBlock):
        return [
            text
            for name, child in block.child_blocks.items()
            for text in stream_texts(child, value.get(name))
        ]
    if isinstance(block, blocks.ListBlock):
        return [text for item in value for text in stream_texts(block.child_block, item)]
    if isinstance(block, blocks.StreamBlock):
        return [text for child in value for text in stream_texts(child.block, child.value)]
    return []
