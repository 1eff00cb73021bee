"""Every static file a template names exists, so a moved asset (htmx left npm for
django-htmx) fails here instead of silently in a phone's browser."""

from __future__ import annotations

import re
from pathlib import Path

from django.contrib.staticfiles import finders

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "cordones"
STATIC = re.compile(r"""\{%\s*static\s+['"]([^'"]+)['"]\s*%\}""")


def test_every_static_reference_in_a_template_resolves():
    names = {
        (path.relative_to(TEMPLATES).as_posix(), name)
        for path in TEMPLATES.rglob("*.html")
        for name in STATIC.findall(path.read_text(encoding="utf-8"))
    }
    assert len(names) >= 5  # the search itself works
    missing = sorted((template, name) for template, name in names if not finders.find(name))
    assert missing == []
