"""`foundation` in every template's context: the identity a reader sees (foundation.identity),
read only if the template shows it."""

from django.utils.functional import SimpleLazyObject

from foundation.identity import identity_for_reader


def foundation(request):
    return {"foundation": SimpleLazyObject(lambda: identity_for_reader(request))}
