from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cordones.accounts.services import profile_update
from cordones.core.errors import ServiceError
from cordones.members import services as member_services
from cordones.web.forms import InvitationAcceptForm, ProfileForm
from cordones.web.views.base import add_service_errors


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        language = form.get_user().preferred_language
        translation.activate(language)
        response.set_cookie(
            "cordones_language", language, samesite="Lax", secure=self.request.is_secure()
        )
        return response


class PasswordResetView(auth_views.PasswordResetView):
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    pass


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={"full_name": user.full_name, "preferred_language": user.preferred_language},  # type: ignore[union-attr]
    )
    if request.method == "POST" and form.is_valid():
        try:
            profile_update(user, **form.cleaned_data)  # type: ignore[arg-type]
        except ServiceError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your profile was saved."))
            response = redirect("profile")
            response.set_cookie(
                "cordones_language",
                form.cleaned_data["preferred_language"],
                samesite="Lax",
                secure=request.is_secure(),
            )
            return response
    return render(request, "accounts/profile.html", {"form": form})


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = member_services.invitation_get_usable(token)
    except ServiceError as exc:
        return render(request, "accounts/invitation_invalid.html", {"error": exc}, status=400)
    logged_in = request.user if request.user.is_authenticated else None
    form = InvitationAcceptForm(
        request.POST if request.method == "POST" else None,
        initial={
            "full_name": invitation.member.full_name,
            "preferred_language": translation.get_language(),
        },
    )
    if logged_in is not None:
        # an existing account only confirms; no password is needed
        for name in ("password", "password_again", "full_name", "preferred_language"):
            form.fields[name].required = False
    if request.method == "POST" and form.is_valid():
        try:
            user = member_services.invitation_accept(
                token,
                password=form.cleaned_data.get("password") or "",
                full_name=form.cleaned_data.get("full_name") or "",
                language=form.cleaned_data.get("preferred_language") or "",
                user=logged_in,  # type: ignore[arg-type]
            )
        except ServiceError as exc:
            add_service_errors(form, exc)
        else:
            if logged_in is None:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! Your account is linked to the members register."))
            return redirect("dashboard", slug=invitation.workplace.slug)
    return render(
        request,
        "accounts/invitation_accept.html",
        {"form": form, "invitation": invitation, "logged_in": logged_in},
    )
