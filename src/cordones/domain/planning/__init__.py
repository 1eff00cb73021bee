"""Participatory production planning: the cordón's linear programme, solved with HiGHS.

Pure Python (numpy + highspy, no Django). A :class:`Scenario` declares products, workplaces
with their hours and machines, techniques (what a run makes, uses and takes), community needs
with priorities, and stocks; :func:`plan_solve` builds the programme as CSC arrays
(:func:`lp_build`), solves it in two stages and returns a :class:`Plan` carrying its
explanation; :func:`plan_resolve` re-solves warm after a round's amendments. See
docs/planning.md and ADR 0015.
"""

from cordones.domain.planning.messages import MESSAGES, Message, PlanningError, gettext_noop
from cordones.domain.planning.model import LABOUR, LinearProgramme, lp_build
from cordones.domain.planning.scenario import (
    LIMITS,
    MAX_ITEMS,
    Need,
    Product,
    Scenario,
    Technique,
    Workplace,
    scenario_from_dict,
    scenario_to_dict,
)
from cordones.domain.planning.solve import (
    STAGE1_TOLERANCE,
    AddNeed,
    Amendment,
    Capacity,
    CapHours,
    ChangeCapacity,
    Plan,
    VetoTechnique,
    method_for,
    plan_resolve,
    plan_solve,
    scenario_amend,
)

__all__ = [
    "LABOUR",
    "LIMITS",
    "MAX_ITEMS",
    "MESSAGES",
    "STAGE1_TOLERANCE",
    "AddNeed",
    "Amendment",
    "CapHours",
    "Capacity",
    "ChangeCapacity",
    "LinearProgramme",
    "Message",
    "Need",
    "Plan",
    "PlanningError",
    "Product",
    "Scenario",
    "Technique",
    "VetoTechnique",
    "Workplace",
    "gettext_noop",
    "lp_build",
    "method_for",
    "plan_resolve",
    "plan_solve",
    "scenario_amend",
    "scenario_from_dict",
    "scenario_to_dict",
]
