"""What a page-cache hit costs an anonymous reader and what it sends: one cache round trip and
no query (real Redis), the page as rendered with every header, gzipped for who accepts it."""

import gzip
import shutil
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings
from redis import Redis

from tests.ports import worker_port
from treatments.models import TreatmentPage

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from stack import start_redis, stop_redis  # noqa: E402

# Below the kernel's ephemeral port range, apart from the other tests' servers.
REDIS_PORT = worker_port(27440)
PAGES = ["/", "/treatments/", "/treatments/at-a-glance/"]
# What a hit sets itself; every other header is replayed from the render.
HIT_HEADERS = ("X-Page-Cache", "Content-Length", "Content-Encoding")


@pytest.fixture
def treatment(guide):
    return TreatmentPage.objects.live().order_by("path").first()


@pytest.fixture(scope="module")
def redis_url():
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    url = start_redis(REDIS_PORT)
    yield url
    stop_redis(REDIS_PORT)


@pytest.fixture
def redis(redis_url):
    """Both caches in Redis, as in production: every cache call of a request is counted."""
    server = Redis.from_url(redis_url)
    server.flushall()
    redis_cache = {
        "BACKEND": "page_cache.backends.CircuitBreakerRedisCache",
        "LOCATION": redis_url,
        "KEY_PREFIX": "sps",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
    }
    with override_settings(CACHES={"default": redis_cache, "pages": redis_cache}):
        yield server
    server.flushall()


def commands_answered(server):
    """Commands the Redis server has answered, by name, leaving out INFO (how we ask)."""
    stats = server.info("commandstats")
    return {name: stat["calls"] for name, stat in stats.items() if name != "cmdstat_info"}


def visit(path, **headers):
    return Client().get(path, **headers)


def replayed(response):
    return {name: value for name, value in response.items() if name not in HIT_HEADERS}


@pytest.mark.servers
def test_a_hit_costs_one_cache_round_trip_and_no_database_query(
    treatment, redis, django_assert_num_queries
):
    for path in [*PAGES, treatment.url]:
        assert visit(path)["X-Page-Cache"] == "miss"
        before = commands_answered(redis)
        with django_assert_num_queries(0):
            hit = visit(path, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        after = commands_answered(redis)
        assert hit.status_code == 200
        assert hit["X-Page-Cache"] == "hit"
        asked = {name: after[name] - before.get(name, 0) for name in after}
        assert {name: n for name, n in asked.items() if n} == {"cmdstat_mget": 1}, path


def test_a_hit_is_the_rendered_page_with_every_header_of_the_render(treatment):
    for path in [*PAGES, treatment.url]:
        miss = visit(path)
        assert miss["X-Page-Cache"] == "miss"
        plain = visit(path)
        zipped = visit(path, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert plain["X-Page-Cache"] == zipped["X-Page-Cache"] == "hit"
        assert plain.content == miss.content
        assert "Content-Encoding" not in plain
        assert zipped["Content-Encoding"] == "gzip"
        assert gzip.decompress(zipped.content) == miss.content
        assert int(zipped["Content-Length"]) == len(zipped.content) < len(miss.content)
        assert replayed(plain) == replayed(zipped) == replayed(miss)
        assert "Accept-Encoding" in miss["Vary"]
        assert "default-src 'self'" in zipped["Content-Security-Policy"]
        assert zipped["X-Frame-Options"] == "DENY"


def test_a_signed_in_editor_asking_for_gzip_gets_the_live_page_not_cached_bytes(
    treatment, admin_client
):
    visit(treatment.url)
    assert visit(treatment.url)["X-Page-Cache"] == "hit"
    response = admin_client.get(treatment.url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert "Content-Encoding" not in response
    assert "private" in response["Cache-Control"]


@override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True)
def test_static_files_keep_their_cache_lifetime_for_a_signed_in_editor(admin_client):
    response = admin_client.get("/static/css/site.css")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    parts = {part.strip() for part in response["Cache-Control"].split(",")}
    assert "public" in parts and "private" not in parts and "no-cache" not in parts
