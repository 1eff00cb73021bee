"""Rows of the journal and the register turned into the content their chain covers.

The functions take the model classes, so the data migration that chains the rows already
written (with historical models) and the services (with the real ones) compute the same
content the same way, and verification re-computes it from the rows as they are now.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from typing import Any

from cordones.domain.books import chain


def journal_contents(
    entry_model: Any,
    line_model: Any,
    workplace_id: int,
    numbers: Collection[int] | None = None,
) -> dict[int, dict[str, Any]]:
    entries = entry_model.objects.filter(workplace_id=workplace_id)
    if numbers is not None:
        entries = entries.filter(number__in=list(numbers))
    rows = list(
        entries.values(
            "id", "number", "date", "narration", "kind", "section", "ref", "source", "reverses_id"
        )
    )
    ids = [r["id"] for r in rows]
    reversed_ids = {r["reverses_id"] for r in rows if r["reverses_id"]}
    numbers_by_id = dict(
        entry_model.objects.filter(pk__in=reversed_ids).values_list("id", "number")
    )
    lines: dict[int, list[tuple[int, str, Any, str]]] = defaultdict(list)
    for entry_id, line_no, code, amount, memo in line_model.objects.filter(
        entry_id__in=ids
    ).values_list("entry_id", "line_no", "account__code", "amount", "memo"):
        lines[entry_id].append((line_no, code, amount, memo))
    return {
        r["number"]: chain.journal_content(
            number=r["number"],
            on=r["date"],
            narration=r["narration"],
            kind=r["kind"],
            section=r["section"],
            ref=r["ref"],
            source=r["source"],
            reverses=numbers_by_id.get(r["reverses_id"]) if r["reverses_id"] else None,
            lines=lines.get(r["id"], []),
        )
        for r in rows
    }


def register_contents(
    entry_model: Any, workplace_id: int, seqs: Collection[int] | None = None
) -> dict[int, dict[str, Any]]:
    entries = entry_model.objects.filter(workplace_id=workplace_id)
    if seqs is not None:
        entries = entries.filter(seq__in=list(seqs))
    return {
        r["seq"]: chain.register_content(
            seq=r["seq"],
            member_number=r["member__number"],
            kind=r["kind"],
            on=r["on"],
            shares_subscribed=r["shares_subscribed"],
            shares_paid=r["shares_paid"],
            office=r["office"],
            term_end=r["term_end"],
            term_entry_seq=r["term_entry_seq"],
            departure_reason=r["departure_reason"],
            corrects_seq=r["corrects_seq"],
            corrected_on=r["corrected_on"],
            void=r["void"],
            note=r["note"],
        )
        for r in entries.values(
            "seq",
            "member__number",
            "kind",
            "on",
            "shares_subscribed",
            "shares_paid",
            "office",
            "term_end",
            "term_entry_seq",
            "departure_reason",
            "corrects_seq",
            "corrected_on",
            "void",
            "note",
        )
    }


def chain_rows(
    link_model: Any, workplace_id: int, book: str, contents: dict[int, dict[str, Any]]
) -> list[Any]:
    """Append the links of new rows (numbers after the book's last link), in order."""
    last = link_model.objects.filter(workplace_id=workplace_id, book=book).order_by("-seq").first()
    previous = chain.Link(last.seq, last.previous_hash, last.hash) if last else None
    links = chain.extend(previous, sorted(contents.items()))
    return list(
        link_model.objects.bulk_create(
            link_model(
                workplace_id=workplace_id,
                book=book,
                seq=lk.seq,
                previous_hash=lk.previous_hash,
                hash=lk.hash,
            )
            for lk in links
        )
    )
