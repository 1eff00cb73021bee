"""The surplus proposal goes to the ordinary assembly: an agenda item of the matter
"surplus distribution" (a secret ballot by statute) whose adoption posts the distribution
and whose rejection leaves the books untouched."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from cordones.assemblies import effects
from cordones.assemblies.models import AgendaItem, Meeting, Motion
from cordones.assemblies.services import meetings, votes
from cordones.core.errors import ServiceError
from cordones.members.permissions import Access, require
from cordones.surplus.models import ProposalStatus, SurplusProposal
from cordones.surplus.services import surplus_proposal_decide

SOURCE = "surplus"


def proposal_agenda_item(proposal: SurplusProposal) -> AgendaItem | None:
    return (
        AgendaItem.objects.filter(source=f"{SOURCE}:{proposal.pk}")
        .select_related("meeting")
        .order_by("-id")
        .first()
    )


def surplus_proposal_to_agenda(
    access: Access, proposal: SurplusProposal, meeting: Meeting
) -> Motion:
    """Put a submitted proposal on a meeting's agenda with its (secret) motion to approve."""
    require(access, "assembly.manage", proposal.workplace)
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ServiceError.single(
            "", _("Only a proposal submitted to the assembly can go on an agenda.")
        )
    if meeting.workplace_id != proposal.workplace_id:
        raise ServiceError.single("", _("That meeting belongs to another workplace."))
    existing = proposal_agenda_item(proposal)
    if existing is not None and existing.meeting.status != "closed":
        raise ServiceError.single(
            "",
            _("This proposal is already on the agenda of “%(meeting)s”.")
            % {"meeting": existing.meeting.title},
        )
    title = _("Distribution of the surplus of the fiscal year %(year)s") % {
        "year": proposal.fiscal_year.label
    }
    item = meetings.item_add(
        access,
        meeting,
        matter="surplus_distribution",
        title=title,
        description=_("Proposal of the council under the statute's policy (%(policy)s).")
        % {"policy": proposal.policy_id},
        source=f"{SOURCE}:{proposal.pk}",
    )
    return votes.motion_create(
        access, meeting, item=item, title=_("Approve the distribution of the surplus as proposed")
    )


def _decide(ident: str, adopted: bool, motion: Motion) -> None:
    proposal = SurplusProposal.objects.filter(pk=int(ident)).first()
    if proposal is None or proposal.status != ProposalStatus.SUBMITTED:
        return
    meeting = motion.meeting
    reference = _("%(body)s, “%(meeting)s”, motion %(motion)s (secret ballot)") % {
        "body": meeting.body.name,
        "meeting": meeting.title,
        "motion": motion.pk,
    }
    surplus_proposal_decide(proposal, adopted, reference, on=timezone.localdate(motion.closed_at))


def register() -> None:
    effects.register(SOURCE, _decide)
