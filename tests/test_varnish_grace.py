"""Varnish's grace (deploy/varnish/default.vcl and site.vcl): while the app servers answer errors
or are down, readers get the page Varnish kept, for hours, rather than an error."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.ports import worker_port
from tests.varnish_support import Varnish, needs_varnish, read

pytestmark = needs_varnish


class FailingApp(BaseHTTPRequestHandler):
    """An app server that answers a public page, kept 1 s, until told to fail with 503."""

    failing = False

    def do_GET(self):  # noqa: N802 - the HTTP method's name
        status = 503 if FailingApp.failing and self.path != "/robots.txt" else 200
        body = b"Server error" if status == 503 else b"The page as last published"
        self.send_response(status)
        self.send_header("Cache-Control", "public, max-age=0, s-maxage=1")
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_varnish_serves_its_copy_while_the_app_fails_and_when_it_is_down():
    FailingApp.failing = False
    app = ThreadingHTTPServer(("127.0.0.1", 0), FailingApp)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    cache = Varnish(worker_port(27592), [("127.0.0.1", app.server_port)], grace="6h")
    cache.start()
    try:
        cache.wait_healthy()
        assert read(cache, "/page/").text == "The page as last published"

        FailingApp.failing = True
        time.sleep(2)  # the copy has expired: only its grace keeps it
        for _ in range(3):
            kept = read(cache, "/page/")
            assert (kept.status, kept.text) == (200, "The page as last published")
            time.sleep(0.3)

        app.shutdown()
        app.server_close()
        time.sleep(2)
        kept = read(cache, "/page/")
        assert (kept.status, kept.text) == (200, "The page as last published")
        assert read(cache, "/never-cached/").status == 503
    finally:
        cache.stop()
        app.server_close()
