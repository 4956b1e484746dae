"""gunicorn settings for `make serve-prod` (and `make bench` and the drills)."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:" + os.environ.get("PORT", "8000"))
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 30
graceful_timeout = 10
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", None)
errorlog = "-"
# Loaded once in the master: workers fork with the app imported and connect to the database
# lazily, each with its own connection.
preload_app = True
