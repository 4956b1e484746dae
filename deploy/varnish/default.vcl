# Varnish in front of the guide's app servers (Debian's varnish 7.1).
#
#   varnishd -a :80 -f /etc/varnish/default.vcl -p vcl_path=/etc/varnish -s malloc,256m
#
# This file is the caching policy; site.vcl beside it names the app servers, the addresses
# allowed to purge and how long cached pages are served while the app servers fail or are
# down (grace: 6 hours). Copy both, edit site.vcl only. docs/operations.md explains the set-up.
#
# What is cached is what the site marks cacheable: public pages for anonymous readers carry
# `Cache-Control: public, max-age=0, s-maxage=N` and static files `public, max-age=…`;
# everything else (the admin, previews, search, anyone logged in) is sent `private` or
# without `public` and is never stored. Publishing purges the page and the pages listing it
# with PURGE requests from Wagtail's frontend cache invalidator.
vcl 4.1;

import std;

include "site.vcl";

sub vcl_init {
    call site_init;
}

sub vcl_recv {
    call site_backend;

    # One cache entry per site, whatever port the reader or the purge names.
    set req.http.host = std.tolower(regsub(req.http.host, ":[0-9]+$", ""));

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Purging is not allowed from this address"));
        }
        return (purge);
    }
    if (req.method == "BAN") {
        # Whole-site purge: `BAN /` with the site's Host header drops every page of that
        # site; `BAN /treatments/` drops everything below that path (a regular expression).
        if (client.ip !~ purgers) {
            return (synth(405, "Banning is not allowed from this address"));
        }
        if (std.ban("obj.http.x-cache-host == " + req.http.host
                + " && obj.http.x-cache-url ~ ^" + req.url)) {
            return (synth(200, "Banned"));
        }
        return (synth(400, std.ban_error()));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|(es/)?search|django-admin)(/|\?|$)" || req.url ~ "[?&]preview") {
        return (pass);
    }

    # Campaign parameters do not change a page (the app ignores them too): one entry for all.
    set req.url = regsuball(req.url, "([?&])(utm_[a-z]+|fbclid|gclid|mc_[a-z]+)=[^&]*", "\1");
    set req.url = regsuball(req.url, "&&+", "&");
    set req.url = regsub(req.url, "\?&", "?");
    set req.url = regsub(req.url, "[?&]$", "");

    # Editors and anyone with a session or a CSRF token see their own pages: never cached.
    if (req.http.cookie ~ "(^|;\s*)(sessionid|csrftoken|messages)=") {
        return (pass);
    }
    # Any other cookie (analytics, consent banners) means nothing to the site.
    unset req.http.cookie;
    # A page's language is in its path (`/es/…` Spanish, anything else English), never in
    # Accept-Language: one entry per page, whatever the reader's browser asks for.
    unset req.http.Accept-Language;

    # An expired page is served from its grace while a background fetch brings a new one;
    # a fetch that fails keeps the old one (vcl_backend_response, vcl_backend_error). A
    # changed page is never served stale: publishing purges it, grace and all.
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.host);
    return (lookup);
}

sub vcl_backend_response {
    # An app server that fails (a 5xx: its database down) while a stale copy exists: keep
    # serving the copy, for up to its grace, rather than the error.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # Kept on the object so a BAN can match it (and the ban lurker can clear it).
    set beresp.http.x-cache-host = bereq.http.host;
    set beresp.http.x-cache-url = bereq.url;

    if (beresp.http.cache-control !~ "(^|[ ,])public([ ,]|$)" || beresp.http.set-cookie) {
        # Not marked cacheable by the site: fetch it every time (no default TTL).
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    # Pages are kept compressed; Varnish unzips them for the rare client that asks not to.
    if (beresp.http.content-type ~ "^(text/|application/(json|xml|javascript))") {
        set beresp.do_gzip = true;
    }
    call site_grace;
    return (deliver);
}

sub vcl_backend_error {
    # No app server answered: the same, keep the stale copy.
    if (bereq.is_bgfetch) {
        return (abandon);
    }
}

sub vcl_deliver {
    unset resp.http.x-cache-host;
    unset resp.http.x-cache-url;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "pass";
    } elif (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}
