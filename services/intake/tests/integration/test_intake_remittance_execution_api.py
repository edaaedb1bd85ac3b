"""The remittance transfer as the agency's bank reads it (issue 12, finding 6): executed on a TARGET2 business day,
never on the Sunday a run was made, and debited through the agency's bank named by its BIC in DbtrAgt."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from lxml import etree
from pydantic import ValidationError

from shared.demo import DEMO_CREDITOR_ID

from intake.config import Settings
from intake.money.sepa_transfer import validate_pain001

NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}


def funds_to_remit(api, open_case, pay, invoice) -> None:
    case = open_case("REM-SUN", [invoice("F-1", "2026-09-01", "500.00")])
    assert pay(case, "500.00", "2026-11-20").status_code == 201
    account = api.client.put(
        f"/api/v1/intake/creditors/{DEMO_CREDITOR_ID}/bank-account",
        json={"iban": "FR1420041010050500013M02606"},
        headers=api.admin,
    )
    assert account.status_code == 200, account.text


@pytest.mark.intake_settings(agency_bic="agrifrpp")
def test_a_run_made_on_a_sunday_is_executed_on_monday_through_the_agencys_bank(api, clock, open_case, pay, invoice):
    funds_to_remit(api, open_case, pay, invoice)
    clock.set(datetime(2026, 11, 29, 10, 0, tzinfo=UTC))  # a Sunday
    response = api.client.post("/api/v1/remittances/runs", json={}, headers=api.agent)
    assert response.status_code == 201, response.text
    run = response.json()
    assert run["execution_date"] == "2026-11-30"
    document = api.client.get(run["transfer_url"], headers=api.agent).content
    validate_pain001(document)
    payment = etree.fromstring(document).find("p:CstmrCdtTrfInitn/p:PmtInf", NS)
    assert payment.findtext("p:ReqdExctnDt", namespaces=NS) == "2026-11-30"
    assert payment.findtext("p:DbtrAgt/p:FinInstnId/p:BIC", namespaces=NS) == "AGRIFRPP"


def test_a_date_asked_for_on_good_friday_moves_past_easter_monday(api, open_case, pay, invoice):
    funds_to_remit(api, open_case, pay, invoice)
    response = api.client.post("/api/v1/remittances/runs", json={"execution_date": "2027-03-26"}, headers=api.agent)
    assert response.status_code == 201, response.text
    assert response.json()["execution_date"] == "2027-03-30"


@pytest.mark.intake_settings(agency_bic=None)
def test_no_run_is_made_while_the_agencys_bic_is_unknown(api, open_case, pay, invoice):
    funds_to_remit(api, open_case, pay, invoice)
    response = api.client.post("/api/v1/remittances/runs", json={}, headers=api.agent)
    assert response.status_code == 409 and "INTAKE_AGENCY_BIC" in response.json()["detail"]


@pytest.mark.parametrize("written", ["AGRIFRP", "AGRI1RPP", "BNPAFRPPXXXX"])
def test_a_mistyped_agency_bic_stops_the_settings_from_loading(written):
    with pytest.raises(ValidationError, match="INTAKE_AGENCY_BIC"):
        Settings(profile="test", database_url="postgresql+psycopg://nobody@127.0.0.1:1/none", agency_bic=written)


def test_a_blank_agency_bic_is_unset_and_a_lowercase_one_is_normalised():
    url = "postgresql+psycopg://nobody@127.0.0.1:1/none"
    assert Settings(profile="test", database_url=url, agency_bic=" ").agency_bic is None
    assert Settings(profile="test", database_url=url, agency_bic="bnpafrppxxx").agency_bic == "BNPAFRPPXXX"
