"""The count sheet: a plain-text, round-by-round account a teller can read aloud.

Every label is a message id rendered through the ``gettext`` callable given (identity by default),
so the Django layer can pass ``django.utils.translation.gettext``.  Candidate names are never
translated.
"""

from __future__ import annotations

from collections.abc import Callable

from cordones.domain.common.i18n import Gettext, identity
from cordones.domain.voting import messages as m
from cordones.domain.voting.messages import Number, format_number
from cordones.domain.voting.result import (
    Outcome,
    Round,
    TallyResult,
    TieBreak,
    TiePurpose,
    TieResolution,
    Transfer,
)

_LABELS = {
    "for": m.LABEL_FOR,
    "against": m.LABEL_AGAINST,
    "abstain": m.LABEL_ABSTAIN,
    "consent": m.LABEL_CONSENT,
    "stand_aside": m.LABEL_STAND_ASIDE,
    "object": m.LABEL_OBJECT,
}
_PURPOSES = {
    TiePurpose.EXCLUSION: m.TIE_PURPOSE_EXCLUSION,
    TiePurpose.SURPLUS: m.TIE_PURPOSE_SURPLUS,
    TiePurpose.SEAT: m.TIE_PURPOSE_SEAT,
    TiePurpose.ORDER: m.TIE_PURPOSE_ORDER,
    TiePurpose.MOTION: m.TIE_PURPOSE_MOTION,
}
_OUTCOMES = {
    Outcome.ADOPTED: m.OUTCOME_ADOPTED,
    Outcome.REJECTED: m.OUTCOME_REJECTED,
    Outcome.PENDING: m.OUTCOME_PENDING,
}
_LABELLED_METHODS = ("majority", "consent", "consensus")


def render_count_sheet(result: TallyResult, gettext: Gettext = identity) -> str:
    """The whole count as text, one line per fact, in the order it happened."""
    _ = gettext
    labelled = result.method in _LABELLED_METHODS

    def label(name: str) -> str:
        return _(_LABELS[name]) if labelled and name in _LABELS else name

    def say(msgid: str, **params: object) -> str:
        return m.Message.of(msgid, **params).render(gettext)

    lines = [say(m.SHEET_TITLE, method=m.Message(result.method_name))]
    if result.title:
        lines.append(say(m.SHEET_ELECTION, title=result.title))
    if result.rule is not None:
        lines.append(say(m.SHEET_RULE, rule=result.rule))
    if not labelled:
        lines.append(say(m.SHEET_CANDIDATES, count=len(result.candidates)))
        lines.append(say(m.SHEET_SEATS, seats=result.seats))
    lines.append(say(m.SHEET_VALID, count=result.valid_ballots))
    if result.invalid_ballots:
        lines.append(say(m.SHEET_INVALID, count=result.invalid_ballots))
    if result.quota is not None and result.method == "stv":
        lines.append(say(m.SHEET_QUOTA, quota=result.quota))
    lines.extend(note.render(gettext) for note in result.notes)

    heading = m.SHEET_STAGE if result.method == "stv" else m.SHEET_ROUND
    previous: dict[str, Number] = {}
    for round_ in result.rounds:
        lines.append("")
        lines.append(say(heading, number=round_.number, action=round_.action))
        if round_.transfers:
            lines.append("  " + _(m.SHEET_TRANSFERS))
            lines.extend("    " + _transfer_line(t, gettext) for t in round_.transfers)
        if round_.counts:
            if result.method == "schulze":
                lines.append("  " + _(m.SHEET_BEATS))
            lines.extend(_counts_table(result, round_, previous, label, gettext))
            previous = dict(round_.counts)
        if round_.pairwise:
            lines.extend(_matrix(result.candidates, round_, gettext))
        if round_.keep_values:
            lines.append("  " + _(m.SHEET_KEEP_VALUES))
            lines.extend(
                "    " + say(m.SHEET_KEEP_VALUE, name=name, value=value)
                for name, value in round_.keep_values
            )
        if round_.quota is not None and result.method == "meek":
            lines.append("  " + say(m.SHEET_QUOTA, quota=round_.quota))
        lines.extend("  " + _tie_line(tie, label, gettext) for tie in round_.ties)
        if round_.excluded and result.method == "meek":  # elsewhere the action says it
            lines.append("  " + say(m.SHEET_EXCLUDED, names=round_.excluded))
        if round_.elected:
            lines.append("  " + say(m.SHEET_ELECTED, names=round_.elected))
        lines.extend("  " + note.render(gettext) for note in round_.notes)

    lines.append("")
    lines.append(_(m.SHEET_RESULT))
    if result.outcome is not None:
        lines.append(say(m.SHEET_OUTCOME, outcome=m.Message(_OUTCOMES[result.outcome])))
    elif result.winners:
        lines.append(say(m.SHEET_WINNERS, names=result.winners))
    else:
        lines.append(_(m.SHEET_NO_WINNER))
    if result.ranking and len(result.ranking) > 1:
        groups = [
            group[0] if len(group) == 1 else say(m.SHEET_GROUP_TIED, names=group)
            for group in result.ranking
        ]
        lines.append(say(m.SHEET_RANKING, ranking=" > ".join(groups)))
    if result.tie_broken_by_lot:
        lines.append(say(m.SHEET_LOT_USED, seed=result.lot_seed))
    if result.lot_required:
        lines.append(say(m.SHEET_LOT_REQUIRED, names=result.tied))
    return "\n".join(lines) + "\n"


def _counts_table(
    result: TallyResult,
    round_: Round,
    previous: dict[str, Number],
    label: Callable[[str], str],
    gettext: Gettext,
) -> list[str]:
    _ = gettext
    rows: list[tuple[str, str, str]] = []
    for name, value in round_.counts:
        change = ""
        if previous and name in previous:
            delta = value - previous[name]  # type: ignore[operator]
            if delta:
                change = ("+" if delta > 0 else "") + format_number(delta)
        rows.append((label(name), change, format_number(value)))
    extra: list[tuple[str, Number]] = []
    if result.method == "stv":
        extra = [(m.SHEET_NON_TRANSFERABLE, round_.exhausted), (m.SHEET_LOSS, round_.loss)]
    elif result.method == "irv":
        extra = [(m.SHEET_EXHAUSTED, round_.exhausted)]
    elif result.method == "meek":
        extra = [(m.SHEET_EXCESS, round_.exhausted)]
    for msgid, value in extra:
        rows.append((_(msgid), "", format_number(value)))
    column = m.SHEET_COL_BEATEN if result.method == "schulze" else m.SHEET_COL_VOTES
    header = (
        _(m.SHEET_COL_CANDIDATE),
        _(m.SHEET_COL_CHANGE) if previous else "",
        _(column),
    )
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
    out = []
    for row in [header, *rows]:
        out.append(
            "    "
            + row[0].ljust(widths[0])
            + "  "
            + row[1].rjust(widths[1])
            + "  "
            + row[2].rjust(widths[2])
        )
    return [line.rstrip() for line in out]


def _matrix(candidates: tuple[str, ...], round_: Round, gettext: Gettext) -> list[str]:
    values = {(a, b): v for a, b, v in round_.pairwise}
    n = len(candidates)
    cells = [
        [format_number(values[(a, b)]) if a != b else "-" for b in candidates] for a in candidates
    ]
    width = max([len(str(n))] + [len(c) for row in cells for c in row])
    lines = ["  " + gettext(m.SHEET_PAIRWISE_HEADER)]
    lines.append(
        "    " + " " * (len(str(n)) + 1) + " ".join(str(j + 1).rjust(width) for j in range(n))
    )
    for i, row in enumerate(cells):
        lines.append(
            "    " + str(i + 1).rjust(len(str(n))) + " " + " ".join(c.rjust(width) for c in row)
        )
    lines.extend(
        "    " + m.Message.of(m.SHEET_LEGEND, number=i + 1, name=name).render(gettext)
        for i, name in enumerate(candidates)
    )
    return lines


def _transfer_line(transfer: Transfer, gettext: Gettext) -> str:
    whole = transfer.transfer_value is None and transfer.votes == transfer.papers
    if transfer.target is None:
        msgid = m.SHEET_TRANSFER_NONE_WHOLE if whole else m.SHEET_TRANSFER_NONE
    elif transfer.transfer_value is not None:
        msgid = m.SHEET_TRANSFER_VALUE
    else:
        msgid = m.SHEET_TRANSFER_WHOLE if whole else m.SHEET_TRANSFER
    return m.Message.of(
        msgid,
        papers=transfer.papers,
        source=transfer.source,
        target=transfer.target or "",
        votes=transfer.votes,
        value=transfer.transfer_value if transfer.transfer_value is not None else "",
    ).render(gettext)


def _tie_line(tie: TieBreak, label: Callable[[str], str], gettext: Gettext) -> str:
    purpose = m.Message(_PURPOSES[tie.purpose])
    if tie.resolution is TieResolution.HISTORY:
        msgid = m.SHEET_TIE_HISTORY
    elif tie.resolution is TieResolution.LOT:
        msgid = m.SHEET_TIE_LOT
    elif tie.resolution is TieResolution.CHAIR:
        msgid = m.SHEET_TIE_CHAIR
    else:
        msgid = m.SHEET_TIE_PENDING
    awaiting_chair = tie.resolution is TieResolution.AWAITING_CHAIR
    how = m.Message(m.SHEET_TIE_HOW_CHAIR if awaiting_chair else m.SHEET_TIE_HOW_LOT)
    return m.Message.of(
        msgid,
        names=tuple(label(c) for c in tie.candidates),
        purpose=purpose,
        round=tie.decided_by_round if tie.decided_by_round is not None else "",
        chosen=tuple(label(c) for c in tie.chosen),
        how=how,
    ).render(gettext)
