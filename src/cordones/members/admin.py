from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from cordones.members.models import Invitation, Member, RegisterEntry


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ("workplace", "number", "full_name", "email", "user")
    list_filter = ("workplace",)
    search_fields = ("full_name", "email", "national_id")
    # who a member is (their account) changes only through the register's service
    # (members.services.member_account_link), which the workplace's secretary calls and
    # which is logged: an operator cannot make themself, or anyone, a member here
    readonly_fields = ("workplace", "number", "user")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # members enter through an admission in the register


@admin.register(RegisterEntry)
class RegisterEntryAdmin(admin.ModelAdmin):
    """Read-only: the register is append-only, even for operators."""

    list_display = ("workplace", "seq", "member", "kind", "on", "recorded_at")
    list_filter = ("workplace", "kind")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("workplace", "member", "email", "expires_at", "accepted_at")
    list_filter = ("workplace",)
    exclude = ("token_hash",)
