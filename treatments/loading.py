"""Builds the guide's page tree from the seed text shipped in `treatments/content/`.

Idempotent: pages are found by slug under their parent; a page that exists is never
overwritten, and one that an editor has changed since loading is reported as skipped.
Pages are only created with a new guide; in a running guide, missing ones are reported.
A fresh load publishes the seed as transcribed (the seed needs no review to be the starting
text). In a running guide, a page the loader made whose text differs from the transcription
gets the transcription as a new draft revision, never published: an editor submits it and a
medical advisor reviews it like any change.
"""

import html
import re
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.dispatch import Signal
from wagtail.models import Locale, Page, Site

from medical_review.gate import seed_publication
from treatments.content import guide as content
from treatments.exactness import LOADER_WORDS, SeedText
from treatments.load_report import LoadReport
from treatments.models import (
    AdministrationRoute,
    CategorySource,
    Disclaimer,
    GuidePerson,
    GuideSource,
    HomePage,
    Person,
    TherapyCategoryPage,
    TreatmentBrandName,
    TreatmentGuidePage,
    TreatmentPage,
    TreatmentSource,
)

SEED_PATH = Path(__file__).parent / "content" / "treatments-for-sps.txt"


class SeedMismatch(Exception):
    """The transcription quotes something the seed text does not say."""


def site_address(url):
    """The (hostname, port) of a Wagtail Site for a base URL such as `https://guide.example.org`.

    Wagtail's Site writes its URLs as https for port 443 and as http for every other port.
    """
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = -1
    scheme_port = {"http": 80, "https": 443}.get(parts.scheme)
    if (
        scheme_port is None
        or not parts.hostname
        or port == -1
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
    ):
        raise ImproperlyConfigured(
            f"SITE_URL must be the site's base URL, such as https://guide.example.org or "
            f"http://127.0.0.1:8000, not {url!r}."
        )
    port = port or scheme_port
    if (parts.scheme == "https") != (port == 443):
        raise ImproperlyConfigured(
            f"SITE_URL {url!r} cannot be a Wagtail Site: it serves https on port 443 only, "
            "and http on any other port."
        )
    return parts.hostname, port


def _normalise(text):
    return re.sub(r"\s+", " ", text).strip()


def sentences(text):
    """The sentences of a seed text, split after a full stop, question or exclamation mark."""
    return [part for part in re.split(r"(?<=[.!?])\s+", _normalise(text)) if part]


class Seed:
    """The seed text as paragraphs, with checked look-ups by quotation or opening words."""

    def __init__(self, text):
        self.paragraphs = [_normalise(line) for line in text.splitlines() if line.strip()]
        self.exact = SeedText(text)

    @classmethod
    def from_file(cls, path=SEED_PATH):
        return cls(Path(path).read_text(encoding="utf-8"))

    def quote(self, quote):
        """The quotation, if the seed says it as written (case for case, whole words)."""
        text = _normalise(quote.text)
        if not self.exact.says(text):
            raise SeedMismatch(f"The seed does not say: {text!r}")
        return text

    def name(self, text):
        """A title or name: a quotation, or one of the named capitalised names."""
        text = _normalise(text)
        if not (self.exact.names(text) or text in LOADER_WORDS):
            raise SeedMismatch(f"The seed does not name: {text!r}")
        return text

    def section(self, heading, headings):
        """The paragraphs after the paragraph `heading`, up to the next of `headings`."""
        start = self.paragraphs.index(heading) + 1
        end = next(
            (i for i in range(start, len(self.paragraphs)) if self.paragraphs[i] in headings),
            len(self.paragraphs),
        )
        return self.paragraphs[start:end]

    def paragraph(self, para):
        found = [p for p in self.paragraphs if p.startswith(para.opening)]
        if len(found) != 1:
            raise SeedMismatch(f"Expected one seed paragraph opening {para.opening!r}")
        text = found[0]
        if para.after:
            text = text[len(para.opening) :].strip()
        if para.italic:
            text = text.strip("*")
        return text

    def text(self, item):
        if item is None:
            return ""
        if isinstance(item, content.Quote):
            return self.quote(item)
        return self.paragraph(item)

    def rich_text(self, items, placed_elsewhere=()):
        """Paragraphs as rich text, less the sentences of `placed_elsewhere` (the facts)."""
        elsewhere = {sentence for text in placed_elsewhere for sentence in sentences(text)}
        parts = []
        for item in items:
            if isinstance(item, content.Heading):
                parts.append(f"<h2>{html.escape(self.quote(content.Quote(item.text)))}</h2>")
                continue
            kept = [s for s in sentences(self.text(item)) if s not in elsewhere]
            for sentence in kept:
                for text in placed_elsewhere:
                    if _normalise(text) in sentence:
                        raise SeedMismatch(
                            f"{text!r} quotes part of a sentence: a fact quotes whole "
                            "sentences, so that each sentence lands in one place"
                        )
            if not kept:
                continue
            paragraph = html.escape(" ".join(kept))
            if isinstance(item, content.Para) and item.italic:
                paragraph = f"<i>{paragraph}</i>"
            parts.append(f"<p>{paragraph}</p>")
        return "".join(parts)

    def after_opening(self, opening):
        return self.paragraph(content.Para(opening, after=True))


# A caution that says "these medications" is scoped to medications by the seed's own words.
THESE_MEDICATIONS = re.compile(r"\b[Tt]hese medications\b")


def _stream(value):
    """A StreamField's blocks as (type, stored value), without the blocks' ids."""
    return [(block.block_type, block.block.get_prep_value(block.value)) for block in value]


# The fields the loader writes on each page type, compared with a running guide's pages.
LOADED_FIELDS = {
    "TreatmentGuidePage": ("title", "subtitle", "intro"),
    "TherapyCategoryPage": ("title", "intro", "approach", "line_of_therapy"),
    "TreatmentPage": (
        "title",
        "kind",
        "generic_name",
        "also_known_as",
        "drug_class",
        "administration",
        "targets",
        "regimen",
        "cautions",
    ),
}
STREAM_FIELDS = {"TreatmentGuidePage": ("cautions",), "TherapyCategoryPage": ("cautions",)}


SOURCE_FIELDS = ("title", "publisher", "url", "identifier", "published_on", "checked_on")


def _sources(page):
    return [tuple(getattr(source, name) for name in SOURCE_FIELDS) for source in page.sources.all()]


def _loaded_content(page):
    """What the loader sets on a page, comparable between the seed and a revision."""
    name = type(page).__name__
    content_ = {field: getattr(page, field) for field in LOADED_FIELDS[name]}
    content_["sources"] = _sources(page)
    for field_name in STREAM_FIELDS.get(name, ()):
        content_[field_name] = _stream(getattr(page, field_name))
    if isinstance(page, TreatmentPage):
        content_["body"] = _stream(page.body)
        content_["brand_names"] = [brand.name for brand in page.brand_names.all()]
        content_["routes"] = sorted(route.slug for route in page.routes.all())
    return content_


class GuideLoader:
    def __init__(self, seed=None):
        self.seed = seed or Seed.from_file()
        self.report = LoadReport()
        self.creating = True
        self.routes = {}
        self.headings = self._headings()

    @transaction.atomic
    def load(self):
        self.routes = self._load_routes()
        home = self._home_page()
        # Pages are created, and published, only with a new guide. In a running guide a
        # missing page was removed or renamed by an editor: recreating it would publish
        # content that no medical advisor approved.
        self.creating = not TreatmentGuidePage.objects.child_of(home).exists()
        guide_section = self.seed.section(
            self.seed.name(content.GUIDE_SUBTITLE), self.headings - self._intro_headings()
        )
        guide = self._page(
            home,
            TreatmentGuidePage(
                title=self.seed.name(content.GUIDE_TITLE),
                slug="treatments",
                subtitle=self.seed.name(content.GUIDE_SUBTITLE),
                intro=self.seed.rich_text(
                    content.GUIDE_INTRO, placed_elsewhere=self._texts(content.GUIDE_CAUTIONS)
                ),
                cautions=self._cautions(content.GUIDE_CAUTIONS, guide_section),
                people=self._guide_people(),
                sources=self._seed_source(GuideSource),
            ),
        )
        for category in content.CATEGORIES:
            self._category(guide, category)
        self._disclaimer()
        return self.report

    def _headings(self):
        """The seed's headings the transcription uses: the categories' and the intro's."""
        titles = set()

        def walk(items):
            for item in items:
                titles.add(item.title)
                if isinstance(item, content.Category):
                    walk(item.children)

        walk(content.CATEGORIES)
        return titles | self._intro_headings()

    @staticmethod
    def _intro_headings():
        return {item.text for item in content.GUIDE_INTRO if isinstance(item, content.Heading)}

    def _load_routes(self):
        """The seed's routes in the default locale; a missing one is created and published as
        the seed's text. A route the loader made whose name differs from the seed gets the
        seed's name as a draft for review; a route an editor has changed is left as it is."""
        locale = Locale.get_default()
        routes = {}
        for order, (name, slug) in enumerate(content.ROUTES):
            name = self.seed.name(name)
            route, created = AdministrationRoute.objects.get_or_create(
                slug=slug, locale=locale, defaults={"name": name, "sort_order": order}
            )
            if created:
                route.save_revision().publish()
            else:
                latest = route.latest_revision
                if latest is not None and latest.user_id is None:
                    current = latest.as_object()
                    if current.name != name:
                        current.name = name
                        current.save_revision()
                        self.report.drafted.append(f"route {name}")
            routes[slug] = route
        return routes

    def _texts(self, cautions):
        """The texts of cautions, left out of the introduction of the page that says them."""
        return [self.seed.text(caution.text) for caution in cautions]

    def _cautions(self, cautions, section):
        """The `cautions` stream of a page, each caution checked against where the seed says
        it (`section`, the paragraphs of the page's part of the seed) and what it scopes."""
        stream = []
        for caution in cautions:
            text = self.seed.text(caution.text)
            if isinstance(caution.text, content.Para) and caution.text.italic:
                raise SeedMismatch(f"{text!r} is a note of the seed, not a caution")
            if not any(text in paragraph for paragraph in section):
                raise SeedMismatch(f"{text!r} is not in the part of the seed its page covers")
            if THESE_MEDICATIONS.search(text) and caution.applies_to != "medication":
                raise SeedMismatch(f"{text!r} speaks of medications: it applies to them only")
            stream.append(
                (
                    "caution",
                    {
                        "text": text,
                        "anchor": caution.anchor,
                        "said_on": None,
                        "applies_to": caution.applies_to,
                    },
                )
            )
        return stream

    def _home_page(self):
        site = Site.objects.filter(is_default_site=True).first()
        # The guide is loaded in English (the default locale); a Spanish tree beside it is
        # translators' work and is left alone.
        home = HomePage.objects.filter(locale=Locale.get_default()).first()
        if home is None:
            root = Page.get_first_root_node()
            # Wagtail's migrations leave a plain "Welcome" page as the default site root.
            placeholder = Page.objects.filter(depth=2, slug="home", content_type__model="page")
            for page in placeholder:
                page.delete()
            title = self.seed.name(LOADER_WORDS[0])
            home = root.add_child(instance=HomePage(title=title, slug="home"))
            home.save_revision().publish()
            self.report.created.append(home.title)
        if site is None:
            site = Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.save()
        self._site_address(site)
        return home

    def _site_address(self, site):
        """Gives the default Site the public address from the settings (SITE_URL)."""
        if not settings.SPS_SITE_URL:
            return
        hostname, port = site_address(settings.SPS_SITE_URL)
        if (site.hostname, site.port) != (hostname, port):
            if Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
                raise ImproperlyConfigured(
                    f"SITE_URL {settings.SPS_SITE_URL!r} is another Site's address already "
                    "(Settings → Sites)."
                )
            site.hostname, site.port = hostname, port
            site.save(update_fields=["hostname", "port"])
        self.report.site_url = site.root_url

    def _page(self, parent, page):
        existing = parent.get_children().filter(slug=page.slug).first() if parent else None
        if existing is None and not self.creating:
            self.report.missing.append(page.title)
            return None
        if existing is not None:
            existing = existing.specific
            editor = self._edited_by(existing)
            if editor:
                self.report.skipped.append((existing.title, f"edited by {editor} since loading"))
            elif not self._draft_if_changed(existing, page):
                self.report.existing.append(existing.title)
            return existing
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.report.created.append(page.title)
        return page

    def _draft_if_changed(self, existing, page):
        """Saves the seed's text as a draft revision of a page the loader made, when its
        latest text differs (the live page keeps its text until a review publishes it)."""
        latest = existing.get_latest_revision_as_object()
        if _loaded_content(latest) == _loaded_content(page):
            return False
        for name in LOADED_FIELDS[type(page).__name__]:
            setattr(latest, name, getattr(page, name))
        for name in STREAM_FIELDS.get(type(page).__name__, ()):
            setattr(latest, name, getattr(page, name))
        latest.sources = [
            type(source)(**{name: getattr(source, name) for name in SOURCE_FIELDS})
            for source in page.sources.all()
        ]
        if isinstance(page, TreatmentPage):
            latest.body = page.body
            latest.brand_names = [TreatmentBrandName(name=b.name) for b in page.brand_names.all()]
            latest.routes = list(page.routes.all())
        latest.save_revision()
        self.report.drafted.append(page.title)
        return True

    @staticmethod
    def _edited_by(page):
        revision = page.latest_revision
        if revision is not None and revision.user_id is not None:
            return revision.user.get_username()
        return None

    def _category(self, parent, category):
        section = self.seed.section(self.seed.name(category.title), self.headings)
        page = self._page(
            parent,
            TherapyCategoryPage(
                title=self.seed.name(category.title),
                slug=category.slug,
                intro=self.seed.rich_text(
                    category.intro, placed_elsewhere=self._texts(category.cautions)
                ),
                cautions=self._cautions(category.cautions, section),
                approach=category.approach,
                line_of_therapy=category.line_of_therapy,
                sources=self._seed_source(CategorySource),
            ),
        )
        for child in category.children:
            if isinstance(child, content.Category):
                self._category(page, child)
            else:
                self._treatment(page, child)

    def _treatment(self, parent, treatment):
        facts = {
            name: self.seed.text(getattr(treatment, name))
            for name in ("administration", "targets", "regimen", "cautions")
        }
        if facts["cautions"]:
            said = " ".join(self.seed.text(item) for item in treatment.body)
            if facts["cautions"] not in said:
                raise SeedMismatch(f"{treatment.title}: its caution is not in its own text")
        body = []
        # A sentence the facts list shows is left out of the body, so that an edit to one
        # cannot leave the other saying something else.
        text = self.seed.rich_text(
            treatment.body, placed_elsewhere=list(filter(None, facts.values()))
        )
        if text:
            body.append(("text", text))
        if treatment.video:
            body.append(
                (
                    "video",
                    {
                        "title": self.seed.quote(content.Quote(treatment.video["title"])),
                        "caption": self.seed.text(treatment.video["caption"]),
                        "link": "",
                    },
                )
            )
        names = [name.strip() for name in treatment.also_known_as.split(",") if name.strip()]
        page = TreatmentPage(
            title=self.seed.name(treatment.title),
            slug=treatment.slug,
            kind=treatment.kind,
            generic_name=self.seed.name(treatment.generic_name) if treatment.generic_name else "",
            also_known_as=", ".join(self.seed.name(name) for name in names),
            drug_class=self.seed.text(treatment.drug_class),
            **facts,
            body=body,
            brand_names=[
                TreatmentBrandName(name=self.seed.name(name)) for name in treatment.brand_names
            ],
            routes=[self.routes[slug] for slug in treatment.routes],
            sources=self._seed_source(TreatmentSource),
        )
        return self._page(parent, page)

    def _seed_source(self, model):
        """The seed itself, as the one source of a page the loader makes."""
        return [
            model(
                title=self.seed.name(content.SEED_SOURCE_TITLE),
                publisher=self.seed.name(content.SEED_SOURCE_PUBLISHER),
            )
        ]

    def _guide_people(self):
        """The seed's contributors, each as its contributors line names them."""
        contributors_line = self.seed.after_opening(content.CONTRIBUTORS_OPENING)
        people = []
        for name, credentials, role in content.CONTRIBUTORS:
            named = f"{name}, {credentials}" if credentials else name
            if role:
                named += f" and {role}"
            if named not in contributors_line:
                raise SeedMismatch(f"The seed's contributors do not include {named!r}")
            person, created = Person.objects.get_or_create(
                name=name,
                locale=Locale.get_default(),
                defaults={"credentials": credentials, "role": role},
            )
            if created:  # live as the seed names them, as a revision the review starts from
                person.save_revision().publish()
            people.append(GuidePerson(person=person, credit=GuidePerson.CONTRIBUTOR))
        return people

    def _disclaimer(self):
        """The seed's disclaimer in the default locale, created and published as the seed
        text if the site has none; a disclaimer that exists is left as it is."""
        locale = Locale.get_default()
        if not Disclaimer.objects.filter(locale=locale).exists():
            disclaimer = Disclaimer.objects.create(
                text=self.seed.after_opening(content.DISCLAIMER_OPENING), locale=locale
            )
            disclaimer.save_revision().publish()


guide_loaded = Signal()
"""Sent by `manage.py load_treatment_guide` once the guide is loaded. Each receiver loads from the
seed what its app adds to the guide and returns a report whose `lines()` the command prints."""


def load_treatment_guide():
    """Loads the seed; what it first publishes is the seed, not yet reviewed."""
    with seed_publication():
        return GuideLoader().load()
