from wagtail.snippets.models import register_snippet

from foundation.views import FoundationIdentityViewSet

register_snippet(FoundationIdentityViewSet)
