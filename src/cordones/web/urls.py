from django.contrib.auth import views as auth_views
from django.urls import path

from cordones.web.views import accounts, members, workplaces

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
]
