"""Writes on the members register. Each function checks the permission, asks the domain
whether the entry may be written, and appends it in one transaction; on bad input it
raises ServiceError and writes nothing."""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cordones.accounts.models import User
from cordones.books.services import register_chain
from cordones.core.errors import ServiceError
from cordones.domain.bounds import MAX_MEMBER_NUMBER, MONEY, day_in_range, parse_int
from cordones.domain.register import book
from cordones.domain.register.book import DepartureReason, EntryKind, Office
from cordones.members.errors import raise_register_errors
from cordones.members.models import Invitation, Member, RegisterEntry
from cordones.members.permissions import Access, require
from cordones.members.selectors import member_state_get
from cordones.workplaces.models import Section, Workplace

audit = logging.getLogger("cordones.audit")


def _lock_and_next_seq(workplace: Workplace) -> int:
    # Lock the workplace row so two clerks never take the same entry number.
    Workplace.objects.select_for_update().filter(pk=workplace.pk).first()
    last = RegisterEntry.objects.filter(workplace=workplace).aggregate(m=Max("seq"))["m"]
    return (last or 0) + 1


def _append(workplace: Workplace, access: Access, **fields: Any) -> RegisterEntry:
    entry = RegisterEntry(
        workplace=workplace,
        seq=_lock_and_next_seq(workplace),
        recorded_by_id=access.user_id,
        **fields,
    )
    entry.save()
    register_chain(workplace, [entry.seq])
    return entry


def _money(value: Any, field_name: str) -> Decimal:
    try:
        amount = Decimal(str(value if value not in (None, "") else 0))
    except ArithmeticError:
        raise ServiceError.single(field_name, _("Enter an amount such as 1500.00.")) from None
    if not amount.is_finite() or amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ServiceError.single(field_name, _("Enter an amount with at most two decimals."))
    if not MONEY.fits(amount):
        raise ServiceError.single(
            field_name,
            _("Enter an amount from 0 to %(limit)s.") % {"limit": MONEY.maximum},
        )
    return amount


def member_admit(
    access: Access,
    workplace: Workplace,
    *,
    number: int,
    full_name: str,
    admitted_on: date,
    shares_subscribed: Any = 0,
    shares_paid: Any = 0,
    national_id: str = "",
    email: str = "",
    phone: str = "",
    section: Section | None = None,
    note: str = "",
) -> Member:
    require(access, "register.write", workplace)
    if parse_int(number, 1, MAX_MEMBER_NUMBER) is None:
        raise ServiceError.single(
            "number",
            _("The member number goes from 1 to %(limit)s.") % {"limit": MAX_MEMBER_NUMBER},
        )
    if not day_in_range(admitted_on):
        raise ServiceError.single("admitted_on", _("That date is out of range."))
    subscribed = _money(shares_subscribed, "shares_subscribed")
    paid = _money(shares_paid, "shares_paid")
    if not full_name.strip():
        raise ServiceError.single("full_name", _("Enter the member's full name."))
    if section is not None and section.workplace_id != workplace.pk:
        raise ServiceError.single("section", _("That section belongs to another workplace."))
    with transaction.atomic():
        taken = Member.objects.filter(workplace=workplace, number=number).values_list(
            "number", flat=True
        )
        raise_register_errors(
            book.check_admission(
                member_number=number, taken_numbers=taken, subscribed=subscribed, paid=paid
            )
        )
        try:
            with transaction.atomic():
                member = Member.objects.create(
                    workplace=workplace,
                    number=number,
                    full_name=full_name.strip(),
                    national_id=national_id.strip(),
                    email=email.strip().lower(),
                    phone=phone.strip(),
                    section=section,
                )
        except IntegrityError:
            # a concurrent admission took the number between the check and the insert
            raise ServiceError.single(
                "number",
                _("Member number %(number)s is already in the register.") % {"number": number},
            ) from None
        _append(
            workplace,
            access,
            member=member,
            kind=EntryKind.ADMISSION,
            on=admitted_on,
            shares_subscribed=subscribed,
            shares_paid=paid,
            note=note,
        )
    return member


def shares_record(
    access: Access, member: Member, *, on: date, subscribed: Any = 0, paid: Any = 0, note: str = ""
) -> RegisterEntry:
    require(access, "register.write", member.workplace)
    sub, pay = _money(subscribed, "shares_subscribed"), _money(paid, "shares_paid")
    state = member_state_get(member)
    errors = book.check_shares(
        subscribed=sub + state.shares_subscribed, paid=pay + state.shares_paid
    )
    if sub < 0 or pay < 0:
        errors = book.check_shares(subscribed=sub, paid=pay) or errors
    if not state.is_member_on(on):
        errors.append(book.RegisterError("not_a_member_on", "on", {"day": on}))
    raise_register_errors(errors)
    with transaction.atomic():
        return _append(
            member.workplace,
            access,
            member=member,
            kind=EntryKind.SHARES,
            on=on,
            shares_subscribed=sub,
            shares_paid=pay,
            note=note,
        )


def office_assign(
    access: Access, member: Member, *, office: str, start: date, end: date, note: str = ""
) -> RegisterEntry:
    require(access, "register.write", member.workplace)
    try:
        office_value = Office(office)
    except ValueError:
        raise ServiceError.single("office", _("Choose an office from the list.")) from None
    state = member_state_get(member)
    raise_register_errors(book.check_office_term(state, office=office_value, start=start, end=end))
    with transaction.atomic():
        return _append(
            member.workplace,
            access,
            member=member,
            kind=EntryKind.OFFICE_START,
            on=start,
            office=office_value,
            term_end=end,
            note=note,
        )


def office_end(
    access: Access, member: Member, *, term_entry: int, on: date, note: str = ""
) -> RegisterEntry:
    require(access, "register.write", member.workplace)
    state = member_state_get(member)
    raise_register_errors(book.check_office_end(state, term_entry=term_entry, on=on))
    with transaction.atomic():
        return _append(
            member.workplace,
            access,
            member=member,
            kind=EntryKind.OFFICE_END,
            on=on,
            term_entry_seq=term_entry,
            note=note,
        )


def member_depart(
    access: Access, member: Member, *, on: date, reason: str, note: str = ""
) -> RegisterEntry:
    require(access, "register.write", member.workplace)
    try:
        reason_value = DepartureReason(reason)
    except ValueError:
        raise ServiceError.single("reason", _("Choose a reason from the list.")) from None
    state = member_state_get(member)
    raise_register_errors(book.check_departure(state, on=on))
    with transaction.atomic():
        return _append(
            member.workplace,
            access,
            member=member,
            kind=EntryKind.DEPARTURE,
            on=on,
            departure_reason=reason_value,
            note=note,
        )


CORRECTABLE = ("corrected_on", "shares_subscribed", "shares_paid", "term_end", "departure_reason")


def entry_correct(
    access: Access,
    workplace: Workplace,
    *,
    seq: int,
    on: date,
    note: str,
    void: bool = False,
    **values: Any,
) -> RegisterEntry:
    """Append a correction of entry `seq`: new values for the fields given, or void it."""
    require(access, "register.write", workplace)
    target = (
        RegisterEntry.objects.filter(workplace=workplace, seq=seq).select_related("member").first()
    )
    raise_register_errors(
        book.check_correction(target.as_domain(target.member.number) if target else None)
    )
    assert target is not None
    if not note.strip():
        raise ServiceError.single("note", _("Explain the correction: it stays in the register."))
    fields: dict[str, Any] = {}
    for name, value in values.items():
        if name not in CORRECTABLE:
            raise ServiceError.single(name, _("This value cannot be corrected."))
        if value in (None, ""):
            continue
        fields[name] = _money(value, name) if name.startswith("shares_") else value
    if not void and not fields:
        raise ServiceError.single("", _("Give at least one corrected value, or void the entry."))
    if "term_end" in fields and target.kind == EntryKind.OFFICE_START:
        start = fields.get("corrected_on", target.on)
        if fields["term_end"] < start:
            raise_register_errors([book.RegisterError("end_before_start", "term_end")])
    with transaction.atomic():
        return _append(
            workplace,
            access,
            member=target.member,
            kind=EntryKind.CORRECTION,
            on=on,
            corrects_seq=seq,
            void=void,
            note=note.strip(),
            **fields,
        )


def member_account_link(access: Access, member: Member, *, user: User | None, note: str) -> Member:
    """Correct who a member is: link the member to an account (or unlink it, ``None``).
    Invitations link accounts in the ordinary way; this is the correction, by the register's
    keepers, and it is logged (the audit log names who changed what, and why)."""
    require(access, "register.write", member.workplace)
    if not note.strip():
        raise ServiceError.single("note", _("Explain the correction: it stays in the register."))
    with transaction.atomic():
        fresh = Member.objects.select_for_update().get(pk=member.pk)
        if user is not None and (
            Member.objects.filter(workplace=fresh.workplace_id, user=user)
            .exclude(pk=fresh.pk)
            .exists()
        ):
            raise ServiceError.single(
                "user", _("That account already belongs to another member of this workplace.")
            )
        previous = fresh.user_id
        fresh.user = user
        fresh.save(update_fields=["user"])
    audit.warning(
        "member account changed: workplace=%s member=%s account %s -> %s by user=%s: %s",
        fresh.workplace_id,
        fresh.number,
        previous,
        user.pk if user is not None else None,
        access.user_id,
        note.strip(),
    )
    member.user = user
    return fresh


# --- invitations ---


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_create(
    access: Access, member: Member, *, email: str, accept_url_for: Any, now: Any = None
) -> tuple[Invitation, str]:
    """Create a single-use link and email it. Returns the invitation and the raw token
    (shown once to the person who invited, stored only as a hash)."""
    require(access, "member.invite", member.workplace)
    now = now or timezone.now()
    email = email.strip().lower()
    if not email or "@" not in email:
        raise ServiceError.single("email", _("Enter a valid email address."))
    if member.user_id is not None:
        raise ServiceError.single("", _("This member already has an account."))
    if not member_state_get(member).is_member_on(timezone.localdate()):
        raise ServiceError.single("", _("Only current members can be invited."))
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            workplace=member.workplace,
            member=member,
            email=email,
            token_hash=_token_hash(token),
            expires_at=now + timedelta(days=settings.INVITATION_TTL_DAYS),
            created_by_id=access.user_id,
        )
        if not member.email:
            Member.objects.filter(pk=member.pk).update(email=email)
        url = accept_url_for(token)
        from cordones.jobs.services import enqueue_after_commit
        from cordones.members.tasks import invitation_email

        enqueue_after_commit(  # ADR 0006
            invitation_email, invitation.pk, url, translation.get_language() or "es"
        )
    return invitation, token


def _send_invitation(invitation: Invitation, url: str) -> None:
    context = {"invitation": invitation, "url": url, "workplace": invitation.workplace}
    subject = _("Invitation to %(workplace)s on Cordones") % {
        "workplace": invitation.workplace.name
    }
    body = render_to_string("members/email/invitation.txt", context)
    send_mail(subject, body, None, [invitation.email])


def invitation_get_usable(token: str, now: Any = None) -> Invitation:
    """The invitation for a token, or a translated error if it is unknown (tampered),
    expired or already used."""
    now = now or timezone.now()
    invitation = (
        Invitation.objects.select_related("member", "workplace")
        .filter(token_hash=_token_hash(token))
        .first()
    )
    if invitation is None:
        raise ServiceError.single(
            "",
            _(
                "This invitation link is not valid. "
                "Check that you copied it whole, or ask for a new one."
            ),
        )
    if invitation.accepted_at is not None:
        raise ServiceError.single(
            "", _("This invitation has already been used. Log in, or ask for a new one.")
        )
    if now >= invitation.expires_at:
        raise ServiceError.single(
            "", _("This invitation has expired. Ask the secretary for a new one.")
        )
    return invitation


def invitation_accept(
    token: str,
    *,
    password: str,
    full_name: str,
    language: str,
    user: User | None = None,
    now: Any = None,
) -> User:
    """Accept an invitation: create the account (or use the logged-in one) and link it
    to the member. Marks the invitation used in the same transaction."""
    now = now or timezone.now()
    with transaction.atomic():
        invitation = invitation_get_usable(token, now)
        # lock the row: a double submit must not create two accounts
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None:
            raise ServiceError.single(
                "", _("This invitation has already been used. Log in, or ask for a new one.")
            )
        member = Member.objects.select_for_update().get(pk=invitation.member_id)
        if member.user_id is not None:
            raise ServiceError.single("", _("This member already has an account."))
        if user is None:
            if User.objects.filter(email=invitation.email).exists():
                raise ServiceError.single(
                    "",
                    _(
                        "An account with this email already exists: "
                        "log in first, then open the link again."
                    ),
                )
            candidate = User(
                email=invitation.email, full_name=full_name.strip() or member.full_name
            )
            try:
                validate_password(password, candidate)
            except ValidationError as exc:
                raise ServiceError({"password": list(exc.messages)}) from None
            if language not in dict(settings.LANGUAGES):
                language = translation.get_language() or settings.LANGUAGE_CODE
            user = User.objects.create_user(
                email=invitation.email,
                password=password,
                full_name=candidate.full_name,
                preferred_language=language,
            )
        elif Member.objects.filter(workplace=invitation.workplace, user=user).exists():
            raise ServiceError.single("", _("You are already a member of this workplace."))
        member.user = user
        member.save(update_fields=["user"])
        invitation.accepted_at = now
        invitation.save(update_fields=["accepted_at"])
    return user
