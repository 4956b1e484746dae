"""Serializers for the read-only API fields that are not plain model fields.

No model imports here: the page models import this module to declare their `api_fields`.
"""

from rest_framework import serializers

from editions.languages import language_of
from treatments.route_names import route_names


def names_of(relation):
    """A related list (brand names) given as a plain list of names."""
    return serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")


class RouteNamesField(serializers.Field):
    """A treatment's live routes as a list of names in the page's language, each the live,
    reviewed translation where there is one, else the English name (treatments.route_names)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        names = route_names(page.routes.all(), language_of(page), self.context.get("request"))
        return [route.name for route in names]


class LiveCreditsSerializer(serializers.ListSerializer):
    """The guide's credits of live people only: a person never published or taken down is
    left out (a live person's row holds the published text, never a draft's)."""

    def to_representation(self, data):
        credits = data.all() if hasattr(data, "all") else data
        return super().to_representation([credit for credit in credits if credit.person.live])


class CreditedPersonSerializer(serializers.Serializer):
    """A person credited on the guide: public name, credentials and role only, never the account."""

    name = serializers.CharField(source="person.name")
    credentials = serializers.CharField(source="person.credentials")
    role = serializers.CharField(source="person.role")
    credit = serializers.CharField(source="get_credit_display")

    class Meta:
        list_serializer_class = LiveCreditsSerializer
