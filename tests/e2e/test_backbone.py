"""The backbone on the running platform: payments recorded right after validation reach scoring, every time."""

import uuid

import httpx
import pytest

pytestmark = pytest.mark.e2e


def test_ten_cases_validated_and_paid_back_to_back_all_show_the_right_aged_balance(platform):
    """Before the payment events travelled with the case, a balance could reach scoring before the validation
    that placed its case, and was dropped for good (2 tries in 8)."""
    creditor, agent = platform.sign_in("creditor@demo.example"), platform.sign_in("agent@demo.example")
    batch = uuid.uuid4().hex[:6]
    debtors = []
    for index in range(10):
        reference = f"BB-{batch}-{index}"
        opened = httpx.post(
            f"{platform.url()}/api/v1/cases",
            headers=creditor,
            json={
                "reference": reference,
                "kind": "b2b",
                "debtor": {
                    "type": "company",
                    "name": f"Société {batch} numéro {index}",
                    "address": {"line1": f"{index + 1} rue des Lilas", "postal_code": "69003", "city": "Lyon"},
                },
                "invoices": [
                    {
                        "number": f"{reference}-F",
                        "issue_date": "2026-05-02",
                        "due_date": "2026-06-01",
                        "amount": "400.00",
                    }
                ],
            },
        )
        assert opened.status_code == 201, opened.text
        case = opened.json()
        validated = httpx.post(
            f"{platform.url()}/api/v1/cases/{case['id']}/validate",
            headers=agent,
            json={"override_reason": "documents checked by phone"},
        )
        assert validated.status_code == 200, validated.text
        paid = httpx.post(
            f"{platform.url()}/api/v1/payments",
            headers=agent,
            json={
                "case_id": case["id"],
                "amount": "150.00",
                "currency": "EUR",
                "received_on": "2026-07-01",
                "source": "debtor_to_agency",
                "reference": f"VIR-{reference}",
            },
        )
        assert paid.status_code == 201, paid.text
        outstanding = httpx.get(f"{platform.url()}/api/v1/cases/{case['id']}", headers=creditor).json()["outstanding"]
        # 150.00 pays the 40.00 indemnity, 3.99 of penalties (art. 1343-1 C. civ.), then 106.01 of principal
        assert outstanding == "293.99"
        debtors.append(case["debtor"]["id"])

    def aged_balance(debtor_id: str) -> str:
        return httpx.get(
            f"{platform.url()}/api/v1/aged-balance?as_of=2026-10-31&debtor_id={debtor_id}", headers=creditor
        ).json()["total"]

    for debtor_id in debtors:
        assert platform.eventually(lambda debtor_id=debtor_id: aged_balance(debtor_id) == "293.99"), (
            f"debtor {debtor_id}: scoring shows {aged_balance(debtor_id)}"
        )
