"""Backs up and restores the database and the uploaded media as one archive.

The database is the settings' default one: PostgreSQL through pg_dump's custom format
(restored with pg_restore), SQLite through SQLite's online backup (a consistent copy while
the site runs). Media are MEDIA_ROOT. Nothing is installed here: a missing PostgreSQL client
is an error that names the Debian package to install.
"""

import datetime
import glob
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection

POSTGRESQL = "django.db.backends.postgresql"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


def _debian_client_directories():
    """Debian's PostgreSQL client folders, newest version first (pg_dump must be at least as
    new as the server)."""
    folders = glob.glob("/usr/lib/postgresql/*/bin")
    return sorted(folders, key=lambda f: int(Path(f).parent.name.split(".")[0]), reverse=True)


def pg_tool(name, directories=None):
    """The path of PostgreSQL's client program `name` (pg_dump, pg_restore)."""
    if directories is None:
        directories = [*_debian_client_directories(), *os.get_exec_path()]
    found = shutil.which(name, path=os.pathsep.join(str(d) for d in directories))
    if not found:
        raise BackupError(
            f"{name} is not installed. Install Debian's postgresql-client package "
            "(apt-get install postgresql-client), then run this again."
        )
    return found


def _pg_args(db):
    args = ["--host", db["HOST"] or "localhost", "--username", db["USER"] or "postgres"]
    if db["PORT"]:
        args += ["--port", str(db["PORT"])]
    return args


def _pg_env(db):
    return {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}


def _run_client(args, db):
    try:
        subprocess.run(args, check=True, env=_pg_env(db))  # noqa: S603 - no shell
    except subprocess.CalledProcessError as error:
        raise BackupError(
            f"{Path(args[0]).name} failed (exit status {error.returncode}); its message is above."
        ) from error


def _sqlite_copy(source, target):
    source, target = sqlite3.connect(source), sqlite3.connect(target)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def backup_site(output_dir):
    """Writes `output_dir/sps-backup-<UTC time>.tar.gz` and returns its path."""
    db = settings.DATABASES["default"]
    postgres = db["ENGINE"] == POSTGRESQL
    pg_dump = pg_tool("pg_dump") if postgres else None
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    archive = output_dir / f"sps-backup-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        if postgres:
            dump = work / "database.pgdump"
            _run_client(
                [pg_dump, *_pg_args(db), "--format=custom", "--no-owner", "--no-acl"]
                + ["--file", str(dump), db["NAME"]],
                db,
            )
        else:
            if not Path(db["NAME"]).is_file():
                raise BackupError(f"No SQLite database at {db['NAME']}: nothing to back up.")
            dump = work / "database.sqlite3"
            _sqlite_copy(db["NAME"], dump)
        manifest = {"created": stamp, "engine": db["ENGINE"], "database": dump.name}
        (work / "manifest.json").write_text(json.dumps(manifest, indent=2))
        # "x": two backups never share a file.
        with tarfile.open(archive, "x:gz") as tar:
            tar.add(work / "manifest.json", "manifest.json")
            tar.add(dump, dump.name)
            media = Path(settings.MEDIA_ROOT)
            if media.is_dir():
                tar.add(media, "media")
    return archive


def _database_is_empty():
    return "wagtailcore_page" not in connection.introspection.table_names()


def restore_site(archive, force=False):
    """Restores the database and media of `archive`. Refuses a database that has the site's
    tables unless `force`, so a backup is never laid over live content by mistake."""
    db = settings.DATABASES["default"]
    postgres = db["ENGINE"] == POSTGRESQL
    if not Path(archive).is_file():
        raise BackupError(f"No backup at {archive}.")
    if not force and not _database_is_empty():
        raise BackupError(
            "The database already has the site's tables: restore into an empty database, "
            "or pass --force to replace its content."
        )
    pg_restore = pg_tool("pg_restore") if postgres else None
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, filter="data")
        manifest = json.loads((work / "manifest.json").read_text())
        if manifest["engine"] != db["ENGINE"]:
            raise BackupError(
                f"This backup is of a {manifest['engine']} database, not {db['ENGINE']}."
            )
        dump = work / manifest["database"]
        connection.close()
        if postgres:
            _run_client(
                [pg_restore, *_pg_args(db), "--no-owner", "--no-acl", "--clean", "--if-exists"]
                + ["--single-transaction", "--dbname", db["NAME"], str(dump)],
                db,
            )
        else:
            _sqlite_copy(dump, db["NAME"])
        media = work / "media"
        if media.is_dir():
            shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)
    # Django's cache table (sessions and lockouts live in the database); pages kept by Varnish
    # or a CDN are purged there (docs/operations.md: BAN /).
    call_command("createcachetable", verbosity=0)
    return db["NAME"]
