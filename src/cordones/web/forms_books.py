"""Forms of the legal books: the síndico's report."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cordones.assemblies.services.books import REPORT_TEXT_MAX, REPORT_TITLE_MAX
from cordones.web import bounded

PROBLEM_LABELS = {
    "content_altered": _("its content was changed after it was entered"),
    "chain_broken": _("it does not follow from the entry before it"),
    "number_gap": _("its number does not follow the one before it"),
    "missing": _("it was removed from the book"),
    "unchained": _("it was added without entering the book"),
    "truncated": _("it was removed: an anchor recorded the book up to it"),
    "anchor_mismatch": _("its fingerprint differs from the one an anchor recorded"),
    "acta_missing": _("the acta it records attendance for is missing or was changed"),
    "provenance_broken": _("it no longer matches the former minute book it came from"),
    "not_carried": _("its copy in its body's book is missing"),
}


class AuditorReportForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=REPORT_TITLE_MAX)
    period_start = bounded.DateField(
        label=_("Period from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = bounded.DateField(
        label=_("Period to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    text = forms.CharField(
        label=_("Report"),
        max_length=REPORT_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Entering the report into the book signs it in your name; it never changes."),
    )
