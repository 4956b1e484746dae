"""The foundation as a schema.org `Organization`, from its live identity: on the home page, the
same node (`@id`) the home page's `WebSite` names as its publisher."""

from treatments.structured_data import SCHEMA_CONTEXT, site_root_url


def organization(identity, home, request=None):
    """The `Organization` JSON-LD of `identity` (a `ReaderIdentity`), or None without one."""
    if not identity:
        return None
    root = site_root_url(home, request)
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "Organization",
        "@id": f"{root}#organization",
        "name": identity.name,
        "url": root,
    }
    if identity.logo:
        logo = identity.logo.url
        data["logo"] = request.build_absolute_uri(logo) if request is not None else logo
    if identity.contact_email:
        data["contactPoint"] = {
            "@type": "ContactPoint",
            "contactType": "customer support",
            "email": identity.contact_email,
        }
    if identity.social_links:
        data["sameAs"] = [link.url for link in identity.social_links]
    return data
