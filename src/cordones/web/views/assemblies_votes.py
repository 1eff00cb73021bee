"""The live assembly on a phone (current item, open votes, casting, turnout, quorum), the
chair's controls, and the result of each motion with its count sheet and ballot list."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cordones.assemblies import selectors, tallying
from cordones.assemblies.models import Attendance, BallotMode, Meeting, Motion, MotionStatus
from cordones.assemblies.services import meetings as meeting_services
from cordones.assemblies.services import votes as vote_services
from cordones.assemblies.tallying import DELIBERATION
from cordones.core.errors import ServiceError
from cordones.domain.charts import bar_chart
from cordones.domain.voting import METHODS, TallyError
from cordones.web.forms_assemblies import (
    CALL_LABELS,
    CHOICE_LABELS,
    MATTER_LABELS,
    METHOD_LABELS,
    RESPONSE_LABELS,
    CloseForm,
    CurrentItemForm,
    MotionForm,
    TellersForm,
    ballot_content,
    is_ranked,
)
from cordones.web.views.assemblies_common import (
    acting_member,
    confirm_page,
    form_page,
    meeting_or_404,
    motion_or_404,
    post_action,
)
from cordones.web.views.base import WorkplaceRequest, workplace_view

MODE_LABELS = dict(BallotMode.choices)
STATUS_LABELS = dict(MotionStatus.choices)
_CONTENT_LABELS = {**dict(CHOICE_LABELS), **dict(RESPONSE_LABELS)}


def content_text(content: dict[str, Any]) -> str:
    """One ballot in words a teller can read out."""
    if "choice" in content:
        return str(_CONTENT_LABELS.get(content["choice"], content["choice"]))
    if "response" in content:
        return str(_CONTENT_LABELS.get(content["response"], content["response"]))
    if "approved" in content:
        return ", ".join(content["approved"]) or "—"
    if "scores" in content:
        return ", ".join(f"{name}={score}" for name, score in content["scores"].items()) or "—"
    return " > ".join(content.get("ranking", [])) or "—"


def _live_sheet(motion: Motion) -> str:
    try:
        return tallying.count_sheet(motion)
    except (TallyError, ValueError):
        return ""


def _live(request: WorkplaceRequest, meeting: Meeting) -> dict[str, Any]:
    """Everything the live page shows, and a short signature of what would need a new
    page (a vote opening or closing, the item changing, one's own vote or check-in)."""
    member = acting_member(request)
    present = (
        member is not None and Attendance.objects.filter(meeting=meeting, member=member).exists()
    )
    quorum = selectors.quorum_get(meeting)
    votes: list[dict[str, Any]] = []
    motions = list(meeting.motions.select_related("item").order_by("id"))
    for motion in motions:
        if motion.status != MotionStatus.OPEN:
            continue
        may = member is not None and selectors.member_may_vote(motion, member)
        voted = member is not None and selectors.member_has_voted(motion, member)
        votes.append(
            {
                "motion": motion,
                "turnout": selectors.turnout_get(motion),
                "may_vote": may and motion.mode in (BallotMode.OPEN, BallotMode.SECRET),
                "on_roll": may,
                "voted": voted,
                "method_label": METHOD_LABELS.get(motion.method, motion.method),
                "mode_label": MODE_LABELS.get(motion.mode, motion.mode),
                "ranks": range(1, len(motion.candidates) + 1) if is_ranked(motion) else None,
                "sheet": _live_sheet(motion)
                if selectors.live_results_shown(meeting, motion)
                else "",
                "secret": motion.mode == BallotMode.SECRET,
            }
        )
    state = repr(
        (
            meeting.status,
            meeting.current_item_id,
            present,
            [(m.pk, m.status, m.round) for m in motions],
            [(v["motion"].pk, v["voted"]) for v in votes],
        )
    )
    return {
        "meeting": meeting,
        "member": member,
        "present": present,
        "quorum": quorum,
        "call_label": CALL_LABELS[quorum.call],
        "item": meeting.current_item,
        "matter_labels": MATTER_LABELS,
        "votes": votes,
        "closed": [m for m in motions if m.status == MotionStatus.CLOSED],
        "awaiting_ballot": any(v["may_vote"] and not v["voted"] for v in votes),
        "signature": hashlib.sha256(state.encode()).hexdigest()[:16],
        "choices": CHOICE_LABELS,
        "responses": RESPONSE_LABELS,
    }


@workplace_view("assembly.view")
@require_GET
def meeting_live(request: WorkplaceRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    response = render(request, "assemblies/live.html", _live(request, meeting))
    response["Cache-Control"] = "no-store"
    return response


@workplace_view("assembly.view")
@require_GET
def meeting_live_status(request: WorkplaceRequest, pk: int) -> HttpResponse:
    """The part of the live page that changes by itself (polled every few seconds). When
    something changed that needs the whole page (a vote opened), htmx is told to reload."""
    meeting = meeting_or_404(request, pk)
    context = _live(request, meeting)
    response = render(request, "assemblies/_live_status.html", context)
    seen = request.GET.get("v")
    if seen and seen != context["signature"] and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    response["Cache-Control"] = "no-store"
    return response


RECEIPT_COOKIE = "cordones_vote_{pk}"
RECEIPT_SALT = "cordones.assemblies.receipt"
RECEIPT_DAYS = 120
# What the confirmation page carries back, unchanged, to the cast.
BALLOT_FIELDS = ("choice", "response", "approved")


def _ballot_fields(motion: Motion, data: Any) -> list[tuple[str, str]]:
    names = [*BALLOT_FIELDS]
    names += [f"rank_{i}" for i in range(1, len(motion.candidates) + 1)]
    names += [f"score_{i}" for i in range(len(motion.candidates))]
    return [(name, value) for name in names for value in data.getlist(name) if value != ""]


def _receipt_path(motion: Motion) -> str:
    # the cookie goes back only to this motion's receipt pages
    return reverse("motion_result", args=[motion.workplace.slug, motion.pk])


def _receipt_read(request: WorkplaceRequest, motion: Motion) -> dict[str, Any] | None:
    """The receipt kept on the voter's own device: a signed cookie, for this account. The
    server keeps nothing that joins a voter to a receipt."""
    try:
        data = request.get_signed_cookie(
            RECEIPT_COOKIE.format(pk=motion.pk),
            salt=RECEIPT_SALT,
            max_age=RECEIPT_DAYS * 86400,
        )
        stored = json.loads(data or "")
    except (KeyError, ValueError, signing.BadSignature):
        return None
    if not isinstance(stored, dict) or stored.get("u") != request.user.pk:
        return None
    return stored


@workplace_view("assembly.vote")
@require_POST
def ballot_cast(request: WorkplaceRequest, pk: int) -> HttpResponse:
    """Choose, confirm, then the receipt. The ballot form posts here; without `confirmed`
    the answer is the confirmation page (no JavaScript needed), which posts the same ballot
    back with `confirmed`. The cast answers with a redirect to the receipt page, so a
    reload shows the receipt again instead of asking to resend."""
    motion = motion_or_404(request, pk)
    content = ballot_content(motion, request.POST)
    live = reverse("meeting_live", args=[motion.workplace.slug, motion.meeting_id])
    secret = motion.mode == BallotMode.SECRET
    if request.POST.get("confirmed") != "1":
        clean = tallying.validate_content(motion, content)
        if clean is None:
            messages.error(request, _("That is not a valid ballot for this vote."))
            return redirect(live)
        response = render(
            request,
            "assemblies/vote_confirm.html",
            {
                "motion": motion,
                "meeting": motion.meeting,
                "secret": secret,
                "said": content_text(clean),
                "fields": _ballot_fields(motion, request.POST),
            },
        )
        response["Cache-Control"] = "no-store"
        return response
    try:
        ballot = vote_services.ballot_cast(request.access, motion, content)
    except ServiceError as exc:
        for field_messages in exc.errors.values():
            for message in field_messages:
                messages.error(request, message)
        return redirect(live)
    response = redirect("ballot_receipt", slug=motion.workplace.slug, pk=motion.pk)
    kept = {"u": request.user.pk, "s": content_text(ballot.content)}
    if secret:
        kept["r"] = ballot.receipt
    response.set_signed_cookie(
        RECEIPT_COOKIE.format(pk=motion.pk),
        json.dumps(kept),
        salt=RECEIPT_SALT,
        max_age=RECEIPT_DAYS * 86400,
        path=_receipt_path(motion),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


@workplace_view("assembly.vote")
@require_GET
def ballot_receipt(request: WorkplaceRequest, pk: int) -> HttpResponse:
    """The receipt, again, from the cookie on this device (a reload, or days later)."""
    motion = motion_or_404(request, pk)
    kept = _receipt_read(request, motion)
    response = render(
        request,
        "assemblies/voted.html",
        {
            "motion": motion,
            "meeting": motion.meeting,
            "secret": motion.mode == BallotMode.SECRET,
            "kept": kept is not None,
            "receipt": (kept or {}).get("r", ""),
            "said": (kept or {}).get("s", ""),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@workplace_view("assembly.vote")
@require_GET
def ballot_receipt_text(request: WorkplaceRequest, pk: int) -> HttpResponse:
    """The receipt as a text file to keep."""
    motion = motion_or_404(request, pk)
    kept = _receipt_read(request, motion)
    if kept is None:
        raise Http404
    lines = [
        motion.workplace.legal_name,
        motion.meeting.title,
        motion.title,
        "",
        _("You voted:") + " " + str(kept.get("s", "")),
    ]
    if kept.get("r"):
        lines += [
            _("Your receipt") + ": " + kept["r"],
            "",
            _(
                "When the vote closes, find this receipt in the published ballot list to "
                "check that your ballot was counted as you cast it."
            ),
            request.build_absolute_uri(
                reverse("motion_result", args=[motion.workplace.slug, motion.pk])
            ),
        ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="voto-{motion.pk}.txt"'
    response["Cache-Control"] = "no-store"
    return response


# --- the chair ---------------------------------------------------------------------------------


def _chair(meeting: Meeting) -> str:
    return reverse("meeting_chair", args=[meeting.workplace.slug, meeting.pk])


@workplace_view("assembly.manage")
@require_GET
def meeting_chair(request: WorkplaceRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    context = _live(request, meeting)
    rows = []
    for motion in meeting.motions.select_related("item").order_by("id"):
        rows.append(
            {
                "motion": motion,
                "status_label": STATUS_LABELS.get(motion.status, motion.status),
                "method_label": METHOD_LABELS.get(motion.method, motion.method),
                "mode_label": MODE_LABELS.get(motion.mode, motion.mode),
                "turnout": selectors.turnout_get(motion)
                if motion.status == MotionStatus.OPEN
                else None,
                "tellers": motion.mode in (BallotMode.SHOW_OF_HANDS, BallotMode.PAPER),
                "rounds": motion.method in ("consent", "consensus"),
            }
        )
    context.update(
        {
            "rows": rows,
            "item_form": CurrentItemForm(meeting=meeting) if meeting.items.exists() else None,
            "chair": True,
            "opens_later": timezone.now() < selectors.opens_from(meeting),
        }
    )
    return render(request, "assemblies/chair.html", context)


@workplace_view("assembly.manage")
@require_POST
def meeting_current_item(request: WorkplaceRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    form = CurrentItemForm(request.POST, meeting=meeting)
    if not form.is_valid():
        messages.error(request, _("That item is not on this agenda."))
        return redirect(_chair(meeting))
    return post_action(
        request,
        lambda: meeting_services.meeting_set_current_item(
            request.access, meeting, int(form.cleaned_data["item"])
        ),
        _("The item under discussion was changed."),
        _chair(meeting),
    )


@workplace_view("assembly.manage")
@require_POST
def meeting_adjourn(request: WorkplaceRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    return post_action(
        request,
        lambda: meeting_services.meeting_adjourn(request.access, meeting),
        _("The session is adjourned (cuarto intermedio). Reopen it to continue."),
        _chair(meeting),
    )


@workplace_view("assembly.manage")
@require_http_methods(["GET", "POST"])
def meeting_close(request: WorkplaceRequest, pk: int) -> HttpResponse:
    """GET asks first; POST closes the meeting."""
    meeting = meeting_or_404(request, pk)
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Close the meeting"),
            meeting=meeting,
            consequences=[
                _("No more votes, check-ins or agenda changes: the session is over."),
                _("The door's check-in code stops working."),
                _("The minutes are then completed and signed."),
            ],
            button=_("Yes, close the meeting"),
            back=_chair(meeting),
        )
    return post_action(
        request,
        lambda: meeting_services.meeting_close(request.access, meeting),
        _("The meeting is closed. The minutes can now be completed and signed."),
        _chair(meeting),
    )


@workplace_view("assembly.manage")
@require_http_methods(["GET", "POST"])
def motion_create(request: WorkplaceRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    form = MotionForm(request.POST or None, meeting=meeting)

    def action(data: dict[str, Any]) -> str:
        vote_services.motion_create(request.access, meeting, **form.service_kwargs())
        messages.success(
            request, _("The motion was created. Open the vote when the assembly is ready.")
        )
        return _chair(meeting)

    return form_page(
        request,
        form,
        "assemblies/form.html",
        {"title": _("New motion"), "meeting": meeting, "back": _chair(meeting)},
        action,
    )


@workplace_view("assembly.manage")
@require_POST
def motion_open(request: WorkplaceRequest, pk: int) -> HttpResponse:
    motion = motion_or_404(request, pk)
    return post_action(
        request,
        lambda: vote_services.motion_open(request.access, motion),
        _("The vote is open: the electoral roll is frozen."),
        _chair(motion.meeting),
    )


@workplace_view("assembly.manage")
@require_http_methods(["GET", "POST"])
def motion_close(request: WorkplaceRequest, pk: int) -> HttpResponse:
    """GET asks first (and takes the chair's deciding vote, for a tie); POST closes."""
    motion = motion_or_404(request, pk)

    def ask(form: CloseForm | None) -> HttpResponse:
        turnout = selectors.turnout_get(motion)
        return confirm_page(
            request,
            title=_("Close the vote and count"),
            meeting=motion.meeting,
            subject=motion.title,
            consequences=[
                _("%(voted)s of %(eligible)s have voted: nobody else can vote after this.")
                % {"voted": turnout.voted, "eligible": turnout.eligible},
                _("The ballots are counted and the result is published."),
            ],
            form=form,
            button=_("Yes, close the vote and count"),
            back=_chair(motion.meeting),
        )

    if request.method == "GET":
        return ask(CloseForm(prefix=f"m{motion.pk}") if motion.method == "majority" else None)
    form = CloseForm(request.POST, prefix=f"m{motion.pk}")
    chair_vote = (form.cleaned_data["chair_vote"] or None) if form.is_valid() else None
    try:
        vote_services.motion_close(request.access, motion, chair_vote=chair_vote)
    except ServiceError as exc:
        if "chair_vote" in exc.errors and motion.method == "majority":
            # a tie: ask again, with the chair's deciding vote marked on its field
            for message in exc.errors["chair_vote"]:
                form.add_error("chair_vote", message)
            return ask(form)
        for field_messages in exc.errors.values():
            for message in field_messages:
                messages.error(request, message)
        return redirect(_chair(motion.meeting))
    messages.success(request, _("The vote is closed and counted."))
    return redirect("motion_result", slug=motion.workplace.slug, pk=motion.pk)


@workplace_view("assembly.manage")
@require_POST
def motion_next_round(request: WorkplaceRequest, pk: int) -> HttpResponse:
    motion = motion_or_404(request, pk)
    return post_action(
        request,
        lambda: vote_services.motion_next_round(request.access, motion),
        _("A new round has started: everyone on the roll answers again."),
        _chair(motion.meeting),
    )


@workplace_view("assembly.manage")
@require_http_methods(["GET", "POST"])
def motion_tellers(request: WorkplaceRequest, pk: int) -> HttpResponse:
    motion = motion_or_404(request, pk)
    form = TellersForm(request.POST or None, motion=motion)

    def action(data: dict[str, Any]) -> str:
        counted = vote_services.tellers_record(
            request.access,
            motion,
            form.ballots(),
            replace=bool(data.get("replace")),
        )
        messages.success(request, _("%(n)s votes were recorded.") % {"n": counted})
        return _chair(motion.meeting)

    return form_page(
        request,
        form,
        "assemblies/form.html",
        {
            "title": _("Enter the count: %(title)s") % {"title": motion.title},
            "meeting": motion.meeting,
            "back": _chair(motion.meeting),
            "turnout": selectors.turnout_get(motion),
            "candidates": motion.candidates,
        },
        action,
    )


# --- results ------------------------------------------------------------------------------------


def _result_chart(motion: Motion, result: Any) -> dict[str, Any]:
    """The final count as bars (server-side SVG) and the same numbers as a table."""
    if result is None or not result.rounds or not result.rounds[-1].counts:
        return {"chart": "", "chart_rows": []}
    counts = [(str(key), float(value)) for key, value in result.rounds[-1].counts]
    labels = {
        key: content_text({"choice": key}) if motion.method == "majority" else key
        for key, _v in counts
    }
    if motion.method in DELIBERATION:
        labels = {key: content_text({"response": key}) for key, _v in counts}
    valid = result.valid_ballots or sum(v for _k, v in counts) or 1
    winners = set(result.winners)
    if result.outcome is not None and result.outcome.value == "adopted":
        winners |= {"for", "consent", "agree"}
    marker = None
    if result.quota is not None:
        needed = float(result.quota)
        template = (
            _("Needed: %(n)s")
            if motion.method in ("majority", *DELIBERATION)
            else _("Quota: %(n)s")
        )
        marker = (needed, template % {"n": f"{needed:g}"})
    bars = [(labels[key], value) for key, value in counts]
    title = _("Result: %(title)s") % {"title": motion.title}
    description = "; ".join(f"{label}: {value:g}" for label, value in bars)
    return {
        "chart": mark_safe(
            bar_chart(
                title,
                description,
                bars,
                marker=marker,
                highlight=[labels[k] for k, _v in counts if k in winners],
                chart_id=f"result-{motion.pk}",
            )
        ),
        "chart_rows": [
            {"label": labels[key], "votes": value, "share": 100 * value / valid}
            for key, value in counts
        ],
    }


@workplace_view("assembly.view")
@require_http_methods(["GET", "POST"])
def motion_result(request: WorkplaceRequest, pk: int) -> HttpResponse:
    """The result. A receipt is checked by POST: it never travels in a URL, so it never
    lands in an access log, a proxy's log or the browser's history."""
    motion = motion_or_404(request, pk)
    context: dict[str, Any] = {
        "motion": motion,
        "meeting": motion.meeting,
        "method_label": METHOD_LABELS.get(motion.method, motion.method),
        "method_name": _(METHODS[motion.method].name)
        if motion.method in METHODS
        else motion.method,
        "mode_label": MODE_LABELS.get(motion.mode, motion.mode),
        "status_label": STATUS_LABELS.get(motion.status, motion.status),
        "turnout": selectors.turnout_get(motion),
        "secret": motion.mode == BallotMode.SECRET,
        "receipt": request.POST.get("receipt", "").strip().upper()[:20]
        if request.method == "POST"
        else "",
    }
    if motion.status == MotionStatus.CLOSED:
        summary = motion.result or {}
        try:
            result = tallying.motion_tally(motion, summary.get("chair_vote"))
        except (TallyError, ValueError):
            result = None
        context["summary"] = summary
        context.update(_result_chart(motion, result))
        context["sheet"] = tallying.sheet_text(result) if result else ""
        context["rule"] = result.rule.render(_) if result and result.rule else ""
        ballots = [
            {
                "receipt": b.receipt,
                "round": b.round,
                "text": content_text(b.content),
                "count": b.count,
            }
            for b in selectors.ballots_published(motion)
        ]
        if context["receipt"]:
            context["found"] = [b for b in ballots if b["receipt"] == context["receipt"]]
        context["ballots"] = ballots
        context["several_rounds"] = motion.round > 1
        if motion.mode == BallotMode.OPEN:
            context["roll_call"] = [
                {"member": b.voter, "text": content_text(b.content), "round": b.round}
                for b in selectors.open_ballots_roll_call(motion)
            ]
    return render(request, "assemblies/result.html", context)
