"""The books' chains as pure functions: linking, verification of rows kept apart from their
links, heads and anchors, and the migrated actas' provenance (ADR 0013)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from cordones.domain.books import catalog, chain
from cordones.domain.books.minutes import cross_problems, migrated_content, original_content


def _book(n: int) -> tuple[list[chain.Link], dict[int, dict[str, object]]]:
    contents = {seq: {"seq": seq, "text": f"entry {seq}"} for seq in range(1, n + 1)}
    return chain.extend(None, sorted(contents.items())), contents


def test_an_intact_book_verifies_and_its_head_is_its_last_link():
    links, contents = _book(4)
    assert chain.verify(links, contents) == []
    assert chain.head(links) == chain.Head(4, links[-1].hash)
    assert chain.head([]) == chain.Head(0, chain.GENESIS)


def test_each_kind_of_tampering_is_named_at_its_entry():
    links, contents = _book(5)
    altered = {**contents, 2: {"seq": 2, "text": "otra cosa"}}
    assert chain.verify(links, altered) == [chain.Problem(2, "content_altered")]
    removed = {k: v for k, v in contents.items() if k != 3}
    assert chain.verify(links, removed) == [chain.Problem(3, "missing")]
    added = {**contents, 6: {"seq": 6}}
    assert chain.verify(links, added) == [chain.Problem(6, "unchained")]
    without_link = [lk for lk in links if lk.seq != 3]
    reasons = {(p.seq, p.reason) for p in chain.verify(without_link, contents)}
    assert reasons == {(4, "number_gap"), (4, "chain_broken"), (3, "unchained")}


def test_a_truncated_chain_is_consistent_but_not_with_its_anchor():
    links, contents = _book(3)
    anchor = chain.head(links)
    short = links[:2]
    assert chain.verify(short, {k: v for k, v in contents.items() if k < 3}) == []
    assert chain.check_anchor(short, anchor) == [chain.Problem(3, "truncated")]
    rewritten = chain.extend(None, [(1, {"x": 1}), (2, {"x": 2}), (3, {"x": 3})])
    assert chain.check_anchor(rewritten, anchor) == [chain.Problem(3, "anchor_mismatch")]
    assert chain.check_anchor(links, anchor) == []
    assert chain.check_anchor(links, chain.Head(0, chain.GENESIS)) == []


def test_anchors_parse_only_as_printed():
    good = "7:" + "ab" * 32
    assert chain.parse_anchor(good) == chain.Anchor(7, "ab" * 32)
    assert chain.parse_anchor(" 7:" + "AB" * 32 + " ") == chain.Anchor(7, "ab" * 32)
    for bad in ("", "7", "x:" + "a" * 64, "7:" + "a" * 63, "7:" + "g" * 64, "-1:" + "a" * 64):
        assert chain.parse_anchor(bad) is None


def test_journal_content_is_the_same_however_the_amount_is_written():
    def content(amount):
        return chain.journal_content(
            number=1,
            on=date(2025, 3, 1),
            narration="x",
            kind="regular",
            section="",
            ref="",
            source="ledger",
            reverses=None,
            lines=[(2, "1.1.02", -amount, ""), (1, "5.1", amount, "")],
        )

    assert content(Decimal("100")) == content(Decimal("100.00"))
    assert content(Decimal("100"))["lines"][0] == [1, "5.1", "100.00", ""]
    assert content(Decimal("100")) != content(Decimal("1000"))


def test_a_migrated_acta_names_its_origin_and_gives_back_its_content():
    old = {"number": 3, "title": "Asamblea", "present": [[1, "Ana"]]}
    moved = migrated_content(
        old, book=catalog.ASSEMBLY_MINUTES, number=1, old_number=3, old_hash="h" * 64
    )
    assert moved["provenance"] == {"book": "legacy_minutes", "number": 3, "hash": "h" * 64}
    assert original_content(moved) == old
    legacy = {3: (old, "h" * 64)}
    assert cross_problems(catalog.ASSEMBLY_MINUTES, [(1, moved)], {}, legacy) == []
    changed = {3: ({**old, "title": "otra"}, "h" * 64)}
    assert cross_problems(catalog.ASSEMBLY_MINUTES, [(1, moved)], {}, changed) == [
        (1, "provenance_broken")
    ]


def test_book_keys_per_body():
    assert catalog.minutes_book("general_assembly", 4) == "assembly_minutes"
    assert catalog.attendance_book("council", 5) == "council_attendance"
    assert catalog.minutes_book("commission", 9) == "body9_minutes"
    assert catalog.body_id_of("body9_attendance") == 9
    assert catalog.is_valid("body9_minutes") and not catalog.is_valid("body9_other")
    assert not catalog.is_valid("typo")
