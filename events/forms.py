"""The event editor: an event ends after it starts, and takes place somewhere."""

from django.utils.translation import gettext_lazy as _

from treatments.page_forms import GuidePageForm

ENDS_BEFORE_START = _("An event ends after it starts.")
NOWHERE = _("Give the address to join online, a venue, or both.")
VENUE_WITHOUT_ADDRESS = _("Give the venue’s address.")


class EventForm(GuidePageForm):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", ENDS_BEFORE_START)
        venue = (cleaned.get("venue_name") or "").strip()
        if not venue and not cleaned.get("online_url") and "online_url" not in self.errors:
            self.add_error("online_url", NOWHERE)
        if venue and not (cleaned.get("venue_address") or "").strip():
            self.add_error("venue_address", VENUE_WITHOUT_ADDRESS)
        return cleaned
