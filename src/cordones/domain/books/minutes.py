"""Minute books and attendance books: what an attendance entry holds, how an acta moved
from the one mixed minute book into its body's book, and the checks that tie the books
together (pure functions; ADR 0013)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from cordones.domain.books import catalog


def attendance_content(
    *,
    book: str,
    number: int,
    acta_book: str,
    acta_number: int,
    acta_hash: str,
    acta: Mapping[str, Any],
    checkins: Mapping[int, tuple[str | None, bool | None]],
) -> dict[str, Any]:
    """The page of the attendance book for one meeting: who attended (from the acta's
    frozen list, with when and how each checked in), signed with the acta (its signatures
    and its hash)."""
    present = []
    for member_number, name, *_rest in acta.get("present", []):
        when, by_self = checkins.get(member_number, (None, None))
        how = None if by_self is None else ("self" if by_self else "secretary")
        present.append([member_number, name, when, how])
    return {
        "book": book,
        "number": number,
        "acta": {"book": acta_book, "number": acta_number, "hash": acta_hash},
        "workplace": acta.get("workplace", ""),
        "body": acta.get("body", ""),
        "meeting": acta.get("meeting"),
        "title": acta.get("title", ""),
        "scheduled_at": acta.get("scheduled_at"),
        "members_on_roll": acta.get("members_on_roll"),
        "present": present,
        "signatures": list(acta.get("signatures", [])),
    }


def migrated_content(
    old: Mapping[str, Any], *, book: str, number: int, old_number: int, old_hash: str
) -> dict[str, Any]:
    """An acta of the mixed minute book as it enters its body's book: the same content,
    its new number and book, and where it came from."""
    return {
        **old,
        "number": number,
        "book": book,
        "provenance": {"book": catalog.LEGACY_MINUTES, "number": old_number, "hash": old_hash},
    }


def original_content(content: Mapping[str, Any]) -> dict[str, Any]:
    """What a migrated acta's content was in the mixed book (the inverse of the above)."""
    provenance = content["provenance"]
    old = {k: v for k, v in content.items() if k not in ("book", "provenance", "number")}
    if "number" in content:
        old["number"] = provenance["number"]
    return old


def cross_problems(
    book: str,
    entries: Sequence[tuple[int, Mapping[str, Any]]],
    hashes: Mapping[tuple[str, int], str],
    legacy: Mapping[int, tuple[Mapping[str, Any], str]],
) -> list[tuple[int, str]]:
    """What ties a book to the others: an attendance entry names its acta's hash (so
    removing or rewriting the acta shows); a migrated acta names the entry of the mixed
    book it came from, whose content must be its own."""
    problems: list[tuple[int, str]] = []
    for number, content in entries:
        acta = content.get("acta")
        if (
            catalog.is_attendance(book)
            and isinstance(acta, Mapping)
            and hashes.get((acta.get("book", ""), acta.get("number", 0))) != acta.get("hash")
        ):
            problems.append((number, "acta_missing"))
        provenance = content.get("provenance")
        if isinstance(provenance, Mapping):
            old = legacy.get(provenance.get("number", 0))
            if (
                old is None
                or old[1] != provenance.get("hash")
                or dict(old[0]) != original_content(content)
            ):
                problems.append((number, "provenance_broken"))
    return problems
