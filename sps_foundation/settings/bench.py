"""Production settings plus one bare Django view, for `make bench` only (scripts/bench.py)."""

from .production import *  # noqa: F403

ROOT_URLCONF = "sps_foundation.bench_urls"
