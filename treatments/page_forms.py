"""The admin form of the guide's pages: a post with missing or damaged parts gets form errors.

Wagtail's editor always posts every part of the form, and Wagtail reads them trusting that:
a StreamField without its `-count` or with a block cut short, an inline panel announcing more
forms than it sends, or a choice of a number beyond any database id end in a server error
(in the edit view and in the preview alike). Such a post is repaired before the form reads
it: what arrived intact is kept, what did not is left out and named in an error, so the
person's text comes back in the form with the error and nothing is saved.
"""

import re

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlock
from wagtail.blocks.base import BlockField

BIGGEST_ID = 2**63 - 1
DAMAGED = (KeyError, ValueError, TypeError, OverflowError, AttributeError)
INCOMPLETE_BLOCKS = "Some blocks of this field did not arrive complete and were left out."
INCOMPLETE_ITEMS = "Some items of this page did not arrive complete and were left out."
UNKNOWN_CHOICE = "Select a valid choice."


def intact_stream(block, data, files, name):
    """A copy of `data` where the StreamField `name` keeps only its complete blocks, or None
    if every block arrived complete."""
    try:
        block.value_from_datadict(data, files, name)
        return None
    except DAMAGED:
        pass
    kept = []
    entry = re.compile(rf"{re.escape(name)}-(\d+)-type")
    for index in sorted({int(m[1]) for key in data if (m := entry.fullmatch(key))}):
        prefix = f"{name}-{index}"
        try:
            int(data[f"{prefix}-order"])
            data[f"{prefix}-deleted"]  # noqa: B018 (present, as the editor always sends it)
            child = block.child_blocks[data[f"{prefix}-type"]]
            child.value_from_datadict(data, files, f"{prefix}-value")
        except DAMAGED:
            continue
        kept.append(prefix)
    repaired = data.copy()
    for key in list(repaired):
        if key.startswith(f"{name}-"):
            del repaired[key]
    for position, prefix in enumerate(kept):
        for key in data:
            if key.startswith(f"{prefix}-"):
                repaired.setlist(f"{name}-{position}-{key[len(prefix) + 1 :]}", data.getlist(key))
    repaired[f"{name}-count"] = str(len(kept))
    return repaired


class GuidePageForm(WagtailAdminPageForm):
    """Wagtail's page form, repairing a damaged post first (see the module's docstring)."""

    def __init__(self, data=None, files=None, *args, **kwargs):
        self.damaged = {}
        if hasattr(data, "getlist"):  # the posted QueryDict
            data = self.repaired(data, files)
        super().__init__(data, files, *args, **kwargs)

    def repaired(self, data, files):
        data = data.copy()
        for name, field in self.base_fields.items():
            if isinstance(field, BlockField) and isinstance(field.block, StreamBlock):
                intact = intact_stream(field.block, data, files, name)
                if intact is not None:
                    data, self.damaged[name] = intact, INCOMPLETE_BLOCKS
            elif isinstance(field, forms.ModelChoiceField) and name in data:
                values = data.getlist(name)
                known = [v for v in values if not (v.isdigit() and int(v) > BIGGEST_ID)]
                if known != values:
                    data.setlist(name, known)
                    self.damaged[name] = UNKNOWN_CHOICE
        for name, formset in type(self).formsets.items():
            self.number_inline_forms(data, name, formset)
        return data

    def number_inline_forms(self, data, prefix, formset):
        """Keeps the inline forms the post has (the editor sends each one's order): the count
        it announces is cut to them, and each gets its order if it came without one."""
        if not formset.can_order:
            return
        try:
            total = min(int(data[f"{prefix}-TOTAL_FORMS"]), formset.absolute_max)
        except DAMAGED:
            return  # Django's management form check answers it
        sent = 0
        while sent < total and any(key.startswith(f"{prefix}-{sent}-") for key in data):
            data.setdefault(f"{prefix}-{sent}-ORDER", str(sent + 1))
            sent += 1
        if sent < total:
            data[f"{prefix}-TOTAL_FORMS"] = str(sent)
            self.damaged[None] = INCOMPLETE_ITEMS

    def clean(self):
        cleaned_data = super().clean()
        for name, message in self.damaged.items():
            self.add_error(name, message)
        return cleaned_data
