from wagtail import hooks

from page_cache.middleware import CACHEABLE_PAGE


@hooks.register("on_serve_page", order=100)
def mark_public_page_cacheable(serve):
    """Marks a page response as cacheable once it is known to be public.

    Wagtail's own view-restriction check (order 0) wraps this one: a page reaches it only when
    the request passed every restriction, and an anonymous request, the only kind the cache
    stores, passes only on pages without one. Previews never come through here.
    """

    def inner(page, request, serve_args, serve_kwargs):
        if not getattr(request, "is_preview", False):
            setattr(request, CACHEABLE_PAGE, True)
        return serve(page, request, serve_args, serve_kwargs)

    return inner
