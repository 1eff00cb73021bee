"""Forms of the assembly pages: they parse what a person typed into the arguments of one
service call. Labels for codes (matters, methods, calls) live here too, so every page says
the same words."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cordones.assemblies.models import (
    AgendaItem,
    BallotMode,
    Body,
    BodyKind,
    DecisionStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Motion,
    NoticeKind,
    PetitionKind,
    SignerRole,
)
from cordones.assemblies.tallying import CANDIDATE_METHODS, DELIBERATION, METHOD_CHOICES, RANKED
from cordones.domain.assemblies.rules import AssemblyRules, Call, Matter
from cordones.domain.bounds import STATUTE_INT_RANGES
from cordones.members.models import Member
from cordones.web import bounded
from cordones.web.forms import DateInput
from cordones.workplaces.models import Section, Workplace

MATTER_LABELS = {
    Matter.ORDINARY: _("Ordinary matter"),
    Matter.ELECTION: _("Election (council, síndico, delegates)"),
    Matter.ADMISSION: _("Admission of a member"),
    Matter.EXCLUSION_APPEAL: _("Appeal against an exclusion"),
    Matter.ANNUAL_REPORT: _("Annual report and balance"),
    Matter.SURPLUS_DISTRIBUTION: _("Distribution of the surplus"),
    Matter.STATUTE_REFORM: _("Statute reform"),
    Matter.MERGER_DISSOLUTION: _("Merger or dissolution"),
    Matter.CHANGE_OF_OBJECT: _("Change of the cooperative's object"),
    Matter.OFFICER_REMOVAL: _("Removal of officers"),
    Matter.OTHER: _("Other"),
}

METHOD_LABELS = {
    "majority": _("For / against / abstain (majority)"),
    "consent": _("Consent (objection rounds)"),
    "consensus": _("Consensus, with a fallback vote"),
    "approval": _("Approval (tick every acceptable option)"),
    "score": _("Score each option"),
    "plurality": _("Plurality (one choice, most votes)"),
    "irv": _("Ranked: instant-runoff"),
    "stv": _("Ranked: single transferable vote (Scottish rules)"),
    "meek": _("Ranked: single transferable vote (Meek)"),
    "schulze": _("Ranked: Schulze (choosing between alternatives)"),
}

CALL_LABELS = {
    Call.WAITING: _("Waiting for quorum"),
    Call.FIRST: _("Quorum reached at first call"),
    Call.SECOND: _("Second call: valid with those present"),
}

CHOICE_LABELS = [
    ("for", pgettext_lazy("vote", "For")),
    ("against", pgettext_lazy("vote", "Against")),
    ("abstain", pgettext_lazy("vote", "Abstain")),
]
RESPONSE_LABELS = [
    ("consent", _("I consent")),
    ("stand_aside", _("I stand aside")),
    ("object", _("I object")),
]

PROBLEM_LABELS = {
    "content_altered": _("its content was changed after it was entered"),
    "chain_broken": _("it does not follow from the entry before it"),
    "number_gap": _("its number does not follow the one before it"),
}

NOTICE_LABELS = dict(NoticeKind.choices)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(format="%H:%M", **kwargs)  # type: ignore[arg-type]


def _scheduled(day: Any, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def _not_past(day: date) -> date:
    """A meeting is called for today or later; past meetings are not recorded here."""
    if day < timezone.localdate():
        raise forms.ValidationError(
            _("A meeting cannot be called for a day that has passed."), code="past"
        )
    return day


class MeetingForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Body that meets"), queryset=Body.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    day = bounded.DateField(label=_("Date"), widget=DateInput())
    at = forms.TimeField(label=_("Time called"), widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=250, required=False)
    online_url = forms.URLField(
        label=_("Online meeting link"), required=False, assume_scheme="https"
    )
    results_live = forms.BooleanField(
        label=_("Show results while the vote is open"),
        required=False,
        help_text=_(
            "Otherwise results are shown only when each vote closes. A secret vote's count "
            "is never shown while it is open."
        ),
    )

    def __init__(self, *args: Any, workplace: Workplace, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(workplace=workplace)  # type: ignore[attr-defined]

    def clean_day(self) -> date:
        return _not_past(self.cleaned_data["day"])

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["scheduled_at"] = _scheduled(data.pop("day"), data.pop("at"))
        return data


class MeetingEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    day = bounded.DateField(label=_("Date"), widget=DateInput())
    at = forms.TimeField(label=_("Time called"), widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=250, required=False)
    online_url = forms.URLField(
        label=_("Online meeting link"), required=False, assume_scheme="https"
    )
    results_live = forms.BooleanField(
        label=_("Show results while the vote is open"), required=False
    )

    def clean_day(self) -> date:
        day: date = self.cleaned_data["day"]
        if "day" in self.changed_data:
            return _not_past(day)
        return day

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict[str, Any]:
        local = timezone.localtime(meeting.scheduled_at)
        return {
            "title": meeting.title,
            "day": local.date(),
            "at": local.time().replace(second=0, microsecond=0),
            "place": meeting.place,
            "online_url": meeting.online_url,
            "results_live": meeting.results_live,
        }

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["scheduled_at"] = _scheduled(data.pop("day"), data.pop("at"))
        return data


class ItemForm(forms.Form):
    matter = forms.ChoiceField(label=_("Kind of matter"), choices=list(MATTER_LABELS.items()))
    title = forms.CharField(label=_("Title"), max_length=250)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title of the document"), max_length=200)
    file = forms.FileField(label=_("File (up to 10 MB)"))


class MotionForm(forms.Form):
    SIGNERS = "signers"

    item = forms.ChoiceField(label=_("Agenda item"))
    title = forms.CharField(label=_("Title"), max_length=250)
    text = forms.CharField(
        label=_("Text of the motion"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    method = forms.ChoiceField(
        label=_("Decision method"), choices=[(m, METHOD_LABELS[m]) for m in METHOD_CHOICES]
    )
    mode = forms.ChoiceField(
        label=_("Ballot"),
        required=False,
        choices=[("", _("What the statute says for this matter")), *BallotMode.choices],
        help_text=_(
            "Elections, the balance, the surplus and other matters the statute names are secret."
        ),
    )
    candidates = forms.CharField(
        label=_("Candidates or options, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only for elections and choices between options."),
    )
    seats = bounded.IntegerField(label=_("Seats to fill"), min_value=1, initial=1)
    threshold = forms.ChoiceField(
        label=_("Majority needed"),
        required=False,
        choices=[
            ("", _("What the statute says for this matter")),
            ("simple", _("More than half")),
            ("two_thirds", _("Two-thirds")),
            ("three_quarters", _("Three-quarters")),
        ],
    )
    base = forms.ChoiceField(
        label=_("Majority of"),
        required=False,
        choices=[
            ("", _("What the statute says (those present)")),
            ("present", _("Those present")),
            ("cast", _("Votes cast")),
            ("members", _("All members")),
        ],
    )
    tie = forms.ChoiceField(
        label=_("If tied"),
        required=False,
        choices=[
            ("", _("The motion fails")),
            ("chair", _("The chair decides")),
            ("lot", _("Decided by lot")),
        ],
    )
    fallback_after = bounded.IntegerField(
        label=_("Consensus: fall back to a vote after this many rounds"),
        required=False,
        min_value=1,
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        items = list(meeting.items.order_by("position"))
        self.items = {str(i.pk): i for i in items}
        self.fields["item"].choices = [  # type: ignore[attr-defined]
            *[(str(i.pk), f"{i.position}. {i.title}") for i in items],
            (self.SIGNERS, _("Choosing the members who sign the minutes (no item)")),
        ]
        if meeting.current_item_id and not self.is_bound:
            self.initial.setdefault("item", str(meeting.current_item_id))

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        options: dict[str, Any] = {}
        for key in ("threshold", "base", "tie"):
            if data.get(key):
                options[key] = data[key]
        if data.get("fallback_after"):
            options["fallback_after"] = data["fallback_after"]
        signers = data["item"] == self.SIGNERS
        return {
            "title": data["title"],
            "text": data["text"],
            "item": None if signers else self.items[data["item"]],
            "minutes_signers": signers,
            "method": data["method"],
            "mode": data["mode"] or None,
            "candidates": data["candidates"].splitlines(),
            "seats": data["seats"],
            "options": options,
        }


class CurrentItemForm(forms.Form):
    item = forms.ChoiceField(label=_("Item under discussion"))

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [  # type: ignore[attr-defined]
            (str(i.pk), f"{i.position}. {i.title}") for i in meeting.items.order_by("position")
        ]
        if meeting.current_item_id:
            self.initial["item"] = str(meeting.current_item_id)


class CloseForm(forms.Form):
    chair_vote = forms.ChoiceField(
        label=_("If tied, the chair's deciding vote"),
        required=False,
        choices=[
            ("", "—"),
            ("for", pgettext_lazy("vote", "For")),
            ("against", pgettext_lazy("vote", "Against")),
        ],
    )


_COUNT_PREFIX = re.compile(r"^\s*(\d+)\s*[:×x*]\s*(.*)$")


class TellersForm(forms.Form):
    """Totals from a show of hands, or paper ballots typed by the tellers."""

    replace = forms.BooleanField(
        label=_("Replace the totals entered before (untick to add a further batch of ballots)"),
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, motion: Motion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.motion = motion
        if motion.method == "majority":
            for value, label in CHOICE_LABELS:
                self.fields[value] = bounded.IntegerField(label=label, min_value=0, initial=0)
        elif motion.method in DELIBERATION:
            for value, label in RESPONSE_LABELS:
                self.fields[value] = bounded.IntegerField(label=label, min_value=0, initial=0)
        else:
            self.fields["ballots"] = forms.CharField(
                label=_("Ballots, one per line"),
                widget=forms.Textarea(attrs={"rows": 8}),
                help_text=self._ballot_help(),
            )

    def _ballot_help(self) -> str:
        if self.motion.method == "approval":
            return str(
                _(
                    "The options approved, separated by commas. "
                    "Start with “3:” for three identical ballots."
                )
            )
        if self.motion.method == "score":
            return str(
                _(
                    "Each option and its score, e.g. “Ana=4, Luis=2”. "
                    "Start with “3:” for three identical ballots."
                )
            )
        return str(
            _(
                "The candidates in order of preference, separated by “>”, e.g. “Ana > Luis”. "
                "Start with “3:” for three identical ballots."
            )
        )

    def clean_ballots(self) -> list[tuple[dict[str, Any], int]]:
        names = set(self.motion.candidates)
        parsed: list[tuple[dict[str, Any], int]] = []
        for number, raw in enumerate(self.cleaned_data["ballots"].splitlines(), start=1):
            line = raw.strip()
            if not line:
                continue
            count = 1
            match = _COUNT_PREFIX.match(line)
            if match:
                count, line = int(match.group(1)), match.group(2)
            try:
                content = self._content(line)
            except ValueError:
                raise forms.ValidationError(
                    _("Line %(n)s cannot be read: %(line)s"),
                    params={"n": number, "line": raw.strip()},
                ) from None
            unknown = set(self._mentioned(content)) - names
            if unknown:
                raise forms.ValidationError(
                    _("Line %(n)s names someone who is not a candidate: %(names)s"),
                    params={"n": number, "names": ", ".join(sorted(unknown))},
                )
            parsed.append((content, count))
        return parsed

    def _content(self, line: str) -> dict[str, Any]:
        method = self.motion.method
        if method == "approval":
            return {"approved": [p.strip() for p in line.split(",") if p.strip()]}
        if method == "score":
            scores: dict[str, int] = {}
            for part in line.split(","):
                name, _sep, value = part.partition("=")
                if not _sep:
                    raise ValueError(part)
                scores[name.strip()] = int(value.strip())
            return {"scores": scores}
        ranking = [p.strip() for p in line.split(">") if p.strip()]
        if len(set(ranking)) != len(ranking):
            raise ValueError(line)
        return {"ranking": ranking}

    @staticmethod
    def _mentioned(content: dict[str, Any]) -> list[str]:
        value = next(iter(content.values()))
        return list(value)

    def ballots(self) -> list[tuple[dict[str, Any], int]]:
        data = self.cleaned_data
        if self.motion.method == "majority":
            return [({"choice": v}, data[v]) for v, _l in CHOICE_LABELS]
        if self.motion.method in DELIBERATION:
            return [({"response": v}, data[v]) for v, _l in RESPONSE_LABELS]
        return list(data["ballots"])


def ballot_content(motion: Motion, data: QueryDict) -> dict[str, Any]:
    """What a member's ballot form says, in the shape `ballot_cast` takes. The service
    checks it against the motion; anything unreadable becomes an empty ballot it refuses."""
    if motion.method == "majority":
        return {"choice": data.get("choice", "")}
    if motion.method in DELIBERATION:
        return {"response": data.get("response", "")}
    if motion.method == "approval":
        return {"approved": data.getlist("approved")}
    if motion.method == "score":
        scores: dict[str, int] = {}
        for index, name in enumerate(motion.candidates):
            raw = data.get(f"score_{index}", "").strip()
            if raw:
                try:
                    scores[name] = int(raw)
                except ValueError:
                    return {"scores": None}
        return {"scores": scores}
    ranking = []
    for position in range(1, len(motion.candidates) + 1):
        choice = data.get(f"rank_{position}", "")
        if choice:
            ranking.append(choice)
    return {"ranking": ranking}


def is_ranked(motion: Motion) -> bool:
    return motion.method in RANKED


def is_candidate_method(motion: Motion) -> bool:
    return motion.method in CANDIDATE_METHODS


class MinutesForm(forms.Form):
    narrative = forms.CharField(
        label=_("Narrative of the session"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "What was discussed, in the secretary's words; "
            "the votes and results are added from the record."
        ),
    )


class SignersForm(forms.Form):
    members = bounded.ModelMultipleChoiceField(
        label=_("Members chosen by the assembly to sign"),
        queryset=Member.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, present: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["members"]
        field.queryset = present  # type: ignore[attr-defined]
        field.label_from_instance = _signer_label  # type: ignore[attr-defined]


def _signer_label(member: Member) -> str:
    """Whether the person can sign in the app shows where they are chosen."""
    if member.user_id is not None:
        return _("%(name)s (can sign in the app)") % {"name": member}
    return _("%(name)s (no account: signs on paper)") % {"name": member}


class PaperSignatureForm(forms.Form):
    """A signature given on the printed acta, recorded by the secretary."""

    role = forms.ChoiceField(label=_("Signs as"), choices=SignerRole.choices)
    member = forms.ModelChoiceField(label=_("Who signed"), queryset=Member.objects.none())
    signed_on = bounded.DateField(label=_("Signed on"), widget=DateInput())
    scan = forms.FileField(
        label=_("Scanned signed page"),
        help_text=_("PDF, PNG or JPEG, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )

    def __init__(self, *args: Any, workplace: Workplace, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(workplace=workplace).order_by(  # type: ignore[attr-defined]
            "number"
        )


class ReplaceSignerForm(forms.Form):
    replaced = forms.ModelChoiceField(
        label=_("Chosen member who cannot sign"), queryset=Member.objects.none()
    )
    by = forms.ModelChoiceField(label=_("Replaced by"), queryset=Member.objects.none())

    def __init__(self, *args: Any, chosen: Any, present: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["replaced"].queryset = chosen  # type: ignore[attr-defined]
        self.fields["by"].queryset = present  # type: ignore[attr-defined]


class DecisionAssignForm(forms.Form):
    responsible = forms.ModelChoiceField(
        label=_("Responsible member"), queryset=Member.objects.none(), required=False
    )
    responsible_body = forms.ModelChoiceField(
        label=_("Responsible commission or body"), queryset=Body.objects.none(), required=False
    )
    due_on = bounded.DateField(label=_("Due on"), required=False, widget=DateInput())

    def __init__(self, *args: Any, workplace: Workplace, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = Member.objects.filter(workplace=workplace)  # type: ignore[attr-defined]
        self.fields["responsible_body"].queryset = Body.objects.filter(workplace=workplace)  # type: ignore[attr-defined]


class DecisionNoteForm(forms.Form):
    text = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(
        label=_("New status"),
        required=False,
        choices=[("", _("No change")), *DecisionStatus.choices],
    )


class PetitionForm(forms.Form):
    kind = forms.ChoiceField(label=_("The petition asks to"), choices=PetitionKind.choices)
    matter = forms.ChoiceField(label=_("Kind of matter"), choices=list(MATTER_LABELS.items()))
    title = forms.CharField(label=_("What it is about"), max_length=250)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class FulfilForm(forms.Form):
    item = forms.ModelChoiceField(
        label=_("Agenda item that answers it"), queryset=AgendaItem.objects.none()
    )

    def __init__(self, *args: Any, workplace: Workplace, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = AgendaItem.objects.filter(  # type: ignore[attr-defined]
            meeting__workplace=workplace,
            meeting__status__in=[MeetingStatus.DRAFT, MeetingStatus.CONVENED],
        ).select_related("meeting")
        field: Any = self.fields["item"]
        field.label_from_instance = lambda i: f"{i.meeting.title} — {i.position}. {i.title}"


class ApplicationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    national_id = forms.CharField(label=_("National id (DNI)"), max_length=30, required=False)
    email = forms.EmailField(label=_("Email address"), required=False)
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=Section.objects.none(), required=False
    )
    shares_subscribed = bounded.DecimalField(
        label=_("Shares subscribed"), min_value=0, decimal_places=2, initial=0
    )
    statement = forms.CharField(
        label=_("Why they want to join"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, workplace: Workplace, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = Section.objects.filter(workplace=workplace)  # type: ignore[attr-defined]


class ApplicationAgendaForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none())

    def __init__(self, *args: Any, workplace: Workplace, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(  # type: ignore[attr-defined]
            workplace=workplace, status__in=[MeetingStatus.DRAFT, MeetingStatus.CONVENED]
        ).order_by("scheduled_at")


class PreferencesForm(forms.Form):
    def __init__(self, *args: Any, current: dict[str, bool], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind, label in NoticeKind.choices:
            self.fields[kind] = forms.BooleanField(
                label=label, required=False, initial=current.get(kind, True)
            )


class BodyForm(forms.Form):
    """A new section assembly or commission: only the field its kind needs is used."""

    kind = forms.ChoiceField(
        label=_("Kind of body"),
        choices=[
            (BodyKind.SECTION.value, BodyKind.SECTION.label),
            (BodyKind.COMMISSION.value, BodyKind.COMMISSION.label),
        ],
    )
    name = forms.CharField(label=_("Name"), max_length=150)
    section = forms.ModelChoiceField(
        label=_("Section"),
        queryset=Section.objects.none(),
        required=False,
        help_text=_("For a section assembly: the members of this section meet."),
    )
    members = bounded.ModelMultipleChoiceField(
        label=_("Members of the commission"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, workplace: Workplace, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = Section.objects.filter(workplace=workplace)  # type: ignore[attr-defined]
        self.fields["members"].queryset = members  # type: ignore[attr-defined]
        field: Any = self.fields["members"]
        field.label_from_instance = lambda m: f"{m.number} — {m.full_name}"

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if data["kind"] == BodyKind.SECTION:
            data.pop("members")
        else:
            data.pop("section")
        return data


class BodyRulesForm(forms.Form):
    """A body's own values; blank follows the statute (its value is the help text)."""

    notice_days = bounded.IntegerField(
        label=_("Days of notice"),
        min_value=STATUTE_INT_RANGES["notice_days"].minimum,
        max_value=STATUTE_INT_RANGES["notice_days"].maximum,
        required=False,
    )
    quorum_fraction = forms.CharField(
        label=_("Quorum: more than this fraction of the members"), max_length=20, required=False
    )
    second_call_minutes = bounded.IntegerField(
        label=_("Minutes until second call"),
        min_value=STATUTE_INT_RANGES["second_call_minutes"].minimum,
        max_value=STATUTE_INT_RANGES["second_call_minutes"].maximum,
        required=False,
    )
    simple_majority = forms.CharField(
        label=_("Simple majority (fraction of those present)"), max_length=20, required=False
    )
    qualified_majority = forms.CharField(
        label=_("Qualified majority (fraction of those present)"), max_length=20, required=False
    )

    def __init__(self, *args: Any, statute: AssemblyRules, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.help_text = _("Blank follows the statute: %(value)s.") % {
                "value": getattr(statute, name)
            }

    @classmethod
    def initial_for(cls, body: Body) -> dict[str, Any]:
        return {name: getattr(body, name) for name in cls.base_fields}
