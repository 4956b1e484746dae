"""`manage.py backup_site` / `restore_site` (`make backup` / `make restore`): a backup restored
into an empty database gives the same site.

Runs on the database kind of the test run: SQLite files, or, when DATABASE_URL names a
PostgreSQL server (CI's second pass), two fresh databases on that server.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from operations.backups import BackupError, pg_tool

# One worker runs both tests under pytest-xdist, so the site is prepared and backed up once.
pytestmark = pytest.mark.xdist_group("backup")

ROOT = Path(__file__).resolve().parent.parent

SITE_SNAPSHOT = """
from wagtail.models import Page, Revision
from treatments.models import TreatmentPage
pages = [(p.url_path, p.title, p.live) for p in Page.objects.order_by("path")]
print(len(pages), Revision.objects.count(), TreatmentPage.objects.live().count())
for page in pages: print(*page)
"""


def postgres_url():
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def new_databases(tmp_path, *kinds):
    """A new empty database URL per kind, on the test run's database server (or SQLite files);
    returns them and a function that drops them."""
    server = postgres_url()
    if server is None:
        return [f"sqlite:///{tmp_path / f'{kind}.sqlite3'}" for kind in kinds], lambda: None
    parts = urlsplit(server)
    names = [f"backup_{kind}_{secrets.token_hex(4)}" for kind in kinds]
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        for name in names:
            conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin, autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return [urlunsplit(parts._replace(path=f"/{name}")) for name in names], drop


@pytest.fixture(scope="module")
def backed_up(tmp_path_factory):
    """A site with the guide loaded and an uploaded file, and a backup of it (a running site's
    database, its media, the archive and what the site shows), made once for this module."""
    folder = tmp_path_factory.mktemp("backup")
    [source], drop = new_databases(folder, "source")
    media = folder / "media"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "leaflet.txt").write_text("A leaflet an editor uploaded.")
    run(source, media, "manage.py", "migrate", "--noinput", "-v0")
    run(source, media, "manage.py", "load_treatment_guide")
    shown = run(source, media, "manage.py", "shell", "--no-imports", "-c", SITE_SNAPSHOT)
    archive = run(source, media, "manage.py", "backup_site", "--output", str(folder))
    yield source, archive.strip().splitlines()[-1], shown
    drop()


def production_env(database_url, **extra):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sps_foundation.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": database_url,
        **extra,
    }


def manage(env, *args):
    env = {k: v for k, v in env.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def run(database_url, media_root, *args):
    result = manage(production_env(database_url, MEDIA_ROOT=str(media_root)), *args)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_backup_restored_into_an_empty_database_gives_the_same_pages_and_media(backed_up, tmp_path):
    _, archive, before = backed_up
    assert Path(archive).is_file()
    [empty], drop = new_databases(tmp_path, "empty")
    restored_media = tmp_path / "restored-media"
    try:
        restored = run(empty, restored_media, "manage.py", "restore_site", archive)
        after = run(
            empty, restored_media, "manage.py", "shell", "--no-imports", "-c", SITE_SNAPSHOT
        )
    finally:
        drop()

    assert f"Restored {archive} into " in restored
    assert after == before
    pages, _, treatments = before.splitlines()[0].split()
    assert int(pages) >= 30 and int(treatments) >= 20
    assert (restored_media / "documents" / "leaflet.txt").read_text() == (
        "A leaflet an editor uploaded."
    )


def test_restore_refuses_to_overwrite_a_database_with_content(backed_up):
    source, archive, _ = backed_up

    result = manage(production_env(source), "manage.py", "restore_site", archive)

    assert result.returncode != 0
    assert "restore into an empty database" in result.stderr


def test_a_missing_postgresql_client_is_named_not_installed(tmp_path):
    with pytest.raises(BackupError, match=r"pg_dump is not installed.*postgresql-client"):
        pg_tool("pg_dump", directories=[tmp_path])
