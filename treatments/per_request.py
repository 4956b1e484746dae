"""Values a render asks for more than once, worked out once per request.

The header and the page's content both ask for the guide index, the head and the body both ask
for a category's tree, every route on a Spanish page asks for the Spanish names. Each is kept on
the request object, which ends with the response; nothing is shared between requests.
"""


def once_per_request(request, name, key, compute):
    """`compute()` the first time this request asks `name` for `key`; without a request, always."""
    if request is None:
        return compute()
    memo = request.__dict__.setdefault(f"_once_{name}", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]
