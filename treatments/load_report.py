"""What a load from the seed did, as the lines `load_treatment_guide` prints: one report for
the guide's pages and the glossary's terms."""

from dataclasses import dataclass, field


@dataclass
class LoadReport:
    """What a loader did with the seed's `things`: created, found as loaded, skipped because
    an editor changed them (with the reason), or missing and not recreated."""

    things: str = "pages"
    # Why a missing item is not recreated.
    not_recreated: str = "removed or renamed since loading; pages are only created with a new guide"
    # Lists each created item by name, one line each.
    list_created: bool = True
    # Something created besides the items ("the glossary page"), said with their count.
    also_created: str = ""
    # The default Site's address, once the guide's loader has set it.
    site_url: str = ""
    created: list = field(default_factory=list)
    existing: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    missing: list = field(default_factory=list)
    drafted: list = field(default_factory=list)

    def lines(self):
        also = f" and {self.also_created}" if self.also_created else ""
        yield f"Created {len(self.created)} {self.things}{also}."
        if self.site_url:
            yield f"The default site is {self.site_url}"
        if self.list_created:
            for title in self.created:
                yield f"  created: {title}"
        if self.existing:
            yield f"{len(self.existing)} {self.things} were already loaded and left as they are."
        for title, reason in self.skipped:
            yield f"  skipped: {title} ({reason})"
        for title in self.missing:
            yield f"  not recreated: {title} ({self.not_recreated})"
        for title in self.drafted:
            yield (
                f"  draft saved: {title} (its live text differs from the seed; an editor "
                "submits the draft for medical review)"
            )
