"""Messages of the planning engine, as data.

Every message is an English msgid with ``%(name)s`` placeholders, marked with
:func:`gettext_noop` so that ``make messages`` extracts it; the web layer or the CLI passes a
gettext-like callable to :meth:`Message.render` to translate it. The domain never translates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

Gettext = Callable[[str], str]


def gettext_noop(msgid: str) -> str:
    """Marks a msgid for extraction (xgettext / makemessages know this keyword)."""
    return msgid


def _identity(msgid: str) -> str:
    return msgid


MESSAGES: Mapping[str, str] = {
    # scenario validation (path names the field, e.g. techniques[3].inputs.steel)
    "not_object": gettext_noop("must be a JSON object"),
    "not_list": gettext_noop("must be a JSON list"),
    "missing": gettext_noop("is required"),
    "unknown_field": gettext_noop("unknown field (expected one of: %(allowed)s)"),
    "bad_id": gettext_noop("must be a non-empty string of at most %(max)s characters"),
    "duplicate_id": gettext_noop('the id "%(id)s" is used twice'),
    "not_number": gettext_noop("must be a finite number, got %(value)s"),
    "out_of_range": gettext_noop("must be between %(low)s and %(high)s, got %(value)s"),
    "too_many": gettext_noop("has %(count)s entries; at most %(max)s are accepted"),
    "unknown_product": gettext_noop('unknown product "%(id)s"'),
    "unknown_workplace": gettext_noop('unknown workplace "%(id)s"'),
    "unknown_technique": gettext_noop('unknown technique "%(id)s"'),
    "unknown_machine": gettext_noop('workplace "%(workplace)s" declares no machine "%(id)s"'),
    "no_output": gettext_noop("a technique must produce at least one product"),
    "min_above_max": gettext_noop("min_runs (%(low)s) is above max_runs (%(high)s)"),
    # solving
    "infeasible": gettext_noop(
        "no plan meets every commitment: the minimum runs cannot be carried out with the "
        "declared capacities and stocks (%(conflict)s)"
    ),
    "solver_failed": gettext_noop("the solver stopped without a plan (%(status)s)"),
    "stage_unfinished": gettext_noop(
        "Stage %(stage)s did not finish in its time; this is the plan of stage %(done)s."
    ),
    "approximate": gettext_noop(
        "This plan was computed with a first-order method (PDLP): its balances and capacities "
        "hold to within %(percent)s %%."
    ),
    # explanation
    "need_unmet": gettext_noop(
        "%(community)s asked for %(quantity)s %(unit)s of %(product)s and would receive "
        "%(delivered)s (%(percent)s %%)."
    ),
    "capacity_binds": gettext_noop(
        "One more hour at %(capacity)s would let %(quantity)s more %(unit)s of %(product)s "
        "be delivered."
    ),
    "capacity_binds_no_gain": gettext_noop(
        "%(capacity)s is fully used, but one more hour there would not raise any delivery."
    ),
    "product_scarce": gettext_noop(
        "One more %(unit)s of %(product)s in stock would raise the weighted fulfilment by "
        "%(value)s."
    ),
    "labour_content": gettext_noop(
        "Making one %(unit)s of %(product)s takes %(hours)s hours of work, direct and indirect."
    ),
}


@dataclass(frozen=True)
class Message:
    """A code from :data:`MESSAGES` and its parameters; rendered only when shown."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)
    path: str = ""

    def render(self, gettext: Gettext | None = None) -> str:
        _ = gettext or _identity
        return _(MESSAGES[self.code]) % dict(self.params)


class PlanningError(Exception):
    """Raised with every problem found (a scenario is refused whole, never half-read)."""

    def __init__(self, problems: list[Message]):
        super().__init__("; ".join(f"{p.path}: {p.render()}" for p in problems))
        self.problems = problems
