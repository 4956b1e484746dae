"""Compiles the site's interface translations (locale/*/LC_MESSAGES/*.po) to the .mo files
Django reads, with polib (pure Python: no gettext tools needed). The .mo files are built, not
kept in the repository."""

from pathlib import Path

import polib
from django.conf import settings


def compile_catalogues(only_stale=False):
    """Writes each catalogue's .mo beside it (with `only_stale`, only where it is missing or
    older than the .po); the paths written."""
    written = []
    for root in settings.LOCALE_PATHS:
        for po_path in sorted(Path(root).glob("*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            fresh = mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime
            if only_stale and fresh:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            written.append(mo_path)
    return written
