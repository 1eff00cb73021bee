from __future__ import annotations

from django.http import HttpRequest


def workplace_nav(request: HttpRequest) -> dict[str, object]:
    """The current workplace and the links the person may follow there."""
    workplace = getattr(request, "workplace", None)
    access = getattr(request, "access", None)
    if workplace is None or access is None:
        return {}
    return {
        "workplace": workplace,
        "access": access,
        "can": {
            rule.replace(".", "_"): access.can(rule)
            for rule in (
                "workplace.view",
                "workplace.edit",
                "register.view",
                "register.export",
                "register.write",
                "member.invite",
            )
        },
    }
