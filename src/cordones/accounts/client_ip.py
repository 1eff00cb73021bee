"""The client's address, for the login lock-out (django-axes).

Behind a reverse proxy every request comes from the proxy's address, so a lock-out by
address would lock everyone out together. ``CLIENT_IP_HEADER`` (an environment variable)
names the header the proxy sets, e.g. ``X-Forwarded-For`` or ``X-Real-IP``; the address
taken is the right-most one in it, the one the proxy itself saw (the left-most ones are
whatever the client chose to send). Without it, the connection's address (REMOTE_ADDR).
Set it only when a proxy you run always sets that header: otherwise a client could name
any address.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def meta_key(header: str) -> str:
    return "HTTP_" + header.strip().upper().replace("-", "_")


def client_ip(request: HttpRequest) -> str | None:
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header:
        value = request.META.get(meta_key(header), "")
        addresses = [part.strip() for part in value.split(",") if part.strip()]
        if addresses:
            return addresses[-1]
    return request.META.get("REMOTE_ADDR")
