"""The site's URLs plus a bare view: the framework floor that `make bench` compares pages to."""

from django.http import HttpResponse
from django.urls import path

from sps_foundation.urls import urlpatterns as site_urlpatterns


def bare_view(request):
    """A small HTML string: Django's request/response cycle and middleware, nothing else."""
    return HttpResponse("<!DOCTYPE html><html lang='en'><title>bare</title><p>Hello</p></html>")


urlpatterns = [path("bench/bare/", bare_view), *site_urlpatterns]
