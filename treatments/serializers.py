"""Serializers for the read-only API fields that are not plain model fields.

No model imports here: the page models import this module to declare their `api_fields`.
"""

from rest_framework import serializers


def names_of(relation):
    """A related list (brand names, routes) given as a plain list of names."""
    return serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")


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
