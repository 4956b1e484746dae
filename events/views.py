"""The calendar files' addresses: `<event>/event.ics` and `<events>/calendar.ics`.

Wagtail serves page addresses that end with a slash and hold no dot, so these addresses are
matched here and handed to Wagtail's own view as the page's route (`event.ics/`,
`calendar.ics/`): routing, view restrictions, languages and Cache-Control stay Wagtail's.
"""

from wagtail import views as wagtail_views


def calendar_file(request, page_path, name):
    return wagtail_views.serve(request, f"{page_path}{name}.ics/")
