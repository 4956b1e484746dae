from wagtail import hooks

from http_cache.middleware import PUBLIC_PAGE


@hooks.register("on_serve_page", order=100)
def mark_public_page(serve):
    """Marks a page response as public once it is known to be.

    Wagtail's own view-restriction check (order 0) wraps this one: a page reaches it only when
    the request passed every restriction, and an anonymous request, the only kind an HTTP
    cache may keep, passes only on pages without one. Previews never come through here.
    """

    def inner(page, request, serve_args, serve_kwargs):
        if not getattr(request, "is_preview", False):
            setattr(request, PUBLIC_PAGE, True)
        return serve(page, request, serve_args, serve_kwargs)

    return inner
