"""Production settings plus what `make bench` compares the site to (scripts/bench.py): a bare
Django view and the peer page type of `benchpeer`, which no other settings install."""

from .production import *  # noqa: F403
from .production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "benchpeer"]
ROOT_URLCONF = "sps_foundation.bench_urls"
