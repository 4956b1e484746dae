# The site's part of the Varnish configuration, included by default.vcl: the app servers,
# who may purge, and how long cached pages outlive an outage.

import directors;

probe app_health {
    # robots.txt needs no database: a server is healthy while gunicorn answers.
    .request = "GET /robots.txt HTTP/1.1"
        "Host: guide.example.org"
        "Connection: close";
    .interval = 2s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
}

backend app1 {
    .host = "10.0.0.11";
    .port = "8000";
    .probe = app_health;
}

backend app2 {
    .host = "10.0.0.12";
    .port = "8000";
    .probe = app_health;
}

# The app servers: Wagtail sends its PURGE requests from them.
acl purgers {
    "localhost";
    "10.0.0.11";
    "10.0.0.12";
}

sub site_init {
    new app = directors.round_robin();
    app.add_backend(app1);
    app.add_backend(app2);
}

sub site_backend {
    set req.backend_hint = app.backend();
}

sub site_grace {
    # While the app servers answer errors or are down, cached pages are served this long
    # after they expire.
    set beresp.grace = 6h;
}
