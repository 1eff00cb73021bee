"""The minute book as a hash chain.

Each signed acta enters the book with the next number; its hash covers its number, its
canonical content and the previous entry's hash, so changing any entry (or removing or
reordering one) breaks every hash after it. Verification names the first entry whose stored
content no longer matches, and every entry whose link is broken.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical(content: Mapping[str, Any]) -> str:
    """One text for one content: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )


def entry_hash(number: int, content: Mapping[str, Any], previous_hash: str) -> str:
    payload = f"{number}\n{previous_hash}\n{canonical(content)}".encode()
    return hashlib.sha256(payload).hexdigest()


@dataclass(frozen=True)
class BookEntry:
    number: int
    content: Mapping[str, Any]
    previous_hash: str
    hash: str


@dataclass(frozen=True)
class Problem:
    number: int
    reason: str  # "content_altered" | "chain_broken" | "number_gap"


def verify(entries: Iterable[BookEntry]) -> list[Problem]:
    """Re-check every entry; an empty list means the book is intact."""
    problems: list[Problem] = []
    expected_previous = GENESIS
    expected_number = 1
    for entry in sorted(entries, key=lambda e: e.number):
        if entry.number != expected_number:
            problems.append(Problem(entry.number, "number_gap"))
        if entry.previous_hash != expected_previous:
            problems.append(Problem(entry.number, "chain_broken"))
        if entry_hash(entry.number, entry.content, entry.previous_hash) != entry.hash:
            problems.append(Problem(entry.number, "content_altered"))
        expected_previous = entry.hash
        expected_number = entry.number + 1
    return problems


def content_hash(content: Mapping[str, Any]) -> str:
    """The SHA-256 of an acta's canonical content: what every signer of it signs."""
    return hashlib.sha256(canonical(content).encode()).hexdigest()
