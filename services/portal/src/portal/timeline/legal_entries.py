"""What legal's events say on the timeline: proposals and court procedures, the partner bailiffs' missions, costs
and collections, insolvency dividends and credit insurance. A new legal event is one line of `LEGAL`."""

from __future__ import annotations

from shared.events.base import Event
from shared.events.legal import FundsCollected
from shared.events.legal_insurance import InsuranceClaimDeclared, InsuranceIndemnityPaid
from shared.events.legal_missions import LegalCostIncurred, MissionAssigned, MissionEnded, MissionReported
from shared.events.legal_procedures import (
    AdministratorPaid,
    LegalDeadlineApproaching,
    ProcedureClosed,
    ProcedureOpened,
    ProcedureProposed,
    ProcedureStatusChanged,
)

from portal.timeline.wording import Describer, Said, said


def procedure_proposed(event: ProcedureProposed) -> Said:
    if event.proposal == "close":
        return said(
            "Clôture du dossier proposée le {proposed_on}, le mandat ne couvrant pas la phase judiciaire",
            "Closing the case proposed on {proposed_on}, the mandate not covering the legal phase",
        )(event)
    return said(
        "Action en justice proposée le {proposed_on} : en attente de décision",
        "Legal action proposed on {proposed_on}: awaiting a decision",
    )(event)


LEGAL: tuple[tuple[type[Event], Describer], ...] = (
    (ProcedureProposed, procedure_proposed),
    (
        ProcedureOpened,
        said(
            "Procédure engagée le {opened_on} : {kind:procedure} devant le {court:court}",
            "Court procedure opened on {opened_on}: {kind:procedure} before the {court:court}",
        ),
    ),
    (
        ProcedureStatusChanged,
        said(
            "Procédure judiciaire : {to_state:step} le {occurred_on}",
            "Court procedure: {to_state:step} on {occurred_on}",
        ),
    ),
    (
        LegalDeadlineApproaching,
        said("Échéance à venir le {due_on} : {kind:deadline}", "Deadline coming up on {due_on}: {kind:deadline}"),
    ),
    (
        ProcedureClosed,
        said(
            "Procédure judiciaire close le {closed_on} (dernière étape : {last_state:step})",
            "Court procedure closed on {closed_on} (last step: {last_state:step})",
        ),
    ),
    (
        MissionAssigned,
        said(
            "Dossier confié à un commissaire de justice le {assigned_on} : {kind:mission}",
            "Case given to a bailiff on {assigned_on}: {kind:mission}",
        ),
    ),
    (
        MissionReported,
        said(
            "Le commissaire de justice rapporte le {occurred_on} : {report:report}",
            "The bailiff reports on {occurred_on}: {report:report}",
        ),
    ),
    (
        LegalCostIncurred,
        said(
            "Frais du commissaire de justice : {amount} le {incurred_on}, {borne_by:borne_by} (tarif {tariff})",
            "Bailiff's costs: {amount} on {incurred_on}, {borne_by:borne_by} (tariff {tariff})",
        ),
    ),
    (
        FundsCollected,
        said(
            "Le commissaire de justice a recouvré {amount} le {collected_on} (référence {reference})",
            "The bailiff collected {amount} on {collected_on} (reference {reference})",
        ),
    ),
    (
        MissionEnded,
        said(
            "Mission du commissaire de justice {outcome:mission_outcome} le {ended_on}",
            "The bailiff's mission {outcome:mission_outcome} on {ended_on}",
        ),
    ),
    (
        AdministratorPaid,
        said(
            "Le mandataire judiciaire a versé {amount} le {paid_on} (référence {reference})",
            "The insolvency administrator paid {amount} on {paid_on} (reference {reference})",
        ),
    ),
    (
        InsuranceClaimDeclared,
        said(
            "Menace de sinistre déclarée à l'assureur-crédit le {declared_on} pour {declared_amount}",
            "Threat of loss declared to the credit insurer on {declared_on} for {declared_amount}",
        ),
    ),
    (
        InsuranceIndemnityPaid,
        said(
            "L'assureur-crédit a versé une indemnité de {amount} le {paid_on}",
            "The credit insurer paid an indemnity of {amount} on {paid_on}",
        ),
    ),
)
