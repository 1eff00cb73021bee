"""`cordones verify-books`: re-check every legal book of every workplace (or of one): the
books of actas and attendance of each body, the síndico's reports, the members register and
the journal. Names each entry that was altered, removed, added behind the services' back or
reordered, and checks each book against its anchors (the heads recorded on the books page,
and any given here from a printed page or the síndico's file).

Exit status: 0 every book intact; 1 something is wrong; 2 bad usage (unknown workplace or
book, malformed anchor)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cordones.books.selectors import books_overview
from cordones.domain.books import catalog, chain
from cordones.workplaces.models import Workplace

REASONS = {
    "content_altered": "its content no longer matches its hash",
    "chain_broken": "it does not follow the entry before it",
    "number_gap": "an entry before it is missing",
    "missing": "it was removed (its link is still in the chain)",
    "unchained": "it was never entered through the books (no link in the chain)",
    "truncated": "it was removed: an anchor recorded the book up to this entry",
    "anchor_mismatch": "its hash differs from the one an anchor recorded",
    "acta_missing": "the acta it records attendance for is missing or was changed",
    "provenance_broken": "the entry of the former minute book it came from is missing or differs",
    "not_carried": "its copy in its body's book is missing",
}


def _usage(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def _parse_anchor(text: str, default_book: str | None) -> tuple[str, chain.Anchor]:
    book, sep, rest = text.partition("=")
    if not sep:
        book, rest = default_book or "", text
    anchor = chain.parse_anchor(rest)
    if anchor is None or not catalog.is_valid(book):
        raise _usage(
            f"bad anchor {text!r}: write BOOK=COUNT:HASH (BOOK one of "
            f"{', '.join(catalog.STANDARD)}), or COUNT:HASH with --book"
        )
    return book, anchor


def _read_anchor_file(path: str) -> dict[str, dict[str, list[chain.Anchor]]]:
    """Lines `SLUG BOOK COUNT:HASH` (as the books page exports them); # starts a comment."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise _usage(f"cannot read the anchor file {path}: {exc.strerror}") from None
    found: dict[str, dict[str, list[chain.Anchor]]] = defaultdict(lambda: defaultdict(list))
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        anchor = chain.parse_anchor(parts[2]) if len(parts) == 3 else None
        if anchor is None or not catalog.is_valid(parts[1]):
            raise _usage(f"{path}:{number}: write SLUG BOOK COUNT:HASH")
        found[parts[0]][parts[1]].append(anchor)
    return found


class Command(BaseCommand):
    help = (
        "Verify the legal books (actas, attendance, síndico reports, register, journal) "
        "of every workplace, or of one; exit 1 if anything is wrong, 2 on bad usage."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--workplace", help="short name (slug) of one workplace")
        parser.add_argument("--book", help="only this book (e.g. assembly_minutes, journal)")
        parser.add_argument(
            "--anchor",
            action="append",
            default=[],
            help="a head kept outside: BOOK=COUNT:HASH (or COUNT:HASH with --book); "
            "needs --workplace; may repeat",
        )
        parser.add_argument(
            "--anchors", help="a file of anchors, lines 'SLUG BOOK COUNT:HASH' (the books page)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options.get("workplace")
        only = options.get("book")
        if only and not catalog.is_valid(only):
            raise _usage(f"unknown book {only!r}: one of {', '.join(catalog.STANDARD)}")
        workplaces = Workplace.objects.order_by("slug")
        if slug:
            workplaces = workplaces.filter(slug=slug)
            if not workplaces.exists():
                raise _usage(f"no workplace is called {slug!r}")
        elif options["anchor"]:
            raise _usage("--anchor needs --workplace")
        given = _read_anchor_file(options["anchors"]) if options.get("anchors") else {}
        unknown = sorted(set(given) - set(Workplace.objects.values_list("slug", flat=True)))
        if unknown:
            raise _usage(f"the anchor file names unknown workplaces: {', '.join(unknown)}")
        for text in options["anchor"]:
            book, anchor = _parse_anchor(text, only)
            given.setdefault(slug, {}).setdefault(book, []).append(anchor)  # type: ignore[arg-type]
        broken = False
        for workplace in workplaces:
            for state in books_overview(workplace, anchors=given.get(workplace.slug), only=only):
                anchors = f", {state.anchors_checked} anchors" if state.anchors_checked else ""
                if state.intact:
                    self.stdout.write(
                        f"{workplace.slug}: {state.key}: {state.count} entries, intact"
                        f"{anchors}, head {state.head}"
                    )
                    continue
                broken = True
                for problem in state.problems:
                    self.stdout.write(
                        f"{workplace.slug}: {state.key}: entry {problem.seq}: "
                        f"{REASONS.get(problem.reason, problem.reason)}"
                    )
        if broken:
            raise SystemExit(1)
