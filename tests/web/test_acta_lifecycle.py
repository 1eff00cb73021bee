"""An acta is what was signed, and it cannot get stuck (issue 7 point 5, issue 9 point 1).

The first signature freezes the record; every signature is over the frozen hash; what
enters the book is the frozen snapshot, even if someone tries to change the attendance
after the president signed; a signer who left the cooperative is replaced or signs on
paper; signatures can be withdrawn and the draft reopened until the acta is in the book.
The minutes page is walked through every state, and each state offers a way forward."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from cordones.assemblies.models import (
    Attendance,
    MinuteBookEntry,
    Minutes,
    MinutesSignature,
)
from cordones.assemblies.services import attendance, meetings, minutes
from cordones.core.errors import PermissionDeniedError, ServiceError
from cordones.domain.assemblies import minute_book
from cordones.members import services as member_services
from cordones.members.models import Member
from tests.web import assemblies_scene as scene

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Services speak the active language; these tests read their English messages (pages
    are read in Spanish, through the translations)."""
    with translation.override("en"):
        yield


def es(msgid: str) -> str:
    with translation.override("es"):
        return translation.gettext(msgid)


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PRESENT = ("member", "secretary", "council_member", "auditor", "president")


def url(shop, name, *args):
    return reverse(name, args=[shop.workplace.slug, *args])


def scan(content: bytes = PDF, name: str = "firma.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def closed(shop):
    scene.add_president(shop)
    meeting = scene.in_session(shop, present=PRESENT)
    scene.closed_motion(shop, meeting, dict.fromkeys(PRESENT, "for"))
    meeting = meetings.meeting_close(scene.access(shop, "secretary"), meeting)
    minutes.minutes_update(scene.access(shop, "secretary"), meeting, narrative="Se debatió.")
    return meeting


def choose(shop, meeting, *personas):
    minutes.minutes_choose_signers(
        scene.access(shop, "secretary"), meeting, [shop.members[p] for p in personas]
    )


def test_the_acta_in_the_book_is_the_one_the_president_signed(shop, closed):
    meeting = closed
    sec = scene.access(shop, "secretary")
    choose(shop, meeting, "member", "auditor")
    minutes.minutes_sign(scene.access(shop, "president"), meeting)
    acta = Minutes.objects.get(meeting=meeting)
    frozen_hash = acta.snapshot_hash
    assert acta.snapshot is not None and len(acta.snapshot["present"]) == 5
    assert frozen_hash == minute_book.content_hash(acta.snapshot)
    # checking people out after the first signature is refused, and changes nothing
    for persona in ("member", "council_member"):
        with pytest.raises(ServiceError) as refused:
            attendance.checkout(sec, meeting, shop.members[persona])
        assert "Withdraw the signatures" in str(refused.value)
    assert Attendance.objects.filter(meeting=meeting).count() == 5
    # the narrative and the signers cannot change either
    with pytest.raises(ServiceError):
        minutes.minutes_update(sec, meeting, narrative="Otra cosa.")
    with pytest.raises(ServiceError):
        choose(shop, meeting, "council_member", "auditor")
    # even if the record changed underneath (a row deleted by hand), the book gets the snapshot
    Attendance.objects.filter(meeting=meeting, member=shop.members["council_member"]).delete()
    for persona in ("secretary", "member", "auditor"):
        minutes.minutes_sign(scene.access(shop, persona), meeting)
    entry = MinuteBookEntry.objects.get(minutes__meeting=meeting)
    assert len(entry.content["present"]) == 5
    assert entry.content["content_hash"] == frozen_hash
    assert {k: v for k, v in entry.content.items() if k in acta.snapshot} == acta.snapshot
    hashes = set(
        MinutesSignature.objects.filter(minutes=acta).values_list("content_hash", flat=True)
    )
    assert hashes == {frozen_hash}  # every signature over the same content
    assert len(entry.content["signatures"]) == 4


def test_a_signature_over_a_hash_the_signer_did_not_see_is_refused(shop, closed):
    meeting = closed
    choose(shop, meeting, "member", "auditor")
    shown = minutes.minutes_hash_to_sign(meeting)
    minutes.minutes_update(scene.access(shop, "secretary"), meeting, narrative="Corregida.")
    with pytest.raises(ServiceError) as refused:
        minutes.minutes_sign(scene.access(shop, "president"), meeting, content_hash=shown)
    assert "changed since you read it" in str(refused.value)
    assert not MinutesSignature.objects.exists()
    assert Minutes.objects.get(meeting=meeting).snapshot is None
    minutes.minutes_sign(
        scene.access(shop, "president"),
        meeting,
        content_hash=minutes.minutes_hash_to_sign(meeting),
    )
    assert MinutesSignature.objects.count() == 1


def test_nobody_signs_before_the_signers_are_chosen(shop, closed):
    with pytest.raises(ServiceError) as refused:
        minutes.minutes_sign(scene.access(shop, "president"), closed)
    assert "before anyone signs" in str(refused.value)
    acta = Minutes.objects.get(meeting=closed)
    assert acta.snapshot is None and not acta.signatures.exists()


def test_a_signer_who_left_is_replaced_and_one_without_account_signs_on_paper(shop, closed):
    meeting = closed
    sec = scene.access(shop, "secretary")
    choose(shop, meeting, "member", "auditor")
    minutes.minutes_sign(scene.access(shop, "president"), meeting)
    # the chosen member leaves the cooperative before signing: they cannot sign in the app
    leaver = shop.members["member"]
    member_services.member_depart(shop.clerk, leaver, on=timezone.localdate(), reason="resignation")
    page = scene_page(shop, meeting, "secretary")
    assert es("no longer a member: replace, or record a signature on paper") in page
    # the secretary replaces them with another member who was present
    minutes.minutes_replace_signer(sec, meeting, replaced=leaver, by=shop.members["council_member"])
    chosen = set(Minutes.objects.get(meeting=meeting).member_signers.values_list("pk", flat=True))
    assert chosen == {shop.members["council_member"].pk, shop.members["auditor"].pk}
    # someone who was not present cannot be the replacement
    with pytest.raises(ServiceError):
        minutes.minutes_replace_signer(sec, meeting, replaced=shop.members["auditor"], by=leaver)
    # the auditor has no account: the secretary records the paper signature with the scan
    Member.objects.filter(pk=shop.members["auditor"].pk).update(user=None)
    signature = minutes.minutes_record_paper_signature(
        sec,
        meeting,
        role="member",
        member=shop.members["auditor"],
        signed_on=timezone.localdate(),
        scan=scan(),
    )
    assert signature.on_paper and signature.scan.name.endswith(".pdf")
    assert signature.content_hash == Minutes.objects.get(meeting=meeting).snapshot_hash
    for persona in ("secretary", "council_member"):
        minutes.minutes_sign(scene.access(shop, persona), meeting)
    entry = MinuteBookEntry.objects.get(minutes__meeting=meeting)
    assert entry.content["signed_on_paper"] == [["member", shop.members["auditor"].number]]


@pytest.mark.parametrize(
    "field,kwargs",
    [
        ("scan", {"scan": "text"}),
        ("scan", {"scan": "big"}),
        ("signed_on", {"signed_on": "future"}),
        ("member", {"member": "not_chosen"}),
    ],
)
def test_a_bad_paper_signature_is_refused_on_its_field_and_nothing_is_stored(
    shop, closed, field, kwargs
):
    meeting = closed
    choose(shop, meeting, "member", "auditor")
    data = {
        "role": "member",
        "member": shop.members["member"],
        "signed_on": timezone.localdate(),
        "scan": scan(),
    }
    if kwargs.get("scan") == "text":
        data["scan"] = scan(b"just some text", "firma.pdf")
    if kwargs.get("scan") == "big":
        data["scan"] = scan(PDF + b"0" * (minutes.MAX_SCAN_BYTES + 1))
    if kwargs.get("signed_on") == "future":
        data["signed_on"] = timezone.localdate() + timedelta(days=2)
    if kwargs.get("member") == "not_chosen":
        data["member"] = shop.members["council_member"]
    with pytest.raises(ServiceError) as refused:
        minutes.minutes_record_paper_signature(scene.access(shop, "secretary"), meeting, **data)
    assert field in refused.value.errors
    acta = Minutes.objects.get(meeting=meeting)
    assert not acta.signatures.exists() and acta.snapshot is None


def test_withdrawing_and_reopening_thaw_the_draft(shop, closed):
    meeting = closed
    sec = scene.access(shop, "secretary")
    choose(shop, meeting, "member", "auditor")
    minutes.minutes_sign(scene.access(shop, "president"), meeting)
    [signature] = MinutesSignature.objects.all()
    # a member cannot withdraw someone else's signature
    with pytest.raises(PermissionDeniedError):
        minutes.minutes_withdraw_signature(scene.access(shop, "member"), meeting, signature.pk)
    assert MinutesSignature.objects.count() == 1
    minutes.minutes_withdraw_signature(sec, meeting, signature.pk)
    assert Minutes.objects.get(meeting=meeting).snapshot is None  # the last one: thawed
    attendance.checkout(sec, meeting, shop.members["council_member"])  # a correction
    assert Attendance.objects.filter(meeting=meeting).count() == 4
    minutes.minutes_sign(scene.access(shop, "president"), meeting)
    minutes.minutes_sign(scene.access(shop, "member"), meeting)
    assert len(Minutes.objects.get(meeting=meeting).snapshot["present"]) == 4
    minutes.minutes_reopen(sec, meeting)
    acta = Minutes.objects.get(meeting=meeting)
    assert acta.snapshot is None and not acta.signatures.exists()
    minutes.minutes_update(sec, meeting, narrative="Corregida.")
    assert Minutes.objects.get(meeting=meeting).narrative == "Corregida."
    # once in the book, nothing reopens
    for persona in ("president", "secretary", "member", "auditor"):
        minutes.minutes_sign(scene.access(shop, persona), meeting)
    assert MinuteBookEntry.objects.filter(minutes__meeting=meeting).exists()
    with pytest.raises(ServiceError):
        minutes.minutes_reopen(sec, meeting)
    with pytest.raises(ServiceError):
        minutes.minutes_withdraw_signature(sec, meeting, MinutesSignature.objects.first().pk)
    assert MinutesSignature.objects.count() == 4


def scene_page(shop, meeting, persona, client=None):
    from django.test import Client

    client = client or Client()
    client.force_login(shop.users[persona])
    return client.get(url(shop, "meeting_minutes", meeting.pk)).content.decode()


def current_step(page: str) -> str:
    import re

    found = re.search(r'<li class="step-(\w+) current" aria-current="step">', page)
    assert found, "no current step"
    return found.group(1)


def test_the_minutes_page_walks_every_state_with_a_way_forward(client, shop):
    scene.add_president(shop)
    meeting = scene.in_session(shop, present=PRESENT)
    scene.closed_motion(shop, meeting, dict.fromkeys(PRESENT, "for"))
    client.force_login(shop.users["secretary"])
    minutes_url = url(shop, "meeting_minutes", meeting.pk)

    # writing: the meeting is in session; the narrative can be written
    page = client.get(minutes_url).content.decode()
    assert current_step(page) == "narrative"
    assert f'action="{url(shop, "minutes_edit", meeting.pk)}"' in page
    # the order of the task: narrative, then signers, then review, then signatures
    positions = [
        page.index(f'id="{h}"') for h in ("narrative-h", "signers-h", "review-h", "sign-h")
    ]
    assert positions == sorted(positions)

    client.post(url(shop, "meeting_close", meeting.pk))
    client.post(url(shop, "minutes_edit", meeting.pk), {"narrative": "Se debatió."})
    # draft: the signers are next; the picker says who can sign in the app
    Member.objects.filter(pk=shop.members["auditor"].pk).update(user=None)
    page = client.get(minutes_url).content.decode()
    assert current_step(page) == "signers"
    for label in ("%(name)s (can sign in the app)", "%(name)s (no account: signs on paper)"):
        assert es(label).replace("%(name)s ", "") in page
    assert url(shop, "minutes_sign", meeting.pk) not in page  # nobody signs before that
    client.post(
        url(shop, "minutes_signers", meeting.pk),
        {"members": [shop.members["member"].pk, shop.members["auditor"].pk]},
    )
    # review: the hash to sign, and the secretary's own signature is a link to a confirmation
    page = client.get(minutes_url).content.decode()
    assert current_step(page) == "review"
    hash_to_sign = minutes.minutes_hash_to_sign(meeting)
    assert hash_to_sign in page and f'href="{url(shop, "minutes_sign", meeting.pk)}"' in page
    asked = client.get(url(shop, "minutes_sign", meeting.pk)).content.decode()
    assert f'name="content_hash" value="{hash_to_sign}"' in asked
    assert not MinutesSignature.objects.exists()
    client.post(url(shop, "minutes_sign", meeting.pk), {"content_hash": hash_to_sign})

    # signing: who is missing, whether they can sign in the app, and the ways forward
    page = client.get(minutes_url).content.decode()
    assert current_step(page) == "signatures"
    assert es("no account: record a signature on paper") in page
    assert url(shop, "minutes_paper", meeting.pk) in page
    assert url(shop, "minutes_reopen", meeting.pk) in page
    assert url(shop, "minutes_replace", meeting.pk) in page
    signature = MinutesSignature.objects.get()
    assert url(shop, "minutes_withdraw", meeting.pk, signature.pk) in page
    assert url(shop, "minutes_edit", meeting.pk) not in page  # frozen

    # reopen (asked first), and sign again
    assert client.get(url(shop, "minutes_reopen", meeting.pk)).status_code == 200
    assert MinutesSignature.objects.count() == 1
    client.post(url(shop, "minutes_reopen", meeting.pk))
    assert not MinutesSignature.objects.exists()
    assert current_step(client.get(minutes_url).content.decode()) == "review"
    client.post(url(shop, "minutes_sign", meeting.pk))
    # the paper signature, through the page's form
    response = client.post(
        url(shop, "minutes_paper", meeting.pk),
        {
            "role": "member",
            "member": shop.members["auditor"].pk,
            "signed_on": timezone.localdate().isoformat(),
            "scan": scan(),
        },
    )
    assert response.status_code == 302
    paper = MinutesSignature.objects.get(on_paper=True)
    scanned = client.get(url(shop, "minutes_scan", meeting.pk, paper.pk))
    assert scanned.status_code == 200 and b"".join(scanned.streaming_content) == PDF
    for persona in ("president", "member"):
        client.force_login(shop.users[persona])
        client.post(url(shop, "minutes_sign", meeting.pk))
    # in the book: the number and hash, no more actions
    client.force_login(shop.users["secretary"])
    page = client.get(minutes_url).content.decode()
    # the acta's entry (its attendance page went into the attendance book with it)
    entry = MinuteBookEntry.objects.get(minutes__meeting=meeting)
    assert current_step(page) == "book" and entry.hash in page
    for name in ("minutes_sign", "minutes_paper", "minutes_reopen", "minutes_edit"):
        assert url(shop, name, meeting.pk) not in page
