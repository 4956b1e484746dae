"""One approval, each rule checked once.

An approval through the admin asks the same questions at several points: the action view
before it acts, Wagtail's view when it lists the actions offered, the task when it acts, and
the gate when the approved revision goes live. Within `one_approval()` each answer (who wrote
a revision, what part a person took in the change under review, which review is open) is
worked out once, as things stand when the approval begins, and given to every later asker.
The checks run before the approval writes anything; after that only the gate asks again, and
only who wrote the revision, which nothing an approval writes changes. Outside one, every
question is answered afresh.
"""

import contextlib
import contextvars

_answers = contextvars.ContextVar("medical_review_approval_answers", default=None)


@contextlib.contextmanager
def one_approval():
    """The span of one approval (nested spans are the outer one)."""
    if _answers.get() is not None:
        yield
        return
    token = _answers.set({})
    try:
        yield
    finally:
        _answers.reset(token)


def remembered(key, compute):
    """`compute()`, worked out once per `key` within one approval."""
    answers = _answers.get()
    if answers is None:
        return compute()
    if key not in answers:
        answers[key] = compute()
    return answers[key]
