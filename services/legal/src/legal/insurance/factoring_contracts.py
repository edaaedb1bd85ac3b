"""A creditor's factoring contract: staff enter it (PUT replaces it), the creditor reads its own."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock
from shared.tenancy import check_visible

from legal.domain.factoring import ContractRule
from legal.errors import ContractNotFound
from legal.insurance.api_types import fields_of
from legal.insurance.factoring_models import FactoringContract
from legal.insurance.factoring_schemas import ContractIn, ContractPublic
from legal.insurance.partners import partner_name, partner_of_kind


def put_contract(
    *, session: Session, creditor_id: uuid.UUID, contract_in: ContractIn, principal: Principal, clock: Clock
) -> FactoringContract:
    partner_of_kind(session, contract_in.factor_id, "factor", field="factor_id")
    values = fields_of(contract_in)
    values["debtor_sirens"] = sorted(set(contract_in.debtor_sirens))
    contract = session.get(FactoringContract, creditor_id) or FactoringContract(
        creditor_id=creditor_id, updated_by=principal.subject, **values
    )
    contract.sqlmodel_update(values)
    contract.updated_at, contract.updated_by = clock.now(), principal.subject
    session.add(contract)
    audit(
        session,
        actor=principal,
        action="factoring_contract.saved",
        entity="creditor",
        entity_id=creditor_id,
        clock=clock,
        factor_id=str(contract_in.factor_id),
        contract_number=contract_in.contract_number,
        with_recourse=contract_in.with_recourse,
        eligible_debtors=contract_in.eligible_debtors,
        debtor_sirens=values["debtor_sirens"],
        max_amount=str(contract_in.max_amount) if contract_in.max_amount is not None else None,
    )
    return contract


def get_contract(*, session: Session, creditor_id: uuid.UUID, principal: Principal) -> FactoringContract:
    check_visible(principal, missing=lambda: ContractNotFound(creditor_id), creditor_id=creditor_id)
    contract = session.get(FactoringContract, creditor_id)
    if contract is None:
        raise ContractNotFound(creditor_id)
    return contract


def contract_rule(contract: FactoringContract) -> ContractRule:
    return ContractRule(
        eligible_debtors=contract.eligible_debtors,
        debtor_sirens=frozenset(contract.debtor_sirens),
        currency=contract.currency,
        max_amount=contract.max_amount,
    )


def contract_public(session: Session, contract: FactoringContract) -> ContractPublic:
    return ContractPublic.model_validate(
        {**contract.model_dump(), "factor_name": partner_name(session, contract.factor_id)}
    )
