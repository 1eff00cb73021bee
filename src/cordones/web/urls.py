from django.contrib.auth import views as auth_views
from django.urls import path

from cordones.web.views import (
    accounts,
    assemblies_bodies,
    assemblies_meetings,
    assemblies_minutes,
    assemblies_register,
    assemblies_votes,
    books,
    members,
    workplaces,
)

A = "w/<slug:slug>/assemblies/"

urlpatterns = [
    path("", workplaces.home, name="home"),
    path("health", workplaces.health, name="health"),
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/profile/", accounts.profile, name="profile"),
    path("accounts/password/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/done/",
        accounts.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/reset/sent/", accounts.PasswordResetDoneView.as_view(), name="password_reset_done"
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/complete/",
        accounts.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("invitation/<str:token>/", accounts.invitation_accept, name="invitation_accept"),
    path("w/<slug:slug>/", workplaces.dashboard, name="dashboard"),
    path("w/<slug:slug>/settings/", workplaces.settings_edit, name="workplace_settings"),
    path("w/<slug:slug>/sections/", workplaces.sections, name="sections"),
    path("w/<slug:slug>/statute/", workplaces.statute, name="statute"),
    path("w/<slug:slug>/register/", members.register, name="register"),
    path("w/<slug:slug>/register/book/", members.register_book, name="register_book"),
    path("w/<slug:slug>/register.csv", members.register_csv, name="register_csv"),
    path("w/<slug:slug>/register.pdf", members.register_pdf, name="register_pdf"),
    path("w/<slug:slug>/register/admit/", members.admit, name="member_admit"),
    path("w/<slug:slug>/register/<int:seq>/correct/", members.correct, name="entry_correct"),
    path("w/<slug:slug>/members/<int:number>/", members.member_detail, name="member_detail"),
    path("w/<slug:slug>/members/<int:number>/office/", members.office_assign, name="office_assign"),
    path(
        "w/<slug:slug>/members/<int:number>/office/<int:term>/end/",
        members.office_end,
        name="office_end",
    ),
    path("w/<slug:slug>/members/<int:number>/shares/", members.shares, name="member_shares"),
    path("w/<slug:slug>/members/<int:number>/depart/", members.depart, name="member_depart"),
    path("w/<slug:slug>/members/<int:number>/invite/", members.invite, name="member_invite"),
    # assemblies and decisions
    path(A, assemblies_meetings.assemblies, name="assemblies"),
    path(A + "new/", assemblies_meetings.meeting_create, name="meeting_create"),
    path(A + "bodies/", assemblies_meetings.bodies, name="bodies"),
    path(A + "bodies/new/", assemblies_bodies.body_create, name="body_create"),
    path(A + "bodies/<int:pk>/rules/", assemblies_bodies.body_rules, name="body_rules"),
    path(A + "<int:pk>/", assemblies_meetings.meeting_detail, name="meeting_detail"),
    path(A + "<int:pk>/edit/", assemblies_meetings.meeting_edit, name="meeting_edit"),
    path(A + "<int:pk>/items/new/", assemblies_meetings.item_add, name="item_add"),
    path(
        A + "<int:pk>/items/<int:item_pk>/documents/new/",
        assemblies_meetings.document_attach,
        name="document_attach",
    ),
    path(
        A + "<int:pk>/documents/<int:doc_pk>/",
        assemblies_meetings.document_download,
        name="document_download",
    ),
    path(A + "<int:pk>/convene/", assemblies_meetings.meeting_convene, name="meeting_convene"),
    path(A + "<int:pk>/open/", assemblies_meetings.meeting_open, name="meeting_open"),
    path(A + "<int:pk>/convocatoria.ics", assemblies_meetings.meeting_ics, name="meeting_ics"),
    path(
        A + "<int:pk>/attendance/",
        assemblies_meetings.meeting_attendance,
        name="meeting_attendance",
    ),
    path(A + "<int:pk>/door/", assemblies_meetings.meeting_door, name="meeting_door"),
    path(A + "<int:pk>/qr.svg", assemblies_meetings.meeting_qr, name="meeting_qr"),
    path(A + "<int:pk>/quorum/", assemblies_meetings.meeting_quorum, name="meeting_quorum"),
    path(
        A + "<int:pk>/checkin/<str:code>/",
        assemblies_meetings.meeting_checkin,
        name="meeting_checkin",
    ),
    path(A + "<int:pk>/live/", assemblies_votes.meeting_live, name="meeting_live"),
    path(
        A + "<int:pk>/live/status/",
        assemblies_votes.meeting_live_status,
        name="meeting_live_status",
    ),
    path(A + "<int:pk>/chair/", assemblies_votes.meeting_chair, name="meeting_chair"),
    path(
        A + "<int:pk>/chair/item/",
        assemblies_votes.meeting_current_item,
        name="meeting_current_item",
    ),
    path(A + "<int:pk>/chair/adjourn/", assemblies_votes.meeting_adjourn, name="meeting_adjourn"),
    path(A + "<int:pk>/chair/close/", assemblies_votes.meeting_close, name="meeting_close"),
    path(A + "<int:pk>/motions/new/", assemblies_votes.motion_create, name="motion_create"),
    path(A + "motions/<int:pk>/", assemblies_votes.motion_result, name="motion_result"),
    path(A + "motions/<int:pk>/vote/", assemblies_votes.ballot_cast, name="ballot_cast"),
    path(A + "motions/<int:pk>/receipt/", assemblies_votes.ballot_receipt, name="ballot_receipt"),
    path(
        A + "motions/<int:pk>/receipt.txt",
        assemblies_votes.ballot_receipt_text,
        name="ballot_receipt_text",
    ),
    path(A + "motions/<int:pk>/open/", assemblies_votes.motion_open, name="motion_open"),
    path(A + "motions/<int:pk>/close/", assemblies_votes.motion_close, name="motion_close"),
    path(
        A + "motions/<int:pk>/round/", assemblies_votes.motion_next_round, name="motion_next_round"
    ),
    path(A + "motions/<int:pk>/tellers/", assemblies_votes.motion_tellers, name="motion_tellers"),
    path(A + "<int:pk>/minutes/", assemblies_minutes.meeting_minutes, name="meeting_minutes"),
    path(A + "<int:pk>/minutes/edit/", assemblies_minutes.minutes_edit, name="minutes_edit"),
    path(
        A + "<int:pk>/minutes/signers/", assemblies_minutes.minutes_signers, name="minutes_signers"
    ),
    path(A + "<int:pk>/minutes/sign/", assemblies_minutes.minutes_sign, name="minutes_sign"),
    path(A + "<int:pk>/minutes/paper/", assemblies_minutes.minutes_paper, name="minutes_paper"),
    path(
        A + "<int:pk>/minutes/replace/", assemblies_minutes.minutes_replace, name="minutes_replace"
    ),
    path(A + "<int:pk>/minutes/reopen/", assemblies_minutes.minutes_reopen, name="minutes_reopen"),
    path(
        A + "<int:pk>/minutes/signatures/<int:signature_pk>/withdraw/",
        assemblies_minutes.minutes_withdraw,
        name="minutes_withdraw",
    ),
    path(
        A + "<int:pk>/minutes/signatures/<int:signature_pk>/scan/",
        assemblies_minutes.minutes_scan,
        name="minutes_scan",
    ),
    path(A + "<int:pk>/acta.pdf", assemblies_minutes.minutes_pdf_view, name="minutes_pdf"),
    path(A + "books/", books.books_index, name="minute_book"),
    path(A + "minute-book.pdf", books.minute_book_pdf, name="minute_book_pdf"),
    path(A + "books/anchors.txt", books.anchors_txt, name="books_anchors_txt"),
    path(A + "books/anchors/record/", books.anchors_record_view, name="books_anchors_record"),
    path(A + "books/auditor-reports/new/", books.auditor_report_new, name="auditor_report_new"),
    path(A + "books/<str:book>/", books.book_detail, name="book_detail"),
    path(A + "books/<str:book>.pdf", books.book_pdf, name="book_pdf"),
    path(A + "petitions/", assemblies_register.petitions, name="petitions"),
    path(A + "petitions/new/", assemblies_register.petition_create, name="petition_create"),
    path(A + "petitions/<int:pk>/sign/", assemblies_register.petition_sign, name="petition_sign"),
    path(
        A + "petitions/<int:pk>/fulfil/",
        assemblies_register.petition_fulfil,
        name="petition_fulfil",
    ),
    path(A + "applications/", assemblies_register.applications, name="applications"),
    path(
        A + "applications/new/", assemblies_register.application_create, name="application_create"
    ),
    path(
        A + "applications/<int:pk>/agenda/",
        assemblies_register.application_agenda,
        name="application_agenda",
    ),
    path("w/<slug:slug>/decisions/", assemblies_register.decisions, name="decisions"),
    path(
        "w/<slug:slug>/decisions/<int:pk>/",
        assemblies_register.decision_detail,
        name="decision_detail",
    ),
    path(
        "w/<slug:slug>/decisions/<int:pk>/assign/",
        assemblies_register.decision_assign,
        name="decision_assign",
    ),
    path(
        "w/<slug:slug>/decisions/<int:pk>/notes/",
        assemblies_register.decision_note,
        name="decision_note",
    ),
    path("w/<slug:slug>/inbox/", assemblies_register.inbox, name="inbox"),
]

from cordones.web.urls_economy import urlpatterns as economy_urlpatterns  # noqa: E402

urlpatterns += economy_urlpatterns
