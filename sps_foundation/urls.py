from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from search import views as search_views
from treatments.api import api_router
from treatments.seo import robots_txt

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if getattr(settings, "SERVE_MEDIA", False):
    # A small deployment with no proxy in front: uploads are served by Django itself.
    from django.urls import re_path
    from django.views.static import serve as serve_media

    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve_media, {"document_root": settings.MEDIA_ROOT})
    ]

urlpatterns += [
    path("", include(wagtail_urls)),
]

# A database that cannot be reached gets a friendly "back soon" page (503), not a 500.
handler500 = "sps_foundation.errors.server_error"
