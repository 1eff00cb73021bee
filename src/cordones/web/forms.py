from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cordones.domain.bounds import MAX_MEMBER_NUMBER, MAX_PAY_RATIO, STATUTE_INT_RANGES
from cordones.domain.register.book import DepartureReason, Office
from cordones.web import bounded
from cordones.workplaces.models import LegalForm, Section, SectionKind, Sector, Workplace


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)  # type: ignore[arg-type]


OFFICE_LABELS = {
    Office.PRESIDENT: _("President"),
    Office.SECRETARY: _("Secretary"),
    Office.TREASURER: _("Treasurer"),
    Office.COUNCIL_MEMBER: _("Council member"),
    Office.SUBSTITUTE_COUNCIL_MEMBER: _("Substitute council member"),
    Office.AUDITOR: _("Auditor (síndico)"),
    Office.SUBSTITUTE_AUDITOR: _("Substitute auditor"),
}
REASON_LABELS = {
    DepartureReason.RESIGNATION: _("Resignation"),
    DepartureReason.EXCLUSION: _("Exclusion"),
    DepartureReason.DEATH: _("Death"),
}


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES
    )


class InvitationAcceptForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password_again = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords do not match."))
        return data


class AdmitForm(forms.Form):
    number = bounded.IntegerField(
        label=_("Member number"), min_value=1, max_value=MAX_MEMBER_NUMBER
    )
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    national_id = forms.CharField(label=_("National id (DNI)"), max_length=30, required=False)
    email = forms.EmailField(label=_("Email address"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=Section.objects.none(), required=False
    )
    admitted_on = bounded.DateField(label=_("Admission date"), widget=DateInput())
    shares_subscribed = bounded.DecimalField(
        label=_("Shares subscribed"), min_value=0, decimal_places=2, initial=0
    )
    shares_paid = bounded.DecimalField(
        label=_("Shares paid in"), min_value=0, decimal_places=2, initial=0
    )
    note = forms.CharField(
        label=_("Note (e.g. the decision that admitted them)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, workplace: Workplace | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["section"].queryset = Section.objects.filter(workplace=workplace)  # type: ignore[attr-defined]

    def clean_admitted_on(self) -> date:
        day: date = self.cleaned_data["admitted_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(
                _("The admission date cannot be in the future."), code="future"
            )
        return day


class OfficeForm(forms.Form):
    office = forms.ChoiceField(label=_("Office"), choices=list(OFFICE_LABELS.items()))
    start = bounded.DateField(label=_("Term starts"), widget=DateInput())
    end = bounded.DateField(label=_("Term ends"), widget=DateInput())
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class OfficeEndForm(forms.Form):
    on = bounded.DateField(label=_("Left office on"), widget=DateInput())
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SharesForm(forms.Form):
    on = bounded.DateField(label=_("Date"), widget=DateInput())
    subscribed = bounded.DecimalField(
        label=_("Further shares subscribed"), decimal_places=2, initial=0, min_value=0
    )
    paid = bounded.DecimalField(label=_("Shares paid in"), decimal_places=2, initial=0, min_value=0)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DepartForm(forms.Form):
    on = bounded.DateField(label=_("Date of departure"), widget=DateInput())
    reason = forms.ChoiceField(label=_("Reason"), choices=list(REASON_LABELS.items()))
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CorrectionForm(forms.Form):
    corrected_on = bounded.DateField(label=_("Correct date"), required=False, widget=DateInput())
    shares_subscribed = bounded.DecimalField(
        label=_("Correct shares subscribed"), required=False, decimal_places=2, min_value=0
    )
    shares_paid = bounded.DecimalField(
        label=_("Correct shares paid in"), required=False, decimal_places=2, min_value=0
    )
    term_end = bounded.DateField(label=_("Correct end of term"), required=False, widget=DateInput())
    departure_reason = forms.ChoiceField(
        label=_("Correct reason"), required=False, choices=[("", "—"), *REASON_LABELS.items()]
    )
    void = forms.BooleanField(label=_("The entry should not exist: void it"), required=False)
    note = forms.CharField(label=_("Why the correction"), widget=forms.Textarea(attrs={"rows": 2}))


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))


class WorkplaceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    legal_name = forms.CharField(label=_("Legal name"), max_length=250)
    legal_form = forms.ChoiceField(label=_("Legal form"), choices=LegalForm.choices)
    tax_id = forms.CharField(label=_("CUIT / tax id"), max_length=20, required=False)
    registration_number = forms.CharField(
        label=_("Registration number (matrícula)"),
        max_length=40,
        required=False,
        help_text=_("Printed in the heading of every legal book."),
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    address = forms.CharField(label=_("Address"), max_length=250, required=False)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    province = forms.CharField(label=_("Province or state"), max_length=120, required=False)
    latitude = bounded.DecimalField(
        label=_("Latitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
    )
    longitude = bounded.DecimalField(
        label=_("Longitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
    )
    founded_on = bounded.DateField(label=_("Founded on"), required=False, widget=DateInput())
    recovered_on = bounded.DateField(label=_("Recovered on"), required=False, widget=DateInput())
    fiscal_year_end_month = bounded.IntegerField(
        label=_("Fiscal year ends in month"), min_value=1, max_value=12
    )


class SectionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=SectionKind.choices)


class StatuteOverrideForm(forms.Form):
    notice_days = bounded.IntegerField(
        label=_("Days of notice for an assembly"),
        min_value=STATUTE_INT_RANGES["notice_days"].minimum,
        max_value=STATUTE_INT_RANGES["notice_days"].maximum,
        required=False,
    )
    second_call_minutes = bounded.IntegerField(
        label=_("Minutes until second call"),
        min_value=STATUTE_INT_RANGES["second_call_minutes"].minimum,
        max_value=STATUTE_INT_RANGES["second_call_minutes"].maximum,
        required=False,
    )
    minutes_member_signers = bounded.IntegerField(
        label=_("Members who sign the minutes"),
        min_value=STATUTE_INT_RANGES["minutes_member_signers"].minimum,
        max_value=STATUTE_INT_RANGES["minutes_member_signers"].maximum,
        required=False,
    )
    max_pay_ratio = bounded.DecimalField(
        label=_("Highest to lowest retiro, at most"),
        min_value=1,
        max_value=MAX_PAY_RATIO,
        max_digits=7,
        decimal_places=2,
        required=False,
    )
