"""A page's reader-facing text, its reading grades and reading age.

Two measures, both US school grades: Flesch–Kincaid (stored with each revision) and SMOG, the
measure the NHS checks health information with. A reading age is a grade plus five (a child
starts grade 1 at six). The NHS aims for a reading age of 9 to 11, as the Patient Information
Forum (PIF) recommends; the guide's target is the top of that range, judged by SMOG where the
text is long enough for it (three sentences), else by Flesch–Kincaid.

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

# A US school grade plus five is a reading age in years.
READING_AGE_OFFSET = 5
# The NHS's aim, as PIF recommends: a reading age of 9 to 11.
NHS_READING_AGES = (9, 11)
TARGET_READING_AGE = NHS_READING_AGES[1]
TARGET_GRADE = TARGET_READING_AGE - READING_AGE_OFFSET
# textstat gives no SMOG grade for fewer sentences.
SMOG_MIN_SENTENCES = 3

_BLOCK_TAG = re.compile(r"</?(?:p|h[1-6]|li|ul|ol|div|blockquote|br|hr|tr|td|th)\b[^>]*>", re.I)
_SENTENCE_END = (".", "!", "?", ":", ";", "…")


def reading_age(grade):
    """The reading age in years of a US school grade, or None."""
    return None if grade is None else grade + READING_AGE_OFFSET


@dataclass(frozen=True)
class ReadingCheck:
    """The plain-language check of a text: its Flesch–Kincaid grade (None without words), its
    SMOG grade (None for fewer than three sentences) and its word count."""

    grade: Decimal | None
    words: int
    smog: Decimal | None = None

    @property
    def target(self):
        return TARGET_GRADE

    @property
    def reading_age(self):
        return reading_age(self.grade)

    @property
    def smog_reading_age(self):
        return reading_age(self.smog)

    @property
    def judged_by_smog(self):
        return self.smog is not None

    @property
    def within_target(self):
        grade = self.smog if self.judged_by_smog else self.grade
        return grade is not None and grade <= TARGET_GRADE


def _grade(value):
    return max(Decimal("0"), Decimal(str(value))).quantize(Decimal("0.1"))


def check_text(text):
    """The reading grades of `text`, to one decimal place (never below 0)."""
    words = textstat.lexicon_count(text)
    if not words:
        return ReadingCheck(grade=None, words=0)
    smog = None
    if textstat.sentence_count(text) >= SMOG_MIN_SENTENCES:
        smog = _grade(textstat.smog_index(text))
    return ReadingCheck(grade=_grade(textstat.flesch_kincaid_grade(text)), words=words, smog=smog)


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
