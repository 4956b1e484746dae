"""Backs up and restores the database and the uploaded media as one archive.

    python scripts/backup.py backup [--output DIR]        -> prints the archive's path
    python scripts/backup.py restore FILE [--force]

The database comes from DATABASE_URL (PostgreSQL: pg_dump's custom format, restored with
pg_restore; SQLite: a consistent copy made by SQLite's online backup). Media come from
MEDIA_ROOT (the settings module's). A restore goes into an empty database only, unless
--force, so a backup is never laid over live content by mistake.
"""

import argparse
import datetime
import glob
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def django_settings():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sps_foundation.settings.dev")
    import django
    from django.conf import settings

    django.setup()
    return settings


def pg_tool(name):
    """The newest Debian PostgreSQL client tool, installed when missing."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found and not shutil.which(name):
        subprocess.run(["apt-get", "update", "-qq"], check=True)  # noqa: S607
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "postgresql-client"],  # noqa: S607
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
        found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def pg_args(db):
    args = ["--host", db["HOST"] or "localhost", "--username", db["USER"] or "postgres"]
    if db["PORT"]:
        args += ["--port", str(db["PORT"])]
    return args


def pg_env(db):
    return {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}


def is_postgres(db):
    return db["ENGINE"] == "django.db.backends.postgresql"


def backup(output_dir):
    settings = django_settings()
    db = settings.DATABASES["default"]
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    archive = output_dir / f"sps-backup-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        if is_postgres(db):
            dump = work / "database.pgdump"
            subprocess.run(  # noqa: S603
                [pg_tool("pg_dump"), *pg_args(db), "--format=custom", "--no-owner", "--no-acl"]
                + ["--file", str(dump), db["NAME"]],
                check=True,
                env=pg_env(db),
            )
        else:
            dump = work / "database.sqlite3"
            source = sqlite3.connect(db["NAME"])
            target = sqlite3.connect(dump)
            source.backup(target)
            source.close()
            target.close()
        manifest = {
            "created": stamp,
            "engine": db["ENGINE"],
            "database": dump.name,
            "media": "media",
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=2))
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(work / "manifest.json", "manifest.json")
            tar.add(dump, dump.name)
            media = Path(settings.MEDIA_ROOT)
            if media.is_dir():
                tar.add(media, "media")
    print(archive)
    return archive


def database_is_empty(db):
    from django.db import connection

    return "wagtailcore_page" not in connection.introspection.table_names()


def restore(archive, force=False):
    settings = django_settings()
    db = settings.DATABASES["default"]
    if not force and not database_is_empty(db):
        sys.exit(
            "The database already has the site's tables: restore into an empty database, "
            "or pass --force to replace its content."
        )
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, filter="data")
        manifest = json.loads((work / "manifest.json").read_text())
        dump = work / manifest["database"]
        if manifest["engine"] != db["ENGINE"]:
            sys.exit(f"This backup is of a {manifest['engine']} database, not {db['ENGINE']}.")
        if is_postgres(db):
            from django.db import connection

            connection.close()
            subprocess.run(  # noqa: S603
                [pg_tool("pg_restore"), *pg_args(db), "--no-owner", "--no-acl", "--clean"]
                + ["--if-exists", "--single-transaction", "--dbname", db["NAME"], str(dump)],
                check=True,
                env=pg_env(db),
            )
        else:
            from django.db import connection

            connection.close()
            source = sqlite3.connect(dump)
            target = sqlite3.connect(db["NAME"])
            source.backup(target)
            source.close()
            target.close()
        media = work / "media"
        if media.is_dir():
            shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)
    # Nothing read from the content before the restore may be served again (Wagtail's site
    # paths are kept in Django's cache).
    from django.core.cache import cache
    from django.core.management import call_command

    call_command("createcachetable")
    cache.clear()
    print(f"Restored {archive} into {db['NAME']}")
    print("Varnish or a CDN in front still holds the old pages: purge it whole (`BAN /`).")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="action", required=True)
    make = sub.add_parser("backup")
    make.add_argument("--output", default=str(ROOT / "backups"))
    back = sub.add_parser("restore")
    back.add_argument("file")
    back.add_argument("--force", action="store_true")
    args = parser.parse_args()
    if args.action == "backup":
        backup(args.output)
    else:
        restore(args.file, force=args.force)


if __name__ == "__main__":
    main()
