"""Varnish with the shipped VCL (deploy/varnish/default.vcl) in front of a test's live server,
purged by Wagtail's frontend cache invalidation as production purges it."""

import shutil
import sys
from pathlib import Path

import pytest

from tests.ports import worker_port

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from stack import Varnish, request  # noqa: E402

HOST = {"Host": "localhost"}  # the default Site's hostname: what readers and purges name

needs_varnish = pytest.mark.skipif(not shutil.which("varnishd"), reason="varnishd is not installed")


def varnish_on(port):
    """A module's `varnish` fixture: Varnish on loopback `port` (in this xdist worker's range)
    in front of the live server, for the module's tests; only 127.0.0.1 may purge it."""

    @pytest.fixture(scope="module")
    def varnish(live_server):
        cache = Varnish(worker_port(port), [("127.0.0.1", live_server.thread.port)], grace="10s")
        cache.start()
        yield cache
        cache.stop()

    return varnish


def purged_by_wagtail(varnish, settings):
    """Empties `varnish`, waits for its probes, and has Wagtail purge it on publish."""
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": varnish.base,
        }
    }
    assert request(varnish.base + "/", "BAN", headers=HOST).status == 200
    varnish.wait_healthy()
    return varnish


def read(varnish, path, **headers):
    """A reader's request for `path` through `varnish`."""
    return request(varnish.base + path, headers={**HOST, **headers})


def cached(varnish, *paths):
    """Reads each path twice, so Varnish holds it, and checks the second read was a hit."""
    for path in paths:
        read(varnish, path)
        assert read(varnish, path).headers["X-Cache"] == "hit", path
