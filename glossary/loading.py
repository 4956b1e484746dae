"""Loads the glossary from the seed: the terms it explains and the glossary page of the guide.

Idempotent, as the guide's loader is: a term that exists is never overwritten (one an editor
has changed is reported as skipped), and terms and the page are created, and published as the
seed's content, only with a new glossary (one without its page yet). In a running glossary a
missing term was removed by an editor, and is reported rather than recreated.
"""

from django.db import transaction
from wagtail.models import Locale

from glossary import content
from glossary.models import GlossaryPage, GlossaryTerm
from medical_review.gate import seed_publication
from treatments.load_report import LoadReport
from treatments.loading import SEED_PATH, Seed, SeedMismatch
from treatments.models import TreatmentGuidePage

GLOSSARY_TITLE = "Glossary"
GLOSSARY_SLUG = "glossary"


def _words(text):
    return " ".join(text.split())


class GlossaryLoader:
    def __init__(self, seed_text=None):
        seed_text = seed_text if seed_text is not None else SEED_PATH.read_text(encoding="utf-8")
        self.seed = Seed(seed_text)
        self._exact = _words(seed_text)
        self.report = LoadReport(
            things="glossary terms",
            not_recreated="removed since loading; terms are only created with a new glossary",
            list_created=False,
        )

    def quote(self, text):
        """`text` as the seed says it, word for word and letter case included."""
        text = _words(text)
        if text not in self._exact:
            raise SeedMismatch(f"The seed does not say, word for word: {text!r}")
        return text

    def checked(self, entry):
        """The term's fields, each checked against the seed."""
        for form in filter(None, [entry.term, *entry.other_forms.split(",")]):
            # The term as the seed writes it; heading an entry, it may start with a capital.
            if not self.seed.exact.heads_an_entry(form.strip()):
                raise SeedMismatch(f"The seed does not say: {form.strip()!r}")
        return {
            "term": entry.term,
            "slug": entry.slug,
            "expansion": self.quote(entry.expansion) if entry.expansion else "",
            "other_forms": entry.other_forms,
            "definition": self.quote(entry.definition),
        }

    @transaction.atomic
    def load(self):
        terms = [self.checked(entry) for entry in content.TERMS]
        locale = Locale.get_default()
        guide = TreatmentGuidePage.objects.filter(locale=locale).first()
        if guide is None:
            return self.report
        page = GlossaryPage.objects.filter(locale=locale).first()
        creating = page is None
        for fields in terms:
            self._term(fields, locale, creating)
        if creating:
            page = guide.add_child(instance=GlossaryPage(title=GLOSSARY_TITLE, slug=GLOSSARY_SLUG))
            page.save_revision().publish()
            self.report.also_created = "the glossary page"
        return self.report

    def _term(self, fields, locale, creating):
        existing = GlossaryTerm.objects.filter(slug=fields["slug"], locale=locale).first()
        if existing is not None:
            revision = existing.latest_revision
            if revision is not None and revision.user_id is not None:
                editor = revision.user.get_username()
                self.report.skipped.append((existing.term, f"edited by {editor} since loading"))
            else:
                self.report.existing.append(existing.term)
            return
        if not creating:
            self.report.missing.append(fields["term"])
            return
        term = GlossaryTerm(locale=locale, **fields)
        term.save()
        term.save_revision().publish()
        self.report.created.append(term.term)


def load_glossary():
    """Loads the seed; what it first publishes is the seed, not yet reviewed."""
    with seed_publication():
        return GlossaryLoader().load()
