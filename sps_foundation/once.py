"""Answers worked out once and reused, for one request or for one approval; nothing is shared
between requests.

Per request: the header and the page's content both ask for the guide index, the head and the
body both ask for a category's tree, the language switch and the head both ask for a page's
editions, the admin asks a user's groups many times. Each answer is kept on the request, or on
its user (`request.user` lives exactly as long), and ends with the response.

Per approval: an approval through the admin asks the same questions at several points: the
action view before it acts, Wagtail's view when it lists the actions offered, the task when it
acts, and the gate when the approved revision goes live. Wagtail's task API passes no request
to the task, so within `one_approval()` each answer (who wrote a revision, what part a person
took in the change under review, which review is open) is kept in a context variable, worked
out once as things stand when the approval begins and given to every later asker. The checks
run before the approval writes anything; after that only the gate asks again, and only who
wrote the revision, which nothing an approval writes changes. An answer already in hand (the
admin's view has read the review it acts on) is handed in with `known_for_approval`. Outside
one, every question is answered afresh.
"""

import contextlib
import contextvars


def once_per_request(holder, name, key, compute):
    """`compute()` the first time `holder` (a request, or a request's user) is asked `name` for
    `key`; without a holder, always."""
    if holder is None:
        return compute()
    attribute = f"_once_{name}"
    # getattr and setattr, not __dict__: they reach the user inside `request.user`'s lazy object.
    memo = getattr(holder, attribute, None)
    if memo is None:
        memo = {}
        setattr(holder, attribute, memo)
    if key not in memo:
        memo[key] = compute()
    return memo[key]


_approval_answers = contextvars.ContextVar("approval_answers", default=None)


@contextlib.contextmanager
def one_approval():
    """The span of one approval (nested spans are the outer one)."""
    if _approval_answers.get() is not None:
        yield
        return
    token = _approval_answers.set({})
    try:
        yield
    finally:
        _approval_answers.reset(token)


def once_per_approval(key, compute):
    """`compute()`, worked out once per `key` within one approval; outside one, always."""
    answers = _approval_answers.get()
    if answers is None:
        return compute()
    if key not in answers:
        answers[key] = compute()
    return answers[key]


def known_for_approval(key, answer):
    """Records `answer` for `key` within the current approval (outside one, nothing)."""
    answers = _approval_answers.get()
    if answers is not None:
        answers[key] = answer
